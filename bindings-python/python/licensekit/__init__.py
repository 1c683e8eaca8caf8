"""licensekit: check software licenses against FaxStore, LicenseSpring (License API v4 and
Management API) and frameCAD servers, with one outcome table for every answer and
hardware-ID fingerprinting.

    import licensekit
    lk = licensekit.FaxStore("https://store.example.com")
    verdict = lk.check("FS-AAAA-0001", product_id=8)
    if verdict.ok: ...
    verdict.raise_for_outcome()   # or raise LicenseRefused / RequestRejected / TransportError

Every network call releases the GIL and has an `*_async` form for asyncio. Log records go to
the `logging` module under the `licensekit` logger.
"""

from __future__ import annotations

import sys as _sys

from . import _native
from ._errors import (
    LicenseCheckFailed,
    LicenseError,
    LicenseRefused,
    RequestRejected,
    TransportError,
)
from ._faxstore import FaxStore
from ._framecad import FrameCad
from ._licensespring import LicenseSpring
from ._management import LicenseSpringManagement
from ._native import (
    Component,
    Environment,
    Fingerprint,
    FingerprintUnavailable,
    InternalError,
    InvalidArgument,
    License,
    Match,
    environment,
    fingerprint,
    hardware_id,
    matches,
)
from ._outcome import Category, Outcome
from ._verdict import Verdict

__version__: str = _native.VERSION

# Every licensekit exception names its outcome, like LicenseError.outcome does.
InvalidArgument.outcome = Outcome.INVALID_ARGUMENT
InternalError.outcome = Outcome.INTERNAL_ERROR

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
