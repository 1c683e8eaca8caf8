"""LicenseSpring License API v4 (HMAC-signed requests, signed responses)."""

from __future__ import annotations

from ._base import _DEFAULTS, _Family, async_form
from ._verdict import Verdict

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Sequence


class LicenseSpring(_Family):
    """A client for the LicenseSpring License API v4.

    Requests are signed with `shared_key`; responses are verified with `public_key` (PEM)
    unless `verify_signatures=False`. `max_clock_skew` (seconds) bounds how old a response's
    `Date` may be. When `hardware_id` is omitted, `licensekit.hardware_id(product)` is sent.
    """

    __slots__ = ()

    def __init__(
        self,
        base_url: str,
        *,
        api_key: str,
        shared_key: str,
        public_key: str | None = None,
        verify_signatures: bool = _DEFAULTS["verify_signatures"],
        max_clock_skew: float = _DEFAULTS["max_clock_skew"],
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
            api_key=api_key,
            shared_key=shared_key,
            public_key=public_key,
            verify_signatures=verify_signatures,
            max_clock_skew=max_clock_skew,
        )

    def activate(
        self,
        product: str,
        *,
        license_key: str | None = None,
        username: str | None = None,
        password: str | None = None,
        hardware_id: str | None = None,
        license_id: int | None = None,
        app_ver: str | None = None,
        os_ver: str | None = None,
        hostname: str | None = None,
        is_vm: bool | None = None,
    ) -> Verdict:
        """`POST /api/v4/activate_license`: take a seat for this device (`license_key`, or
        `username` + `password` for user-based licenses)."""
        return Verdict(
            self._client.licensespring_activate(
                product,
                license_key=license_key,
                username=username,
                password=password,
                hardware_id=hardware_id,
                license_id=license_id,
                app_ver=app_ver,
                os_ver=os_ver,
                hostname=hostname,
                is_vm=is_vm,
            )
        )

    def check(
        self,
        product: str,
        *,
        license_key: str | None = None,
        username: str | None = None,
        hardware_id: str | None = None,
        license_id: int | None = None,
        app_ver: str | None = None,
        include_expired_features: bool | None = None,
    ) -> Verdict:
        """`GET /api/v4/check_license`: is this device's activation still valid?"""
        return Verdict(
            self._client.licensespring_check(
                product,
                license_key=license_key,
                username=username,
                hardware_id=hardware_id,
                license_id=license_id,
                app_ver=app_ver,
                include_expired_features=include_expired_features,
            )
        )

    def deactivate(
        self,
        product: str,
        *,
        license_key: str | None = None,
        username: str | None = None,
        hardware_id: str | None = None,
        license_id: int | None = None,
    ) -> Verdict:
        """`POST /api/v4/deactivate_license`: free this device's seat (`DEACTIVATED`)."""
        return Verdict(
            self._client.licensespring_deactivate(
                product,
                license_key=license_key,
                username=username,
                hardware_id=hardware_id,
                license_id=license_id,
            )
        )

    activate_async = async_form(activate)
    check_async = async_form(check)
    deactivate_async = async_form(deactivate)
