"""Derive the sync twin of async source, so sync and async code come from one template.

Templates write the async version once; `to_sync()` rewrites it token by token, the way
httpcore builds its sync half: `async def` → `def`, `await x` → `x`, `AsyncFoo` → `Foo`,
`__aiter__` → `__iter__`, `aclose` → `close`, `asyncio.sleep` → `time.sleep`, and
`Awaitable[X]` → `X`.
"""

from __future__ import annotations

import re

_WORDS = {
    "__aenter__": "__enter__",
    "__aexit__": "__exit__",
    "__aiter__": "__iter__",
    "__anext__": "__next__",
    "aclose": "close",
    "aread": "read",
    "aiter_bytes": "iter_bytes",
    "aiter_text": "iter_text",
    "aiter_lines": "iter_lines",
    "StopAsyncIteration": "StopIteration",
    "AsyncIterator": "Iterator",
    "AsyncIterable": "Iterable",
    "AsyncGenerator": "Generator",
    "AsyncClient": "Client",
}
_WORD = re.compile(r"\b(" + "|".join(map(re.escape, _WORDS)) + r")\b")
_ASYNC_CLASS = re.compile(r"\bAsync(?=[A-Z])")
_ASYNC_FUNC = re.compile(r"\basync_(?=[a-z])")
_KEYWORDS = re.compile(r"\basync (def|with|for)\b")
_AWAIT = re.compile(r"\bawait ")
_AWAITABLE = "Awaitable["


def to_sync(source: str) -> str:
    source = _KEYWORDS.sub(r"\1", source)
    source = _AWAIT.sub("", source)
    source = source.replace("asyncio.sleep", "time.sleep")
    source = _WORD.sub(lambda m: _WORDS[m.group(1)], source)
    source = _ASYNC_CLASS.sub("", source)
    source = _ASYNC_FUNC.sub("", source)
    return _strip_awaitable(source)


def _strip_awaitable(source: str) -> str:
    """`Awaitable[X]` → `X`, with X balanced in brackets."""
    while True:
        start = source.find(_AWAITABLE)
        if start < 0:
            return source
        depth, i = 1, start + len(_AWAITABLE)
        while depth:
            depth += {"[": 1, "]": -1}.get(source[i], 0)
            i += 1
        source = source[:start] + source[start + len(_AWAITABLE) : i - 1] + source[i:]
