# Runtime of images-sdk-generator, copied into each generated client with this line as its header.
"""Pages of a list, used as the official SDK's: `for item in client.batches.list()` walks every item
of every page, asking for each next page when the loop reaches it.

A list method returns its first page, a `SyncCursorPage[Batch]`; the async client's returns an
`AsyncPaginator`, awaited for the `AsyncCursorPage[Batch]` or walked at once with `async for`.
A page has `.data` (its items), the other fields of the answer (`has_more`, `last_id`,
`to_dict()`, `_request_id`...), `.has_next_page()`, `.get_next_page()` and `.iter_pages()`.
The generated resource modules subclass these pages once per answer model
(`SyncListBatchesResponsePage(SyncCursorPage["Batch"])`), declaring the model's fields as it
types them (`has_more: bool`), so a type checker reads the fields as the spec declares them. The
next page is the same request (its arguments, `extra_headers`, `extra_query`, `timeout`) with the
cursor parameter set to the answer's cursor field (`last_id`), else to the last item's (`id`); a
page that says `has_more: false`, an empty one, or a cursor that does not move is the last. A
`SyncPage` is a list the API does not page (`GET /models`): its items, and no next page.
"""

from __future__ import annotations

import dataclasses
from typing import (
    TYPE_CHECKING,
    Any,
    AsyncIterator,
    Generator,
    Generic,
    Iterator,
    List,
    Mapping,
    Optional,
    Type,
    TypeVar,
)

if TYPE_CHECKING:
    from typing_extensions import Self

    from ._base_client import APIClient, AsyncAPIClient
    from ._request_options import RequestOptions, ResponseMode

from ._page_call import PageCall, PageRule

__all__ = ["SyncPage", "AsyncPage", "SyncCursorPage", "AsyncCursorPage", "AsyncPaginator", "PageCall"]

T = TypeVar("T")
_AsyncPageT = TypeVar("_AsyncPageT", bound="AsyncPage[Any]")


class _Page(Generic[T]):
    """What sync and async pages share: the answer's items and fields, and the next page's request."""

    def __init__(self, answer: Any, call: PageCall) -> None:
        self._answer = answer
        self._call = call

    @property
    def data(self) -> List[T]:
        """This page's items."""
        items = getattr(self._answer, self._call.rule.items, None)
        return items if isinstance(items, list) else []  # lenient parsing reads a missing list as None

    def has_next_page(self) -> bool:
        return self._next_options() is not None

    def _next_options(self) -> Optional[RequestOptions]:
        """The request for the next page, or None when this is the last."""
        rule, options = self._call.rule, self._call.options
        items = self.data
        if not rule.cursor_param or not items:
            return None
        if rule.has_more and getattr(self._answer, rule.has_more, None) is False:
            return None
        cursor = getattr(self._answer, rule.next_cursor, None) if rule.next_cursor else None
        if cursor is None and rule.item_cursor:
            last = items[-1]
            cursor = last.get(rule.item_cursor) if isinstance(last, Mapping) else getattr(last, rule.item_cursor, None)
        extra_query = options.extra_query or {}
        if cursor is None or cursor == "" or cursor == {**options.query, **extra_query}.get(rule.cursor_param):
            return None  # nothing to ask with, or the same page again
        return dataclasses.replace(
            options,
            query={**options.query, rule.cursor_param: cursor},
            # the caller's own extra query goes with every page, but a cursor of theirs only with the first
            extra_query={key: value for key, value in extra_query.items() if key != rule.cursor_param},
        )

    def __getattr__(self, name: str) -> Any:
        # the answer's other fields (`has_more`, `last_id`...), `to_dict()`, `to_json()`, `_request_id`
        if name.startswith("__") or name in ("_answer", "_call"):
            raise AttributeError(name)
        return getattr(self._answer, name)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._answer!r})"


# ---- async: the source of the sync twin below (`make twins` derives it) ----


