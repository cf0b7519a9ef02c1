"""Give black less to read: the lines it provably leaves as they are.

Most of a generated module is exploded brackets (a method's parameters one a line, its request's
fields one a line, each ending in a comma) and models' fields (`name: Optional[str] = None`, a
docstring under it). Black keeps a bracket exploded when its last element ends in a magic
trailing comma, and lays out each element by its own text at its depth: an element that fits and
is spelled as black spells it stays as it is, and the bracket is laid out the same with any other
element of that form in its place. Likewise a field among fields of the same shape: black lays
it out alone, and the field after it the same without it. So black is given the module with

- the middle elements of each such bracket dropped (it keeps its first and last, so at least two
  elements: what black counts as one, a one-tuple or a subscript, never arises), the first and
  last stood in for by a short element of the same form (`name=_`, `_: _`, `_`), and an element
  whose own bracket is in black's layout throughout stood in for whole;
- the middle fields of each run of fields of one shape dropped.

Black's spelling is read for a small grammar only (`spelling.py`: names, double-quoted strings
without escapes, numbers, attributes, calls, subscripts, `|`, `+`, `await`, lists and dicts of
them); any other line stays, and so does every line of a bracket with a comment or a blank line.
Where black leaves a statement, or a member of a class, as it was in that module, the original
statement is black's layout too; the few it changes are formatted again, whole, in one black run
(`_Restore`). tests/test_pruning.py checks the result is black's bytes for the whole module, with
black as the oracle: on generated specs, on real Python files and on hypothesis' modules.
"""

from __future__ import annotations

import ast
import keyword
import re
from dataclasses import dataclass, field
from typing import Callable, List, NamedTuple, Optional, Sequence, Set, Tuple

from ..render.tokens import token_texts
from .spelling import canonical_form

Format = Callable[[str], str]  # black, with the package's settings


def black_pruned(source: str, black: Format, line_length: int) -> str:
    """`black(source)`, giving black the module with the element lines it would leave alone
    dropped or stood in for (`plan`)."""
    lines = source.split("\n")
    plan = [] if _UNPRUNABLE.search(source) else pruning_plan(source, line_length)
    if not plan:
        return black(source)
    pruned, spans = _apply(lines, plan)
    text = "\n".join(pruned)
    try:
        formatted = black(text)
        if formatted == text:
            return source
        restored = _Restore(lines, spans, pruned, text, formatted, black).module()
    except Exception:  # noqa: BLE001 - the pruned module is not one black takes: black reads it whole
        restored = None
    return black(source) if restored is None else restored


# Not pruned: what `# fmt: off`/`skip` (or yapf's) cover, black keeps as it is; a carriage return (black
# writes every line with the first line's ending); a backslash at a line's end (our tokens would not
# see a string it continues). Nor a module with a semicolon between statements (`pruning_plan`).
_UNPRUNABLE = re.compile(r"#\s*(?:fmt|yapf)\s*:|\r|\\\n")


class Change(NamedTuple):
    """Lines [first, last] (0-based) of an element, dropped (`line` None) or stood in for by `line`."""

    first: int
    last: int
    line: Optional[str]


def _apply(lines: List[str], plan: List[Change]) -> Tuple[List[str], List[Tuple[int, int]]]:
    """The pruned lines, and the original lines each stands for (first, last; 0-based): lines
    dropped belong to the line after them (the next element, or the next field of the run)."""
    pruned: List[str] = []
    spans: List[Tuple[int, int]] = []
    dropped: Optional[int] = None  # the first of the lines dropped since the last line kept

    def keep(line: str, first: int, last: int) -> None:
        nonlocal dropped
        pruned.append(line)
        spans.append((first if dropped is None else dropped, last))
        dropped = None

    at = 0
    for change in sorted(plan):
        for index in range(at, change.first):
            keep(lines[index], index, index)
        if change.line is not None:
            keep(change.line, change.first, change.last)
        elif dropped is None:
            dropped = change.first
        at = change.last + 1
    for index in range(at, len(lines)):
        keep(lines[index], index, index)
    return pruned, spans


# ---- which lines ----

@dataclass
class _Element:
    first: int  # its first line and last (0-based)
    last: int
    stand_in: Optional[str]  # the line that may stand for it (it is in black's spelling), else None
    inner: List[Change] = field(default_factory=list)  # the changes inside it, when it is not one


