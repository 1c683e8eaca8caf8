"""licensekit's exceptions.

`Verdict.raise_for_outcome()` raises one branch per outcome category:

```
LicenseError                 every verdict that is not granted
├── LicenseRefused           refused: the server judged the request and said no
└── LicenseCheckFailed       no answer to act on (offline grace periods key off this)
    ├── RequestRejected      request: the server could not judge (credentials, parameters, 429, 5xx)
    └── TransportError       client: we could not ask, or could not trust the answer
```

Mistakes in calling licensekit are not `LicenseError`s: they raise `InvalidArgument` (a
`ValueError`) or `TypeError` before anything is sent. The native module raises the classes
defined here.

This module imports nothing heavy: `import licensekit; licensekit.hardware_id(...)` loads it.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: keeps `import licensekit` cheap
if TYPE_CHECKING:
    from ._outcome import Outcome
    from ._verdict import Verdict


class LicenseError(Exception):
    """A verdict that is not granted, raised by `Verdict.raise_for_outcome()`.

    `verdict` holds everything the server said; `outcome` is `verdict.outcome`.
    """

    verdict: Verdict

    def __init__(self, verdict: Verdict) -> None:
        super().__init__(str(verdict))
        self.verdict = verdict

    @property
    def outcome(self) -> Outcome:
        """The verdict's outcome."""
        return self.verdict.outcome


class LicenseRefused(LicenseError):
    """The server judged the request and said no (category `refused`)."""


class LicenseCheckFailed(LicenseError):
    """No answer to act on: the server could not judge, or we could not ask it."""


class RequestRejected(LicenseCheckFailed):
    """The server could not judge the request (category `request`): bad credentials or
    parameters, rate limiting, or a server-side failure."""


class TransportError(LicenseCheckFailed):
    """We could not ask, or could not trust the answer (category `client`): network, timeout,
    TLS, an unreadable or badly signed response."""


class InvalidArgument(ValueError):
    """An argument or configuration value given to licensekit was missing, malformed or too
    long (outcome `INVALID_ARGUMENT`). Nothing was sent."""

    @property
    def outcome(self) -> Outcome:
        """Always `Outcome.INVALID_ARGUMENT`."""
        from ._outcome import Outcome

        return Outcome.INVALID_ARGUMENT


class InternalError(RuntimeError):
    """licensekit failed internally (outcome `INTERNAL_ERROR`); please report it."""

    @property
    def outcome(self) -> Outcome:
        """Always `Outcome.INTERNAL_ERROR`."""
        from ._outcome import Outcome

        return Outcome.INTERNAL_ERROR


class FingerprintUnavailable(RuntimeError):
    """The requested fingerprint cannot be computed on this machine (for example the
    `licensespring-compat` algorithm on a machine without an OS machine id)."""


# Keyed by the category's value, so this module needs no enum at import.
_BY_CATEGORY: dict[str, type[LicenseError]] = {
    "refused": LicenseRefused,
    "request": RequestRejected,
    "client": TransportError,
}


def error_for(verdict: Verdict) -> LicenseError:
    """The exception for a verdict that is not granted."""
    return _BY_CATEGORY[verdict.outcome.category.value](verdict)


for _cls in (
    LicenseError,
    LicenseRefused,
    LicenseCheckFailed,
    RequestRejected,
    TransportError,
    InvalidArgument,
    InternalError,
    FingerprintUnavailable,
):
    _cls.__module__ = "licensekit"
del _cls
