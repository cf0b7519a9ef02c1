# Runtime of images-sdk-generator, copied into each generated client with this line as its header.
"""Multipart bodies: how each argument becomes form parts, and how the body goes on the wire.

- text fields come first: `True`/`False` → "true"/"false", numbers → `str()`, `None` and
  "" → no part, a list → one `name[]` part per item, a dict → `name[key]` parts (the
  official SDK's bracket form, nested to any depth);
- then files, in the order the method lists them: one file → a part named after the
  argument (`image`), a **list** of files → one `image[]` part each, even for one file;
- part headers escape field names and filenames as browsers (and httpx) do: `"` → `%22`,
  a backslash is doubled, control characters → `%0D`, `%0A`..., so no name can end a header
  or start another; a content type with a line break is refused (`ValueError`) before
  anything is sent;
- uploads are never read whole: files are read in 64 KiB chunks as the body is sent, and
  each send starts them from the beginning, so a retry re-sends the identical body.
"""

from __future__ import annotations

import io
import mimetypes
import os
import re
import stat
from contextlib import ExitStack
from typing import IO, Any, AsyncIterator, Iterator, List, Mapping, Optional, Tuple, Union, cast

import httpx

from ._serialization import to_wire
from ._types import EncodedBody, FileContent, FileTypes, NotGiven

__all__ = ["MultipartForm", "MultipartBody"]

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


class MultipartForm:
    """A form body: text fields and files, in the order they go on the wire."""

    def __init__(
        self,
        fields: Mapping[str, object],
        files: Mapping[str, object],  # each a FileTypes, a list of them, or NOT_GIVEN
        extra_fields: Optional[Mapping[str, object]] = None,
    ) -> None:
        self.fields: List[Tuple[str, str]] = []
        for name, value in {**fields, **(extra_fields or {})}.items():
            self.fields.extend(_text_parts(name, value))
        self.files: List[Tuple[str, FileTypes]] = []
        for name, value in files.items():
            if isinstance(value, NotGiven) or value is None:
                continue
            if isinstance(value, list) or (isinstance(value, tuple) and not _is_file_tuple(value)):
                self.files.extend((f"{name}[]", item) for item in value)
            else:
                self.files.append((name, cast(FileTypes, value)))

    def encode(self, stack: ExitStack) -> EncodedBody:
        """The body to send; files given as paths are opened on `stack`, closed with it."""
        body = self.body(stack)
        headers = {"Content-Type": body.content_type}
        if body.content_length is not None:
            headers["Content-Length"] = str(body.content_length)
        else:  # a file whose size cannot be known without reading it
            headers["Transfer-Encoding"] = "chunked"
        return EncodedBody(headers, body)

    def body(self, stack: ExitStack) -> MultipartBody:
        parts: List[Tuple[bytes, Union[bytes, IO[bytes]]]] = []
        for name, value in self.fields:
            parts.append((_part_head(name), value.encode("utf-8")))
        for name, upload in self.files:
            filename, content, content_type = _file_part(name, upload, stack)
            parts.append((_part_head(name, filename, content_type), content))
        return MultipartBody(parts, boundary=os.urandom(16).hex())


class MultipartBody(httpx.SyncByteStream, httpx.AsyncByteStream):
    """`multipart/form-data` bytes, produced as they are sent; can be sent again (retries)."""

    def __init__(self, parts: List[Tuple[bytes, Union[bytes, IO[bytes]]]], *, boundary: str) -> None:
        self.boundary = boundary.encode("ascii")
        self.content_type = f"multipart/form-data; boundary={boundary}"
        self._parts = parts
        sizes = [_size_of(content) for _, content in parts]
        self.content_length: Optional[int] = None
        if all(size is not None for size in sizes):
            overhead = sum(len(self.boundary) + 4 + len(head) + 2 for head, _ in parts)
            self.content_length = overhead + sum(cast(int, s) for s in sizes) + len(self.boundary) + 6

    def __iter__(self) -> Iterator[bytes]:
        for head, content in self._parts:
            yield b"--" + self.boundary + b"\r\n" + head
            if isinstance(content, bytes):
                yield content
            else:
                _rewind(content)
                while True:
                    chunk = content.read(CHUNK_SIZE)
                    if not chunk:
                        break
                    yield chunk
            yield b"\r\n"
        yield b"--" + self.boundary + b"--\r\n"

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self:  # file reads are local and short; httpx reads form files the same way
            yield chunk


def _part_head(name: str, filename: Optional[str] = None, content_type: Optional[str] = None) -> bytes:
    head = f'Content-Disposition: form-data; name="{_escape_name(name)}"'
    if filename is not None:
        head += f'; filename="{_escape_name(filename)}"\r\nContent-Type: {content_type}'
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


def _is_file_tuple(value: Tuple[Any, ...]) -> bool:
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
    data = _open_content(content, stack)
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


def _open_content(content: FileContent, stack: ExitStack) -> Union[bytes, IO[bytes]]:
    if isinstance(content, (bytes, bytearray, memoryview)):
        return bytes(content)
    if isinstance(content, os.PathLike):
        return stack.enter_context(open(os.fspath(content), "rb"))
    if isinstance(content, io.TextIOBase):
        raise TypeError("file uploads must be opened in binary mode ('rb'), not text mode")
    if hasattr(content, "read"):
        return content
    raise TypeError(
        f"expected bytes, a binary file object, a path or a (filename, content) tuple, got {type(content).__name__}"
    )


def _size_of(content: Union[bytes, IO[bytes]]) -> Optional[int]:
    """Bytes a part's content will send, or None when it cannot be known without reading it."""
    if isinstance(content, bytes):
        return len(content)
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


def _rewind(content: IO[bytes]) -> None:
    """Files are sent from their start, as httpx does, so every send (and retry) is the same."""
    try:
        content.seek(0)
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        pass  # not seekable: sent from where it stands, once


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
