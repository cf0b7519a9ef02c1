"""Black's spelling of an element of a bracket, for a small grammar: what pruning.py may leave out.

An element black would spell otherwise (spaces around a keyword's `=`, single quotes, a trailing
comma inside, a slice) is not read: `canonical_form` gives None for it, and the line stays for
black. tests/test_pruning.py pins the spellings read and those refused.
"""

from __future__ import annotations

import functools
import keyword
import re
from typing import Callable, List, Optional, Tuple

_LEXEME = re.compile(r'\s*(?:(?P<string>"[^"\\\n]*")|(?P<number>\d+(?:\.\d+)?(?![\w.]))|(?P<name>[A-Za-z_]\w*)'
                     r"|(?P<op>[()\[\]{},:=|.+-]))")
_ATOMS = {"None", "True", "False"}


class _NotSimple(Exception):
    pass


def canonical(text: str) -> Optional[str]:
    """`text` (an element, without its comma) spelled as black spells it, when it is in the small
    grammar below; None otherwise."""
    read = canonical_form(text)
    return None if read is None else read[0]


@functools.lru_cache(maxsize=1 << 14)  # the same parameters and fields recur in every method and model
def canonical_form(text: str) -> Optional[Tuple[str, str]]:
    """`text` (an element, without its comma) spelled as black spells it, and its form, when it is
    `name: T = v` ("defaulted:name"), `name: T` ("annotated:name"), `name=v` ("keyword:name"),
    `"key": v` ("entry") or `v` ("value"); where `v` and `T` are names, double-quoted strings
    without escapes, numbers, `-number`, `await v`, `a | b`, `a + b`, and attributes, subscripts and
    calls of them (arguments positional or `name=v`), and lists, sets and dicts of them. None for
    anything else: black's spelling of it is not known here."""
    tokens: List[Tuple[str, str]] = []
    position = 0
    while position < len(text):
        match = _LEXEME.match(text, position)
        if match is None or match.end() == position:
            return None
        kind = match.lastgroup or ""
        value = match.group(kind)
        if kind == "name" and keyword.iskeyword(value) and value not in _ATOMS:
            kind = "op" if value == "await" else "keyword"  # `not`, `lambda`...: spacing rules of their own
        tokens.append((kind, value))
        position = match.end()
    try:
        reader = _Reader(tokens)
        read = reader.element()
        return read if reader.done() else None
    except _NotSimple:
        return None


class _Reader:
    def __init__(self, tokens: List[Tuple[str, str]]) -> None:
        self.tokens = tokens
        self.at = 0

    def done(self) -> bool:
        return self.at == len(self.tokens)

    def peek(self, ahead: int = 0) -> Tuple[str, str]:
        index = self.at + ahead
        return self.tokens[index] if index < len(self.tokens) else ("end", "")

    def take(self, value: str) -> None:
        if self.peek()[1] != value or self.peek()[0] == "string":
            raise _NotSimple
        self.at += 1

    def element(self) -> Tuple[str, str]:
        kind, value = self.peek()
        follows = self.peek(1)[1] if self.peek(1)[0] == "op" else ""
        if kind == "name" and follows == ":":
            self.at += 2
            annotation = self.expression()
            if self.peek() == ("op", "="):
                self.at += 1
                return f"{value}: {annotation} = {self.expression()}", f"defaulted:{value}"
            return f"{value}: {annotation}", f"annotated:{value}"
        if kind == "string" and follows == ":":
            self.at += 2
            return f"{value}: {self.expression()}", "entry"
        if kind == "name" and self.peek(1) == ("op", "="):
            return self.argument(), f"keyword:{value}"
        return self.expression(), "value"

    def argument(self) -> str:
        kind, value = self.peek()
        if kind == "name" and self.peek(1) == ("op", "="):
            self.at += 2
            return f"{value}={self.expression()}"
        return self.expression()

    def expression(self) -> str:
        spelled = self.unary()
        while self.peek() in (("op", "|"), ("op", "+")):
            operator = self.next_value()
            spelled += f" {operator} {self.unary()}"
        return spelled

    def unary(self) -> str:
        if self.peek() == ("op", "-"):
            self.at += 1
            if self.peek()[0] != "number":
                raise _NotSimple
            return "-" + self.next_value()
        if self.peek() == ("op", "await"):
            self.at += 1
            return "await " + self.primary()
        return self.primary()

    def entry(self) -> str:
        """An item of a dict or a set: `key: v` or `v`."""
        spelled = self.expression()
        if self.peek() == ("op", ":"):
            self.at += 1
            spelled += ": " + self.expression()
        return spelled

    def primary(self) -> str:
        kind, value = self.peek()
        if kind in ("name", "string", "number"):
            self.at += 1
            spelled = value
        elif (kind, value) == ("op", "["):
            spelled = self.bracketed("[", "]")
        elif (kind, value) == ("op", "{"):
            spelled = self.bracketed("{", "}", self.entry)
        else:
            raise _NotSimple
        while True:
            kind, value = self.peek()
            if (kind, value) == ("op", "."):
                self.at += 1
                if self.peek()[0] != "name":
                    raise _NotSimple
                spelled += "." + self.next_value()
            elif (kind, value) == ("op", "[") and spelled[-1:] != '"':
                spelled += self.bracketed("[", "]")
            elif (kind, value) == ("op", "(") and spelled[-1:] != '"':
                spelled += self.bracketed("(", ")")
            else:
                return spelled

    def bracketed(self, opening: str, closing: str, item: Optional[Callable[[], str]] = None) -> str:
        self.take(opening)
        items: List[str] = []
        while self.peek() != ("op", closing):
            if items:
                self.take(",")
                if self.peek() == ("op", closing):
                    raise _NotSimple  # a trailing comma: magic, black would explode the bracket
            items.append((item or self.argument)())
        self.at += 1
        return opening + ", ".join(items) + closing

    def next_value(self) -> str:
        value = self.peek()[1]
        self.at += 1
        return value
