"""Stub of the native module (licensekit._native); the public names are re-exported and
documented in licensekit/__init__.pyi."""

from collections.abc import Iterable
from typing import Any, Final, Union, final

from . import (
    Component as Component,
    Environment as Environment,
    Fingerprint as Fingerprint,
    License as License,
    Match as Match,
    environment as environment,
    fingerprint as fingerprint,
    hardware_id as hardware_id,
    matches as matches,
)

__all__ = [
    "VERSION",
    "outcome_table",
    "Verdict",
    "License",
    "Client",
    "hardware_id",
    "fingerprint",
    "environment",
    "matches",
    "Fingerprint",
    "Component",
    "Environment",
    "Match",
    "install_logging",
    "client_defaults",
]

VERSION: Final[str]

def outcome_table() -> list[tuple[str, int, str, bool, str]]: ...
def install_logging() -> None: ...
def client_defaults() -> dict[str, Any]: ...
@final
class Verdict:
    @property
    def outcome(self) -> int: ...
    @property
    def family(self) -> str: ...
    @property
    def operation(self) -> str: ...
    @property
    def vendor_code(self) -> str | None: ...
    @property
    def http_status(self) -> int | None: ...
    @property
    def message(self) -> str | None: ...
    @property
    def server_time(self) -> str | None: ...
    @property
    def license(self) -> License | None: ...
    @property
    def raw(self) -> Any: ...
    @property
    def attempts(self) -> int: ...
    def to_json(self) -> str: ...

_ProductId = Union[int, str]

@final
class Client:
    def __new__(
        cls,
        base_url: str,
        *,
        timeout: float | None = None,
        connect_timeout: float | None = None,
        retries: int | None = None,
        initial_backoff: float | None = None,
        max_backoff: float | None = None,
        proxy: str | None = None,
        extra_ca_certs_pem: list[str] | None = None,
        user_agent: str | None = None,
        allow_insecure_http: bool | None = None,
        api_key: str | None = None,
        shared_key: str | None = None,
        management_api_key: str | None = None,
        public_key: str | None = None,
        verify_signatures: bool | None = None,
        max_clock_skew: float | None = None,
    ) -> Client: ...
    def faxstore_check(
        self, license_key: str, product_id: _ProductId, *, info: str | None = None, log: bool | None = None
    ) -> Verdict: ...
    def faxstore_check_multiple(
        self,
        license_key: str,
        product_ids: Iterable[_ProductId],
        *,
        info: str | None = None,
        log: bool | None = None,
    ) -> Verdict: ...
    def faxstore_check_v1(
        self, license_key: str, product_id: _ProductId, *, info: str | None = None, log: bool | None = None
    ) -> Verdict: ...
    def licensespring_activate(
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
    ) -> Verdict: ...
    def licensespring_check(
        self,
        product: str,
        *,
        license_key: str | None = None,
        username: str | None = None,
        hardware_id: str | None = None,
        license_id: int | None = None,
        app_ver: str | None = None,
        include_expired_features: bool | None = None,
    ) -> Verdict: ...
    def licensespring_deactivate(
        self,
        product: str,
        *,
        license_key: str | None = None,
        username: str | None = None,
        hardware_id: str | None = None,
        license_id: int | None = None,
    ) -> Verdict: ...
    def management_check(
        self,
        product: str,
        *,
        license_key: str | None = None,
        username: str | None = None,
        hardware_id: str | None = None,
    ) -> Verdict: ...
    def framecad(
        self,
        op: str,
        client_key: str,
        license_key: str,
        *,
        machine_key: str | None = None,
        product_key: str | None = None,
    ) -> Verdict: ...
