"""`make bench`: the speed and memory targets, measured side by side in one run.

Generation (ours against openapi-python-client as its users run it, post hooks formatting its
output with ruff; its time without them is shown beside), each cold run into a fresh folder, so
with empty caches, with the peak memory of every process it starts:
  a no-op regeneration < 0.1 s;
  our images spec, cold <= 1.2x; the same with a warm content cache, into a new folder <= 0.6x;
  the whole upstream file (../shared, 288 operations) in less time (<= 1.0x), memory shown;
  linear growth: the time per further 1,000 lines of output from half of its tags to all of them,
  against the same from its 3 images operations to half of its tags, <= 1.25x (quadratic: ~2x+).
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
from typing import Callable, List, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec" / "openapi.yaml"
BENCH_PY = ROOT / ".venv-bench" / "bin" / "python"
OPC = ROOT / ".venv-opc" / "bin" / "openapi-python-client"
UPSTREAM = ROOT.parent / "shared" / "reference" / "openai-openapi.full.yaml"
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
FULL_RUNS = int(os.environ.get("BENCH_FULL_RUNS", "3"))  # the whole file takes ~20 s a run
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


def generate_args(spec: Path, out: Path, *selection: str) -> list[str | Path]:
    return [sys.executable, "-m", "generator", "generate", "--spec", spec, "--out", out, *selection]


def generate(out: Path) -> None:
    run(*generate_args(SPEC, out), cwd=ROOT)


def _tree_pss_kib(root: int) -> int:
    """Proportional set size of a process and its descendants (fork-shared pages counted once)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            number, rest = stat.read_text().split(" (", 1)  # "pid (name) state ppid ..."
            parent = int(rest.rsplit(") ", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(number))
        except (OSError, IndexError, ValueError):
            continue  # gone meanwhile
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, ()))
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except (OSError, ValueError):
            continue
    return total


def timed_with_peak(*cmd: str | Path, **kwargs: object) -> tuple[float, float]:
    """Seconds a command takes, and the peak memory (MiB, PSS of it and its workers, sampled)."""
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a chatty tool must never block on it
        start = time.perf_counter()
        process = subprocess.Popen([str(c) for c in cmd], stdout=subprocess.DEVNULL, stderr=errors,
                                   **kwargs)  # type: ignore[call-overload]
        peak = 0
        while process.poll() is None:
            peak = max(peak, _tree_pss_kib(process.pid))
            time.sleep(0.1)
        seconds = time.perf_counter() - start
        if process.returncode:
            errors.seek(0)
            raise SystemExit(f"{cmd[0]} failed:\n{errors.read().decode(errors='replace')[-3000:]}")
    return seconds, peak / 1024


class Cold(NamedTuple):
    seconds: float  # the median
    peak_mib: float  # the largest
    lines: int  # of Python the last run wrote


def cold(cmd_in: Callable[[Path], list[str | Path]], runs: int = RUNS, **kwargs: object) -> Cold:
    """`cmd_in(out)` into a fresh folder (so empty caches) each run."""
    samples, lines = [], 0
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            samples.append(timed_with_peak(*cmd_in(Path(folder) / "out"), **kwargs))
            lines = sum(len(p.read_bytes().splitlines()) for p in (Path(folder) / "out").rglob("*.py"))
    return Cold(statistics.median(s for s, _ in samples), max(m for _, m in samples), lines)


def ours(spec: Path, *selection: str) -> Callable[[Path], list[str | Path]]:
    return lambda out: generate_args(spec, out, *selection)


def opc(spec: Path, *, formatted: bool = True) -> Callable[[Path], list[str | Path]]:
    """openapi-python-client as its users run it (its post hooks run ruff over the output), or bare."""
    config: list[str | Path] = [] if formatted else ["--config", NO_HOOKS]
    return lambda out: [OPC, "generate", "--path", spec, "--meta", "none", *config, "--output-path", out]


OPC_ENV = {**os.environ, "PATH": f"{OPC.parent}{os.pathsep}{os.environ['PATH']}"}
NO_HOOKS = Path(tempfile.gettempdir()) / "images-sdk-bench-opc-no-hooks.yaml"


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
    result = median_time(lambda: generate(folder / "out"), RUNS * 4)  # cheap, and noisy: more runs
    shutil.rmtree(folder)
    return result


