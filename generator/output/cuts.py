"""Where a module may be cut into pieces that black formats each on its own, giving the same bytes
as formatting it whole: before a top-level class without decorators that only blank lines
separate from the statement before it (so no comment or decorator is cut off). Joined again with
the two blank lines black puts before a top-level class. The formatter's slices and the sync
twins' segments both cut here."""

from __future__ import annotations

import ast
from typing import Iterable, List, NamedTuple, Sequence, Tuple


class Statement(NamedTuple):
    """A top-level statement of a module: its first and last lines (1-based; a class's first is
    its `class` line), and whether it is a class without decorators (a cut may come before it)."""

    first: int
    last: int
    plain_class: bool


Outline = Tuple[Statement, ...]


def outline_of(tree: ast.Module) -> Outline:
    return tuple(Statement(node.lineno, node.end_lineno or node.lineno,
                           isinstance(node, ast.ClassDef) and not node.decorator_list) for node in tree.body)


def cut_points(lines: Sequence[str], statements: Outline) -> List[int]:
    """The indexes of the statements a module may be cut before."""
    return [index for index, (before, node) in enumerate(zip(statements, statements[1:], strict=False), 1)
            if node.plain_class and all(not line.strip() for line in lines[before.last:node.first - 1])]


def join_pieces(formatted: Iterable[str]) -> str:
    return "\n\n".join(formatted)  # each ends with one newline: two blank lines before each class
