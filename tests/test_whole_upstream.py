"""The whole upstream OpenAI file (288 operations, 1,422 schemas), nothing selected.

Generated once through the CLI, as a maintainer would: every operation of the file is a method
(counted from the YAML itself, not from our IR), the package imports module by module, passes
`mypy --strict` and black's own two-pass `format_str` leaves it as it is, and a call over
loopback parses into the `Batch` model. The spec's defects are
warnings with a file and line, never an internal error. Slow (about a minute and a half with
mypy), so marked `slow`; `make test` and CI run it.
"""

from __future__ import annotations

import ast
import importlib
import json
import os
import re
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from types import ModuleType
from typing import Any, Iterator

import pytest
import yaml

from generator.spec.refs import HTTP_METHODS

from .conftest import API_KEY, ROOT, upstream_or_skip
from .scripted_server import Reply, ScriptedServer
from .test_formatting import unstable

pytestmark = pytest.mark.slow
PACKAGE = "openai_whole"
WRAPPERS = ("WithRawResponse", "WithStreamingResponse")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    spec = upstream_or_skip()
    out = tmp_path_factory.mktemp("whole") / "out"
    run = subprocess.run([sys.executable, "-m", "generator", "generate", "--spec", str(spec), "--out", str(out),
                          "--package", PACKAGE], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return out, run


@pytest.fixture(scope="module")
def package(generated: tuple[Path, Any]) -> Iterator[ModuleType]:
    out, _ = generated
    sys.path.insert(0, str(out))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(out))


@pytest.fixture(scope="module")
def spec_operations() -> set[tuple[str, str]]:
    """(method, path with every `{name}` as `{}`) of each operation, read from the YAML."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when there: seconds, not ten
    document = yaml.load(upstream_or_skip().read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 - a safe loader
    return {(method, re.sub(r"\{[^}]*\}", "{}", path))
            for path, item in document["paths"].items() for method in item if method in HTTP_METHODS}


def _path_template(node: ast.expr) -> str:
    """The `path=` expression of a generated request: literals, with each `path_param(...)` as `{}`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _path_template(node.left) + _path_template(node.right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "path_param" \
            and len(node.args) == 2:  # path_param("batch_id", batch_id)
        return "{}"
    raise AssertionError(f"unexpected path expression {ast.unparse(node)}")


def generated_operations(resources: Path, *, asynchronous: bool) -> list[tuple[str, str]]:
    """(method, path) of each public method of the (a)sync resource classes, from their source."""
    found = []
    for module in sorted(resources.glob("*.py")):
        for cls in ast.parse(module.read_text(encoding="utf-8")).body:
            if not isinstance(cls, ast.ClassDef) or cls.name.endswith(WRAPPERS) \
                    or cls.name.startswith("Async") != asynchronous:
                continue
            for method in cls.body:
                if not isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef)) or method.name.startswith("_"):
                    continue
                calls = [node for node in ast.walk(method) if isinstance(node, ast.Call)
                         and isinstance(node.func, ast.Name) and node.func.id == "RequestOptions"]
                if not calls:  # with_raw_response and with_streaming_response
                    continue
                (call,) = calls
                options = {k.arg: k.value for k in call.keywords}
                verb = options["method"]
                assert isinstance(verb, ast.Constant), f"{module.name}: {cls.name}.{method.name}"
                found.append((verb.value, _path_template(options["path"])))
    return found


@pytest.mark.parametrize("asynchronous", [False, True], ids=["sync", "async"])
def test_every_operation_of_the_file_is_a_method(generated: tuple[Path, Any], asynchronous: bool,
                                                 spec_operations: set[tuple[str, str]]) -> None:
    out, _ = generated
    expected = spec_operations
    found = generated_operations(out / PACKAGE / "resources", asynchronous=asynchronous)
    assert len(expected) == 288
    assert len(found) == len(set(found)), "an operation is generated twice"
    assert set(found) == expected


def test_the_defects_of_the_file_are_located_warnings(generated: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    _, run = generated
    assert "internal error" not in run.stderr and "Traceback" not in run.stderr
    lines = [line.strip() for line in run.stderr.splitlines() if line.startswith("  ")]
    assert lines, "the upstream file has known defects (boolean exclusiveMinimum, duplicate required...)"
    located = re.compile(r"^\S*openai-openapi\.full\.yaml:\d+: (#\S*|/\S*): .+")
    assert [line for line in lines if not located.match(line)] == []


def test_every_module_imports(generated: tuple[Path, Any], package: ModuleType) -> None:
    out, _ = generated
    root = out / PACKAGE
    names = sorted(".".join(p.relative_to(out).with_suffix("").parts).removesuffix(".__init__")
                   for p in root.rglob("*.py"))
    assert len(names) > 30
    for name in names:
        importlib.import_module(name)
    client = package.ImagesClient(api_key=API_KEY, base_url="http://127.0.0.1:9")
    assert {"batch", "images", "chat", "files"} <= {name for name in dir(client) if not name.startswith("_")}
    client.close()


def test_the_package_passes_mypy_strict(generated: tuple[Path, Any], tmp_path: Path) -> None:
    out, _ = generated
    run = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--python-version", "3.10", "--cache-dir",
                          str(tmp_path / "mypy"), "-p", PACKAGE], cwd=out, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-5000:] + run.stderr[-2000:]


def test_black_leaves_every_module_as_it_is(generated: tuple[Path, Any]) -> None:
    out, _ = generated
    modules = sorted((out / PACKAGE).rglob("*.py"), key=lambda p: -p.stat().st_size)  # largest first
    with ProcessPoolExecutor(len(os.sched_getaffinity(0))) as pool:
        verdicts = list(pool.map(unstable, modules))
    assert [str(p.relative_to(out)) for p, bad in zip(modules, verdicts, strict=True) if bad] == []


BATCH = {"id": "batch_abc", "object": "batch", "endpoint": "/v1/chat/completions", "input_file_id": "file-1",
         "completion_window": "24h", "status": "in_progress", "created_at": 1_700_000_000,
         "request_counts": {"total": 3, "completed": 1, "failed": 0}, "metadata": {"team": "ml"}}


def test_a_call_parses_into_the_batch_model(package: ModuleType, server: ScriptedServer) -> None:
    server.script(Reply(body=json.dumps(BATCH).encode()))
    with package.ImagesClient(api_key=API_KEY, base_url=server.base_url) as client:
        batch = client.batch.retrieve_batch("batch_abc")
    assert type(batch) is importlib.import_module(f"{PACKAGE}.types").Batch
    assert (batch.id, batch.status, batch.request_counts.completed, batch.metadata) == \
        ("batch_abc", "in_progress", 1, {"team": "ml"})
    (request,) = server.requests
    assert (request.method, request.path) == ("GET", "/batches/batch_abc")
