# Runtime of images-sdk-generator, copied into each generated client with this line as its header.
"""Request bodies: one encoder per body kind, called by the generated methods.

Each encoder returns a body whose `encode()` gives the headers and the content to send, so the
request machinery sends any kind the same way (and a retry sends the same bytes again):
- `json_body`: the arguments given (left out: absent; `None`: sent as `null`), then `extra_body`,
  as `application/json` or the JSON media type the spec names (`application/merge-patch+json`);
- `multipart_body`: the same arguments as form fields and file parts (see `_multipart.py`);
- `binary_body`: one argument's bytes as they are (a file, an image, text), in its media type.
  `bytes` and text go as they are; a file (a path, an open binary file) is read 64 KiB at a time
  as it is sent, from its start, and an iterable of bytes piece by piece, so a large upload is
  never whole in memory. A retry or a 307 sends it again only when it can be read again (bytes,
  a path, a seekable file, a list of bytes); a pipe or an iterator goes out once, by the rule of
  `_multipart.UploadStream`;
- a form (`application/x-www-form-urlencoded`) is `_params.form_body`, as it writes fields the way
  parameters are written.
"""

from __future__ import annotations

import json
import os
from contextlib import ExitStack
from typing import (
    IO,
    Any,
    AsyncIterable,
    AsyncIterator,
    Collection,
    Dict,
    Iterable,
    Iterator,
    Mapping,
    Optional,
    Protocol,
    Union,
)

from ._multipart import (
    MultipartForm,
    UploadError,
    UploadStream,
    call_upload,
    file_chunks,
    is_file_tuple,
    open_content,
    rewindable,
    size_of,
)
from ._serialization import to_wire
from ._types import Body, EncodedBody, NotGiven

__all__ = ["RequestBody", "JSONBody", "json_body", "multipart_body", "BinaryBody", "binary_body"]

JSON_MEDIA_TYPE = "application/json"


class RequestBody(Protocol):
    def encode(self, files: ExitStack) -> EncodedBody:
        """The bytes to send; files the body opens (given as paths) are closed with `files`."""


