"""Format generated Python with black, through its API (no subprocess), in the workers.

A module is formatted whole, or, when it is large (the models of a big spec are 20,000 lines),
in slices cut before its top-level classes, each formatted on its own and joined with the two
blank lines black puts before a top-level class: the same bytes as formatting it whole (tested
on the whole upstream spec), in a fraction of the time on several cores.

A resource module's sync twin classes are mostly not formatted at all: where black leaves an
async method as it was rendered, it provably leaves its sync twin too (output/twins.py). And
black reads each module without the lines it provably leaves alone: the parameters and fields
of exploded brackets, and the fields of models, spelled as black spells them (output/pruning.py).

Black's `format_str` formats twice when the first pass changes anything, to catch the rare
layout that is only stable on a second pass; we format once. Every generated module is checked
to be black-stable (`black --check` finds nothing) by the tests, on all the specs they generate.
"""

from __future__ import annotations

import ast
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field
from typing import Dict, List, Mapping

from ..black_style import LINE_LENGTH, black_format
from ..errors import GeneratorBug
from .cache import ContentCache, tool_version
from .cuts import Outline, cut_points, join_pieces, outline_of

SLICE_LINES = 2500  # a module longer than this is formatted in slices of about this size
MIN_SLICE_LINES = 300  # below this a slice costs more than it saves


def format_checked(path: str, source: str, spec_name: str, twins: Mapping[str, str] | None = None) -> str:
    """black's layout of `source`, which must also compile: a failure is a generator bug. With
    `twins` (async class names → sync), the sync twins are laid out by proof (output/twins.py)."""
    try:
        if twins:
            from .twins import format_with_twins

            tree = ast.parse(source)
            formatted = format_with_twins(source, twins, _black, LINE_LENGTH, tree)
            compile(tree, path, "exec")  # the program `formatted` is (black changes layout only), parsed once
        else:
            formatted = _black(source)
            compile(formatted, path, "exec")  # black parses; only compiling finds e.g. duplicate arguments
    except Exception as exc:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise GeneratorBug(f"generated {path} from {spec_name} is not valid Python ({message})") from None
    return formatted


def _black(source: str) -> str:
    """black's layout of `source`, black given it without the lines it would leave alone (pruning.py)."""
    from .pruning import black_pruned  # in the workers only

    return black_pruned(source, black_format, LINE_LENGTH)


def slices(source: str, tree: ast.Module | Outline | None = None, size: int | None = None) -> List[str]:
    """`source` cut into pieces of about `size` lines (SLICE_LINES), where it may be cut (`cuts.py`).
    `tree` is the module's syntax tree or outline, when the caller has it."""
    size = size or SLICE_LINES
    lines = source.splitlines(keepends=True)
    if len(lines) <= size:
        return [source]
    try:
        tree = tree or ast.parse(source)
    except SyntaxError:  # black reports it, with the module's name
        return [source]
    cuts, start = [], 0
    statements = outline_of(tree) if isinstance(tree, ast.Module) else tree
    for index in cut_points(lines, statements):
        first = statements[index].first - 1  # 0-based line of `class`
        if first - start >= size:
            cuts.append(first)
            start = first
    bounds = [0, *cuts, len(lines)]
    return ["".join(lines[a:b]).rstrip("\n") + "\n" for a, b in zip(bounds, bounds[1:], strict=False)]


@dataclass
class Formatter:
    """Formats modules in `executor` (the workers), reusing `cache` for modules seen before."""

    spec_name: str
    executor: Executor
    cache: ContentCache | None = None
    _pending: Dict[str, tuple[str, List[Future[str]]]] = field(default_factory=dict)
    _done: Dict[str, str] = field(default_factory=dict)

    def add(self, path: str, source: str, tree: ast.Module | Outline | None = None,
            twins: Mapping[str, str] | None = None) -> None:
        """Format `source` (cut in slices when it is long; whole when it has sync `twins`)."""
        key = self._key(source)
        if self.cache and (hit := self.cache.get("black", key)) is not None:
            self._done[path] = hit.decode("utf-8")
            return
        if twins:
            self._pending[path] = (key, [self.executor.submit(format_checked, path, source, self.spec_name,
                                                              dict(twins))])
            return
        # in quarters, so every worker shares it: the models module comes last, when they are all free
        lines = source.count("\n")
        pieces = slices(source, tree, max(MIN_SLICE_LINES, min(SLICE_LINES, lines // 4)))
        self._pending[path] = (key, [self.executor.submit(format_checked, path, piece, self.spec_name)
                                     for piece in pieces])

    def results(self) -> Dict[str, str]:
        """Every module added, formatted (waits for the workers)."""
        for path, (key, futures) in sorted(self._pending.items()):
            formatted = join_pieces([future.result() for future in futures])  # each slice compiled
            if self.cache:
                self.cache.put("black", key, formatted.encode("utf-8"))
            self._done[path] = formatted
        self._pending.clear()
        return dict(self._done)

    def _key(self, source: str) -> str:
        return self.cache.key("black, once", tool_version("black"), str(LINE_LENGTH), source) if self.cache else ""
