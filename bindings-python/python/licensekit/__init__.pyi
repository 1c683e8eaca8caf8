"""Type stubs for licensekit (checked against the runtime by mypy's stubtest)."""

import enum
from collections.abc import Iterable, Sequence
from typing import Any, Final, Union, final

__all__ = [
    "Category",
    "Component",
    "Environment",
    "FaxStore",
    "Fingerprint",
    "FingerprintUnavailable",
    "FrameCad",
    "InternalError",
    "InvalidArgument",
    "License",
    "LicenseCheckFailed",
    "LicenseError",
    "LicenseRefused",
    "LicenseSpring",
    "LicenseSpringManagement",
    "Match",
    "Outcome",
    "RequestRejected",
    "TransportError",
    "Verdict",
    "__version__",
    "environment",
    "fingerprint",
    "hardware_id",
    "matches",
]

__version__: Final[str]

_ProductId = Union[int, str]

class Category(enum.Enum):
    """Which side decided an outcome."""

    GRANTED = "granted"
    REFUSED = "refused"
    REQUEST = "request"
    CLIENT = "client"

class Outcome(enum.IntEnum):
    """The unified outcome of every operation of every family (same names and numbers as the
    C enum and Node)."""

    # BEGIN GENERATED OUTCOMES (make generated-python; do not edit)
    VALID = 0
    """The license is valid for this product (and device)."""
    DEACTIVATED = 1
    """The device was deactivated and its seat freed."""
    KEY_NOT_FOUND = 100
    """The license key (or user) is not known to the server."""
    PRODUCT_NOT_FOUND = 101
    """The product is unknown, deleted or disabled on the server."""
    KEY_DISABLED = 102
    """The license was disabled by the vendor."""
    KEY_INACTIVE = 103
    """The license is marked inactive."""
    KEY_REVOKED = 104
    """The license was revoked."""
    KEY_EXPIRED = 105
    """The license's validity period has passed."""
    KEY_INVALID = 106
    """The license key is malformed or does not match this machine."""
    IP_NOT_AUTHORISED = 107
    """The request's IP address is not the one registered on the license."""
    NOT_ACTIVATED = 108
    """This device has not activated the license (or was deactivated)."""
    DEVICE_BLACKLISTED = 109
    """This device is blacklisted for the license."""
    ACTIVATION_LIMIT = 110
    """Every seat of the license is taken."""
    RESERVED_BY_OTHER = 111
    """The license is reserved by another client."""
    ALREADY_ACTIVATED = 112
    """This client already holds an activation of the license."""
    TRANSFER_LIMIT = 113
    """The license was transferred the maximum number of times."""
    VM_NOT_ALLOWED = 114
    """The license may not be activated in a virtual machine."""
    TRIAL_EXPIRED = 115
    """The trial period for this device is over."""
    WRONG_PRODUCT = 116
    """The license belongs to another product."""
    WRONG_CLIENT = 117
    """The license belongs to another client, or the client is unknown."""
    CONSUMPTION_EXHAUSTED = 118
    """The license has no consumptions left."""
    FLOATING_UNAVAILABLE = 119
    """No floating slot is free."""
    VERSION_NOT_SUPPORTED = 120
    """The license does not allow this application version."""
    MISSING_PARAMETER = 200
    """A required parameter was missing or malformed."""
    AUTH_FAILED = 201
    """The server rejected the API credentials or the request signature."""
    RATE_LIMITED = 202
    """The server asked us to slow down (HTTP 429)."""
    SERVER_ERROR = 203
    """The server failed (HTTP 5xx or a server-side error code)."""
    UNKNOWN_VENDOR_CODE = 204
    """The server answered with a code licensekit does not know; the raw code is kept."""
    NETWORK_ERROR = 300
    """The server could not be reached (connection refused, reset or DNS failure)."""
    TIMEOUT = 301
    """The server did not answer in time."""
    TLS_ERROR = 302
    """The TLS handshake failed (certificate or protocol)."""
    INVALID_RESPONSE = 303
    """The server's answer could not be understood."""
    SIGNATURE_INVALID = 304
    """The server's answer failed its signature or freshness check."""
    INVALID_ARGUMENT = 305
    """An argument given to licensekit was missing, malformed or too long."""
    INTERNAL_ERROR = 306
    """licensekit failed internally; please report it."""
    # END GENERATED OUTCOMES

    @property
    def category(self) -> Category: ...
    @property
    def retryable(self) -> bool: ...
    @property
    def description(self) -> str: ...
    @property
    def granted(self) -> bool: ...