class AsyncPage(_Page[T]):
    """One page of a list the API does not page (`GET /models`): `async for item in page` gives its
    items."""

    @classmethod
    async def fetch(
        cls,
        client: AsyncAPIClient,
        options: RequestOptions,
        model: Any,
        *,
        mode: ResponseMode = "parse",
        items: str,
        cursor_param: str = "",
        next_cursor: str = "",
        item_cursor: str = "",
        has_more: str = "",
    ) -> Any:
        """Ask for the first page: the page, or (`with_raw_response`) the answer whose `parse()` gives it."""
        rule = PageRule(items, cursor_param, next_cursor, item_cursor, has_more)
        return await client.request(options, cast_to=PageCall(cls, client, options, model, rule), mode=mode)

    async def get_next_page(self) -> Self:
        options = self._next_options()
        if options is None:
            raise RuntimeError("this is the last page: ask `has_next_page()` before `get_next_page()`")
        call = dataclasses.replace(self._call, options=options)
        page: Self = await call.client.request(options, cast_to=call)
        return page

    async def iter_pages(self) -> AsyncIterator[Self]:
        """This page, then each next one, asked for as the loop reaches it."""
        page = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = await page.get_next_page()

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.iter_pages():
            for item in page.data:
                yield item


class AsyncCursorPage(AsyncPage[T]):
    """One page of a list paged by a cursor: `async for item in page` walks every item of this page
    and of every page after it."""


# ---- sync twin: derived from the async code above by generator/render/unasync.py; do not edit ----


class SyncPage(_Page[T]):
    """One page of a list the API does not page (`GET /models`): `for item in page` gives its
    items."""

    @classmethod
    def fetch(
        cls,
        client: APIClient,
        options: RequestOptions,
        model: Any,
        *,
        mode: ResponseMode = "parse",
        items: str,
        cursor_param: str = "",
        next_cursor: str = "",
        item_cursor: str = "",
        has_more: str = "",
    ) -> Any:
        """Ask for the first page: the page, or (`with_raw_response`) the answer whose `parse()` gives it."""
        rule = PageRule(items, cursor_param, next_cursor, item_cursor, has_more)
        return client.request(options, cast_to=PageCall(cls, client, options, model, rule), mode=mode)

    def get_next_page(self) -> Self:
        options = self._next_options()
        if options is None:
            raise RuntimeError("this is the last page: ask `has_next_page()` before `get_next_page()`")
        call = dataclasses.replace(self._call, options=options)
        page: Self = call.client.request(options, cast_to=call)
        return page

    def iter_pages(self) -> Iterator[Self]:
        """This page, then each next one, asked for as the loop reaches it."""
        page = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = page.get_next_page()

    def __iter__(self) -> Iterator[T]:
        for page in self.iter_pages():
            for item in page.data:
                yield item


class SyncCursorPage(SyncPage[T]):
    """One page of a list paged by a cursor: `for item in page` walks every item of this page
    and of every page after it."""


# ---- end of the sync twin ----


# ---- what an async list method returns: no twin (the sync one returns the first page itself) ----


class AsyncPaginator(Generic[T, _AsyncPageT]):
    """The first page of an async list, not asked for yet: `await` it for the page, or walk every item
    of every page with `async for item in client.batches.list()`."""

    def __init__(
        self,
        page_class: Type[_AsyncPageT],
        client: AsyncAPIClient,
        options: RequestOptions,
        model: Any,
        *,
        mode: ResponseMode = "parse",
        items: str,
        cursor_param: str = "",
        next_cursor: str = "",
        item_cursor: str = "",
        has_more: str = "",
    ) -> None:
        self._page_class = page_class
        self._request = (client, options, model)
        self._mode: ResponseMode = mode
        self._rule = PageRule(items, cursor_param, next_cursor, item_cursor, has_more)

    def __await__(self) -> Generator[Any, None, _AsyncPageT]:
        return self._page_class.fetch(*self._request, mode=self._mode, **dataclasses.asdict(self._rule)).__await__()

    async def __aiter__(self) -> AsyncIterator[T]:
        page = await self
        async for item in page:
            yield item
