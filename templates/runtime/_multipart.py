# Runtime of images-sdk-generator, copied into each generated client with this line as its header.
"""Multipart bodies: how each argument becomes form parts, and how the body goes on the wire.

- text fields come first: `True`/`False` → "true"/"false", numbers → `str()`, `None` and
  "" → no part, a list → one `name[]` part per item, a dict → `name[key]` parts (the
  official SDK's bracket form, nested to any depth);
- a field the spec gives a content type (its `encoding`: `session: {contentType: application/json}`)
  is one part of that type: its JSON text for a JSON type (`null` too), else its text;
- then files, in the order the method lists them: one file → a part named after the
  argument (`image`), a **list** of files → one `image[]` part each, even for one file;
- part headers escape field names and filenames as browsers (and httpx) do: `"` → `%22`,
  a backslash is doubled, control characters → `%0D`, `%0A`..., so no name can end a header
  or start another; a content type with a line break is refused (`ValueError`) before
  anything is sent;
- uploads are never read whole: files are read in 64 KiB chunks as the body is sent, and
  each send starts them from the beginning, so a retry re-sends the identical body;
- nothing is faked: a closed file is refused (`UploadError`, a `ValueError` naming the part)
  before anything is sent; a file that fails, or gives other than the size it declared, stops
  the body with that error (never retried); and a stream that cannot be rewound (a pipe, a
  socket) is sent once: the body says it is not `replayable`, and reading it a second time is
  an `UploadError`, never an empty part (see `_base_client.py` for what a retry does then).

`UploadStream` is that rule for any body made from the caller's uploads; `_bodies.py` sends a body
of bytes (`application/octet-stream`...) with it too. Such a body is a stream, so a hook or a
transport finds it unread, as httpx's own streamed bodies: `request.content` raises
`httpx.RequestNotRead` until `request.read()`, which gives its bytes (and sends those). Offering
`.content` at once would hold every upload whole in memory (given as bytes, a second copy of it)
for the life of the request, which is what streaming it avoids.
"""

from __future__ import annotations

import io
import json
import mimetypes
import os
import re
import stat
from contextlib import ExitStack
from typing import IO, Any, AsyncIterator, Dict, Iterator, List, Mapping, NamedTuple, Optional, Tuple, Union, cast

import httpx

from ._serialization import to_wire
from ._types import EncodedBody, FileContent, FileTypes, NotGiven

__all__ = ["MultipartForm", "MultipartBody", "UploadStream", "UploadError"]

CHUNK_SIZE = 64 * 1024

# Magic numbers of the formats the API accepts, so raw bytes get a real type and name.
_SIGNATURES: Tuple[Tuple[bytes, int, str, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "image.png", "image/png"),
    (b"\xff\xd8\xff", 0, "image.jpg", "image/jpeg"),
    (b"WEBP", 8, "image.webp", "image/webp"),
)
_IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp"}
_OCTET_STREAM = "application/octet-stream"
# The HTML5 form encoding of names (ESC is kept, as browsers keep it).
_NAME_ESCAPES = {'"': "%22", "\\": "\\\\", **{chr(c): f"%{c:02X}" for c in range(0x20) if c != 0x1B}}
_NAME_SPECIALS = re.compile("|".join(re.escape(char) for char in _NAME_ESCAPES))
_HEADER_BREAKING = re.compile("[\x00-\x08\x0a-\x1f\x7f]")


class UploadError(ValueError):
    """An upload that cannot be sent as given: a closed file, a failing one, or a stream already
    sent that cannot be rewound. A bad argument, so it is never retried."""

    def __init__(self, message: str, failure: Optional[BaseException] = None) -> None:
        super().__init__(message)
        self.failure = failure  # what the file raised, if it did: httpcore re-raises us `from None`


class MultipartForm:
    """A form body: text fields and files, in the order they go on the wire."""

    def __init__(
        self,
        fields: Mapping[str, object],
        files: Mapping[str, object],  # each a FileTypes, a list of them, or NOT_GIVEN
        extra_fields: Optional[Mapping[str, object]] = None,
        part_types: Optional[Mapping[str, str]] = None,  # fields sent as one part of this Content-Type
    ) -> None:
        self.fields: List[Tuple[str, str]] = []
        self.part_types = dict(part_types or {})
        for name, value in {**fields, **(extra_fields or {})}.items():
            if name in self.part_types:
                self.fields.extend(_typed_part(name, value, self.part_types[name]))
            else:
                self.fields.extend(_text_parts(name, value))
        self.files: List[Tuple[str, FileTypes]] = []
        for name, value in files.items():
            if isinstance(value, NotGiven) or value is None:
                continue
            if isinstance(value, list) or (isinstance(value, tuple) and not is_file_tuple(value)):
                self.files.extend((f"{name}[]", item) for item in value)
            else:
                self.files.append((name, cast(FileTypes, value)))

    def encode(self, stack: ExitStack) -> EncodedBody:
        """The body to send; files given as paths are opened on `stack`, closed with it."""
        body = self.body(stack)
        return EncodedBody(body.headers(body.content_type), body)

    def body(self, stack: ExitStack) -> MultipartBody:
        parts: List[_Part] = []
        for name, value in self.fields:
            parts.append(_Part(name, _part_head(name, content_type=self.part_types.get(name)), value.encode("utf-8")))
        for name, upload in self.files:
            filename, content, content_type = _file_part(name, upload, stack)
            parts.append(_Part(name, _part_head(name, filename, content_type), content))
        return MultipartBody(parts, boundary=os.urandom(16).hex())


