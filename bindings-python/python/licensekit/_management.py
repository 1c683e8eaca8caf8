"""LicenseSpring Management API (API-key auth): the license check."""

from __future__ import annotations

from ._base import _Family, async_form
from ._verdict import Verdict

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Sequence


class LicenseSpringManagement(_Family):
    """A client for the LicenseSpring Management API (`Authorization: Api-Key …`)."""

    __slots__ = ()

    def __init__(
        self,
        base_url: str,
        *,
        api_key: str,
        timeout: float = 30.0,
        connect_timeout: float = 10.0,
        retries: int = 2,
        initial_backoff: float = 0.2,
        max_backoff: float = 5.0,
        proxy: str | None = None,
        extra_ca_certs_pem: str | Sequence[str] | None = None,
        user_agent: str | None = None,
        allow_insecure_http: bool = False,
    ) -> None:
        super().__init__(
            base_url,
            timeout=timeout,
            connect_timeout=connect_timeout,
            retries=retries,
            initial_backoff=initial_backoff,
            max_backoff=max_backoff,
            proxy=proxy,
            extra_ca_certs_pem=extra_ca_certs_pem,
            user_agent=user_agent,
            allow_insecure_http=allow_insecure_http,
            management_api_key=api_key,
        )

    def check(
        self,
        product: str,
        *,
        license_key: str | None = None,
        username: str | None = None,
        hardware_id: str | None = None,
    ) -> Verdict:
        """`GET /api/v1/licenses/check_license/`: the license as the vendor's back office
        sees it for this device."""
        return Verdict(
            self._client.management_check(
                product, license_key=license_key, username=username, hardware_id=hardware_id
            )
        )

    check_async = async_form(check)
