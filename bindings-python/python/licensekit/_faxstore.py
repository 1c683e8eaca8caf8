"""FaxStore license system (FAXES / Weblutions)."""

from __future__ import annotations

from ._base import _Family, async_form
from ._verdict import Verdict

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Iterable, Union

    _ProductId = Union[int, str]


class FaxStore(_Family):
    """A client for one FaxStore license system.

    `FaxStore("https://store.example.com", timeout=10)`; connection settings as described in
    the package documentation. Every method returns a `Verdict`.
    """

    __slots__ = ()

    def check(
        self,
        license_key: str,
        product_id: _ProductId,
        *,
        info: str | None = None,
        log: bool | None = None,
    ) -> Verdict:
        """`POST /api/check/{product_id}`: is `license_key` valid for this product?

        `info` is recorded with the request on the server; `log=False` asks it not to record
        this request.
        """
        return Verdict(self._client.faxstore_check(license_key, product_id, info=info, log=log))

    def check_multiple(
        self,
        license_key: str,
        product_ids: Iterable[_ProductId],
        *,
        info: str | None = None,
        log: bool | None = None,
    ) -> Verdict:
        """`POST /api/check/multiple` (`proIds`): valid if the key matches any of the products;
        the matching one is in `verdict.license.product`."""
        return Verdict(
            self._client.faxstore_check_multiple(license_key, product_ids, info=info, log=log)
        )

    def check_v1(
        self,
        license_key: str,
        product_id: _ProductId,
        *,
        info: str | None = None,
        log: bool | None = None,
    ) -> Verdict:
        """`POST /api/checkitem/{product_id}`: the legacy v1 endpoint (an extension since 1.9)."""
        return Verdict(self._client.faxstore_check_v1(license_key, product_id, info=info, log=log))

    check_async = async_form(check)
    check_multiple_async = async_form(check_multiple)
    check_v1_async = async_form(check_v1)
