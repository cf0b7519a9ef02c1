"""Python's tokens as the generator's text passes need them, by one regular expression.

Pruning imports (`imports.py`), proving sync twins (`output/twins.py`) and making code sync
(`unasync.py`) each read a rendered module's tokens; a regular expression finds them many times
faster than `tokenize` (and a parse of a large module cost more than rendering it). They are
Python 3.11's tokens, except that an f-string is one string, and spaces are skipped.
"""

from __future__ import annotations

import re
from typing import List

# a string literal, any prefix and quotes (an f-string whole: its fields are inside it)
STRING = (
    r"(?:[rRbBuUfF]{1,2})?(?:"
    r"'{3}[^'\\]*(?:(?:\\.|'(?!''))[^'\\]*)*'{3}"
    r'|"{3}[^"\\]*(?:(?:\\.|"(?!""))[^"\\]*)*"{3}'
    r"|'[^'\\\n]*(?:\\.[^'\\\n]*)*'"
    r'|"[^"\\\n]*(?:\\.[^"\\\n]*)*")'
)
COMMENT = r"#[^\r\n]*"
OPEN, CLOSE = r"[(\[{]", r"[)\]}]"  # brackets

_KINDS = {"string": STRING, "comment": COMMENT, "newline": r"\n", "open": OPEN, "close": CLOSE, "comma": ",",
          "word": r"\w+", "other": r"[^\s\w]"}
# every token, each kind a named group: `match.lastgroup` says which
TOKEN = re.compile("|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _KINDS.items()))
_TEXT = re.compile("|".join(f"(?:{pattern})" for pattern in _KINDS.values()))  # the same, with no groups


def token_texts(source: str) -> List[str]:
    """The tokens of `source`, as their text (a line break is one, "\\n")."""
    return _TEXT.findall(source)  # (findall gives the whole match only when the pattern has no group)
