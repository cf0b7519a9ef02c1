"""Derive sync code from async code, token by token, by exact rules.

The async code is written once; its sync twin is derived the way httpcore derives its `_sync`
package: `async def/for/with` lose `async`, `await` goes, `Awaitable[X]` becomes `X`, and every
name with a sync twin is swapped for it (`AsyncStream` → `Stream`, `__aiter__` → `__iter__`,
`aread` → `read`...). Only whole names are swapped, from the table below or from the caller's
own (a generated client's `AsyncImages` → `Images`); a name that looks async but has no entry
(`AsyncThing`, `async_helper`, `__afoo__`) is an error, so no rule can touch the wrong word.
The same rules apply to the words of strings and comments, so docstrings read right.

Two uses: templates of spec-dependent modules render their async half and pass it through the
`unasync` filter; the static runtime in `templates/runtime/` keeps both halves, the sync one
between markers, and `python -m generator.render.unasync --check` fails when it is stale
(`--write` rewrites it).
"""

from __future__ import annotations

import argparse
import functools
import re
import sys
from pathlib import Path
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

from ..black_style import black_format
from .tokens import CLOSE, COMMENT, OPEN, STRING

RENAMES: Mapping[str, str] = {
    # the language and the standard library
    "__aenter__": "__enter__",
    "__aexit__": "__exit__",
    "__aiter__": "__iter__",
    "__anext__": "__next__",
    "StopAsyncIteration": "StopIteration",
    "AsyncIterator": "Iterator",
    "AsyncIterable": "Iterable",
    "AsyncGenerator": "Generator",
    # httpx
    "AsyncClient": "Client",
    "aclose": "close",
    "aread": "read",
    "aiter_bytes": "iter_bytes",
    "aiter_text": "iter_text",
    "aiter_lines": "iter_lines",
    "aiter_raw": "iter_raw",
    # the runtime's own twins
    "AsyncAPIClient": "APIClient",
    "AsyncAPIResponse": "APIResponse",
    "AsyncStream": "Stream",
    "AsyncStreamedAPIResponse": "StreamedAPIResponse",
    "AsyncPage": "SyncPage",
    "AsyncCursorPage": "SyncCursorPage",
    "AsyncResponseContextManager": "ResponseContextManager",
    "async_to_raw_response_wrapper": "to_raw_response_wrapper",
    "async_to_streamed_response_wrapper": "to_streamed_response_wrapper",
    "async_sleep": "time.sleep",
}
_KEYWORD_FOLLOWERS = frozenset({"def", "for", "with"})
_AWAITABLE = "Awaitable"

SOURCE_MARKER = "# ---- async: the source of the sync twin below"
TWIN_MARKER = "# ---- sync twin: derived from the async code above by generator/render/unasync.py; do not edit ----"
END_MARKER = "# ---- end of the sync twin ----"


def looks_async(name: str) -> bool:
    """Whether a name reads as the async half of a pair (`AsyncImages`, `async_x`, `__aenter__`)."""
    return _ASYNC_LOOKING.match(name) is not None


class UnasyncError(Exception):
    """The async code uses a name the rules cannot map."""


def to_sync(source: str, renames: Mapping[str, str] | None = None) -> str:
    """The sync twin of `source` (whole statements or definitions of async Python)."""
    table = {**RENAMES, **renames} if renames else RENAMES
    extra = _extra_names(renames)
    scanner, names = _scanner(extra), _names_pattern(extra)
    edits: List[Tuple[int, int, str]] = []  # (start, end, replacement), on `source` offsets
    awaitables: List[int] = []  # bracket depth inside each open `Awaitable[`, to drop its `]`
    brackets = 0  # counted while an `Awaitable[` is open
    position = 0
    while match := scanner[bool(awaitables)].search(source, position):
        kind, (start, position) = match.lastgroup, match.span()
        if kind == "text":  # a string or a comment: the rules apply to its words
            text = match.group()
            if _WORTH_A_LOOK.search(text) or names.search(text):
                edits.append((start, position, _words_to_sync(text, table, extra)))
        elif kind == "open":
            brackets += 1
        elif kind == "close":
            if awaitables and awaitables[-1] == brackets:
                awaitables.pop()
                edits.append((start, position, ""))
            brackets -= 1
        else:
            word = match.group()
            following, after = _next_token(source, position)
            if word == "async" and after in _KEYWORD_FOLLOWERS:
                edits.append((start, following, ""))
            elif word == "await":
                edits.append((start, following, ""))
            elif word == _AWAITABLE and after == "[":
                edits.append((start, following + 1, ""))
                brackets = brackets + 1 if awaitables else 1
                awaitables.append(brackets)
                position = following + 1
            elif word in table:
                edits.append((start, position, table[word]))
            elif _ASYNC_LOOKING.match(word):
                line = source.count("\n", 0, start) + 1
                raise UnasyncError(f"line {line}: no sync twin is known for {word!r}; add one to RENAMES")
    pieces, done = [], 0
    for start, end, replacement in sorted(edits):  # the edits never overlap
        pieces += [source[done:start], replacement]
        done = end
    return "".join(pieces) + source[done:]


