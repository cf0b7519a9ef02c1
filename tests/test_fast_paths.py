"""The faster ways of doing the generator's work give exactly what the plain ways gave.

- The sync twin (`to_sync`) is found by regular expressions instead of Python's tokenizer: the
  tokenizer-driven version, kept here as the oracle, gives the same text (or the same error) on
  the runtime, on asyncio, httpx and anyio, and on snippets built to trip a scanner.
- Unused imports are found by a regular expression instead of a parse: the same imports kept as
  an `ast.walk` oracle keeps, which counts every name the module spells (read, bound, a
  parameter's, a keyword argument's), skips docstrings and comments, and reads other strings.
- The formatting workers run at a lower priority only on an idle machine.
"""

from __future__ import annotations

import ast
import io
import keyword
import multiprocessing
import os
import random
import re
import sys
import tokenize
from collections import Counter
from pathlib import Path
from typing import List, Mapping, Tuple

import pytest

from generator.black_style import black_format
from generator.parallel import Workers, _Pool, others_running
from generator.render import unasync
from generator.render.imports import prune_unused_imports
from generator.render.unasync import UnasyncError, to_sync

ROOT = Path(__file__).resolve().parent.parent
fork_only = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork here")

# ---- the sync twin ----


def tokenized_to_sync(source: str, renames: Mapping[str, str] | None = None) -> str:
    """The oracle: the rules driven by Python's own tokenizer, token by token."""
    table = {**unasync.RENAMES, **(renames or {})}
    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    offsets = [0]
    for line in source.splitlines(keepends=True):
        offsets.append(offsets[-1] + len(line))

    def at(position: Tuple[int, int]) -> int:
        return offsets[position[0] - 1] + position[1]

    edits: List[Tuple[int, int, str]] = []
    awaitables: List[int] = []
    brackets, skip = 0, -1
    for index, token in enumerate(tokens):
        text, following = token.string, tokens[index + 1] if index + 1 < len(tokens) else None
        if index == skip:
            continue
        if token.type == tokenize.NAME:
            if text == "async" and following is not None and following.string in ("def", "for", "with"):
                edits.append((at(token.start), at(following.start), ""))
            elif text == "await" and following is not None:
                edits.append((at(token.start), at(following.start), ""))
            elif text == "Awaitable" and following is not None and following.string == "[":
                edits.append((at(token.start), at(following.end), ""))
                brackets += 1
                awaitables.append(brackets)
                skip = index + 1
            elif text in table:
                edits.append((at(token.start), at(token.end), table[text]))
            elif unasync._ASYNC_LOOKING.match(text):
                raise UnasyncError(f"line {token.start[0]}: no sync twin is known for {text!r}; add one to RENAMES")
        elif token.type == tokenize.OP and text in ("(", "[", "{"):
            brackets += 1
        elif token.type == tokenize.OP and text in (")", "]", "}"):
            if awaitables and awaitables[-1] == brackets:
                awaitables.pop()
                edits.append((at(token.start), at(token.end), ""))
            brackets -= 1
        elif token.type in (tokenize.STRING, tokenize.COMMENT):
            start, end = at(token.start), at(token.end)
            edits.append((start, end, unasync._words_to_sync(source[start:end], table)))
    pieces, done = [], 0
    for start, end, replacement in sorted(edits):
        pieces += [source[done:start], replacement]
        done = end
    return "".join(pieces) + source[done:]


def outcome(convert: object, source: str, renames: Mapping[str, str] | None) -> Tuple[str, str]:
    try:
        return "text", convert(source, renames)  # type: ignore[operator]
    except UnasyncError as exc:
        return "error", str(exc)


TRICKY = [
    'x = rb"async def" + Rb\'await \' + f"{AsyncStream}" + u"aread"  # async with AsyncClient\n',
    's = """\nasync def f():\n    await g()  # not code\n"""\nasync def h() -> Awaitable[Dict["a[", int]]:\n    pass\n',
    "async def f(x: Awaitable [ List[Awaitable[int]] ], y: Awaitable) -> None:\n    return await  x\n",
    "y = await \\\n    other.aread()\nz = [a async for a in b.aiter_bytes()]\n",
    "class AsyncThing(AsyncStream[T]):\n    '''It''s `async for x in AsyncStream`.'''\n    async with lock: pass\n",
    "x = '#' + \"'\" + '''\"\"\"''' # ' \"\nawait x\n",
    "f(Awaitable\n  [int])\nawait (x)\nasync_x = 1\nasyncio.run(main)\n",
    "d = {'k': AsyncThing, \"j\": [StopAsyncIteration]}\nraise StopAsyncIteration\n",
    "x = 0xdef + 1e5 + 3j  # async def\nasync for i in aiter_lines(): ...\n",
    "r = r'\\'' + '\\\\' + \"\\\"async def\\\"\"\n",
]


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="the oracle needs 3.11's tokenizer (one token per f-string)")
@pytest.mark.parametrize("index", range(len(TRICKY)))
def test_the_sync_twin_of_tricky_snippets_is_the_tokenizers(index: int) -> None:
    source = TRICKY[index]
    # (`lock` and `main` look nothing like async names: the patterns must list them)
    for renames in (None, {"AsyncThing": "Thing"}, {"AsyncThing": "Thing", "lock": "mutex", "main": "sync_main"}):
        assert outcome(to_sync, source, renames) == outcome(tokenized_to_sync, source, renames)


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="the oracle needs 3.11's tokenizer (one token per f-string)")
def test_the_sync_twin_of_real_code_is_the_tokenizers(monkeypatch: pytest.MonkeyPatch) -> None:
    import asyncio

    import anyio
    import httpx

    files = sorted((ROOT / "templates" / "runtime").glob("*.py"))
    for package in (asyncio, httpx, anyio):
        files += sorted(Path(package.__file__).parent.rglob("*.py"))  # type: ignore[arg-type]
    assert len(files) > 100
    raised = Counter[str]()
    for path in files:
        source = path.read_text(encoding="utf-8")
        expected = outcome(tokenized_to_sync, source, {"AsyncThing": "Thing"})
        raised[expected[0]] += 1
        assert outcome(to_sync, source, {"AsyncThing": "Thing"}) == expected, path
    # with the check for unknown async names off, every file is converted whole
    monkeypatch.setattr(unasync, "_ASYNC_LOOKING", re.compile(r"(?!)"))
    for path in files:
        source = path.read_text(encoding="utf-8")
        expected = outcome(tokenized_to_sync, source, None)
        assert expected[0] == "text" and to_sync(source) == expected[1], path
    assert raised["text"] and raised["error"]  # both kinds of outcome were compared


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="the oracle needs 3.11's tokenizer (one token per f-string)")
def test_the_sync_twin_of_shuffled_fragments_is_the_tokenizers() -> None:
    """Lines of the tricky snippets recombined at random: every one that Python can tokenize."""
    lines = [line for snippet in TRICKY for line in snippet.splitlines(keepends=True)]
    rng = random.Random(16)
    compared = 0
    for _ in range(400):
        source = "".join(rng.choice(lines) for _ in range(rng.randint(1, 6)))
        try:
            expected = outcome(tokenized_to_sync, source, None)
        except (tokenize.TokenError, IndentationError, SyntaxError):
            continue  # not Python the tokenizer reads (an unclosed string): no oracle
        assert outcome(to_sync, source, None) == expected, source
        compared += 1
    assert compared > 100


