"""`Verdict`: what one operation came to, the same type for every family and operation."""

from __future__ import annotations

from ._errors import error_for
from ._outcome import Outcome

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: keeps `import licensekit` cheap
if TYPE_CHECKING:
    from typing import Any

    from . import _native


_UNSET = object()


class Verdict:
    """What one operation came to: the unified `outcome`, what the server said, and the
    license it described.

    A verdict is returned for every answer of the server, refusals included, and for transport
    failures; nothing is raised until you call `raise_for_outcome()`.
    """

    __slots__ = ("_native", "_raw")

    def __init__(self, native: _native.Verdict) -> None:
        self._native = native
        self._raw: Any = _UNSET

    @property
    def outcome(self) -> Outcome:
        """The unified outcome (`Outcome.VALID`, `Outcome.KEY_NOT_FOUND`, …)."""
        return Outcome(self._native.outcome)

    @property
    def ok(self) -> bool:
        """True when the server granted what was asked (`VALID`, `DEACTIVATED`)."""
        return self.outcome.granted

    @property
    def family(self) -> str:
        """The API family asked: `faxstore`, `licensespring`, `licensespring-management`,
        `framecad`."""
        return self._native.family

    @property
    def operation(self) -> str:
        """The operation: `check`, `check_multiple`, `check_v1`, `activate`, `validate`,
        `status`, `deactivate`."""
        return self._native.operation

    @property
    def vendor_code(self) -> str | None:
        """The vendor's own code: FaxStore status, LicenseSpring `code`, frameCAD number."""
        return self._native.vendor_code

    @property
    def http_status(self) -> int | None:
        """The HTTP status of the last attempt, if a response came back."""
        return self._native.http_status

    @property
    def message(self) -> str | None:
        """The vendor's human text, or the transport failure's text."""
        return self._native.message

    @property
    def server_time(self) -> str | None:
        """The server's time (frameCAD `now`, else the response `Date` header)."""
        return self._native.server_time

    @property
    def license(self) -> _native.License | None:
        """The typed view of the license, when the answer described one."""
        return self._native.license

    @property
    def raw(self) -> Any:
        """The parsed response body: a `dict` for JSON answers, a `str` for plain-text ones,
        `None` when nothing came back."""
        if self._raw is _UNSET:
            self._raw = self._native.raw
        return self._raw

    @property
    def attempts(self) -> int:
        """HTTP attempts made (1 + retries; 0 when nothing was sent)."""
        return self._native.attempts

    def raise_for_outcome(self) -> Verdict:
        """Returns this verdict when granted, else raises `LicenseRefused`, `RequestRejected`
        or `TransportError` (all `LicenseError`s) carrying it."""
        if self.ok:
            return self
        raise error_for(self)

    def to_json(self) -> str:
        """Compact JSON for logs, with every license key masked."""
        return self._native.to_json()

    def __str__(self) -> str:
        return str(self._native)

    def __repr__(self) -> str:
        return f"<Verdict {self._native}>"
