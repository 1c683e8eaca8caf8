"""LicenseSpring Management API (API-key auth): the license check."""

from __future__ import annotations

from ._base import _DEFAULTS, _Family, async_form
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
        timeout: float = _DEFAULTS["timeout"],
        connect_timeout: float = _DEFAULTS["connect_timeout"],
        retries: int = _DEFAULTS["retries"],
        initial_backoff: float = _DEFAULTS["initial_backoff"],
        max_backoff: float = _DEFAULTS["max_backoff"],
        proxy: str | None = None,
        extra_ca_certs_pem: str | Sequence[str] | None = None,
        user_agent: str | None = None,
        allow_insecure_http: bool = _DEFAULTS["allow_insecure_http"],
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
