"""Drop names a rendered module imports but never uses.

Templates list every import a module may need; which ones a given spec needs (files, streams,
datetime, Literal...) is only known after rendering. Only top-level `from x import a, b` lines
are pruned; a name counts as used when it appears as a name token anywhere else in the module
(words in docstrings and comments do not count).

The module is parsed here once; its outline (where each top-level statement stands in the
pruned module) goes on to the formatter, which cuts large modules there without parsing again.
"""

from __future__ import annotations

import ast
import re

from ..output.formatting import Outline, Statement, outline_of

_FROM_IMPORT = re.compile(r"^from (\S+) import ([\w, ]+)$")
_WORD = re.compile(r"[A-Za-z_]\w*")


def prune_unused_imports(source: str) -> str:
    return pruned(source)[0]


def pruned(source: str) -> tuple[str, Outline | None]:
    """`source` without the imports it does not use, and its outline (None when its line breaks
    are not all "\\n", so the parser's lines could differ from ours)."""
    lines = source.split("\n")
    code = [index for index, line in enumerate(lines) if not _FROM_IMPORT.match(line)]
    tree = ast.parse("\n".join(lines[index] for index in code))
    used = _names(tree)
    out: list[str] = []
    imports: list[int] = []  # the output lines that are from-imports (1-based)
    moved = [0] * len(lines)  # how many lines before each one were dropped
    for index, line in enumerate(lines):
        moved[index] = index - len(out)
        match = _FROM_IMPORT.match(line)
        if match and match.group(1) != "__future__":
            names = [n.strip() for n in match.group(2).split(",") if n.strip()]
            kept = [n for n in names if n in used]
            if not kept:
                continue
            line = f"from {match.group(1)} import {', '.join(kept)}"
        if match:
            imports.append(len(out) + 1)
        out.append(line)
    text = "\n".join(out)
    if "\r" in source:
        return text, None

    def line_now(parsed: int) -> int:  # a line of the parsed text (1-based) → its line in the output
        index = code[parsed - 1]
        return index - moved[index] + 1

    statements = [statement._replace(first=line_now(statement.first), last=line_now(statement.last))
                  for statement in outline_of(tree)]
    # the imports are statements too, unless the pattern matched a line inside a string
    inside = {line for statement in statements for line in range(statement.first, statement.last + 1)}
    statements += [Statement(line, line, False) for line in imports if line not in inside]
    return text, tuple(sorted(statements))


def _names(tree: ast.Module) -> set[str]:
    """The names a module uses: as a name, or inside a string that is not a docstring (an
    f-string's fields, `__all__`, a string annotation); prose in docstrings and comments is not.

    (A walk over each node's own attributes, by exact type: several times faster than `ast.walk`.)"""
    names: set[str] = set()
    strings: list[str] = []
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        kind = type(node)
        if kind is ast.Name:
            names.add(node.id)  # type: ignore[attr-defined]
            continue
        if kind is ast.Constant:
            if type(node.value) is str:  # type: ignore[attr-defined]
                strings.append(node.value)  # type: ignore[attr-defined]
            continue
        if kind is ast.Expr and type(node.value) is ast.Constant:  # type: ignore[attr-defined]
            continue  # a docstring (a bare string statement): its words are prose
        if kind is ast.Attribute:
            names.add(node.attr)  # type: ignore[attr-defined]
        for value in node.__dict__.values():
            held = type(value)
            if held is int or held is str or value is None:  # positions, identifiers
                continue
            if held is list:
                stack.extend([item for item in value if isinstance(item, ast.AST)])
            elif isinstance(value, ast.AST):
                stack.append(value)
    names.update(_WORD.findall("\n".join(strings)))
    return names
