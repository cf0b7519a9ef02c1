"""The worker pools: started at once, waited for when they have work, stopped when they have none.

A pool whose warm-up (importing black or datamodel-code-generator) is still running when the
run ends without needing it (every result came from the cache, or the spec was refused) is
stopped, not waited for; one that was given work finishes it. The warm-up here is a long sleep,
so "stopped" is told apart from "finished" by the exit code, not by a clock.
"""

from __future__ import annotations

import multiprocessing
import signal
import time
from concurrent.futures import ProcessPoolExecutor

import pytest

from generator.parallel import Inline, Workers, _Pool

pytestmark = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork here")


def slow_pool() -> _Pool:
    context = multiprocessing.get_context("fork")
    return _Pool(ProcessPoolExecutor(1, mp_context=context, initializer=time.sleep, initargs=(60,)))


def processes(pool: _Pool) -> list[multiprocessing.process.BaseProcess]:
    return list(pool._pool._processes.values())  # type: ignore[attr-defined]


def test_a_pool_given_no_work_is_stopped_mid_warm_up() -> None:
    pool = slow_pool()
    workers = processes(pool)
    assert workers and not pool.used
    pool.close(now=not pool.used)
    assert [w.exitcode for w in workers] == [-signal.SIGTERM]


def test_a_pool_given_work_finishes_it() -> None:
    context = multiprocessing.get_context("fork")
    pool = _Pool(ProcessPoolExecutor(1, mp_context=context))
    future = pool.submit(pow, 2, 10)
    workers = processes(pool)
    pool.close(now=not pool.used)
    assert pool.used and future.result() == 1024
    assert [w.exitcode for w in workers] == [0]


def test_one_worker_means_no_processes() -> None:
    with Workers(1) as workers:
        assert not workers.parallel and isinstance(workers.models, Inline) and workers.models is workers.format
        assert workers.format.submit(pow, 3, 2).result() == 9
        failed = workers.models.submit(int, "x")
        with pytest.raises(ValueError):
            failed.result()  # raised where the result is asked for, as from a process pool


def test_whether_others_run_is_asked_before_our_own_workers_start(monkeypatch: pytest.MonkeyPatch) -> None:
    """The machine's load decides the formatters' priority; our own models worker, already running,
    must not count as another program (it did once, and the formatters were never niced)."""
    import generator.parallel as parallel

    seen: list[int] = []

    def count_our_children() -> bool:
        seen.append(len(multiprocessing.active_children()))
        return False

    monkeypatch.setattr(parallel, "others_running", count_our_children)
    with Workers(2):
        pass
    assert seen == [0]


def test_fewer_collections_is_undone_when_the_block_ends() -> None:
    """A run collects cycles rarely; the process that called it (a test run, a tool) gets its own
    collector settings back, and what was frozen for the run can be collected again."""
    import gc

    from generator.parallel import fewer_collections

    before = gc.get_threshold()
    assert gc.get_freeze_count() == 0
    with fewer_collections():
        assert gc.get_threshold()[0] > before[0]
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_workers_collect_rarely_inside_their_block_and_undo_it_even_on_failure() -> None:
    import gc

    before = gc.get_threshold()
    with Workers(1):
        assert gc.get_threshold()[0] > before[0] and gc.get_freeze_count() > 0
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
    with pytest.raises(KeyError), Workers(1):
        raise KeyError("a failed run")
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def test_the_models_warm_up_run_is_skipped_once_the_models_are_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    """A small spec's models are asked for before datamodel-code-generator has even loaded: its
    first run is then the real one, and a tiny run first would only make the real one wait."""
    import gc

    import generator.render.models as models
    from generator.parallel import _import_models_tool

    runs: list[str] = []
    monkeypatch.setattr(models, "run_datamodel_codegen", lambda document, *rest: runs.append("run") or "")
    before = gc.get_threshold()
    try:
        asked = multiprocessing.get_context("fork").Event()
        _import_models_tool(asked)
        assert runs == ["run"]  # not asked yet: warmed up for the large spec still being read
        asked.set()
        _import_models_tool(asked)
        assert runs == ["run"]
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


def test_a_call_to_the_models_pool_tells_its_worker_it_was_asked() -> None:
    context = multiprocessing.get_context("fork")
    asked = context.Event()
    pool = _Pool(ProcessPoolExecutor(1, mp_context=context), asked=asked)
    assert not asked.is_set()  # its own start-up call does not count
    assert pool.submit(pow, 2, 3).result() == 8
    assert asked.is_set()
    pool.close(now=False)
