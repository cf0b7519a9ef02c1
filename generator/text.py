"""Make spec text (descriptions, titles, literal values) safe to place in Python source."""

from __future__ import annotations

import json
import math
import re
import textwrap
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


WRAP_WIDTH = 100


def wrap_text(text: str, width: int = WRAP_WIDTH) -> str:
    """Wrap long lines, keeping paragraphs, list items and indentation; words are never split."""
    out = []
    for line in text.split("\n"):
        if len(line) <= width:
            out.append(line)
            continue
        stripped = line.lstrip()
        lead = line[: len(line) - len(stripped)]
        bullet = re.match(r"(?:[-*+]|\d+[.)]) ", stripped)
        hang = lead + " " * (len(bullet.group(0)) if bullet else 0)
        out.append(textwrap.fill(line, width, initial_indent="", subsequent_indent=hang,
                                 break_long_words=False, break_on_hyphens=False))
    return "\n".join(out)


def docstring_body(text: str, width: int = WRAP_WIDTH) -> str:
    """Text that can stand between triple double quotes whatever it contains."""
    text = wrap_text(clean_text(text), width).replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    if text.endswith('"'):
        text += " "
    return text


def python_literal(value: Any) -> str:
    """Python source for a JSON value (true → True...); strings in ASCII with Python's escapes,
    so no character can hide in the source and one outside the BMP stays one character (JSON's
    escapes would spell it as two surrogates)."""
    if isinstance(value, str):
        text = ascii(value)
        if text.startswith("'") and '"' not in value:  # double quotes, as black writes them
            text = '"' + text[1:-1].replace("\\'", "'") + '"'
        return text
    if isinstance(value, float) and not math.isfinite(value):  # YAML's .inf and .nan
        return f'float("{value}")'
    if isinstance(value, (list, tuple)):
        items = ", ".join(python_literal(item) for item in value)
        return f"[{items}]" if isinstance(value, list) else f"({items}{',' if len(value) == 1 else ''})"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{python_literal(k)}: {python_literal(v)}" for k, v in value.items()) + "}"
    return repr(value)


def toml_string(value: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's; other characters stay as UTF-8)."""
    return json.dumps(value.encode("utf-8", "replace").decode("utf-8"), ensure_ascii=False)
