"""What every family's client shares: the connection settings and the async forms."""

from __future__ import annotations

import functools

from . import _native
from ._verdict import Verdict

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: keeps `import licensekit` cheap
if TYPE_CHECKING:
    from typing import Any, Awaitable, Callable, Sequence, TypeVar

    _F = TypeVar("_F", bound=Callable[..., Verdict])


# The core's defaults (one source of truth), shown in every client's signature.
_DEFAULTS = _native.client_defaults()


class _Family:
    """Holds one native client (one connection pool) for one server."""

    __slots__ = ("_client", "_base_url")

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = _DEFAULTS["timeout"],
        connect_timeout: float = _DEFAULTS["connect_timeout"],
        retries: int = _DEFAULTS["retries"],
        initial_backoff: float = _DEFAULTS["initial_backoff"],
        max_backoff: float = _DEFAULTS["max_backoff"],
        proxy: str | None = None,
        extra_ca_certs_pem: str | Sequence[str] | None = None,
        user_agent: str | None = None,
        allow_insecure_http: bool = _DEFAULTS["allow_insecure_http"],
        **credentials: Any,
    ) -> None:
        self._base_url = base_url
        self._client = _native.Client(
            base_url,
            timeout=timeout,
            connect_timeout=connect_timeout,
            retries=retries,
            initial_backoff=initial_backoff,
            max_backoff=max_backoff,
            proxy=proxy,
            extra_ca_certs_pem=_pem_list(extra_ca_certs_pem),
            user_agent=user_agent,
            allow_insecure_http=allow_insecure_http,
            **credentials,
        )

    @property
    def base_url(self) -> str:
        """The server's base URL."""
        return self._base_url

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._base_url!r})"


def _pem_list(pem: str | Sequence[str] | None) -> list[str] | None:
    """One `str` is the text of one CA bundle; anything else is a sequence of them."""
    if pem is None:
        return None
    if isinstance(pem, str):
        return [pem]
    if not isinstance(pem, (list, tuple)):
        raise TypeError(
            f"extra_ca_certs_pem must be a PEM str or a list of them, not {type(pem).__name__}"
        )
    return list(pem)


def async_form(method: _F) -> Callable[..., Awaitable[Verdict]]:
    """The `*_async` twin of a blocking operation: runs it in a worker thread
    (`asyncio.to_thread`), so the event loop keeps running while the call, which releases the
    GIL, waits on the network.

    Cancelling the awaiting task stops the wait, not the HTTP exchange already under way.
    """

    @functools.wraps(method)
    async def run(*args: Any, **kwargs: Any) -> Verdict:
        import asyncio  # here, not at the top: importing asyncio costs ~15 ms

        return await asyncio.to_thread(method, *args, **kwargs)

    run.__name__ = f"{method.__name__}_async"
    run.__qualname__ = f"{method.__qualname__}_async"
    run.__doc__ = f"Async form of `{method.__name__}` (same arguments, awaitable)."
    return run
