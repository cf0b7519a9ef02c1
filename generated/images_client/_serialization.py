# Generated from spec/openapi.yaml by images-sdk-generator. Do not edit; run `make generate`.
"""Values as the wire carries them: what JSON bodies, form fields and query strings send.

A date or time is sent in ISO 8601, a UUID as its text, and a model (such as one read from an
earlier answer) as the dict of the fields it holds, under the API's names, so a value read from
a response can be passed straight back to a request.
"""

from __future__ import annotations

import datetime
import uuid
from typing import Any, Mapping

__all__ = ["to_wire"]


def to_wire(value: object) -> Any:
    """`value` with dates, UUIDs and models turned into JSON data, at any depth."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, Mapping):
        return {key: to_wire(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_wire(item) for item in value]
    dump = getattr(value, "model_dump", None)  # a model; duck-typed, so pydantic need not load here
    if callable(dump):
        return to_wire(dump(mode="json", by_alias=True, exclude_unset=True))
    return value