@dataclass
class _Bracket:
    line: int  # where it opens
    char: str
    exploded: bool  # opened as the last token of its line
    indent: int
    call: bool  # follows a name or a closing bracket: a call's or a subscript's bracket, not a literal
    parameters: bool  # a definition's parameters
    elements: List[_Element] = field(default_factory=list)
    clean: bool = True  # no comment and no blank line among its elements
    after_comma: bool = True  # its last token read is its opening or a comma: a line here starts an element


_CLOSING = {"(": ")", "[": "]", "{": "}"}


def pruning_plan(source: str, line_length: int) -> List[Change]:
    """The elements of exploded brackets, in black's spelling, that black need not read: those in
    the middle dropped, the first and the last stood in for by a short element of their form."""
    lines = source.split("\n")
    per_line, continued = _tokens_by_line(source, len(lines))
    if ";" in source and any(text == ";" for tokens in per_line for _, text in tokens):
        return []  # two statements on a line: a statement's lines are not its own
    plan: List[Change] = []
    stack: List[_Bracket] = []
    free: List[bool] = []  # whether each line starts outside every bracket
    for number, tokens in enumerate(per_line):
        free.append(not stack)
        top = stack[-1] if stack else None
        if top is not None and top.exploded and top.line < number and not tokens and number not in continued:
            top.clean = False  # a blank line, which black takes out
        elif top is not None and top.exploded and top.line < number and tokens and number not in continued:
            if tokens[0][0] == "comment":
                top.clean = False
            elif tokens[0][0] != "close" and top.after_comma:
                stand_in = _one_line(lines[number], tokens, top, line_length)
                top.elements.append(_Element(number, number, stand_in))
            elif tokens[0][0] != "close" and top.elements:  # the element before goes on (strings joined)
                top.elements[-1].stand_in = None
        for position, (kind, text) in enumerate(tokens):
            if stack and kind != "comment":
                stack[-1].after_comma = text == ","
            if kind == "open":
                stack.append(_opened(lines[number], tokens, position, number))
            elif kind == "close" and stack:
                bracket = stack.pop()
                changes, whole = _closed(bracket, lines, position, number)
                parent = stack[-1] if stack else None
                if parent is not None:
                    parent.after_comma = False
                if parent is not None and parent.exploded and parent.elements \
                        and parent.elements[-1].first <= bracket.line:
                    element = parent.elements[-1]
                    stand_in = _many_lines(lines, number, parent, bracket, line_length) if whole else None
                    if stand_in is not None and element.first == bracket.line:
                        element.last, element.stand_in, element.inner = number, stand_in, []
                    else:
                        element.inner += changes
                else:
                    plan += changes
            elif kind == "comment" and stack:
                stack[-1].clean = False
    return plan + _field_runs(lines, per_line, continued, free, line_length)


class _Field(NamedTuple):
    first: int  # its statement's line
    end: int  # the line after it (its string, its blank line)
    shape: Tuple[int, bool, int]  # indentation, whether a string follows, blank lines after


def _field_runs(lines: List[str], per_line: List[List[Tuple[str, str]]], continued: Set[int], free: List[bool],
                line_length: int) -> List[Change]:
    """The fields of a model black need not read. In each run of fields (`_field_at`) at one
    indentation, the first and the last stay, and each whose shape differs from the last one kept;
    the others go. So every field kept follows, in what black reads, one of the shape of the field
    it follows in the module: the same kind of line before it, the same blank lines."""
    changes: List[Change] = []
    run: List[_Field] = []

    def flush() -> None:
        kept = run[0]
        for unit in run[1:-1]:
            if unit.shape == kept.shape:
                changes.append(Change(unit.first, unit.end - 1, None))
            else:
                kept = unit

    number = 0
    while number < len(lines):
        found = _field_at(lines, per_line, continued, free, number, line_length)
        if run and (found is None or run[-1].end != number or run[-1].shape[0] != found.shape[0]):
            flush()
            run = []
        if found is None:
            number += 1
        else:
            run.append(found)
            number = found.end
    if run:
        flush()
    return changes


