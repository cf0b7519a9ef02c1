# Runtime of images-sdk-generator, copied into each generated client with this line as its header.
"""Request bodies: one encoder per body kind, called by the generated methods.

Each encoder returns a body whose `encode()` gives the headers and the content to send, so the
request machinery sends any kind the same way (and a retry sends the same bytes again):
- `json_body`: the arguments given (left out: absent; `None`: sent as `null`), then `extra_body`;
- `multipart_body`: the same arguments as form fields and file parts (see `_multipart.py`).
"""

from __future__ import annotations

import json
from contextlib import ExitStack
from typing import Collection, Dict, Mapping, Optional, Protocol

from ._multipart import MultipartForm
from ._serialization import to_wire
from ._types import Body, EncodedBody, NotGiven

__all__ = ["RequestBody", "JSONBody", "json_body", "multipart_body"]


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
