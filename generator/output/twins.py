"""Format a module's sync twin classes by proof instead of by black, where the proof holds.

A resource module holds each class twice: the async class, and its sync twin derived from it
by `render/unasync.py`, which only ever makes code shorter (`async def` → `def`, `await x` → `x`,
`AsyncImages` → `Images`). Black formats the module without the twins first. Then, member by
member (a method, a docstring, an attribute), when black left the async member exactly as it
was rendered and the sync member is that member made sync, black would leave the sync member as
it is too, provided black's choices cannot depend on the lengths that shrank:

- every bracket left open across lines ends in a magic trailing comma (black keeps those
  exploded whatever the length), and none is a one-element subscript or a bare one-tuple, where
  black does not count that comma as magic;
- no line is longer than black's limit (an over-long line black could not split is left to
  length-dependent rules), and every multi-line string is the same in both (black places a
  docstring's closing quotes by the length of its last line).

A line that fits stays unsplit when it gets shorter, and an exploded bracket stays exploded: the
sync member is kept as rendered. Every other member is formatted by black, alone in its class.
The result is the bytes of black run on the whole module (tests/test_twins.py checks that with
black as the oracle, on generated specs and on hypothesis' variations); it costs about half.
"""

from __future__ import annotations

import ast
import keyword
from dataclasses import dataclass
from typing import AbstractSet, Any, Callable, Dict, List, Mapping, Optional, Tuple

from ..render.tokens import token_texts
from ..render.unasync import RENAMES, UnasyncError, to_sync
from .cuts import cut_points, join_pieces, outline_of

Format = Callable[[str], str]  # black, with the package's settings

_OPENING = frozenset("([{")
_CLOSING = frozenset(")]}")


@dataclass(frozen=True)
class Segment:
    """Lines [first, last] (1-based) of a module, cut before a top-level class that only blank
    lines separate from what precedes it; `name` is that class (None for the module's head)."""

    first: int
    last: int
    name: Optional[str]


def format_with_twins(source: str, renames: Mapping[str, str], black: Format, line_length: int,
                      tree: Optional[ast.Module] = None) -> str:
    """`source` as `black` formats it, the sync twins of `renames` (async name → sync name) by proof.
    `tree` is the source's syntax tree, when the caller has parsed it."""
    table = {**RENAMES, **renames}
    if any(len(sync) > len(name) for name, sync in table.items()):
        return black(source)  # a longer sync name could push a line over the limit
    tree = tree or ast.parse(source)
    lines = source.split("\n")
    segments = _segments(tree, lines)
    classes = {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}
    by_name = {segment.name: segment for segment in segments if segment.name is not None}
    twins = {sync: classes[name] for name, sync in table.items()  # sync class → its async class
             if sync != name and name in by_name and sync in by_name and _alone(by_name[sync], classes[sync], lines)}
    others = [segment for segment in segments if segment.name not in twins]
    formatted, whole, whole_tree = _format_segments(others, lines, black)
    whole_lines = whole.split("\n")
    formatted_classes = {node.name: node for node in whole_tree.body if isinstance(node, ast.ClassDef)}
    for segment in segments:
        if segment.name in twins:
            async_node = twins[segment.name]
            formatted[segment] = _sync_class(lines, async_node, classes[segment.name], whole_lines,
                                             formatted_classes[async_node.name], table, black, line_length)
    return join_pieces(formatted[segment] for segment in segments)


def _segments(tree: ast.Module, lines: List[str]) -> List[Segment]:
    """The module cut wherever it may be (`cuts.py`), each piece named by its class."""
    statements = outline_of(tree)
    cuts: List[Tuple[int, Optional[str]]] = [(1, None)] + [
        (statements[index].first, getattr(tree.body[index], "name", None)) for index in cut_points(lines, statements)]
    return [Segment(first, (cuts[i + 1][0] - 1) if i + 1 < len(cuts) else len(lines), name)
            for i, (first, name) in enumerate(cuts)]


def _alone(segment: Segment, node: ast.ClassDef, lines: List[str]) -> bool:
    """Whether the segment is the class alone, and blank lines."""
    return not any(line.strip() for line in lines[(node.end_lineno or node.lineno):segment.last])