@final
class License:
    """The common view of a license across families; every field may be None."""

    @property
    def key(self) -> str | None: ...
    @property
    def id(self) -> str | None: ...
    @property
    def product(self) -> str | None: ...
    @property
    def license_type(self) -> str | None: ...
    @property
    def status(self) -> str | None: ...
    @property
    def expires_at(self) -> str | None: ...
    @property
    def enabled(self) -> bool | None: ...
    @property
    def active(self) -> bool | None: ...
    @property
    def is_trial(self) -> bool | None: ...
    @property
    def seats_used(self) -> int | None: ...
    @property
    def seats_max(self) -> int | None: ...
    @property
    def features(self) -> list[str]: ...
    @property
    def machine_key(self) -> str | None: ...

class Verdict:
    """What one operation came to."""

    @property
    def outcome(self) -> Outcome: ...
    @property
    def ok(self) -> bool: ...
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
    def raise_for_outcome(self) -> Verdict: ...
    def to_json(self) -> str: ...

class LicenseError(Exception):
    """A verdict that is not granted, raised by Verdict.raise_for_outcome()."""

    verdict: Verdict
    def __init__(self, verdict: Verdict) -> None: ...
    @property
    def outcome(self) -> Outcome: ...

class LicenseRefused(LicenseError):
    """The server judged the request and said no (category refused)."""

class LicenseCheckFailed(LicenseError):
    """No answer to act on: the server could not judge, or we could not ask it."""

class RequestRejected(LicenseCheckFailed):
    """The server could not judge the request (category request)."""

class TransportError(LicenseCheckFailed):
    """We could not ask, or could not trust the answer (category client)."""

class InvalidArgument(ValueError):
    """An argument or configuration value was missing, malformed or too long; nothing was sent."""

    @property
    def outcome(self) -> Outcome: ...

class InternalError(RuntimeError):
    """licensekit failed internally; please report it."""

    @property
    def outcome(self) -> Outcome: ...

class FingerprintUnavailable(RuntimeError):
    """The requested fingerprint cannot be computed on this machine."""

class _Family:
    @property
    def base_url(self) -> str: ...

class FaxStore(_Family):
    """A client for one FaxStore license system."""

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = ...,
        connect_timeout: float = ...,
        retries: int = ...,
        initial_backoff: float = ...,
        max_backoff: float = ...,
        proxy: str | None = None,
        extra_ca_certs_pem: str | Sequence[str] | None = None,
        user_agent: str | None = None,
        allow_insecure_http: bool = ...,
    ) -> None: ...
    def check(
        self, license_key: str, product_id: _ProductId, *, info: str | None = None, log: bool | None = None
    ) -> Verdict: ...
    def check_multiple(
        self,
        license_key: str,
        product_ids: Iterable[_ProductId],
        *,
        info: str | None = None,
        log: bool | None = None,
    ) -> Verdict: ...
    def check_v1(
        self, license_key: str, product_id: _ProductId, *, info: str | None = None, log: bool | None = None
    ) -> Verdict: ...
    async def check_async(
        self, license_key: str, product_id: _ProductId, *, info: str | None = None, log: bool | None = None
    ) -> Verdict: ...
    async def check_multiple_async(
        self,
        license_key: str,
        product_ids: Iterable[_ProductId],
        *,
        info: str | None = None,
        log: bool | None = None,
    ) -> Verdict: ...
    async def check_v1_async(
        self, license_key: str, product_id: _ProductId, *, info: str | None = None, log: bool | None = None
    ) -> Verdict: ...

