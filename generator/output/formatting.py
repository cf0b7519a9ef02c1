"""Format generated Python with black, through its API (no subprocess), in the workers.

A module is formatted whole, or, when it is large (the models of a big spec are 20,000 lines),
in slices cut before its top-level classes, each formatted on its own and joined with the two
blank lines black puts before a top-level class: the same bytes as formatting it whole (tested
on the whole upstream spec), in a fraction of the time on several cores.

Black's `format_str` formats twice when the first pass changes anything, to catch the rare
layout that is only stable on a second pass; we format once. Every generated module is checked
to be black-stable (`black --check` finds nothing) by the tests, on all the specs they generate.

The workers take modules in the order they come; this process, once it has nothing else to do
(waiting for the models, or for the last results), formats the ones no worker has started yet,
from the back of the queue, when there are enough of them to be worth importing black here.
"""

from __future__ import annotations

import ast
import sys
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field
from typing import Callable, Dict, List, NamedTuple, Tuple

from ..errors import GeneratorBug
from .cache import ContentCache, tool_version

LINE_LENGTH = 120
SLICE_LINES = 2500  # a module longer than this is formatted in slices of about this size
# Lines waiting for a worker that make it worth formatting here too: about a second of black,
# three times what importing it here costs (it is already imported in the workers).
HELP_LINES = 3000


def black_format(source: str) -> str:
    """`source` as black writes it, with the generated package's settings."""
    import black

    mode = black.Mode(line_length=LINE_LENGTH, target_versions={black.TargetVersion.PY310})
    once = getattr(black, "_format_str_once", None)  # black >= 23.1; else its two-pass format_str
    return str(once(source, mode=mode)) if once is not None else black.format_str(source, mode=mode)


def format_checked(path: str, source: str, spec_name: str) -> str:
    """black's layout of `source`, which must also compile: a failure is a generator bug."""
    try:
        formatted = black_format(source)
        compile(formatted, path, "exec")  # black parses; only compiling finds e.g. duplicate arguments
    except Exception as exc:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise GeneratorBug(f"generated {path} from {spec_name} is not valid Python ({message})") from None
    return formatted


class Statement(NamedTuple):
    """A top-level statement of a module: its first and last lines (1-based; a class's first is
    its `class` line), and whether it is a class without decorators (a slice may start there)."""

    first: int
    last: int
    plain_class: bool


Outline = Tuple[Statement, ...]


def outline_of(tree: ast.Module) -> Outline:
    return tuple(Statement(node.lineno, node.end_lineno or node.lineno,
                           isinstance(node, ast.ClassDef) and not node.decorator_list) for node in tree.body)


def slices(source: str, tree: ast.Module | Outline | None = None, size: int | None = None) -> List[str]:
    """`source` cut into pieces of about `size` lines (SLICE_LINES), each starting at a top-level
    class that only blank lines separate from the statement before it (so no comment or decorator
    is cut off). `tree` is the module's syntax tree or outline, when the caller has it."""
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
    for before, node in zip(statements, statements[1:], strict=False):
        first = node.first - 1  # 0-based line of `class`
        if node.plain_class and first - start >= size and all(not line.strip() for line in lines[before.last:first]):
            cuts.append(first)
            start = first
    bounds = [0, *cuts, len(lines)]
    return ["".join(lines[a:b]).rstrip("\n") + "\n" for a, b in zip(bounds, bounds[1:], strict=False)]


def _here(call: Callable[..., str], *args: str) -> Future[str]:
    """`call` run in this process, as a finished future (its exception kept for result())."""
    future: Future[str] = Future()
    try:
        future.set_result(call(*args))
    except Exception as exc:  # noqa: BLE001 - raised by result(), as a worker's would be
        future.set_exception(exc)
    return future


def join_slices(formatted: List[str]) -> str:
    return "\n\n".join(formatted)  # each ends with one newline: two blank lines before each class


@dataclass
class _Job:
    """One module, or one slice of one, given to the workers."""

    path: str
    source: str
    future: Future[str]


@dataclass
class Formatter:
    """Formats modules in `executor` (the workers), reusing `cache` for modules seen before."""

    spec_name: str
    executor: Executor
    cache: ContentCache | None = None
    _pending: Dict[str, tuple[str, List[_Job]]] = field(default_factory=dict)
    _queue: List[_Job] = field(default_factory=list)  # in the order given to the workers
    _done: Dict[str, str] = field(default_factory=dict)

    def add(self, path: str, source: str, tree: ast.Module | Outline | None = None) -> None:
        key = self._key(source)
        if self.cache and (hit := self.cache.get("black", key)) is not None:
            self._done[path] = hit.decode("utf-8")
            return
        jobs = [_Job(path, piece, self.executor.submit(format_checked, path, piece, self.spec_name))
                for piece in slices(source, tree)]
        self._queue += jobs
        self._pending[path] = (key, jobs)

    def help(self, busy: Callable[[], bool] = lambda: True) -> None:
        """While `busy()`, format here the jobs no worker has started, the last first (the workers
        take the first), once they add up to HELP_LINES or black is imported here anyway; from a
        process pool, a job not started yet is taken back (cancelled) and computed here."""
        waiting = [job for job in self._queue if not job.future.running() and not job.future.done()]
        if "black" not in sys.modules and sum(job.source.count("\n") for job in waiting) < HELP_LINES:
            return
        for job in reversed(waiting):
            if not busy() or not job.future.cancel():  # a worker has it: it has every earlier one too
                break
            job.future = _here(format_checked, job.path, job.source, self.spec_name)
        self._queue = [job for job in self._queue if not job.future.done()]

    def results(self) -> Dict[str, str]:
        """Every module added, formatted (waits for the workers, helping them)."""
        self.help()
        for path, (key, jobs) in sorted(self._pending.items()):
            formatted = join_slices([job.future.result() for job in jobs])  # each slice compiled
            if self.cache:
                self.cache.put("black", key, formatted.encode("utf-8"))
            self._done[path] = formatted
        self._pending.clear()
        self._queue.clear()
        return dict(self._done)

    def _key(self, source: str) -> str:
        return self.cache.key("black, once", tool_version("black"), str(LINE_LENGTH), source) if self.cache else ""
