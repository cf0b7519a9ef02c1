# Runtime of images-sdk-generator, copied into each generated client with this line as its header.
"""Request bodies: one encoder per body kind, called by the generated methods.

Each encoder returns a body whose `encode()` gives the headers and the content to send, so the
request machinery sends any kind the same way (and a retry sends the same bytes again):
- `json_body`: the arguments given (left out: absent; `None`: sent as `null`), then `extra_body`;
- `multipart_body`: the same arguments as form fields and file parts (see `_multipart.py`);
- `binary_body`: one argument's bytes as they are (a file, an image, text), in its media type;
- a form (`application/x-www-form-urlencoded`) is `_params.form_body`, as it writes fields the way
  parameters are written.
"""

from __future__ import annotations

import json
import os
from contextlib import ExitStack
from typing import Collection, Dict, Mapping, Optional, Protocol

from ._multipart import MultipartForm
from ._serialization import to_wire
from ._types import Body, EncodedBody, NotGiven

__all__ = ["RequestBody", "JSONBody", "json_body", "multipart_body", "BinaryBody", "binary_body"]


class RequestBody(Protocol):
    def encode(self, files: ExitStack) -> EncodedBody:
        """The bytes to send; files the body opens (given as paths) are closed with `files`."""


class JSONBody:
    def __init__(self, values: Mapping[str, object], extra_body: Optional[Body]) -> None:
        self.values: Dict[str, object] = {
            key: value for key, value in values.items() if not isinstance(value, NotGiven)
        }
        self.values.update(extra_body or {})

    def encode(self, files: ExitStack) -> EncodedBody:
        # as httpx writes `json=`: compact, UTF-8, and NaN refused rather than sent as invalid JSON
        content = json.dumps(to_wire(self.values), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        return EncodedBody({"Content-Type": "application/json"}, content.encode("utf-8"))


def json_body(values: Mapping[str, object], extra_body: Optional[Body]) -> JSONBody:
    return JSONBody(values, extra_body)


class BinaryBody:
    """A body that is one value's bytes: `bytes`, text (UTF-8), an open binary file, a path, or a
    `(filename, content[, content type])` tuple as for uploads (its own content type wins)."""

    def __init__(self, content: object, media_type: str) -> None:
        self.content, self.media_type = content, media_type

    def encode(self, files: ExitStack) -> EncodedBody:
        content, media_type = self.content, self.media_type
        if isinstance(content, tuple):
            media_type = content[2] if len(content) > 2 and content[2] else media_type
            content = content[1]
        if isinstance(content, str):
            data = content.encode("utf-8")
        elif isinstance(content, (bytes, bytearray, memoryview)):
            data = bytes(content)
        elif isinstance(content, os.PathLike):
            with open(content, "rb") as handle:
                data = handle.read()
        elif callable(getattr(content, "read", None)):
            if getattr(content, "closed", False):
                raise ValueError("the request body is a file that is closed")
            data = content.read()  # type: ignore[attr-defined]
            if not isinstance(data, bytes):
                raise TypeError(f"the request body must give bytes when read, not {type(data).__name__}")
        else:
            raise TypeError(
                f"the request body must be bytes, text, a binary file or a path, not {type(content).__name__}"
            )
        return EncodedBody({"Content-Type": media_type}, data)


def binary_body(values: Mapping[str, object], extra_body: Optional[Body], *, media_type: str) -> BinaryBody:
    """The one argument given (`extra_body` has no place in bytes; it is refused when given)."""
    if extra_body:
        raise ValueError("extra_body cannot be sent with a body that is bytes")
    (content,) = values.values()
    return BinaryBody(content, media_type)


def multipart_body(
    values: Mapping[str, object], extra_body: Optional[Body], *, files: Collection[str] = ()
) -> MultipartForm:
    """A form: the arguments named in `files` are file parts, the others text fields. A file
    argument that also accepts an object (a reference instead of bytes) sends a given object as
    fields."""
    fields = {key: value for key, value in values.items() if key not in files or _is_object(value)}
    uploads = {key: values[key] for key in files if key in values and key not in fields}
    return MultipartForm(fields, uploads, extra_body)


def _is_object(value: object) -> bool:
    if isinstance(value, list) and value:
        return all(isinstance(item, Mapping) for item in value)
    return isinstance(value, Mapping)
