"""`make bench`: speed targets, side by side with openapi-python-client and the official package.

Targets (from DEVELOPERS.md): a cold generation at most 0.6x openapi-python-client's time on the
same spec; a no-op regeneration under 0.15 s; `import images_client` at most a quarter of
`import openai`'s time; calling and streaming at least as fast as the official package.
Each is the median of several runs. Exit status 1 when a target is missed.

The comparison tools live in their own virtualenvs (`make bench` creates them), so their
dependencies never mix with ours: .venv-bench (openai + the generated package) and .venv-opc
(openapi-python-client).
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
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec" / "openapi.yaml"
BENCH_PY = ROOT / ".venv-bench" / "bin" / "python"
OPC = ROOT / ".venv-opc" / "bin" / "openapi-python-client"
RUNS = int(os.environ.get("BENCH_RUNS", "5"))


def median_time(action: Callable[[], object], runs: int = RUNS) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def run(*cmd: str | Path, **kwargs: object) -> None:
    subprocess.run([str(c) for c in cmd], check=True, capture_output=True, **kwargs)  # type: ignore[call-overload]


def cold_generation() -> float:
    """A fresh output folder and empty caches: every step runs."""

    def once() -> None:
        folder = Path(tempfile.mkdtemp())
        run(sys.executable, "-m", "generator", "generate", "--spec", SPEC, "--out", folder / "out", cwd=ROOT)
        shutil.rmtree(folder)

    return median_time(once)


def warm_cache_generation() -> float:
    """A fresh output folder beside a warm content cache (validation, models, black reused)."""
    folder = Path(tempfile.mkdtemp())
    run(sys.executable, "-m", "generator", "generate", "--spec", SPEC, "--out", folder / "first", cwd=ROOT)
    outputs = iter(range(RUNS))
    result = median_time(lambda: run(sys.executable, "-m", "generator", "generate", "--spec", SPEC,
                                     "--out", folder / f"out{next(outputs)}", cwd=ROOT))
    shutil.rmtree(folder)
    return result


def opc_generation() -> float:
    env = {**os.environ, "PATH": f"{OPC.parent}{os.pathsep}{os.environ['PATH']}"}

    def once() -> None:
        folder = Path(tempfile.mkdtemp())
        run(OPC, "generate", "--path", SPEC, "--meta", "none", "--output-path", folder / "out", env=env)
        shutil.rmtree(folder)

    return median_time(once)


def noop_generation() -> float:
    folder = Path(tempfile.mkdtemp())
    run(sys.executable, "-m", "generator", "generate", "--spec", SPEC, "--out", folder / "out", cwd=ROOT)
    result = median_time(lambda: run(sys.executable, "-m", "generator", "generate", "--spec", SPEC,
                                     "--out", folder / "out", cwd=ROOT))
    shutil.rmtree(folder)
    return result


def import_time(module: str) -> float:
    """Seconds `import module` adds to a bare interpreter start, in the bench virtualenv."""
    bare = median_time(lambda: run(BENCH_PY, "-c", "pass"), RUNS * 2)
    full = median_time(lambda: run(BENCH_PY, "-c", f"import {module}"), RUNS * 2)
    return max(full - bare, 1e-6)


CALLS = r'''
import json, sys, time, statistics
sys.path.insert(0, {root!r})
from tests.scripted_server import ScriptedServer, Reply
import images_client, openai
body = json.dumps({{"created": 1, "data": [{{"b64_json": "x" * 2048}}] * 4, "usage": {{"input_tokens": 1,
    "output_tokens": 2, "total_tokens": 3, "input_tokens_details": {{"text_tokens": 1, "image_tokens": 0}}}}}}).encode()
event = {{"type": "image_generation.partial_image", "b64_json": "y" * 4096, "background": "auto", "created_at": 1,
          "output_format": "png", "partial_image_index": 0, "quality": "low", "size": "1024x1024"}}
chunks = [("data: " + json.dumps(event) + "\n\n").encode()] * 200
server = ScriptedServer()
def measure(client, stream):
    def once():
        if stream:
            server.script(Reply(headers={{"content-type": "text/event-stream"}}, chunks=chunks))
            start = time.perf_counter()
            n = sum(1 for _ in client.images.generate(prompt="p", stream=True))
        else:
            server.script(*[Reply(body=body)] * 50)
            start = time.perf_counter()
            for _ in range(50):
                client.images.generate(prompt="p")
        return time.perf_counter() - start
    once()  # warm up: imports, connection, model building
    return statistics.median(once() for _ in range(5))
ours = images_client.ImagesClient(api_key="sk", base_url=server.base_url)
theirs = openai.OpenAI(api_key="sk", base_url=server.base_url)
print(json.dumps({{"ours_calls": measure(ours, False), "theirs_calls": measure(theirs, False),
                  "ours_stream": measure(ours, True), "theirs_stream": measure(theirs, True)}}))
'''


def call_speed() -> dict[str, float]:
    out = subprocess.run([str(BENCH_PY), "-c", CALLS.format(root=str(ROOT))], check=True, capture_output=True,
                         text=True).stdout
    return json.loads(out)


def main() -> int:
    missed = []

    def report(name: str, ours: float, target: float, unit: str = "s", detail: str = "") -> None:
        ok = ours <= target
        if not ok:
            missed.append(name)
        print(f"{'ok  ' if ok else 'MISS'} {name:<42} {ours:8.3f} {unit}  (target <= {target:.3f} {unit}) {detail}")

    cold = cold_generation()
    if OPC.exists():
        opc = opc_generation()
        report("cold generation vs openapi-python-client", cold, 0.6 * opc, detail=f"[opc {opc:.3f} s]")
        report("generation, warm caches, vs openapi-python-client", warm_cache_generation(), 0.6 * opc,
               detail=f"[opc {opc:.3f} s]")
    else:
        print(f"skip cold generation comparison: {OPC} not installed (run `make bench`)")
    report("no-op regeneration", noop_generation(), 0.15)
    if BENCH_PY.exists():
        ours, theirs = import_time("images_client"), import_time("openai")
        report("import images_client vs import openai", ours, theirs / 4, detail=f"[openai {theirs:.3f} s]")
        speed = call_speed()
        report("50 generate() calls vs openai", speed["ours_calls"], speed["theirs_calls"],
               detail=f"[openai {speed['theirs_calls']:.3f} s]")
        report("200-event stream vs openai", speed["ours_stream"], speed["theirs_stream"],
               detail=f"[openai {speed['theirs_stream']:.3f} s]")
    else:
        print(f"skip import and call comparisons: {BENCH_PY} not installed (run `make bench`)")
    print(f"\n{len(missed)} target(s) missed" + (f": {', '.join(missed)}" if missed else ""))
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