def _field_at(lines: List[str], per_line: List[List[Tuple[str, str]]], continued: Set[int], free: List[bool],
              number: int, line_length: int) -> Optional[_Field]:
    """A statement `name: T = v` or `name: T` in black's spelling on one line, then perhaps a string
    statement in triple double quotes (an attribute's docstring, which black leaves as it is: only
    a block's first statement is a docstring to it), then at most one blank line: black lays each
    out alone, and a field before or after it the same without it."""
    text, tokens = lines[number], per_line[number]
    if not free[number] or not _simple_statement(lines, number, tokens, continued, line_length):
        return None
    indent = _indent(text)
    end = number + 1
    string = end < len(lines) and free[end] and lines[end].startswith(" " * indent + '"""') and \
        len(per_line[end]) == 1 and per_line[end][0][1].startswith('"""') and per_line[end][0][1].endswith('"""') \
        and "\\" not in per_line[end][0][1]  # black respells escapes (`\xAB` as `\xab`) in every string
    if string:
        end += per_line[end][0][1].count("\n") + 1
        if not lines[end - 1].endswith('"""'):
            return None
    blank = 0
    while end < len(lines) and lines[end] == "" and blank < 2:  # (black empties a line of spaces)
        blank += 1
        end += 1
    return None if blank > 1 else _Field(number, end, (indent, string, blank))


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _simple_statement(lines: List[str], number: int, tokens: Sequence[Tuple[str, str]], continued: Set[int],
                      line_length: int) -> bool:
    """Whether the line is a whole statement `name: T = v` or `name: T` in black's spelling (a
    model's field): black lays it out alone, and the statements around it the same without it."""
    text = lines[number]
    if not tokens or number in continued or len(text) > line_length or not text.isascii() \
            or (number and lines[number - 1].endswith("\\")) or not _balanced(tokens) \
            or any("\n" in t for _, t in tokens):
        return False
    read = canonical_form(text.strip())
    return (read is not None and read[1].startswith(("defaulted:", "annotated:"))
            and text == " " * _indent(text) + read[0])


def _tokens_by_line(source: str, count: int) -> Tuple[List[List[Tuple[str, str]]], Set[int]]:
    """Each line's tokens as (kind, text), a string over several lines in the line it starts on (what
    follows it, in the line it ends on); and the lines such a string goes on to."""
    per_line: List[List[Tuple[str, str]]] = [[] for _ in range(count)]
    continued: Set[int] = set()
    number = 0
    tokens = per_line[0]
    for text in token_texts(source):  # kinds from the first character: many times faster than named groups
        first = text[0]
        if first == "\n":
            number += 1
            tokens = per_line[number]
            continue
        kind = _KIND_OF.get(first) or ("string" if text[-1] in "'\"" else "word" if first.isalnum() or first == "_"
                                       else "other")
        tokens.append((kind, text))
        if kind == "string" and "\n" in text:
            for _ in range(text.count("\n")):
                number += 1
                continued.add(number)
            tokens = per_line[number]
    return per_line, continued


_KIND_OF = {**{c: "open" for c in "([{"}, **{c: "close" for c in ")]}"}, ",": "comma", "#": "comment",
            "'": "string", '"': "string"}


def _opened(line: str, tokens: Sequence[Tuple[str, str]], position: int, number: int) -> _Bracket:
    kind, text = tokens[position - 1] if position else ("", "")
    call = kind == "close" or kind == "string" or (kind == "word" and not keyword.iskeyword(text))
    stripped = line.lstrip(" ")
    parameters = (stripped.startswith(("def ", "async def ")) and tokens[position][1] == "("
                  and not any(t == "(" for _, t in tokens[:position]))
    return _Bracket(number, tokens[position][1], position == len(tokens) - 1, len(line) - len(stripped), call,
                    parameters)


