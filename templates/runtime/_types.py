# Runtime of images-sdk-generator, copied into each generated client with this line as its header.
"""Small types shared by the whole client: sentinels, file inputs and option aliases."""

from __future__ import annotations

import os
from typing import IO, Dict, Mapping, NamedTuple, Optional, Tuple, Union

import httpx
from typing_extensions import Literal, TypeAlias, final


class NotGiven:
    """The default of every optional argument: "the caller said nothing" (`not_given`).

    It differs from `None`, which is sent to the API as `null`.
    """

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


not_given = NotGiven()
NOT_GIVEN = not_given  # the older spelling: the same object


@final
class Omit(NotGiven):
    """`omit`: leave this out of the request, even what the client would send by itself.

    In `extra_headers` or `default_headers` it removes a header (`Authorization` included), in
    `extra_query` or `default_query` a query parameter. As an argument it means "not sent", as
    `not_given` does: it is a `NotGiven`, so code written for the official package, whose
    arguments default to `omit`, can pass it on.
    """

    def __repr__(self) -> str:
        return "Omit()"


omit = Omit()


FileContent: TypeAlias = Union[IO[bytes], bytes, "os.PathLike[str]"]
FileTypes: TypeAlias = Union[
    FileContent,
    Tuple[Optional[str], FileContent],
    Tuple[Optional[str], FileContent, Optional[str]],
]
"""An upload: raw bytes, a binary file object, a path, or `(filename, content[, content_type])`."""

Timeout: TypeAlias = Union[float, httpx.Timeout, None]
Headers: TypeAlias = Mapping[str, Union[str, Omit]]
Query: TypeAlias = Mapping[str, object]
Body: TypeAlias = Mapping[str, object]


class EncodedBody(NamedTuple):
    """A request body ready to send: its headers (Content-Type; for a stream, Content-Length or
    Transfer-Encoding too) and its content, bytes or a stream produced as it is sent."""

    headers: Dict[str, str]
    content: Union[bytes, httpx.SyncByteStream, httpx.AsyncByteStream]
