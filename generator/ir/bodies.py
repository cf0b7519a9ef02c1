"""The request-body kinds the generator knows: one registry, read by the IR and the renderer.

A kind says which media types it serves, whether its arguments may carry uploads, and which
runtime function encodes it (each returns an object whose `encode()` gives the headers and the
stream to send, so the request machinery never asks which kind it has). Adding a kind is an
entry here and its encoder in the runtime.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping


@dataclass(frozen=True)
class BodyKind:
    name: str
    media_types: tuple[str, ...]
    carries_files: bool  # arguments may be uploads (sent as file parts)
    encoder: str  # the runtime function that builds the body, in `_bodies.py` (a form's in `_params.py`)


# In order of preference: where an operation offers both, multipart wins, as the only way to
# send image bytes (the official spec's `/images/edits` offers both).
BODY_KINDS = (
    BodyKind("multipart", ("multipart/form-data",), carries_files=True, encoder="multipart_body"),
    BodyKind("json", ("application/json",), carries_files=False, encoder="json_body"),
    BodyKind("form", ("application/x-www-form-urlencoded",), carries_files=False, encoder="form_body"),
    # any other media type (octet-stream, an image, text, `*/*`): one argument, sent as its bytes
    BodyKind("binary", ("application/octet-stream",), carries_files=False, encoder="binary_body"),
)


def body_kind(content: Mapping[str, object]) -> tuple[BodyKind, str] | None:
    """The preferred kind a request body's `content` offers, and its media type."""
    for kind in BODY_KINDS:
        for media_type in kind.media_types:
            if media_type in content:
                return kind, media_type
        if kind.name == "json":  # `application/merge-patch+json` and kin are JSON too
            suffixed = sorted(m for m in content if m.startswith("application/") and m.endswith("+json"))
            if suffixed:
                return kind, suffixed[0]
    if content:  # another media type: its bytes
        return BODY_KINDS[-1], sorted(content)[0]
    return None


def supported_media_types() -> str:
    return ", ".join(media_type for kind in BODY_KINDS for media_type in kind.media_types)