class LicenseSpring(_Family):
    """A client for the LicenseSpring License API v4."""

    def __init__(
        self,
        base_url: str,
        *,
        api_key: str,
        shared_key: str,
        public_key: str | None = None,
        verify_signatures: bool = ...,
        max_clock_skew: float = ...,
        timeout: float = ...,
        connect_timeout: float = ...,
        retries: int = ...,
        initial_backoff: float = ...,
        max_backoff: float = ...,
        proxy: str | None = None,
        extra_ca_certs_pem: str | Sequence[str] | None = None,
        user_agent: str | None = None,
        allow_insecure_http: bool = ...,
    ) -> None: ...
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
    ) -> Verdict: ...
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
    ) -> Verdict: ...
    def deactivate(
        self,
        product: str,
        *,
        license_key: str | None = None,
        username: str | None = None,
        hardware_id: str | None = None,
        license_id: int | None = None,
    ) -> Verdict: ...
    async def activate_async(
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
    async def check_async(
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
    async def deactivate_async(
        self,
        product: str,
        *,
        license_key: str | None = None,
        username: str | None = None,
        hardware_id: str | None = None,
        license_id: int | None = None,
    ) -> Verdict: ...

class LicenseSpringManagement(_Family):
    """A client for the LicenseSpring Management API."""

    def __init__(
        self,
        base_url: str,
        *,
        api_key: str,
        timeout: float = ...,
        connect_timeout: float = ...,
        retries: int = ...,
        initial_backoff: float = ...,
        max_backoff: float = ...,
        proxy: str | None = None,
        extra_ca_certs_pem: str | Sequence[str] | None = None,
        user_agent: str | None = None,
        allow_insecure_http: bool = ...,
    ) -> None: ...
    def check(
        self,
        product: str,
        *,
        license_key: str | None = None,
        username: str | None = None,
        hardware_id: str | None = None,
    ) -> Verdict: ...
    async def check_async(
        self,
        product: str,
        *,
        license_key: str | None = None,
        username: str | None = None,
        hardware_id: str | None = None,
    ) -> Verdict: ...

class FrameCad(_Family):
    """A client for the frameCAD Licensing API v1."""

    def __init__(
        self,
        base_url: str,
        *,
        client_key: str | None = None,
        product_key: str | None = None,
        timeout: float = ...,
        connect_timeout: float = ...,
        retries: int = ...,
        initial_backoff: float = ...,
        max_backoff: float = ...,
        proxy: str | None = None,
        extra_ca_certs_pem: str | Sequence[str] | None = None,
        user_agent: str | None = None,
        allow_insecure_http: bool = ...,
    ) -> None: ...
    def activate(
        self,
        license_key: str,
        *,
        client_key: str | None = None,
        machine_key: str | None = None,
        product_key: str | None = None,
    ) -> Verdict: ...
    def validate(
        self,
        license_key: str,
        *,
        client_key: str | None = None,
        machine_key: str | None = None,
        product_key: str | None = None,
    ) -> Verdict: ...
    def check(
        self,
        license_key: str,
        *,
        client_key: str | None = None,
        machine_key: str | None = None,
        product_key: str | None = None,
    ) -> Verdict: ...
    def status(
        self,
        license_key: str,
        *,
        client_key: str | None = None,
        machine_key: str | None = None,
        product_key: str | None = None,
    ) -> Verdict: ...
    def deactivate(
        self,
        license_key: str,
        *,
        client_key: str | None = None,
        machine_key: str | None = None,
        product_key: str | None = None,
    ) -> Verdict: ...
    async def activate_async(
        self,
        license_key: str,
        *,
        client_key: str | None = None,
        machine_key: str | None = None,
        product_key: str | None = None,
    ) -> Verdict: ...
    async def validate_async(
        self,
        license_key: str,
        *,
        client_key: str | None = None,
        machine_key: str | None = None,
        product_key: str | None = None,
    ) -> Verdict: ...
    async def check_async(
        self,
        license_key: str,
        *,
        client_key: str | None = None,
        machine_key: str | None = None,
        product_key: str | None = None,
    ) -> Verdict: ...
    async def status_async(
        self,
        license_key: str,
        *,
        client_key: str | None = None,
        machine_key: str | None = None,
        product_key: str | None = None,
    ) -> Verdict: ...
    async def deactivate_async(
        self,
        license_key: str,
        *,
        client_key: str | None = None,
        machine_key: str | None = None,
        product_key: str | None = None,
    ) -> Verdict: ...

@final
class Component:
    """One input of a fingerprint (its digest, never its value)."""

    @property
    def name(self) -> str: ...
    @property
    def digest(self) -> str: ...
    @property
    def weight(self) -> int: ...
    @property
    def present(self) -> bool: ...
    @property
    def in_id(self) -> bool: ...

@final
class Fingerprint:
    """A machine fingerprint: the ID and the components it was computed from."""

    @property
    def id(self) -> str: ...
    @property
    def algorithm(self) -> str: ...
    @property
    def components(self) -> list[Component]: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(json: str) -> Fingerprint: ...

@final
class Environment:
    """What this process runs in (VM, container, WSL), with the evidence."""

    @property
    def vm(self) -> bool: ...
    @property
    def container(self) -> bool: ...
    @property
    def wsl(self) -> bool: ...
    @property
    def evidence(self) -> list[str]: ...

@final
class Match:
    """How a stored fingerprint compares with the current one."""

    @property
    def verdict(self) -> str: ...
    @property
    def score(self) -> float: ...
    @property
    def changed(self) -> list[str]: ...

def hardware_id(product: str) -> str:
    """This machine's hardware ID for `product` (default algorithm); cached; never fails."""

def fingerprint(product: str, algorithm: str | None = None) -> Fingerprint:
    """This machine's fingerprint for `product` with `algorithm` (`licensekit-v1`, the
    default, or `licensespring-compat`)."""

def environment() -> Environment:
    """VM, container and WSL evidence for this process."""

def matches(stored: Fingerprint, current: Fingerprint) -> Match:
    """Compares a stored fingerprint with the current one."""
