"""`Outcome` and `Category`, built from the core's outcome table (the single source of truth)."""

from __future__ import annotations

import enum

from . import _native


class Category(enum.Enum):
    """Which side decided an outcome."""

    GRANTED = "granted"
    """The server granted what was asked."""
    REFUSED = "refused"
    """The server judged the request and said no."""
    REQUEST = "request"
    """The server could not judge the request (parameters, credentials, rate limit, its own error)."""
    CLIENT = "client"
    """We could not ask, or could not trust the answer."""

    def __str__(self) -> str:
        return self.value


_TABLE = _native.outcome_table()
_INFO = {
    number: (Category(category), retryable, description)
    for _name, number, category, retryable, description in _TABLE
}


class _OutcomeBase(enum.IntEnum):
    """Members come from the native table; see `Outcome`."""

    @property
    def category(self) -> Category:
        """Which side decided: granted, refused, request or client."""
        return _INFO[self.value][0]

    @property
    def retryable(self) -> bool:
        """Whether asking again later may give another answer."""
        return _INFO[self.value][1]

    @property
    def description(self) -> str:
        """One line for humans."""
        return _INFO[self.value][2]

    @property
    def granted(self) -> bool:
        """True for `VALID` and `DEACTIVATED`."""
        return _INFO[self.value][0] is Category.GRANTED

    # The contract name reads the same in every language and every Python version
    # (IntEnum's str() changed to the number in 3.11).
    def __str__(self) -> str:
        return self.name

    def __format__(self, spec: str) -> str:
        return format(self.name, spec)


TYPE_CHECKING = False  # not typing.TYPE_CHECKING: keeps `import licensekit` cheap
if TYPE_CHECKING:
    # Type checkers see the members listed in __init__.pyi (generated from the same table).
    from . import Outcome as Outcome
else:
    Outcome = _OutcomeBase(
        "Outcome",
        [(name, number) for name, number, _c, _r, _d in _TABLE],
        module="licensekit",
        qualname="Outcome",
    )
Outcome.__doc__ = (
    "The unified outcome of every operation of every family: the same names and numbers as "
    "the C enum (LK_OUTCOME_<NAME>) and Node. Numbers are grouped by hundreds: 0-99 granted, "
    "1xx refused, 2xx request, 3xx client."
)
for _member in Outcome:
    _member.__doc__ = _INFO[_member.value][2]
del _member
