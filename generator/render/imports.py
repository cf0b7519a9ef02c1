"""Drop names a rendered module imports but never uses.

Templates list every import a module may need; which ones a given spec needs (files,
streams, Literal...) is only known after rendering. Only top-level `from x import a, b`
lines are pruned; a name counts as used when it appears as a word anywhere else.
"""

from __future__ import annotations

import re

_FROM_IMPORT = re.compile(r"^from (\S+) import ([\w, ]+)$")


def prune_unused_imports(source: str) -> str:
    lines = source.split("\n")
    out = []
    for index, line in enumerate(lines):
        match = _FROM_IMPORT.match(line)
        if not match or match.group(1) == "__future__":
            out.append(line)
            continue
        rest = "\n".join(lines[:index] + lines[index + 1 :])
        names = [n.strip() for n in match.group(2).split(",") if n.strip()]
        used = [n for n in names if re.search(r"(?<![\w.])" + re.escape(n) + r"\b", rest)]
        if used:
            out.append(f"from {match.group(1)} import {', '.join(used)}")
    return "\n".join(out)
