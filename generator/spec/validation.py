"""Validation of a loaded spec: the version, our located prechecks, then its structure.

Every problem names its file, line and JSON pointer. Problems that leave the spec usable are
warnings, returned; the others raise SpecError, all at once.
"""

from __future__ import annotations

from ..errors import Problem, SpecError
from .loading import LoadedSpec
from .prechecks import precheck
from .structure import check_structure

_MAX_PROBLEMS = 50


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


def validate_structure(spec: LoadedSpec) -> list[Problem]:
    """The warnings of `spec`'s structure; raise SpecError listing what is wrong with it instead."""
    version = check_version(spec)
    found = precheck(spec)
    errors, warnings = check_structure(spec, version)
    if errors:
        raise SpecError(errors[:_MAX_PROBLEMS])
    return found + warnings