# What the twin's rules look at (their regular expressions, from tokens.py, instead of Python's
# tokenizer): strings and comments, whose words the rules rewrite, and the words of the code they
# act on. Every other token is skipped, except brackets while an `Awaitable[` is open.
_ASYNC_WORDS = r"Async[A-Z]\w*|async_\w+|__a\w+__|aiter_\w+|StopAsync\w*"
_ASYNC_LOOKING = re.compile(rf"^(?:{_ASYNC_WORDS})$")
# a token's start after spaces and line continuations, as tokenize skips them
_GAP = re.compile(r"(?:[ \t\f]+|\\\r?\n)*")
_NEXT = re.compile(r"\w+|.", re.S)
_WORTH_A_LOOK = re.compile(r"\basync |\bawait |Awaitable\[")


def _extra_names(renames: Mapping[str, str] | None) -> Tuple[str, ...]:
    """The caller's names the patterns must list: those that neither look async nor are in RENAMES.
    (Usually none, so a module's own long table of `Async...` classes never enters a pattern: the
    patterns stay the same, compiled once, and find any async-looking word, looked up in the table.)
    The last table's answer is kept: a template passes the same table for each of its calls."""
    global _last_extra
    if renames is None:
        return ()
    if _last_extra[0] is not renames:
        _last_extra = renames, tuple(sorted(name for name in renames
                                            if name not in RENAMES and not _ASYNC_LOOKING.match(name)))
    return _last_extra[1]


_last_extra: Tuple[Optional[Mapping[str, str]], Tuple[str, ...]] = (None, ())  # a table (never changed once given)


def _words(extra: Tuple[str, ...]) -> str:
    """Every word the rules may rewrite: RENAMES', `extra`, and any word that looks async."""
    names = sorted({*RENAMES, *extra}, key=len, reverse=True)
    return rf"\b(?:{'|'.join(map(re.escape, names))}|{_ASYNC_WORDS})\b"


@functools.lru_cache(maxsize=8)
def _scanner(extra: Tuple[str, ...]) -> Tuple["re.Pattern[str]", "re.Pattern[str]"]:
    """The scanner: without brackets, and with them (inside `Awaitable[`)."""
    plain = rf"(?P<text>{STRING}|{COMMENT})|(?P<word>\b(?:async|await|{_AWAITABLE})\b|{_words(extra)})"
    return re.compile(plain, re.S), re.compile(rf"{plain}|(?P<open>{OPEN})|(?P<close>{CLOSE})", re.S)


def _next_token(source: str, position: int) -> Tuple[int, str]:
    """Where the token after `position` starts, and its text (a line break is one)."""
    gap = _GAP.match(source, position)
    start = gap.end() if gap else position
    token = _NEXT.match(source, start)
    return start, token.group() if token else ""


def _words_to_sync(text: str, table: Mapping[str, str], extra: Tuple[str, ...] | None = None) -> str:
    """The rules, applied to the words of a string or comment (`extra`: `_extra_names` of the table)."""
    text = re.sub(r"\basync (?=(?:def|for|with)\b)", "", text)
    text = re.sub(r"\bawait ", "", text)
    while (start := text.find(_AWAITABLE + "[")) >= 0:
        open_at, level, i = start + len(_AWAITABLE), 0, start + len(_AWAITABLE)
        for i in range(open_at, len(text)):
            level += {"[": 1, "]": -1}.get(text[i], 0)
            if level == 0:
                break
        text = text[:start] + text[open_at + 1 : i] + text[i + 1 :]
    pattern = _names_pattern(_extra_names(table) if extra is None else extra)
    return pattern.sub(lambda m: table.get(m.group(), m.group()), text)


@functools.lru_cache(maxsize=8)
def _names_pattern(extra: Tuple[str, ...]) -> "re.Pattern[str]":
    return re.compile(_words(extra))


# ---- committed twins in the static runtime ----


def with_twin(module: str) -> str:
    """`module` with its sync-twin region derived afresh from its async region."""
    start, twin, end = (module.find(m) for m in (SOURCE_MARKER, TWIN_MARKER, END_MARKER))
    if start < 0:
        return module
    if not 0 <= start < twin < end:
        raise UnasyncError("the markers must appear in order: async source, sync twin, end")
    source = module[module.index("\n", start) + 1 : twin]
    derived = to_sync(source).strip("\n")
    # black decides the layout: the sync half is shorter, so some of its lines join
    return black_format(module[: twin + len(TWIN_MARKER)] + "\n\n\n" + derived + "\n\n\n" + module[end:])


def stale_twins(paths: Sequence[Path]) -> Dict[Path, str]:
    """Each module whose sync twin is stale, with the module as it should be."""
    fresh = {}
    for path in paths:
        text = path.read_text()
        if (rewritten := with_twin(text)) != text:
            fresh[path] = rewritten
    return fresh


def main(argv: Sequence[str] | None = None) -> int:
    from ..locations import TEMPLATES

    parser = argparse.ArgumentParser(prog="python -m generator.render.unasync", description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a committed sync twin is stale")
    parser.add_argument("--write", action="store_true", help="rewrite stale sync twins")
    parser.add_argument("paths", nargs="*", type=Path, help="runtime modules (default: templates/runtime/*.py)")
    args = parser.parse_args(argv)
    paths = args.paths or sorted((TEMPLATES / "runtime").glob("*.py"))
    stale = stale_twins(paths)
    for path, rewritten in stale.items():
        if args.write:
            path.write_text(rewritten)
            print(f"rewrote the sync twin in {path}")
        else:
            print(f"{path}: the sync twin is stale; run `make twins`", file=sys.stderr)
    return 1 if stale and not args.write else 0


if __name__ == "__main__":
    raise SystemExit(main())