class JSONBody:
    def __init__(
        self, values: Mapping[str, object], extra_body: Optional[Body], media_type: str = JSON_MEDIA_TYPE
    ) -> None:
        self.values: Dict[str, object] = {
            key: value for key, value in values.items() if not isinstance(value, NotGiven)
        }
        self.values.update(extra_body or {})
        self.media_type = media_type

    def encode(self, files: ExitStack) -> EncodedBody:
        # as httpx writes `json=`: compact, UTF-8, and NaN refused rather than sent as invalid JSON
        content = json.dumps(to_wire(self.values), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        return EncodedBody({"Content-Type": self.media_type}, content.encode("utf-8"))


def json_body(
    values: Mapping[str, object], extra_body: Optional[Body], *, media_type: str = JSON_MEDIA_TYPE
) -> JSONBody:
    """A JSON body, sent as `media_type` (`application/merge-patch+json` where the spec says so)."""
    return JSONBody(values, extra_body, media_type)


_BODY = "body"  # the argument's name, for errors
_END = object()


class BinaryBody:
    """A body that is one value's bytes: `bytes`, text (UTF-8), a path, an open binary file, an
    iterable of bytes (an async iterable too, for the async client), or a `(filename, content[,
    content type])` tuple as for uploads (its own content type wins)."""

    def __init__(self, content: object, media_type: str) -> None:
        self.content, self.media_type = content, media_type

    def encode(self, files: ExitStack) -> EncodedBody:
        content, media_type = self.content, self.media_type
        if isinstance(content, tuple) and is_file_tuple(content):
            media_type = content[2] if len(content) > 2 and content[2] else media_type
            content = content[1]
        if isinstance(content, str):
            return EncodedBody({"Content-Type": media_type}, content.encode("utf-8"))
        if _is_iterable_of_pieces(content):
            body = BinaryStream(_check_pieces(content))
        else:
            opened = open_content(_BODY, content, files)  # type: ignore[arg-type]  # refuses what it cannot send
            if isinstance(opened, bytes):
                return EncodedBody({"Content-Type": media_type}, opened)
            body = BinaryStream(opened)
        return EncodedBody(body.headers(media_type), body)


class BinaryStream(UploadStream):
    """Bytes read from the caller's file, 64 KiB at a time from its start, or from an iterable
    piece by piece, as they are sent (see `UploadStream` for when they can be sent again)."""

    def __init__(self, source: Union[IO[bytes], Iterable[bytes], AsyncIterable[bytes]]) -> None:
        if hasattr(source, "read"):
            file: IO[bytes] = source  # type: ignore[assignment]
            replayable, self.content_length = rewindable(file), size_of(file)
        elif isinstance(source, (list, tuple)):
            replayable, self.content_length = True, sum(len(piece) for piece in source)
        else:
            replayable = False
        super().__init__([] if replayable else [_BODY])
        self._source = source

    def _chunks(self) -> Iterator[bytes]:
        source = self._source
        if hasattr(source, "read"):
            yield from file_chunks(_BODY, source, self.content_length)  # type: ignore[arg-type]
            return
        if not isinstance(source, Iterable):
            raise UploadError(f"upload {_BODY!r} is an async iterable: only the async client can send it")
        pieces = iter(source)
        while True:
            piece = call_upload(_BODY, "read", next, pieces, _END)
            if piece is _END:
                return
            chunk = _checked_piece(piece)
            if chunk:  # an empty one would end a chunked body early
                yield chunk

    async def __aiter__(self) -> AsyncIterator[bytes]:
        source = self._source
        if not isinstance(source, AsyncIterable):
            async for chunk in super().__aiter__():
                yield chunk
            return
        if self.spent:
            raise UploadError(self.spent)
        self._started = True
        pieces = source.__aiter__()
        while True:
            try:
                piece = await pieces.__anext__()
            except StopAsyncIteration:
                return
            except Exception as exc:  # the caller's iterable failing: named, and never retried
                raise UploadError(f"upload {_BODY!r} could not be read: {exc}", exc) from exc
            chunk = _checked_piece(piece)
            if chunk:
                yield chunk


def _is_iterable_of_pieces(content: object) -> bool:
    """An iterable (sync or async) that is no file, no bytes, no text and no mapping."""
    if isinstance(content, (str, bytes, bytearray, memoryview, Mapping, os.PathLike)) or hasattr(content, "read"):
        return False
    return isinstance(content, (Iterable, AsyncIterable))


def _check_pieces(content: Any) -> Any:
    """A list or tuple is checked whole now, before anything is sent (others as they are read)."""
    if isinstance(content, (list, tuple)):
        return [_checked_piece(piece) for piece in content]
    return content


def _checked_piece(piece: object) -> bytes:
    if isinstance(piece, bytes):
        return piece
    if isinstance(piece, (bytearray, memoryview)):
        return bytes(piece)
    raise UploadError(f"upload {_BODY!r} gave {type(piece).__name__} where bytes were expected")


def binary_body(values: Mapping[str, object], extra_body: Optional[Body], *, media_type: str) -> BinaryBody:
    """The one argument given (`extra_body` has no place in bytes; it is refused when given)."""
    if extra_body:
        raise ValueError("extra_body cannot be sent with a body that is bytes")
    (content,) = values.values()
    return BinaryBody(content, media_type)


def multipart_body(
    values: Mapping[str, object],
    extra_body: Optional[Body],
    *,
    files: Collection[str] = (),
    part_types: Optional[Mapping[str, str]] = None,
) -> MultipartForm:
    """A form: the arguments named in `files` are file parts, the others text fields. A file
    argument that also accepts an object (a reference instead of bytes) sends a given object as
    fields. A field in `part_types` (the spec's `encoding`) is one part of that Content-Type."""
    fields = {key: value for key, value in values.items() if key not in files or _is_object(value)}
    uploads = {key: values[key] for key in files if key in values and key not in fields}
    return MultipartForm(fields, uploads, extra_body, part_types)


def _is_object(value: object) -> bool:
    if isinstance(value, list) and value:
        return all(isinstance(item, Mapping) for item in value)
    return isinstance(value, Mapping)