class _Part(NamedTuple):
    name: str  # the part's name, for errors
    head: bytes
    content: Union[bytes, IO[bytes]]


class UploadStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A request body produced as it is sent, from the caller's uploads (files, streams).

    It can be sent again (a retry, a 307) when it is `replayable`: every upload in it can be read
    again from its start. One that cannot (a pipe, a socket, an iterator) goes out once; a second
    read raises `UploadError`, and the request machinery raises the failure a resend would have
    followed instead.
    """

    content_length: Optional[int] = None  # None: unknown until it is read, so sent chunked

    def __init__(self, unrewindable: List[str]) -> None:
        self._unrewindable = unrewindable  # the names of the uploads that can be read only once
        self._started = False

    @property
    def replayable(self) -> bool:
        """Whether every send gives the whole body (else only the first does)."""
        return not self._unrewindable

    @property
    def spent(self) -> Optional[str]:
        """Why the body cannot be sent (again) in full; None when it can."""
        if self.replayable or not self._started:
            return None
        return (
            f"upload {self._unrewindable[0]!r} is a stream that cannot be rewound (a pipe, a socket, an iterator): "
            "read once, it cannot be sent again; pass a path or bytes to allow that"
        )

    def headers(self, content_type: str) -> Dict[str, str]:
        """The body's headers: its type, and its length, or chunked when that is not known."""
        if self.content_length is None:
            return {"Content-Type": content_type, "Transfer-Encoding": "chunked"}
        return {"Content-Type": content_type, "Content-Length": str(self.content_length)}

    def __iter__(self) -> Iterator[bytes]:
        if self.spent:
            raise UploadError(self.spent)
        self._started = True
        yield from self._chunks()

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self:  # file reads are local and short; httpx reads form files the same way
            yield chunk

    def _chunks(self) -> Iterator[bytes]:
        raise NotImplementedError


class MultipartBody(UploadStream):
    """`multipart/form-data` bytes, produced as they are sent (see `UploadStream` for a resend)."""

    def __init__(self, parts: List[_Part], *, boundary: str) -> None:
        super().__init__([part.name for part in parts if not rewindable(part.content)])
        self.boundary = boundary.encode("ascii")
        self.content_type = f"multipart/form-data; boundary={boundary}"
        self._parts = parts
        self._sizes = [size_of(part.content) for part in parts]
        if all(size is not None for size in self._sizes):
            overhead = sum(len(self.boundary) + 4 + len(part.head) + 2 for part in parts)
            self.content_length = overhead + sum(cast(int, s) for s in self._sizes) + len(self.boundary) + 6

    def _chunks(self) -> Iterator[bytes]:
        for part, size in zip(self._parts, self._sizes, strict=True):
            yield b"--" + self.boundary + b"\r\n" + part.head
            if isinstance(part.content, bytes):
                yield part.content
            else:
                yield from file_chunks(part.name, part.content, size)
            yield b"\r\n"
        yield b"--" + self.boundary + b"--\r\n"


def file_chunks(name: str, content: IO[bytes], size: Optional[int]) -> Iterator[bytes]:
    """A file in chunks, from its start when it can be rewound; `size`, when counted in the
    Content-Length, is checked: a file that changed while it was sent would break the request."""
    if rewindable(content):
        call_upload(name, "rewound", content.seek, 0)
    sent = 0
    while True:
        chunk = call_upload(name, "read", content.read, CHUNK_SIZE)
        if not chunk:
            break
        if isinstance(chunk, (bytearray, memoryview)):
            chunk = bytes(chunk)
        elif not isinstance(chunk, bytes):  # None: a non-blocking stream with nothing to read yet
            raise UploadError(f"upload {name!r} gave {type(chunk).__name__} where bytes were expected")
        sent += len(chunk)
        if size is not None and sent > size:
            break
        yield chunk
    if size is not None and sent != size:
        raise UploadError(f"upload {name!r} gave {sent} bytes where its size said {size}: did it change meanwhile?")


def call_upload(name: str, doing: str, method: Any, *args: Any) -> Any:
    try:
        return method(*args)
    except Exception as exc:  # the caller's file failing: named, and never taken for a network error
        raise UploadError(f"upload {name!r} could not be {doing}: {exc}", exc) from exc


def _part_head(name: str, filename: Optional[str] = None, content_type: Optional[str] = None) -> bytes:
    head = f'Content-Disposition: form-data; name="{_escape_name(name)}"'
    if filename is not None:
        head += f'; filename="{_escape_name(filename)}"'
    if content_type is not None:
        head += f"\r\nContent-Type: {content_type}"
    return (head + "\r\n\r\n").encode("utf-8")


