"""Make spec text (descriptions, titles, literal values) safe to place in Python source."""

from __future__ import annotations

import json
import re
from typing import Any

# C0/C1 controls other than tab and newline, and the bidi overrides that can make
# source read differently from how it runs ("trojan source").
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
MAX_TEXT = 20_000  # a docstring longer than this is cut, with a note


def clean_text(text: str) -> str:
    """Drop unsafe characters, normalise line ends and trailing space, cap the length."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _UNSAFE.sub("", text)
    text = "\n".join(line.rstrip() for line in text.strip().split("\n"))
    if len(text) > MAX_TEXT:
        text = text[:MAX_TEXT].rstrip() + "\n\n(description cut at 20000 characters)"
    return text


def docstring_body(text: str) -> str:
    """Text that can stand between triple double quotes whatever it contains."""
    text = clean_text(text).replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    if text.endswith('"'):
        text += " "
    return text


def python_literal(value: Any) -> str:
    """Python source for a JSON value (strings with escapes, true → True...)."""
    if value is None or isinstance(value, (bool, int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=True)
    return repr(value)
