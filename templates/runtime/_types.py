# Runtime of images-sdk-generator, copied into each generated client with this line as its header.
"""Small types shared by the whole client: sentinels, file inputs and option aliases."""

from __future__ import annotations

import os
from typing import IO, Dict, Mapping, NamedTuple, Optional, Tuple, Union

import httpx
from typing_extensions import Literal, TypeAlias, final


@final
class NotGiven:
    """The default of every optional argument: "the caller said nothing".

    It differs from `None`, which is sent to the API as `null`.
    """

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN = NotGiven()


@final
class Omit:
    """In `extra_headers`, removes a header the client would otherwise send."""

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "Omit()"


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
