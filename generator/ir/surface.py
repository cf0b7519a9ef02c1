"""What every generated method has besides the spec's parameters: the per-call arguments.

One list, read by the naming rules (a spec parameter may not take these names), the method
signatures and docstrings, and api.md.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PerCallArgument:
    name: str
    annotation: str
    default: str
    doc: str


PER_CALL_ARGUMENTS = (
    PerCallArgument("extra_headers", "Optional[Headers]", "None",
                    "Headers to add to this request; `Omit()` removes one."),
    PerCallArgument("extra_query", "Optional[Query]", "None", "Query parameters to add to this request."),
    PerCallArgument("extra_body", "Optional[Body]", "None", "Fields to add to the request body."),
    PerCallArgument("timeout", "Union[float, httpx.Timeout, None, NotGiven]", "NOT_GIVEN",
                    "Seconds (or an `httpx.Timeout`: its largest limit) that each try of this request may "
                    "take in all, reading the answer included; `None` waits forever. A stream (`stream=True`, "
                    "or `with_streaming_response`) is limited per read instead: each wait for data, not the "
                    "whole stream."),
)