def _closed(bracket: _Bracket, lines: List[str], position: int, number: int) -> Tuple[List[Change], bool]:
    """The changes a closed bracket allows, and whether it is in black's layout whole (exploded,
    magic, every element in black's spelling). A bracket that is not exploded and magic passes on
    its elements' own changes only."""
    elements = bracket.elements
    magic = len(elements) >= 2 or bracket.char == "{" or bracket.parameters or \
        (bracket.char == "(") == bracket.call  # a call's one argument, a list's one item: magic
    laid_out = (bracket.exploded and position == 0 and bracket.line < number and bracket.clean and elements
                and lines[number - 1].rstrip().endswith(",") and magic)
    if bracket.line < number and position == 0 and not _nothing_follows(lines[number].strip()[1:], bracket):
        return [], False  # `)(c)`, `) and {`: black may split there, and its first line would hold this bracket
    if not laid_out:
        return [change for element in elements for change in element.inner], False
    changes: List[Change] = []
    for index, element in enumerate(elements):
        if element.stand_in is None:
            changes += element.inner
        elif 0 < index < len(elements) - 1 and not (bracket.parameters
                                                      and lines[elements[index - 1].first].strip() == "*,"):
            changes.append(Change(element.first, element.last, None))  # (one parameter after a bare `*` stays)
        elif element.first != element.last or element.stand_in != lines[element.first]:
            changes.append(Change(element.first, element.last, element.stand_in))
    return changes, all(element.stand_in is not None for element in elements)


_CLOSERS_ONLY = re.compile(r"[)\]},:]*")


def _nothing_follows(rest: str, bracket: _Bracket) -> bool:
    """Whether only closing brackets, commas and a colon follow a bracket's closing one on its line
    (or, after a definition's parameters, its return annotation): black then never splits after it."""
    if bracket.parameters and rest.startswith(" -> ") and rest.endswith(":"):
        return True
    return _CLOSERS_ONLY.fullmatch(rest) is not None


def _one_line(text: str, tokens: Sequence[Tuple[str, str]], bracket: _Bracket, line_length: int) -> Optional[str]:
    """The stand-in for an element on one line, when it is one whole element in black's spelling."""
    if not (tokens[-1][1] == "," and len(text) <= line_length and text.isascii() and _balanced(tokens)
            and not any("\n" in t for _, t in tokens)):
        return None
    read = canonical_form(text.strip()[:-1])
    indent = " " * (bracket.indent + 4)
    if read is None or text != indent + read[0] + "," or not _fits_bracket(read[1], bracket):
        return None
    return indent + _stand_in(read[1], read[0], bracket.parameters) + ","


def _fits_bracket(form: str, bracket: _Bracket) -> bool:
    """Whether an element of this form is what it looks like in this bracket: `a: b` is a dict's
    item or a parameter, but a slice in a subscript (which black spells otherwise)."""
    kind = form.partition(":")[0]
    if kind in ("annotated", "entry"):
        return bracket.char == "{" or bracket.parameters
    return kind != "defaulted" or bracket.parameters


def _many_lines(lines: List[str], number: int, parent: _Bracket, bracket: _Bracket, line_length: int) -> Optional[str]:
    """The stand-in for an element whose own bracket (in black's layout whole) just closed, when its
    first line is in black's spelling and its last is the closing bracket and a comma alone."""
    indent = " " * (parent.indent + 4)
    first = lines[bracket.line]
    closing = _CLOSING[bracket.char]
    if parent.parameters or lines[number] != indent + closing + "," or not first.isascii() or len(first) > line_length:
        return None
    head = first.strip() + "_" + closing
    read = canonical_form(head)
    if read is None or read[0] != head or first != indent + first.strip() or not _fits_bracket(read[1], parent):
        return None
    return indent + _stand_in(read[1], read[0], False) + ","


def _stand_in(form: str, spelled: str, parameters: bool) -> str:
    """A short element of the same form: black lays out the bracket around it the same."""
    kind, _, name = form.partition(":")
    if parameters:
        return {"annotated": name, "defaulted": f"{name}=_", "keyword": f"{name}=_"}.get(kind, spelled)
    return {"keyword": f"{name}=_", "entry": "_: _", "annotated": "_: _"}.get(kind, "_")


def _balanced(tokens: Sequence[Tuple[str, str]]) -> bool:
    depth = 0
    for kind, _ in tokens:
        depth += (kind == "open") - (kind == "close")
        if depth < 0:
            return False
    return depth == 0


# ---- black's result on the module, from its result on the pruned one ----

def _span(node: ast.stmt) -> Tuple[int, int]:
    """A statement's first line (its first decorator's) and last line, 1-based."""
    first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", ())])
    return first, node.end_lineno or node.lineno


