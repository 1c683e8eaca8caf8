"""frameCAD Licensing API v1."""

from __future__ import annotations

from ._base import _DEFAULTS, _Family, async_form
from ._verdict import Verdict

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Sequence


class FrameCad(_Family):
    """A client for the frameCAD Licensing API v1.

    `client_key` and `product_key` given here are used by every call that does not pass its
    own. When `machine_key` is omitted, `licensekit.hardware_id(product_key)` is sent.
    """

    __slots__ = ("_client_key", "_product_key")

    def __init__(
        self,
        base_url: str,
        *,
        client_key: str | None = None,
        product_key: str | None = None,
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
        )
        self._client_key = client_key
        self._product_key = product_key

    def _call(
        self,
        op: str,
        license_key: str,
        client_key: str | None,
        machine_key: str | None,
        product_key: str | None,
    ) -> Verdict:
        client_key = self._client_key if client_key is None else client_key
        if client_key is None:
            raise TypeError(f"{op}() needs client_key: pass it here or to FrameCad(...)")
        return Verdict(
            self._client.framecad(
                op,
                client_key,
                license_key,
                machine_key=machine_key,
                product_key=self._product_key if product_key is None else product_key,
            )
        )

    def activate(
        self,
        license_key: str,
        *,
        client_key: str | None = None,
        machine_key: str | None = None,
        product_key: str | None = None,
    ) -> Verdict:
        """`POST /api/v1/licenses/activate`: bind the license to this client and machine."""
        return self._call("activate", license_key, client_key, machine_key, product_key)

    def validate(
        self,
        license_key: str,
        *,
        client_key: str | None = None,
        machine_key: str | None = None,
        product_key: str | None = None,
    ) -> Verdict:
        """`POST /api/v1/licenses/validate`: is this machine's activation valid?"""
        return self._call("validate", license_key, client_key, machine_key, product_key)

    def check(
        self,
        license_key: str,
        *,
        client_key: str | None = None,
        machine_key: str | None = None,
        product_key: str | None = None,
    ) -> Verdict:
        """`GET /api/v1/licenses/check`: like `validate`, with no bookkeeping on the server."""
        return self._call("check", license_key, client_key, machine_key, product_key)

    def status(
        self,
        license_key: str,
        *,
        client_key: str | None = None,
        machine_key: str | None = None,
        product_key: str | None = None,
    ) -> Verdict:
        """`GET /api/v1/licenses/status`: like `check`, and records a last-seen time."""
        return self._call("status", license_key, client_key, machine_key, product_key)

    def deactivate(
        self,
        license_key: str,
        *,
        client_key: str | None = None,
        machine_key: str | None = None,
        product_key: str | None = None,
    ) -> Verdict:
        """`POST /api/v1/licenses/deactivate`: release the license (`DEACTIVATED`)."""
        return self._call("deactivate", license_key, client_key, machine_key, product_key)

    activate_async = async_form(activate)
    validate_async = async_form(validate)
    check_async = async_form(check)
    status_async = async_form(status)
    deactivate_async = async_form(deactivate)
