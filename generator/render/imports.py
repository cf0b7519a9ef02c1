"""Drop names a rendered module imports but never uses.

Templates list every import a module may need; which ones a given spec needs (files, streams,
datetime, Literal...) is only known after rendering. Only top-level `from x import a, b` lines
are pruned; a name counts as used when it appears as a name token anywhere else in the module
(words in docstrings and comments do not count).
"""

from __future__ import annotations

import io
import re
import tokenize
from collections import Counter

_FROM_IMPORT = re.compile(r"^from (\S+) import ([\w, ]+)$")


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
    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    statement_start = True
    for index, token in enumerate(tokens):
        if token.type == tokenize.NAME:
            names[token.string] += 1
        elif token.type == tokenize.STRING:
            following = next((t.type for t in tokens[index + 1 :] if t.type not in (tokenize.COMMENT, tokenize.NL)),
                             tokenize.ENDMARKER)
            is_docstring = statement_start and following in (tokenize.NEWLINE, tokenize.ENDMARKER)
            if not is_docstring:
                names.update(re.findall(r"[A-Za-z_]\w*", token.string))
        if token.type not in (tokenize.COMMENT, tokenize.NL):
            statement_start = token.type in (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT)
    return names
