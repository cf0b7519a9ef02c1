# Runtime of images-sdk-generator, copied into each generated client with this line as its header.
"""What one method call asks for (`RequestOptions`) and what it returns (`ResponseMode`): read by
the client that sends it, by the responses that parse it, and by the pages that ask again."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Optional, Union

from typing_extensions import Literal

from ._arguments import check_header, check_timeout
from ._bodies import RequestBody
from ._types import NOT_GIVEN, Headers, NotGiven, Omit, Query, Timeout

__all__ = ["RequestOptions", "ResponseMode"]

ResponseMode = Literal["parse", "raw", "raw_stream"]
"""What a method returns: the parsed result, an `APIResponse`, or one whose body is unread."""


@dataclass(frozen=True)
class RequestOptions:
    """Everything one method call asks for; the client adds auth, defaults and retries."""

    method: str
    path: str
    body: Optional[RequestBody] = None
    query: Mapping[str, object] = field(default_factory=dict)
    stream: bool = False
    keyless: bool = False  # needs no key, where other operations do (`KeyPlace.needed_by` "some")
    extra_headers: Optional[Headers] = None
    extra_query: Optional[Query] = None
    timeout: Union[Timeout, NotGiven] = NOT_GIVEN

    def __post_init__(self) -> None:
        # The per-call arguments are checked as the method is called: a bad one fails at once, by name.
        if not isinstance(self.timeout, NotGiven):
            object.__setattr__(self, "timeout", check_timeout(self.timeout))  # `inf` becomes None
        for name, value in (self.extra_headers or {}).items():
            if not isinstance(value, Omit):
                check_header(name, value)
