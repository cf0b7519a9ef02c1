"""`make bench`: the speed and memory targets, measured side by side in one run.

Generation (ours against openapi-python-client, on our spec):
  cold generation (empty caches) <= 0.6x; warm-cache generation into a new folder <= 0.6x;
  a no-op regeneration < 0.15 s.
The generated client (against the official `openai` package, with bare httpx as the floor), at
real sizes: a partial image is 1.5 MB of base64 in one event, arriving in 4-64 KiB pieces:
  consuming 4 x 1.5 MB events <= 0.8x the official package, at 64, 16 and 4 KiB chunks;
  decoding alone (4 events, in memory), shown beside the official decoder, no target: events twice
  as large in chunks a quarter the size (2x the bytes, 8x the chunks at a small fixed cost each:
  linear work lands between 2x and 8x, work that re-reads pending bytes on every chunk near 16x),
  and the time per byte of 3 MB events against 1.5 MB ones (linear: 1x; quadratic: 2x);
  a call answered with 1 MB of base64 JSON <= 1.0x;
  a 64 MiB upload from disk grows the process's peak RSS by <= 2 MiB;
  `import images_client` + construct + first `client.images` <= 0.3x the same for openai.

Each figure is a median; ratios are taken within one run. Exit status 1 when a target is missed.
The comparison tools live in their own virtualenvs (`make bench` creates them), so their
dependencies never mix with ours: .venv-bench (openai, httpx and the generated package) and
.venv-opc (openapi-python-client).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, List

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec" / "openapi.yaml"
BENCH_PY = ROOT / ".venv-bench" / "bin" / "python"
OPC = ROOT / ".venv-opc" / "bin" / "openapi-python-client"
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
UPLOAD = 64 * 1024 * 1024


def median_time(action: Callable[[], object], runs: int = RUNS, *, warm_up: bool = False) -> float:
    """The median of `runs` timed calls (after one untimed call, with `warm_up`)."""
    if warm_up:
        action()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def run(*cmd: str | Path, **kwargs: object) -> str:
    if cmd[0] == BENCH_PY:  # the generated package as it is now, whatever copy the venv holds
        kwargs.setdefault("env", {**os.environ, "PYTHONPATH": str(ROOT / "generated")})
    done = subprocess.run([str(c) for c in cmd], check=True, capture_output=True, text=True,
                          **kwargs)  # type: ignore[call-overload]
    return str(done.stdout)


# ---- generation ----


def generate(out: Path) -> None:
    run(sys.executable, "-m", "generator", "generate", "--spec", SPEC, "--out", out, cwd=ROOT)


def cold_generation() -> float:
    """A fresh output folder and empty caches: every step runs."""

    def once() -> None:
        folder = Path(tempfile.mkdtemp())
        generate(folder / "out")
        shutil.rmtree(folder)

    return median_time(once)


def warm_cache_generation() -> float:
    """A fresh output folder beside a warm content cache (validation, models, black reused)."""
    folder = Path(tempfile.mkdtemp())
    generate(folder / "first")
    outputs = iter(range(RUNS))
    result = median_time(lambda: generate(folder / f"out{next(outputs)}"))
    shutil.rmtree(folder)
    return result


def noop_generation() -> float:
    folder = Path(tempfile.mkdtemp())
    generate(folder / "out")
    result = median_time(lambda: generate(folder / "out"))
    shutil.rmtree(folder)
    return result


def opc_generation() -> float:
    env = {**os.environ, "PATH": f"{OPC.parent}{os.pathsep}{os.environ['PATH']}"}

    def once() -> None:
        folder = Path(tempfile.mkdtemp())
        run(OPC, "generate", "--path", SPEC, "--meta", "none", "--output-path", folder / "out", env=env)
        shutil.rmtree(folder)

    return median_time(once)


# ---- the client ----


def import_cost(statement: str) -> float:
    """Seconds a statement adds to a bare interpreter start (interleaved runs, medians)."""
    bare, full = [], []
    for _ in range(RUNS * 3):
        for samples, code in ((bare, "pass"), (full, statement)):
            start = time.perf_counter()
            run(BENCH_PY, "-c", code)
            samples.append(time.perf_counter() - start)
    return max(statistics.median(full) - statistics.median(bare), 1e-6)


def upload_growth(who: str, port: int) -> float:
    """MiB a 64 MiB upload adds to a process's peak RSS, against the same call with 1 KiB."""
    def peak(size: int) -> float:
        return statistics.median(
            float(run(BENCH_PY, ROOT / "tests" / "bench_client.py", "upload", who, str(size), str(port)))
            for _ in range(3))

    return (peak(UPLOAD) - peak(1024)) / 1024


