# Runtime of images-sdk-generator, copied into each generated client with this line as its header.
"""How a page of a list is asked for (`PageCall`), which the response parser recognises as the
`cast_to` of a list method, and where a page's parts are in the answer (`PageRule`). The pages
themselves, which ask for the next one, are in `_pagination.py`."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._request_options import RequestOptions

__all__ = ["PageCall", "PageRule"]


@dataclasses.dataclass(frozen=True)
class PageRule:
    """Where a page's parts are: attributes of the answer (`items`, `next_cursor`, `has_more`) and
    of its items (`item_cursor`), and the query parameter of the cursor ("" for a single page)."""

    items: str
    cursor_param: str = ""
    next_cursor: str = ""
    item_cursor: str = ""
    has_more: str = ""


@dataclasses.dataclass(frozen=True, eq=False)  # compared and hashed by identity: it holds the client
class PageCall:
    """How a page is asked for, and the `cast_to` of that request: `parse_body` reads the answer as
    `model`, then `page()` makes it a page that can ask for the next one."""

    page_class: Any
    client: Any
    options: RequestOptions
    model: Any
    rule: PageRule

    def page(self, answer: Any) -> Any:
        return self.page_class(answer, self)
