"""Structural validation of a loaded spec against the OpenAPI 3.0 / 3.1 schemas.

openapi-spec-validator does the checking; this module turns what it reports into located
problems. It is imported lazily because it costs a few hundred milliseconds to load.
"""

from __future__ import annotations

import json
from typing import Any

from ..errors import Problem, SpecError, pointer_join
from ..output.cache import ContentCache, tool_version
from .loading import LoadedSpec
from .prechecks import precheck

_MAX_MESSAGE = 200
_MAX_PROBLEMS = 20


def check_version(spec: LoadedSpec) -> str:
    """Return "3.0" or "3.1", or raise SpecError saying what the document is instead."""
    data = spec.data
    if "swagger" in data:
        raise SpecError([spec.problem("/swagger", f"this is a Swagger {data['swagger']} document; "
                                      "only OpenAPI 3.0 and 3.1 are supported (convert it first)")])
    version = data.get("openapi")
    if version is None:
        raise SpecError([spec.problem("", "not an OpenAPI document: there is no `openapi` field")])
    text = str(version)
    if text.startswith("3.0"):
        return "3.0"
    if text.startswith("3.1"):
        return "3.1"
    raise SpecError([spec.problem("/openapi", f"unsupported OpenAPI version {text!r}; use 3.0.x or 3.1.x")])


def validate_structure(spec: LoadedSpec, cache: ContentCache | None = None) -> None:
    """Raise SpecError listing what the OpenAPI schema rejects in `spec`."""
    version = check_version(spec)
    precheck(spec)
    key = ""
    if cache is not None:  # only a passing verdict is cached; failures are always re-reported
        key = cache.key("valid", tool_version("openapi-spec-validator"), json.dumps(spec.data, sort_keys=True,
                                                                                    default=str))
        if cache.get("valid", key) is not None:
            return
    _validate_with_schema(spec, version)
    if cache is not None:
        cache.put("valid", key, b"ok")


def _validate_with_schema(spec: LoadedSpec, version: str) -> None:
    from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

    validator_cls = OpenAPIV31SpecValidator if version == "3.1" else OpenAPIV30SpecValidator
    problems: list[Problem] = []
    try:
        for error in validator_cls(spec.data).iter_errors():
            problems.append(_to_problem(spec, error))
            if len(problems) >= _MAX_PROBLEMS:
                break
    except Exception as exc:  # the validator can trip over shapes it just reported
        if not problems:
            problems.append(spec.problem("", f"the spec could not be validated: {_short(repr(exc))}"))
    if problems:
        raise SpecError(problems)


def _to_problem(spec: LoadedSpec, error: Any) -> Problem:
    pointer = ""
    for part in getattr(error, "path", ()) or ():
        pointer = pointer_join(pointer, part)
    message = str(getattr(error, "message", error)).splitlines()[0]
    return spec.problem(pointer, _short(message))


def _short(text: str) -> str:
    return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 1] + "…"