def _escape_name(name: str) -> str:
    return _NAME_SPECIALS.sub(lambda match: _NAME_ESCAPES[match.group(0)], name)


def _text_parts(name: str, value: object) -> List[Tuple[str, str]]:
    value = to_wire(value)
    if isinstance(value, NotGiven) or value is None or value == "":
        return []
    if isinstance(value, bool):
        return [(name, "true" if value else "false")]
    if isinstance(value, (list, tuple)):
        return [part for item in value for part in _text_parts(f"{name}[]", item)]
    if isinstance(value, Mapping):
        return [part for key, item in value.items() for part in _text_parts(f"{name}[{key}]", item)]
    return [(name, str(value))]


def _typed_part(name: str, value: object, content_type: str) -> List[Tuple[str, str]]:
    """A field the spec sends as one part of `content_type`: JSON text for a JSON type (an
    explicit None is `null`), else the text itself."""
    value = to_wire(value)
    as_json = content_type == "application/json" or content_type.endswith("+json")
    if isinstance(value, NotGiven) or (value is None and not as_json):
        return []
    if isinstance(value, str) and not as_json:
        return [(name, value)]
    return [(name, json.dumps(value, separators=(",", ":"), ensure_ascii=False))]


def is_file_tuple(value: Tuple[Any, ...]) -> bool:
    return len(value) in (2, 3) and (value[0] is None or isinstance(value[0], str))


def _file_part(name: str, value: FileTypes, stack: ExitStack) -> Tuple[str, Union[bytes, IO[bytes]], str]:
    filename: Optional[str] = None
    content_type: Optional[str] = None
    if isinstance(value, tuple):
        filename, content = value[0], value[1]
        if len(value) == 3:
            content_type = value[2]
    else:
        content = value
    data = open_content(name, content, stack)
    if filename is None:
        filename = _name_of(content)
    if isinstance(data, bytes) and filename is None:
        filename, sniffed = _sniff(data)
        content_type = content_type or sniffed
    filename = filename or "upload"
    if isinstance(content_type, str):
        content_type = content_type.strip(" \t")  # space around a header value means nothing
    content_type = content_type or guess_content_type(filename)
    if not isinstance(content_type, str) or _HEADER_BREAKING.search(content_type):
        raise ValueError(
            f"the content type of upload {name!r} ({content_type!r}) has a line break or another control "
            "character, which would break the part's headers"
        )
    return filename, data, content_type


def open_content(name: str, content: FileContent, stack: ExitStack) -> Union[bytes, IO[bytes]]:
    if isinstance(content, (bytes, bytearray, memoryview)):
        return bytes(content)
    if isinstance(content, os.PathLike):
        return stack.enter_context(open(os.fspath(content), "rb"))
    if isinstance(content, io.TextIOBase):
        raise TypeError("file uploads must be opened in binary mode ('rb'), not text mode")
    if getattr(content, "closed", False) is True:
        raise UploadError(f"upload {name!r} is a closed file ({content!r}): open it again, or pass its path")
    if hasattr(content, "read"):
        return content
    raise TypeError(
        f"expected bytes, a binary file object, a path or a (filename, content) tuple, got {type(content).__name__}"
    )


def size_of(content: Union[bytes, IO[bytes]]) -> Optional[int]:
    """Bytes a part's content will send, or None when it cannot be known without reading it."""
    if isinstance(content, bytes):
        return len(content)
    if not rewindable(content):  # sent from where it stands, which it may not be able to tell
        return None
    try:
        status = os.fstat(content.fileno())
        if stat.S_ISREG(status.st_mode):  # a pipe or socket reports a size of 0
            return status.st_size
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        pass
    try:
        position = content.tell()
        size = content.seek(0, os.SEEK_END)
        content.seek(position)
        return size
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return None


def rewindable(content: Union[bytes, IO[bytes]]) -> bool:
    """Whether `content` can be sent from its start again (bytes, a file), unlike a pipe or a socket.
    Files are always sent from their start, as httpx does, so every send (and retry) is the same."""
    if isinstance(content, bytes):
        return True
    try:
        return bool(content.seekable())
    except AttributeError:  # a file-like object of the caller's own, without seekable(): if it can seek
        return callable(getattr(content, "seek", None))
    except (OSError, ValueError):
        return False


def _name_of(content: FileContent) -> Optional[str]:
    if isinstance(content, os.PathLike):
        return os.path.basename(os.fspath(content))
    name = getattr(content, "name", None)
    return os.path.basename(name) if isinstance(name, str) and name else None


def _sniff(data: bytes) -> Tuple[str, str]:
    for magic, offset, filename, content_type in _SIGNATURES:
        if data[offset : offset + len(magic)] == magic and (offset == 0 or data[:4] == b"RIFF"):
            return filename, content_type
    return "upload", _OCTET_STREAM


def guess_content_type(filename: str) -> str:
    """The image types from a fixed table (same answer on every machine), else the OS's guess."""
    suffix = os.path.splitext(filename)[1].lower()
    return _IMAGE_TYPES.get(suffix) or mimetypes.guess_type(filename)[0] or _OCTET_STREAM
