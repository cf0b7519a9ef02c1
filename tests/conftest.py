"""Shared fixtures: paths, the generated package on sys.path, and Steady on a free port."""

from __future__ import annotations

import asyncio
import os
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Iterator

import pytest
from hypothesis import HealthCheck, settings

from .scripted_server import ScriptedServer

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec" / "openapi.yaml"
GENERATED = ROOT / "generated"
SHARED = ROOT.parent / "shared"
OFFICIAL_SPEC = SHARED / "reference" / "openai-images.openapi.yaml"
UPSTREAM_SPEC = SHARED / "reference" / "openai-openapi.full.yaml"  # the whole upstream file
FIXTURES = Path(__file__).resolve().parent / "fixtures"
STEADY = ROOT / "node_modules" / ".bin" / "steady"
API_KEY = "sk-test-0123456789"

# The committed client is what users vendor, so the runtime suites import that one. The
# official-spec test re-runs the Steady suite with another client and spec through these.
CLIENT_DIR = Path(os.environ.get("IMAGES_CLIENT_DIR", GENERATED))
STEADY_SPEC = Path(os.environ.get("STEADY_SPEC", SPEC))
sys.path.insert(0, str(CLIENT_DIR))


class Counting:
    """black, with the package's settings, counting the characters it is given (the twins' and the
    pruning's tests measure how much of a module black still reads)."""

    def __init__(self) -> None:
        self.characters = 0

    def __call__(self, source: str) -> str:
        from generator.black_style import black_format

        self.characters += len(source)
        return black_format(source)


def modules_to_format(spec: Path) -> list[Any]:
    """The modules a generation of `spec` gives black (`RenderedFile`s, rendered, not yet formatted)."""
    from generator.options import Options
    from generator.parallel import Inline
    from generator.pipeline import load_and_build
    from generator.render.package import render_package

    spec_model, api, _ = load_and_build(spec, Options(package="pkg"))
    return [r for r in render_package(api, spec_model, None, Inline()) if r.needs_black]


def property_settings(ci_examples: int) -> settings:
    """Hypothesis settings for a property test.

    CI (and a plain `make test`) runs a fixed, derandomized set of `ci_examples` examples, so a
    landing never depends on luck. Set HYPOTHESIS_EXAMPLES (e.g. 2000) for a wider, random search
    that keeps its findings in the example database.
    """
    wide = os.environ.get("HYPOTHESIS_EXAMPLES")
    return settings(
        max_examples=int(wide) if wide else ci_examples,
        derandomize=not wide,
        database=settings.default.database if wide else None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "steady: needs the Steady mock server (npm install)")
    config.addinivalue_line("markers", "slow: takes a minute or more (the whole upstream file); make test runs it")


