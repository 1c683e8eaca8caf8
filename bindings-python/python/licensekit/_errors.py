"""The exceptions `Verdict.raise_for_outcome()` raises, one branch per outcome category.

```
LicenseError                 every verdict that is not granted
├── LicenseRefused           refused: the server judged the request and said no
└── LicenseCheckFailed       no answer to act on (offline grace periods key off this)
    ├── RequestRejected      request: the server could not judge (credentials, parameters, 429, 5xx)
    └── TransportError       client: we could not ask, or could not trust the answer
```
Mistakes in calling licensekit are not `LicenseError`s: they raise `InvalidArgument` (a
`ValueError`) or `TypeError` before anything is sent.
"""

from __future__ import annotations

from ._outcome import Category

# Not `typing.TYPE_CHECKING`: importing typing would add to licensekit's import time.
TYPE_CHECKING = False

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


_BY_CATEGORY: dict[str, type[LicenseError]] = {
    Category.REFUSED.value: LicenseRefused,
    Category.REQUEST.value: RequestRejected,
    Category.CLIENT.value: TransportError,
}


def error_for(verdict: Verdict) -> LicenseError:
    """The exception for a verdict that is not granted."""
    return _BY_CATEGORY[verdict.outcome.category.value](verdict)
