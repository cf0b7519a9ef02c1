# Runtime of images-sdk-generator, copied into each generated client with this line as its header.
"""Where decoded JSON departs from the type the spec gives it: the drift that lenient parsing
keeps (`_drift.py` says what counts). Run only for a client that asked (`on_spec_drift`,
`strict`), and only once pydantic's strict validation has refused the answer.
"""

from __future__ import annotations

import json
from typing import Any, List, Optional

import pydantic
from typing_extensions import Literal, get_args, get_origin

from ._drift import MISSING, SpecDrift
from ._type_shapes import is_union, type_adapter, union_members, unwrap, variants

__all__ = ["find_drift"]

_NONE_TYPE = type(None)
# What each JSON scalar type accepts: an int is a number too, a bool is no int.
_SCALARS = {str: (str,), int: (int,), float: (int, float), bool: (bool,), _NONE_TYPE: (_NONE_TYPE,)}


def find_drift(type_: Any, data: object, failure: Optional[pydantic.ValidationError] = None) -> List[SpecDrift]:
    """Where `data` (decoded JSON) differs from `type_`, in document order.

    `failure` is pydantic's strict validation error for it: when the walk finds nothing that
    pydantic refused, its first error is reported as it is, so that no refusal goes unseen."""
    found: List[SpecDrift] = []
    _walk(type_, data, "$", None, found)
    if not found and failure is not None:
        error = failure.errors()[0]
        path = "$" + "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in error["loc"])
        found.append(SpecDrift("type", path, error["msg"], error.get("input", MISSING)))
    return found


def _walk(type_: Any, data: object, path: str, tag: Optional[str], found: List[SpecDrift]) -> None:
    type_, tag = unwrap(type_, tag)
    if type_ is Any or type_ is object:
        return
    if isinstance(type_, type) and issubclass(type_, pydantic.BaseModel):
        _walk_model(type_, data, path, found)
    elif is_union(type_):
        _walk_union(type_, data, path, tag, found)
    elif get_origin(type_) is Literal:
        values = get_args(type_)
        if not any(value == data and type(value) is type(data) for value in values):
            found.append(SpecDrift("value", path, "one of " + ", ".join(map(repr, values)), data))
    elif get_origin(type_) in (list, tuple):
        if not isinstance(data, list):
            found.append(SpecDrift("type", path, "a list", data))
            return
        item = get_args(type_)[0] if get_args(type_) else Any
        for index, value in enumerate(data):
            _walk(item, value, f"{path}[{index}]", None, found)
    elif get_origin(type_) is dict:
        if not isinstance(data, dict):
            found.append(SpecDrift("type", path, "an object", data))
            return
        args = get_args(type_)
        for key, value in data.items():
            _walk(args[1] if len(args) == 2 else Any, value, _member(path, key), None, found)
    elif type_ in _SCALARS:
        if not isinstance(data, _SCALARS[type_]) or (isinstance(data, bool) and type_ is not bool):
            found.append(SpecDrift("type", path, _describe(type_), data))
    elif not _fits(type_, data):  # a datetime, a UUID...: as pydantic's strict JSON mode reads it
        found.append(SpecDrift("type", path, _describe(type_), data))


def _walk_model(model: Any, data: object, path: str, found: List[SpecDrift]) -> None:
    if not isinstance(data, dict):
        found.append(SpecDrift("type", path, f"an object ({model.__name__})", data))
        return
    for name, field in model.model_fields.items():
        key = field.alias or name
        if key in data:
            tag = field.discriminator if isinstance(field.discriminator, str) else None
            _walk(field.annotation, data[key], _member(path, key), tag, found)
        elif field.is_required():
            found.append(SpecDrift("missing", _member(path, key), "a required field", MISSING))


def _walk_union(union: Any, data: object, path: str, tag: Optional[str], found: List[SpecDrift]) -> None:
    members = union_members(union)
    if data is None:
        if len(members) < len(get_args(union)):  # it has a None member
            return
        found.append(SpecDrift("type", path, " | ".join(map(_describe, members)), data))
        return
    if tag is not None and isinstance(data, dict):
        by_tag = variants(members, tag)
        value = data.get(tag, MISSING)
        variant = by_tag.get(value) if isinstance(value, (str, int, bool)) else None
        if variant is None:
            found.append(SpecDrift("variant", _member(path, tag), "one of " + ", ".join(map(repr, by_tag)), value))
            return
        _walk_model(variant, data, path, found)
        return
    tries = []
    for member in members:
        differences: List[SpecDrift] = []
        _walk(member, data, path, None, differences)
        if not differences:
            return  # one member fits
        tries.append((member, differences))
    # None fits. The one member of the data's own kind (an object for an object...) tells where
    # exactly; with several, saying which one was meant would be a guess.
    alike = [differences for member, differences in tries if _same_kind(member, data)]
    if len(alike) == 1:
        found.extend(alike[0])
    else:
        found.append(SpecDrift("type", path, " | ".join(map(_describe, members)), data))


def _same_kind(type_: Any, data: object) -> bool:
    plain, _ = unwrap(type_, None)
    is_model = isinstance(plain, type) and issubclass(plain, pydantic.BaseModel)
    if isinstance(data, dict):
        return is_model or get_origin(plain) is dict
    if isinstance(data, list):
        return get_origin(plain) in (list, tuple)
    return not (is_model or get_origin(plain) in (dict, list, tuple) or is_union(plain))


def _fits(type_: Any, data: object) -> bool:
    try:
        type_adapter(type_).validate_json(json.dumps(data), strict=True)
    except (pydantic.ValidationError, TypeError, ValueError):
        return False
    return True


def _describe(type_: Any) -> str:
    plain, _ = unwrap(type_, None)
    if plain is float:
        return "a number"
    if isinstance(plain, type):
        return plain.__name__
    if get_origin(plain) is Literal:
        return " | ".join(map(repr, get_args(plain)))
    return str(plain).replace("typing.", "")


def _member(path: str, key: str) -> str:
    return f"{path}.{key}" if key.isidentifier() else f"{path}[{json.dumps(key)}]"