def main() -> int:
    rows: List[str] = []
    missed: List[str] = []

    def report(name: str, ours: float, target: float | None, detail: str, unit: str = "") -> None:
        """One row; a row without a target is shown, not judged."""
        ok = target is None or ours <= target
        if not ok:
            missed.append(name)
        status = "info" if target is None else "ok  " if ok else "MISS"
        goal = "" if target is None else f"(target <= {target:g}{unit})"
        line = f"{status} {name:<58} {ours:8.3f}{unit}  {goal:<22} {detail}"
        rows.append(line)
        print(line, flush=True)

    cold = cold_generation()
    if OPC.exists():
        opc = opc_generation()
        report("cold generation / openapi-python-client", cold / opc, 0.6, f"[{cold:.2f} s vs {opc:.2f} s]", "x")
        warm = warm_cache_generation()
        report("warm-cache generation / openapi-python-client", warm / opc, 0.6, f"[{warm:.2f} s vs {opc:.2f} s]",
               "x")
    else:
        print(f"skip generation comparisons: {OPC} is not installed (run `make bench`)")
    report("no-op regeneration", noop_generation(), 0.15, "", " s")

    if not BENCH_PY.exists():
        print(f"skip client comparisons: {BENCH_PY} is not installed (run `make bench`)")
        return 1
    server = subprocess.Popen([str(BENCH_PY), str(ROOT / "tests" / "bench_server.py")], stdout=subprocess.PIPE,
                              text=True)  # in a process of its own: it never competes for our GIL
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline())
        figures = json.loads(run(BENCH_PY, ROOT / "tests" / "bench_client.py", "calls", str(port)))
        for chunk, times in figures["stream"].items():
            report(f"stream of 4 x 1.5 MB events, {int(chunk) // 1024} KiB chunks / official",
                   times["ours"] / times["official"], 0.8, f"[{times['ours'] * 1000:.0f} ms vs "
                   f"{times['official'] * 1000:.0f} ms; bare httpx {times['httpx'] * 1000:.0f} ms]", "x")
        scaling = figures["scaling"]
        for who, times in scaling.items():
            report(f"decoding 1.5 MB events @16 KiB -> 3 MB @4 KiB ({who})", times["3MB@4KiB"] / times["1.5MB@16KiB"],
                   None, f"[{times['1.5MB@16KiB'] * 1000:.1f} -> {times['3MB@4KiB'] * 1000:.1f} ms]", "x")
            per_byte = (times["3MB@4KiB"] / 2) / times["1.5MB@4KiB"]
            report(f"decoding time per byte, 1.5 -> 3 MB events @4 KiB ({who})", per_byte, None,
                   f"[{times['1.5MB@4KiB'] * 1000:.1f} -> {times['3MB@4KiB'] * 1000:.1f} ms]", "x")
        report("decoding 3 MB events @4 KiB / official", scaling["ours"]["3MB@4KiB"] / scaling["official"]["3MB@4KiB"],
               0.8, "", "x")
        times = figures["json"]
        report("call answered with 1 MB of base64 JSON / official", times["ours"] / times["official"], 1.0,
               f"[{times['ours'] * 1000:.2f} ms vs {times['official'] * 1000:.2f} ms; "
               f"bare httpx {times['httpx'] * 1000:.2f} ms]", "x")
        ours_rss, theirs_rss = upload_growth("ours", port), upload_growth("official", port)
        report("64 MiB upload: peak RSS growth", ours_rss, 2.0, f"[official {theirs_rss:.1f} MiB]", " MiB")
    finally:
        server.kill()
    ours = import_cost("import images_client; images_client.ImagesClient(api_key='sk').images")
    theirs = import_cost("import openai; openai.OpenAI(api_key='sk').images")
    report("import + construct + client.images / openai", ours / theirs, 0.3,
           f"[{ours * 1000:.0f} ms vs {theirs * 1000:.0f} ms]", "x")

    print(f"\n{len(missed)} target(s) missed" + (f": {', '.join(missed)}" if missed else ""))
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
