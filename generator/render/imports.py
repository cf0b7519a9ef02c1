"""Drop names a rendered module imports but never uses.

Templates list every import a module may need; which ones a given spec needs (files, streams,
datetime, Literal...) is only known after rendering. Only top-level `from x import a, b` lines
are pruned; a name counts as used when it appears as a name token anywhere else in the module
(words in docstrings and comments do not count; words in other strings do).

The module is not parsed: its tokens come from a regular expression (`tokens.py`).
"""

from __future__ import annotations

import re

from .tokens import TOKEN

_FROM_IMPORT = re.compile(r"^from (\S+) import ([\w, ]+)$")
_WORD = re.compile(r"[A-Za-z_]\w*")


def prune_unused_imports(source: str) -> str:
    """`source` without the imports it does not use."""
    lines = source.split("\n")
    used = _names("\n".join(line for line in lines if not _FROM_IMPORT.match(line)))
    out: list[str] = []
    for line in lines:
        match = _FROM_IMPORT.match(line)
        if match and match.group(1) != "__future__":
            kept = [n for n in (n.strip() for n in match.group(2).split(",")) if n and n in used]
            if not kept:
                continue
            line = f"from {match.group(1)} import {', '.join(kept)}"
        out.append(line)
    return "\n".join(out)


def _names(source: str) -> set[str]:
    """The words a module uses as code: every name outside strings and comments, and the words
    of a string that is part of an expression (an f-string's fields, `__all__`, a string
    annotation). A string standing alone as a statement (a docstring) is prose, and so is a comment.

    (A superset of the names Python binds or reads: a parameter's or a keyword argument's name
    counts too, so an import is never pruned that the module needs.)"""
    names: set[str] = set()
    depth = 0
    line_start = True  # no token yet on this logical line
    pending: str | None = None  # a string that began a logical line: prose if the line ends with it
    for match in TOKEN.finditer(source):
        kind = match.lastgroup
        if kind == "newline":
            if depth == 0:
                pending = None
                line_start = True
            continue
        if kind == "comment":
            continue
        if pending is not None:  # the string was followed by more code: an expression after all
            names.update(_WORD.findall(pending))
            pending = None
        if kind == "string":
            if line_start and depth == 0:
                pending = match.group()
            else:
                names.update(_WORD.findall(match.group()))
        elif kind == "word":
            names.add(match.group())
        elif kind == "open":
            depth += 1
        elif kind == "close":
            depth = max(depth - 1, 0)
        line_start = False
    return names