def half_of_the_tags(spec: Path) -> tuple[list[str], int]:
    """Every other tag of the upstream file (by name) as `--tag` arguments, and the operations they select."""
    import yaml  # type: ignore[import-untyped]

    from generator.spec.refs import HTTP_METHODS  # here: bench_client imports this module in .venv-bench

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    document = yaml.load(spec.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 - a safe loader
    operations = [op for item in document["paths"].values() for method, op in item.items()
                  if method in HTTP_METHODS]
    tags = sorted({tag for op in operations for tag in op.get("tags", [])})[::2]
    chosen = sum(1 for op in operations if set(op.get("tags", [])) & set(tags))
    return [arg for tag in tags for arg in ("--tag", tag)], chosen


# ---- the client ----


def import_cost(statement: str) -> float:
    """Seconds a statement adds to a bare interpreter start (interleaved runs, medians)."""
    bare: List[float] = []
    full: List[float] = []
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


def generation(report: Callable[..., None]) -> None:
    """Issue 10's rows: the whole upstream file, our images spec cold, a no-op, and the growth."""
    interpreter = median_time(lambda: run(sys.executable, "-c", "pass"), RUNS * 4)
    report("no-op regeneration", noop_generation(), 0.1,
           f"[this interpreter starting alone: {interpreter * 1000:.0f} ms]", " s")
    if not OPC.exists():
        print(f"skip generation comparisons: {OPC} is not installed (run `make bench`)")
        return
    NO_HOOKS.write_text("post_hooks: []\n")
    images, theirs = cold(ours(SPEC), cwd=ROOT), cold(opc(SPEC), env=OPC_ENV)
    bare = cold(opc(SPEC, formatted=False), env=OPC_ENV)
    report("images spec, cold / openapi-python-client", images.seconds / theirs.seconds, 1.2,
           f"[{images.seconds:.2f} s vs {theirs.seconds:.2f} s; unformatted {bare.seconds:.2f} s]", "x")
    warm = warm_cache_generation()
    report("images spec, warm cache, new folder / openapi-python-client", warm / theirs.seconds, 0.6,
           f"[{warm:.2f} s vs {theirs.seconds:.2f} s]", "x")
    if not UPSTREAM.exists():
        print(f"skip the whole-file rows: {UPSTREAM} is absent")
        return
    whole, theirs = cold(ours(UPSTREAM), FULL_RUNS, cwd=ROOT), cold(opc(UPSTREAM), FULL_RUNS, env=OPC_ENV)
    bare = cold(opc(UPSTREAM, formatted=False), FULL_RUNS, env=OPC_ENV)
    report("whole upstream file (288 operations) / openapi-python-client", whole.seconds / theirs.seconds, 1.0,
           f"[{whole.seconds:.1f} s vs {theirs.seconds:.1f} s; unformatted {bare.seconds:.1f} s]", "x")
    report("whole upstream file: peak memory / openapi-python-client", whole.peak_mib / theirs.peak_mib, None,
           f"[{whole.peak_mib:.0f} MiB vs {theirs.peak_mib:.0f} MiB, PSS of every process]", "x")
    # linear growth: the cost of each further line of output, from the images operations (3) to
    # half of the tags, and from there to the whole file, should be about the same (quadratic: 2x+)
    tags, half_ops = half_of_the_tags(UPSTREAM)
    half = cold(ours(UPSTREAM, *tags), FULL_RUNS, cwd=ROOT)
    small = cold(ours(UPSTREAM, "--tag", "Images"), FULL_RUNS, cwd=ROOT)
    first = (half.seconds - small.seconds) / (half.lines - small.lines) * 1e6  # ms per 1000 lines
    second = (whole.seconds - half.seconds) / (whole.lines - half.lines) * 1e6
    report("growth: ms per 1000 further lines, half -> whole / 3 ops -> half", second / first, 1.25,
           f"[{first:.0f} -> {second:.0f} ms; 3 ops {small.seconds:.1f} s, {half_ops} ops {half.seconds:.1f} s, "
           f"288 ops {whole.seconds:.1f} s; {whole.lines // 1000}k lines]", "x")
    report("time per operation, whole file", whole.seconds / 288 * 1000, None,
           f"[{half_ops} ops: {half.seconds / half_ops * 1000:.0f} ms]", " ms")


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

    if os.environ.get("BENCH_ONLY") != "client":  # BENCH_ONLY=client: the client rows alone (a runtime change)
        generation(report)

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
