# Runtime of images-sdk-generator, copied into each generated client with this line as its header.
"""Spec drift: where an answer differs from what the spec says, shown instead of silently kept.

Lenient parsing (`_models.py`) keeps whatever the API sends. A client made with `on_spec_drift=f`
calls `f` with each difference, a `SpecDrift`: its JSON path, what the spec expected, what came,
and the request id. A client made with `strict=True` raises `APIResponseValidationError` (a
`SpecDriftError`, whose `.drift` lists them) instead of returning the data: for CI, where a stale
spec should fail a build, not a customer's request.

What counts as drift:
- a value outside the spec's set of values (a new size: `kind="value"`);
- a union tag no member knows (a new event type: `kind="variant"`);
- a required field that is missing (`kind="missing"`);
- a value of another type than the spec's (`kind="type"`).
What does not: a field the spec does not name. An OpenAPI object allows other properties unless
it says `additionalProperties: false`, and the official package's strict mode accepts them too.
Nor a value of an open enum (`str | Literal[...]`), which the spec leaves open on purpose.

It costs nothing when off, and nothing for an answer that fits the spec: the search for drift
(`_conformance.py`) runs only once pydantic's strict validation has failed, for a client that
asked for it. This module does not import pydantic: the client module imports it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Callable, List, Optional, Sequence, Tuple

import httpx
from typing_extensions import Literal

from ._exceptions import APIResponseValidationError

__all__ = ["SpecDrift", "SpecDriftError", "DriftWatch", "drift_watch", "MISSING", "DRIFT_EXTENSION"]

DRIFT_EXTENSION = "spec_drift"  # the `httpx.Response.extensions` key a client sets its `DriftWatch` under


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()
"""What `SpecDrift.received` is for a field that did not come at all."""

_SHOWN = 120  # characters of a received value a message shows


@dataclass(frozen=True)
class SpecDrift:
    """One place where an answer differs from the spec."""

    kind: Literal["value", "variant", "missing", "type"]
    path: str  # JSONPath of the place in the answer (`$.data[0].size`); a stream event's is its own
    expected: str  # what the spec says goes there (`one of '1024x1024', '1024x1536'`)
    received: object  # the JSON value that came (`MISSING` for a missing field)
    request_id: Optional[str] = None  # the answer's `x-request-id`

    def __str__(self) -> str:
        got = "nothing" if self.received is MISSING else _shown(self.received)
        request = f" (request {self.request_id})" if self.request_id else ""
        return f"{self.path}: expected {self.expected}, got {got}{request}"


class SpecDriftError(APIResponseValidationError):
    """A `strict=True` client's answer differs from the spec; `.drift` says where."""

    drift: Tuple[SpecDrift, ...]

    def __init__(self, response: httpx.Response, drift: Sequence[SpecDrift]) -> None:
        shown = "; ".join(str(item) for item in drift[:3])
        more = f" (and {len(drift) - 3} more)" if len(drift) > 3 else ""
        super().__init__(response, f"the answer differs from the spec at {shown}{more}")
        self.drift = tuple(drift)


def drift_watch(response: httpx.Response) -> Optional[DriftWatch]:
    """The `DriftWatch` of the client that made `response`, if it watches for drift."""
    watch = response.extensions.get(DRIFT_EXTENSION)
    return watch if isinstance(watch, DriftWatch) else None


class DriftWatch:
    """What a client does with drift: call `on_spec_drift` with each one, then raise if `strict`."""

    __slots__ = ("on_spec_drift", "strict")

    def __init__(self, on_spec_drift: Optional[Callable[[SpecDrift], object]], strict: bool) -> None:
        self.on_spec_drift = on_spec_drift
        self.strict = strict

    def report(self, found: List[SpecDrift], response: httpx.Response) -> None:
        request_id = response.headers.get("x-request-id")
        drift = [replace(item, request_id=request_id) for item in found]
        if self.on_spec_drift is not None:
            for item in drift:
                self.on_spec_drift(item)
        if self.strict:
            raise SpecDriftError(response, drift)


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= _SHOWN else f"{text[:_SHOWN]}... ({len(text)} characters)"