def _format_segments(segments: List[Segment], lines: List[str],
                     black: Format) -> Tuple[Dict[Segment, str], str, ast.Module]:
    """Each segment formatted, from one black run over them all cut again at their classes; and
    that run's whole text and syntax tree."""
    whole = black(join_pieces("\n".join(lines[s.first - 1:s.last]).rstrip("\n") + "\n" for s in segments))
    tree = ast.parse(whole)
    starts = {node.name: node.lineno for node in tree.body
              if isinstance(node, ast.ClassDef) and not node.decorator_list}
    out_lines = whole.split("\n")
    bounds = [1] + [starts[s.name] for s in segments[1:] if s.name is not None] + [len(out_lines) + 1]
    return ({segment: "\n".join(out_lines[a - 1:b - 1]).rstrip("\n") + "\n"
             for segment, a, b in zip(segments, bounds, bounds[1:], strict=False)}, whole, tree)


def _span(node: ast.stmt) -> Tuple[int, int]:
    """A statement's first line (its first decorator's) and last line."""
    first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", ())])
    return first, node.end_lineno or node.lineno


def _sync_class(lines: List[str], async_node: ast.ClassDef, sync_node: ast.ClassDef, formatted_lines: List[str],
                formatted_node: ast.ClassDef, table: Mapping[str, str], black: Format, line_length: int) -> str:
    """The sync class as black formats it: its members kept where the proof holds, black's elsewhere.
    `lines` are the module's, `formatted_lines` black's run over the module without the twins."""
    def by_black() -> str:
        return black("\n".join(lines[sync_node.lineno - 1:sync_node.end_lineno]) + "\n")

    if not len(async_node.body) == len(formatted_node.body) == len(sync_node.body):
        return by_black()
    members = list(zip(async_node.body, formatted_node.body, sync_node.body, strict=True))
    # the class line: alone before the first member, unchanged by black, and the sync one its twin
    heads = (lines[async_node.lineno - 1:_span(async_node.body[0])[0] - 1],
             formatted_lines[formatted_node.lineno - 1:_span(formatted_node.body[0])[0] - 1],
             lines[sync_node.lineno - 1:_span(sync_node.body[0])[0] - 1])
    if len(heads[0]) != 1 or heads[0] != heads[1] or not _same_sync(heads[0], heads[2], table):
        return by_black()
    ends = (async_node.lineno, formatted_node.lineno, sync_node.lineno)  # the line before each gap
    gaps: List[int] = []
    kept: List[Optional[List[str]]] = []
    pending: List[int] = []  # the members black formats
    for index, (a, f, s) in enumerate(members):
        (a0, a1), (f0, f1), (s0, s1) = _span(a), _span(f), _span(s)
        if any(line.strip() for line in lines[ends[0]:a0 - 1] + lines[ends[2]:s0 - 1]):
            return by_black()  # a comment between members: black places it in its context
        gaps.append(f0 - ends[1] - 1)
        ends = (a1, f1, s1)
        async_lines, sync_lines = lines[a0 - 1:a1], lines[s0 - 1:s1]
        if (async_lines == formatted_lines[f0 - 1:f1] and _same_sync(async_lines, sync_lines, table)
                and _stable_when_shorter(async_lines, sync_lines, line_length)):
            kept.append(sync_lines)
        else:
            kept.append(None)
            pending.append(index)
    if pending:
        by_itself = _members_by_black([lines[_span(members[i][2])[0] - 1:members[i][2].end_lineno] for i in pending],
                                      black)
        if by_itself is None:
            return by_black()
        for index, member_lines in zip(pending, by_itself, strict=True):
            kept[index] = member_lines
    out = list(heads[2])
    for gap, member in zip(gaps, kept, strict=True):
        out += [""] * gap + (member or [])
    return "\n".join(out) + "\n"


def _members_by_black(members: List[List[str]], black: Format) -> Optional[List[List[str]]]:
    """Class members formatted by black, in a class of their own, each as its lines."""
    formatted = black("class _:\n" + "\n\n".join("\n".join(member) for member in members) + "\n")
    node = ast.parse(formatted).body[0]
    if not isinstance(node, ast.ClassDef) or len(node.body) != len(members):
        return None
    out_lines = formatted.split("\n")
    return [out_lines[_span(m)[0] - 1:m.end_lineno] for m in node.body]


