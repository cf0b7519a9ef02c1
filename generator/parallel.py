"""Spread the slow steps of a generation over the machine's cores.

Two tools dominate a cold run: datamodel-code-generator (one long call, the models) and black
(one call per module, or per slice of a large one). `Workers` starts its processes before the
spec is read, so they import those tools while this process loads the spec and builds the IR:
one process keeps to the models, the others format. The results are the same bytes as a run in
one process (tests/test_determinism.py compares them); where `fork` is not available, or with
`workers=1`, everything runs here, in order.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import sys
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, Optional, TypeVar

if TYPE_CHECKING:
    from multiprocessing.synchronize import Event

T = TypeVar("T")
WORKERS_ENV = "IMAGES_SDK_WORKERS"  # a count, to pin it (1: no worker processes at all)


def worker_count() -> int:
    """Processes to format with: the cores this process may use (IMAGES_SDK_WORKERS overrides)."""
    pinned = os.environ.get(WORKERS_ENV, "").strip()
    if pinned.isdigit() and int(pinned) > 0:
        return int(pinned)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


class Inline(Executor):
    """Runs each call at once, in this process: the executor when there are no workers."""

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        future: Future[T] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # noqa: BLE001 - handed over, raised by result()
            future.set_exception(exc)
        return future


def others_running(loadavg: str | None = None) -> bool:
    """Whether other programs are running on the machine right now: /proc/loadavg's count of
    runnable tasks (this process is one), at this instant, so no earlier run of ours counts."""
    try:
        text = Path("/proc/loadavg").read_text() if loadavg is None else loadavg
        return int(text.split()[3].split("/")[0]) > 1
    except (OSError, IndexError, ValueError):  # pragma: no cover - not Linux
        return False


class Workers:
    """`models` runs datamodel-code-generator; `format` runs black. Use as a context manager, whose
    block also collects cycles rarely (`fewer_collections`).

    On an idle machine the formatters run at a lower priority (`nice` 10): the models worker and
    this process are the critical path (black's last job, the models module, waits for them),
    and letting them go first makes cold runs 10-15% faster on two cores. When other programs
    are running, they do not: a niced worker then gets a sliver of a core, and a cold run took
    twice as long. `nice` decides it instead (None: by the machine, at the start)."""

    def __init__(self, count: int | None = None, *, nice: bool | None = None) -> None:
        count = worker_count() if count is None else count
        self.parallel = count > 1 and "fork" in multiprocessing.get_all_start_methods()
        if self.parallel:
            lower = (not others_running()) if nice is None else nice  # asked before our own workers run
            context = multiprocessing.get_context("fork")  # children share what is loaded, no re-import
            sys.stdout.flush()  # a forked child must not inherit (and repeat) unwritten output
            sys.stderr.flush()
            asked = context.Event()  # set once the models are asked for: the warm-up run is then not worth it
            self.models: Executor = _Pool(ProcessPoolExecutor(1, mp_context=context, initializer=_import_models_tool,
                                                              initargs=(asked,)), asked=asked)
            self.format: Executor = _Pool(ProcessPoolExecutor(count, mp_context=context, initializer=_import_black,
                                                              initargs=(10 if lower else 0,)))
        else:
            self.models = self.format = Inline()

    def __enter__(self) -> Workers:
        self._collections = fewer_collections()  # the run inside allocates much and frees little
        self._collections.__enter__()
        return self

    def __exit__(self, *exc_info: object) -> None:
        try:
            self.close(cancel=exc_info[0] is not None)
        finally:
            self._collections.__exit__(None, None, None)

    def close(self, *, cancel: bool = False) -> None:
        """Wait for the workers to finish their work; with `cancel` (a failure), or when a pool
        was given none (the caches had every result), stop them now, mid-warm-up."""
        for executor in (self.models, self.format):
            if isinstance(executor, _Pool):  # (Inline, with no workers, has nothing to stop)
                executor.close(now=cancel or not executor.used)


class _Pool(Executor):
    """A process pool started at once, which knows whether it was given any work."""

    def __init__(self, pool: ProcessPoolExecutor, *, asked: Optional[Event] = None) -> None:
        self._pool = pool
        self._asked = asked  # a multiprocessing Event its workers read, set on the first real call
        self.used = False
        pool.submit(int)  # a pool forks its processes on the first call: now, not when work comes

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        self.used = True
        if self._asked is not None:
            self._asked.set()
        return self._pool.submit(fn, *args, **kwargs)

    def close(self, *, now: bool) -> None:
        if now:  # a spec error is reported at once; a run served by the caches never waits for a warm-up
            for process in list((getattr(self._pool, "_processes", None) or {}).values()):
                process.terminate()
        self._pool.shutdown(wait=True, cancel_futures=now)


# Python's cycle collector walks every young object each 700 allocations, and the whole heap
# now and then. A generation allocates millions of objects that live until it ends (the spec, the
# IR, black's syntax trees), so the default thresholds made black ~30% slower on a large module
# and `ast.parse` of one several times slower. Collections stay on, only rarer.
_FEWER_COLLECTIONS = (100_000, 50, 100)


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """Collect cycles rarely, and never walk what exists already (frozen), until the block ends."""
    before = gc.get_threshold()
    _collect_rarely()
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


def _collect_rarely() -> None:
    """What exists now is frozen, and collections are rare (a worker's whole life is one generation)."""
    gc.freeze()
    gc.set_threshold(*_FEWER_COLLECTIONS)


def _import_models_tool(asked: Optional[Event] = None) -> None:
    """Import datamodel-code-generator and, unless the models were asked for meanwhile (`asked`, an
    Event: a small spec is read before the imports end), run it once on a tiny document: its first
    run pays ~0.1 s for compiling templates and building its own models, which a large spec's
    models then need not wait for. Asked already, that first run is the real one, at the same cost."""
    from .locations import TEMPLATES
    from .render.models import import_datamodel_codegen, run_datamodel_codegen

    _collect_rarely()
    import_datamodel_codegen()
    if asked is not None and asked.is_set():
        return
    tiny = {"type": "object", "properties": {"a": {"type": "string"}}}
    document = {"openapi": "3.1.0", "info": {"title": "warm-up", "version": "0"}, "paths": {},
                "components": {"schemas": {"A": tiny}}}
    run_datamodel_codegen(document, {}, TEMPLATES / "models", "")


def _import_black(niceness: int) -> None:
    _collect_rarely()
    if niceness:
        os.nice(niceness)
    from .black_style import black_format

    black_format("x = [1]\n")
