"""Drop names a rendered module imports but never uses.

Templates list every import a module may need; which ones a given spec needs (files, streams,
datetime, Literal...) is only known after rendering. Only top-level `from x import a, b` lines
are pruned; a name counts as used when it appears as a name token anywhere else in the module
(words in docstrings and comments do not count).
"""

from __future__ import annotations

import ast
import re
from collections import Counter

_FROM_IMPORT = re.compile(r"^from (\S+) import ([\w, ]+)$")
_WORD = re.compile(r"[A-Za-z_]\w*")


def prune_unused_imports(source: str) -> str:
    lines = source.split("\n")
    used = _names("\n".join(line for line in lines if not _FROM_IMPORT.match(line)))
    out = []
    for line in lines:
        match = _FROM_IMPORT.match(line)
        if not match or match.group(1) == "__future__":
            out.append(line)
            continue
        names = [n.strip() for n in match.group(2).split(",") if n.strip()]
        kept = [n for n in names if used[n]]
        if kept:
            out.append(f"from {match.group(1)} import {', '.join(kept)}")
    return "\n".join(out)


def _names(source: str) -> Counter[str]:
    """How often each name is used: as a name, or inside a string that is not a docstring (an
    f-string's fields, `__all__`, a string annotation); prose in docstrings and comments is not."""
    names: Counter[str] = Counter()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Name):
            names[node.id] += 1
        elif isinstance(node, ast.Attribute):
            names[node.attr] += 1
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            node.value.value = None  # a docstring (a bare string statement): its words are prose
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            names.update(_WORD.findall(node.value))
    return names