# ---- unused imports and the outline ----


def walked_names(source: str) -> Counter[str]:
    """The oracle: the names a module spells, found by `ast.walk` (bare string statements and
    comments left out, other strings' words counted)."""
    names: Counter[str] = Counter()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Name):
            names[node.id] += 1
        elif isinstance(node, ast.Attribute):
            names[node.attr] += 1
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names[node.name] += 1
        elif isinstance(node, ast.arg):
            names[node.arg] += 1
        elif isinstance(node, ast.keyword) and node.arg:
            names[node.arg] += 1
        elif isinstance(node, ast.alias):
            names.update([*node.name.split("."), *([node.asname] if node.asname else [])])
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.update(node.module.split("."))
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            node.value.value = None
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            names.update(re.findall(r"[A-Za-z_]\w*", node.value))
    return names


def walked_prune(source: str) -> str:
    pattern = re.compile(r"^from (\S+) import ([\w, ]+)$")
    lines = source.split("\n")
    used = walked_names("\n".join(line for line in lines if not pattern.match(line)))
    out = []
    for line in lines:
        match = pattern.match(line)
        if not match or match.group(1) == "__future__":
            out.append(line)
            continue
        kept = [n.strip() for n in match.group(2).split(",") if n.strip() and used[n.strip()]]
        if kept:
            out.append(f"from {match.group(1)} import {', '.join(kept)}")
    return "\n".join(out)


def modules_to_prune() -> list[Path]:
    found = sorted((ROOT / "tests" / "fixtures" / "expected").rglob("*.py")) + sorted(
        (ROOT / "generated").rglob("*.py"))
    return [path for path in found if "from " in path.read_text(encoding="utf-8")]


def test_pruning_keeps_what_the_walk_keeps() -> None:
    rng = random.Random(7)
    paths = modules_to_prune()
    assert len(paths) > 20
    for path in paths:
        source = path.read_text(encoding="utf-8")
        words = sorted(set(re.findall(r"\b[A-Za-z_]\w*\b", source)) - set(keyword.kwlist))
        # imports to prune and to keep, where a template puts them, and one inside a docstring
        extra = [f"from .somewhere import {', '.join(rng.sample(words, 3) + ['NeverUsed'])}",
                 "from .other import AlsoNeverUsed"]
        lines = source.split("\n")
        at = next((i for i, line in enumerate(lines) if line.startswith(("from ", "import "))), 0)
        text = "\n".join(lines[:at] + extra + lines[at:]) + '\n\ndef tail() -> None:\n    """\nfrom x import y\n"""\n'
        assert prune_unused_imports(text) == walked_prune(text), path


# ---- the workers ----


@fork_only
@pytest.mark.parametrize("nice", [False, True])
def test_the_formatting_workers_priority(nice: bool) -> None:
    """Lower only on an idle machine: on a busy one a niced worker got a sliver of a core."""
    with Workers(2, nice=nice) as workers:
        assert isinstance(workers.format, _Pool)
        niceness = workers.format.submit(os.getpriority, os.PRIO_PROCESS, 0).result()
        assert niceness == min(os.getpriority(os.PRIO_PROCESS, 0) + (10 if nice else 0), 19)
        assert workers.format.submit(black_format, "x = [1,2]\n").result() == "x = [1, 2]\n"


def test_other_programs_running_are_told_by_the_runnable_count() -> None:
    assert not others_running("0.52 1.70 1.98 1/345 20174\n")  # this process alone
    assert others_running("0.52 1.70 1.98 3/345 20174\n")
    assert not others_running("9.80 9.20 7.70 1/612 20174\n")  # a busy minute, over now
    assert isinstance(others_running(), bool)
