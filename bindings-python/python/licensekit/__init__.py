"""licensekit: check software licenses against FaxStore, LicenseSpring (License API v4 and
Management API) and frameCAD servers, with one outcome table for every answer and
hardware-ID fingerprinting.

    import licensekit
    store = licensekit.FaxStore("https://store.example.com")
    verdict = store.check("FS-AAAA-0001", product_id=8)
    if verdict.ok: ...
    verdict.raise_for_outcome()   # or raise LicenseRefused / RequestRejected / TransportError

Every network call releases the GIL and has an `*_async` form for asyncio. Log records go to
the `logging` module under the `licensekit` logger.
"""

from __future__ import annotations

import sys as _sys

from . import _native
from ._errors import (
    FingerprintUnavailable,
    InternalError,
    InvalidArgument,
    LicenseCheckFailed,
    LicenseError,
    LicenseRefused,
    RequestRejected,
    TransportError,
)
from ._native import (
    Component,
    Environment,
    Fingerprint,
    License,
    Match,
    environment,
    fingerprint,
    hardware_id,
    matches,
)

__version__: str = _native.VERSION

# The clients, Verdict and the enums load on first use (PEP 562), so that
# `import licensekit; licensekit.hardware_id(...)` costs the native module and nothing else
# (the `enum` module alone would double it).
_LAZY = {
    "Category": "_outcome",
    "Outcome": "_outcome",
    "Verdict": "_verdict",
    "FaxStore": "_faxstore",
    "LicenseSpring": "_licensespring",
    "LicenseSpringManagement": "_management",
    "FrameCad": "_framecad",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'licensekit' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"licensekit.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


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

# The Rust -> `logging` bridge is installed with the first client; an application that has
# already imported `logging` gets it now, so fingerprint records are not lost either.
if "logging" in _sys.modules:
    _native.install_logging()