# What a generated client reads from the environment, whatever its prefix (`OPENAI_`, or the one
# a fixture's title gives: `ACME_WIDGETS_`): tests set what they read themselves.
CLIENT_ENV_SUFFIXES = ("_API_KEY", "_ORG_ID", "_PROJECT_ID", "_BASE_URL")


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [name for name in os.environ if name.endswith(CLIENT_ENV_SUFFIXES)]:
        monkeypatch.delenv(name, raising=False)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class SteadyServer:
    """Steady serving one spec on 127.0.0.1; started and stopped by the fixtures below."""

    def __init__(self, spec: Path, *options: str) -> None:
        """`options`: Steady's own, after ours (`--validator-form-object-format=brackets`...)."""
        if not STEADY.exists():
            pytest.fail(f"Steady is not installed at {STEADY}; run `make install`")
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.output: list[str] = []
        self.process = subprocess.Popen(
            [str(STEADY), "--host", "127.0.0.1", "-p", str(self.port), "--validator-form-array-format=brackets",
             # CI=true switches Steady to its CI log format, which says "listening", not "Ready"
             "--log-format", "text", "--no-color", *options, str(spec)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        ready = threading.Event()
        threading.Thread(target=self._read, args=(ready,), daemon=True).start()
        if not ready.wait(30):
            self.stop()
            pytest.fail("Steady did not say Ready within 30 s:\n" + "".join(self.output))

    def _read(self, ready: threading.Event) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.output.append(line)
            if re.search(r"\bReady\b|\blistening\b", line):
                ready.set()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture(scope="session")
def steady() -> Iterator[SteadyServer]:
    server = SteadyServer(STEADY_SPEC)
    yield server
    server.stop()


def shared_or_skip() -> Path:
    if not OFFICIAL_SPEC.exists():
        pytest.skip(f"../shared is absent ({OFFICIAL_SPEC} not found); the official-spec checks run in CI")
    return OFFICIAL_SPEC


def upstream_or_skip() -> Path:
    if not UPSTREAM_SPEC.exists():
        pytest.skip(f"../shared is absent ({UPSTREAM_SPEC} not found); the upstream-file checks run in CI")
    return UPSTREAM_SPEC


def wait_until(predicate, timeout: float = 5.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.01)
    return False



class Driver:
    """Runs the same test body against `ImagesClient` or `AsyncImagesClient`.

    Methods return what the sync client would; an async stream is drained into a list
    inside the event loop, a sync stream likewise, so tests compare plain values.
    """

    def __init__(self, kind: str, base_url: str, **options: object) -> None:
        import images_client

        self.kind = kind
        self.loop = asyncio.new_event_loop() if kind == "async" else None
        cls = images_client.AsyncImagesClient if kind == "async" else images_client.ImagesClient
        self.client = cls(api_key=API_KEY, base_url=base_url, **options)  # type: ignore[arg-type]

    def call(self, method: str, **kwargs: object) -> object:
        bound = getattr(self.client.images, method)
        if self.loop is None:
            result = bound(**kwargs)
            return list(result) if type(result).__name__ == "Stream" else result

        async def run() -> object:
            result = await bound(**kwargs)
            if type(result).__name__ == "AsyncStream":
                return [event async for event in result]
            return result

        return self.loop.run_until_complete(run())

    def collect(self, method: str, **kwargs: object) -> tuple[list[object], BaseException | None]:
        """Iterate a stream as a user would: the events it yielded, and the error that ended it."""
        events: list[object] = []
        bound = getattr(self.client.images, method)
        if self.loop is None:
            try:
                for item in bound(**kwargs):
                    events.append(item)
            except Exception as exc:
                return events, exc
            return events, None

        async def run() -> BaseException | None:
            try:
                async for item in await bound(**kwargs):
                    events.append(item)
            except Exception as exc:
                return exc
            return None

        return events, self.loop.run_until_complete(run())

    def http_client(self, **options: object) -> object:
        """An httpx client of this driver's kind, for `http_client=`."""
        import httpx

        return httpx.AsyncClient(**options) if self.loop is not None else httpx.Client(**options)  # type: ignore[arg-type]

    def record_sleeps(self, random: float = 0.5, now: float = 1_000_000.0) -> list[float]:
        """Make retries instant: sleeps are recorded, not slept; random() and time() are fixed."""
        sleeps: list[float] = []
        if self.loop is None:
            self.client._sleep = sleeps.append
        else:
            async def sleep(seconds: float) -> None:
                sleeps.append(seconds)

            self.client._sleep = sleep
        self.client._random = lambda: random
        self.client._now = lambda: now
        return sleeps

    def run(self, awaitable_or_value: object) -> object:
        """The value itself (sync), or the awaited value (async)."""
        if self.loop is None:
            return awaitable_or_value
        return self.loop.run_until_complete(awaitable_or_value)  # type: ignore[arg-type]

    def close(self) -> None:
        if self.loop is None:
            self.client.close()
        else:
            self.loop.run_until_complete(self.client.close())
            self.loop.close()


@pytest.fixture(params=["sync", "async"])
def steady_driver(request: pytest.FixtureRequest, steady: SteadyServer) -> Iterator[Driver]:
    driver = Driver(request.param, steady.base_url, max_retries=0)
    yield driver
    driver.close()


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    scripted = ScriptedServer()
    yield scripted
    scripted.close()


@pytest.fixture(params=["sync", "async"])
def driver(request: pytest.FixtureRequest, server: ScriptedServer) -> Iterator[Driver]:
    client = Driver(request.param, server.base_url, max_retries=0)
    yield client
    client.close()


def generated_package(spec: Path, package: str, client_name: str, folder: Path) -> Iterator[Any]:
    """The package `spec` generates, written into `folder` and imported (for a fixture to yield);
    its name is its own, so it never meets the `images_client` the runtime suites import."""
    import importlib

    from generator.options import Options
    from generator.pipeline import generate_files

    for rel, data in generate_files(spec, Options(package=package, client_name=client_name)).items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)
    sys.path.insert(0, str(folder))
    try:
        yield importlib.import_module(package)
    finally:
        sys.path.remove(str(folder))