def _same_sync(async_lines: List[str], sync_lines: List[str], table: Mapping[str, str]) -> bool:
    try:
        return to_sync("\n".join(async_lines), table) == "\n".join(sync_lines)
    except UnasyncError:  # a name the rules cannot map: no proof
        return False


def _stable_when_shorter(async_lines: List[str], sync_lines: List[str], line_length: int) -> bool:
    """The conditions under which black, leaving the async member as it is, leaves the sync one too."""
    if async_lines == sync_lines:
        return True  # nothing shrank: the same text in the same place
    if len(async_lines) != len(sync_lines):
        return False
    if any(len(line) > line_length for line, twin in zip(async_lines, sync_lines, strict=True) if line != twin):
        return False
    async_tokens = token_texts("\n".join(async_lines))
    if _multiline_strings(async_tokens) != _multiline_strings(token_texts("\n".join(sync_lines))):
        return False
    unchanged = {number for number, (line, twin) in enumerate(zip(async_lines, sync_lines, strict=True))
                 if line == twin}
    return _brackets_magic(async_tokens, unchanged)


def _multiline_strings(tokens: List[str]) -> List[str]:
    return [t for t in tokens if "\n" in t and t[0] not in "\n#"]


def _brackets_magic(tokens: List[str], unchanged: AbstractSet[int] = frozenset()) -> bool:
    """Whether every bracket open across lines ends in a trailing comma black counts as magic, or
    lies inside an element of such a bracket whose lines are all `unchanged` (0-based) in the twin.

    Black splits a magic bracket an element a line(s), then lays out each element by its own text
    alone (at its depth): an element that did not change is laid out as it was, however black
    split it (a long annotation in parentheses, say)."""
    significant = [t for t in tokens if t != "\n" and not t.startswith("#")]
    line_of = _line_numbers(tokens)
    # each open bracket: [its index, commas directly inside it, where its current element starts,
    # whether that element must be unchanged (it holds a bracket split across lines by length)]
    stack: List[List[Any]] = []
    for index, token in enumerate(significant):
        if token in _OPENING:
            stack.append([index, 0, index + 1, False])
        elif token in _CLOSING:
            if not stack:
                return False
            opening, commas, _, pending = stack.pop()
            if pending:
                return False  # the last element had no comma after it: its bracket is no magic one
            if line_of[opening] == line_of[index]:
                continue  # on one line
            if significant[index - 1] == "," and (commas >= 2 or _one_element_magic(significant, opening)):
                continue  # magic (one element of a subscript or a tuple is not: its comma is not magic)
            if not stack:
                return False
            stack[-1][3] = True  # split for its length: fine only where its element did not change
        elif token == "," and stack:
            parent = stack[-1]
            if parent[3] and not all(line in unchanged for line in range(line_of[parent[2]], line_of[index] + 1)):
                return False
            parent[1:] = [parent[1] + 1, index + 1, False]
    return not stack


def _line_numbers(tokens: List[str]) -> List[int]:
    """The line each significant token (not a line break or a comment) starts on."""
    numbers, line = [], 0
    for token in tokens:
        if token == "\n":
            line += 1
        elif not token.startswith("#"):
            numbers.append(line)
            line += token.count("\n")  # a multi-line string
    return numbers


def _one_element_magic(tokens: List[str], opening: int) -> bool:
    """Whether black counts a trailing comma after one element as magic: in a call's or a
    definition's arguments, an import's names, a dict or set, or a list (not a subscript, not a
    one-tuple)."""
    bracket = tokens[opening]
    before = tokens[opening - 1] if opening else ""
    follows_a_value = (before[:1].isalpha() or before[:1] == "_") and not keyword.iskeyword(before) \
        or before in (")", "]") or before[-1:] in ("'", '"')
    if bracket == "{" or (bracket == "(" and before == "import"):  # an import's names: magic too
        return True
    if bracket == "(":
        return follows_a_value and before[-1:] not in ("'", '"')
    return not follows_a_value  # `[`: a list, not a subscript
