# Generated from spec/openapi.yaml by images-sdk-generator. Do not edit; run `make generate`.
"""Multipart bodies: how each argument becomes form parts, and how uploads are read.

- text fields come first: `True`/`False` → "true"/"false", numbers → `str()`, `None` and
  "" → no part, a list → one `name[]` part per item;
- then files, in the order the method lists them: one file → a part named after the
  argument (`image`), a **list** of files → one `image[]` part each, even for one file;
- uploads are never read whole: file objects and paths are handed to httpx, which streams
  them in 64 KiB chunks and seeks back to the start when a retry re-sends the body.
"""

from __future__ import annotations

import io
import json
import mimetypes
import os
from contextlib import ExitStack
from typing import IO, Any, List, Mapping, Optional, Sequence, Tuple, Union, cast

from ._types import FileContent, FileTypes, NotGiven

__all__ = ["MultipartForm"]

HttpxFile = Tuple[str, Tuple[str, Union[bytes, IO[bytes]], str]]

# Magic numbers of the formats the API accepts, so raw bytes get a real type and name.
_SIGNATURES: Tuple[Tuple[bytes, int, str, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "image.png", "image/png"),
    (b"\xff\xd8\xff", 0, "image.jpg", "image/jpeg"),
    (b"WEBP", 8, "image.webp", "image/webp"),
)
_IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp"}
_OCTET_STREAM = "application/octet-stream"


class MultipartForm:
    """A form body: text fields and files, in the order they go on the wire."""

    def __init__(
        self,
        fields: Mapping[str, object],
        files: Mapping[str, Union[FileTypes, Sequence[FileTypes], NotGiven]],
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

    def open_files(self, stack: ExitStack) -> List[HttpxFile]:
        """The files as httpx wants them; paths are opened on `stack`, closed with it."""
        return [(name, _file_part(value, stack)) for name, value in self.files]


def _text_parts(name: str, value: object) -> List[Tuple[str, str]]:
    if isinstance(value, NotGiven) or value is None or value == "":
        return []
    if isinstance(value, bool):
        return [(name, "true" if value else "false")]
    if isinstance(value, (list, tuple)):
        return [part for item in value for part in _text_parts(f"{name}[]", item)]
    if isinstance(value, dict):
        return [(name, json.dumps(value))]
    return [(name, str(value))]


def _is_file_tuple(value: Tuple[Any, ...]) -> bool:
    return len(value) in (2, 3) and (value[0] is None or isinstance(value[0], str))


def _file_part(value: FileTypes, stack: ExitStack) -> Tuple[str, Union[bytes, IO[bytes]], str]:
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
    return filename, data, content_type or guess_content_type(filename)


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