class _Restore:
    """Black's layout of the whole module: each statement (or class member) black left as it was
    in the pruned module is the original statement, lines removed included; one nothing was
    pruned from is as black laid it out there; each other one is formatted again, whole. The
    blank lines and comments between them are black's."""

    def __init__(self, lines: List[str], spans: List[Tuple[int, int]], pruned: List[str], pruned_text: str,
                 formatted: str, black: Format) -> None:
        self.lines, self.spans, self.pruned, self.black = lines, spans, pruned, black
        self.formatted = formatted.split("\n")
        self.pruned_tree = ast.parse(pruned_text)
        self.formatted_tree = ast.parse(formatted)

    def module(self) -> Optional[str]:
        out = self.block(self.pruned_tree.body, self.formatted_tree.body, 0)
        return None if out is None else "\n".join(out)

    def original(self, first: int, last: int) -> List[str]:
        """The original lines that pruned lines [first, last] (1-based) stand for."""
        return self.lines[self.spans[first - 1][0]:self.spans[last - 1][1] + 1]

    def block(self, pruned: List[ast.stmt], formatted: List[ast.stmt], depth: int) -> Optional[List[str]]:
        if len(pruned) != len(formatted):
            return None
        chunks: List[List[str]] = []
        redo: List[int] = []  # the chunks that are original statements black formats again, whole
        end = self._block_start(formatted, depth)
        for before, after in zip(pruned, formatted, strict=True):
            (p0, p1), (f0, f1) = _span(before), _span(after)
            chunks.append(self.formatted[end:f0 - 1])  # black's blank lines and comments before it
            end = f1
            original = self.original(p0, p1)
            if self.pruned[p0 - 1:p1] == self.formatted[f0 - 1:f1]:
                chunks.append(original)
                continue
            if original == self.pruned[p0 - 1:p1]:  # nothing pruned inside it: black's layout of it is this
                chunks.append(self.formatted[f0 - 1:f1])
                continue
            members = None
            if isinstance(before, ast.ClassDef) and isinstance(after, ast.ClassDef) and depth == 0:
                members = self.class_body(before, after)
            if members is None:
                redo.append(len(chunks))
                members = original
            chunks.append(members)
        if depth == 0:
            chunks.append(self.formatted[end:])
        if redo:
            again = self._again([chunks[index] for index in redo], depth)
            if again is None:
                return None
            for index, lines in zip(redo, again, strict=True):
                chunks[index] = lines
        return [line for chunk in chunks for line in chunk]

    def class_body(self, pruned: ast.ClassDef, formatted: ast.ClassDef) -> Optional[List[str]]:
        """A class black changed: its head unchanged, its members each as above."""
        (p0, _), (f0, _) = _span(pruned), _span(formatted)
        p_head, f_head = _span(pruned.body[0])[0], _span(formatted.body[0])[0]
        if p_head <= p0 or self.pruned[p0 - 1:p_head - 1] != self.formatted[f0 - 1:f_head - 1]:
            return None
        body = self.block(pruned.body, formatted.body, 1)
        return None if body is None else self.original(p0, p_head - 1) + body

    def _block_start(self, formatted: List[ast.stmt], depth: int) -> int:
        if depth == 0 or not formatted:
            return 0
        return _span(formatted[0])[0] - 1  # a class body: its head is added by the caller

    def _again(self, statements: List[List[str]], depth: int) -> Optional[List[List[str]]]:
        """Statements formatted by black, whole: at the top level, or as members of a class."""
        if depth == 0:  # in one black run, when each is one statement (a dropped field may ride along)
            text = self.black("\n\n\n".join("\n".join(lines) for lines in statements) + "\n")
            body = ast.parse(text).body
            if len(body) != len(statements):
                return [self.black("\n".join(lines) + "\n").rstrip("\n").split("\n") for lines in statements]
        else:
            text = self.black("class _:\n" + "\n\n".join("\n".join(lines) for lines in statements) + "\n")
            node = ast.parse(text).body[0]
            if not isinstance(node, ast.ClassDef) or len(node.body) != len(statements):
                return None
            body = node.body
        out_lines = text.split("\n")
        return [out_lines[_span(statement)[0] - 1:statement.end_lineno] for statement in body]
