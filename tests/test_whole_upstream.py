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
def document() -> dict[str, Any]:
    """The upstream file, read as YAML (not by the generator)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when there: seconds, not ten
    loaded: dict[str, Any] = yaml.load(upstream_or_skip().read_text(encoding="utf-8"), Loader=loader)  # noqa: S506
    return loaded


@pytest.fixture(scope="module")
def spec_operations(document: dict[str, Any]) -> set[tuple[str, str]]:
    """(method, path with every `{name}` as `{}`) of each operation, read from the YAML."""
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
    client = package.OpenAIClient(api_key=API_KEY, base_url="http://127.0.0.1:9")
    assert {"batches", "images", "chat", "files"} <= {name for name in dir(client) if not name.startswith("_")}
    client.close()


# Read by mypy beside the package: a page's fields are typed as the spec declares them, never Any.
REVEAL = f'''
from {PACKAGE} import AsyncOpenAIClient, OpenAIClient

client = OpenAIClient(api_key="sk-test")
reveal_type(client.batches.list())
reveal_type(client.batches.list().has_more)
reveal_type(client.batches.list().first_id)
reveal_type(client.batches.list().data)
reveal_type(client.models.list().object)


async def main() -> None:
    reveal_type((await AsyncOpenAIClient(api_key="sk-test").batches.list()).last_id)
'''


def test_the_package_passes_mypy_strict(generated: tuple[Path, Any], tmp_path: Path) -> None:
    out, _ = generated
    (out / "reveal_pages.py").write_text(REVEAL)
    try:
        run = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--python-version", "3.10", "--cache-dir",
                              str(tmp_path / "mypy"), "-p", PACKAGE, "-m", "reveal_pages"],
                             cwd=out, capture_output=True, text=True)
    finally:
        (out / "reveal_pages.py").unlink()
    assert run.returncode == 0, run.stdout[-5000:] + run.stderr[-2000:]
    revealed = re.findall(r'^reveal_pages\.py:\d+: note: Revealed type is "(.*)"$', run.stdout, re.M)
    assert revealed == [f"{PACKAGE}.resources.batches.SyncListBatchesResponsePage", "bool", "str | None",
                        f"list[{PACKAGE}.types.Batch]", "Literal['list']", "str | None"], run.stdout


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
    with package.OpenAIClient(api_key=API_KEY, base_url=server.base_url) as client:
        batch = client.batches.retrieve("batch_abc")
    assert type(batch) is importlib.import_module(f"{PACKAGE}.types").Batch
    assert (batch.id, batch.status, batch.request_counts.completed, batch.metadata) == \
        ("batch_abc", "in_progress", 1, {"team": "ml"})
    (request,) = server.requests
    assert (request.method, request.path) == ("GET", "/batches/batch_abc")


def spec_lists(document: dict[str, Any]) -> dict[tuple[str, str], str]:
    """(method, path template) of each list operation, "cursor" or "single", by README's rule read
    from the YAML itself: a GET answering an object with a `data` array; a cursor page when it has
    `has_more`, `first_id`, `last_id` or `next` and an `after` query parameter (or `page` with a
    `next_page` field); a single page when it has none of those and an `object` that may be "list"."""
    components = document["components"]

    def deref(node: Any) -> Any:
        while isinstance(node, dict) and "$ref" in node:
            *_, kind, name = node["$ref"].split("/")
            node = components[kind][name]
        return node

    found = {}
    for path, item in document["paths"].items():
        operation = item.get("get") or {}
        answer = deref(deref((operation.get("responses") or {}).get("200") or {}).get("content", {})
                       .get("application/json", {}).get("schema"))
        properties = (answer or {}).get("properties") or {}
        if deref(properties.get("data", {})).get("type") != "array":
            continue
        query = {deref(p)["name"] for p in [*item.get("parameters", []), *operation.get("parameters", [])]
                 if deref(p)["in"] == "query"}
        marked = any(name in properties for name in ("has_more", "first_id", "last_id", "next"))
        kind = deref(properties.get("object", {}))
        key = ("get", re.sub(r"\{[^}]*\}", "{}", path))
        if marked and ("after" in query or ("page" in query and "next_page" in properties)):
            found[key] = "cursor"
        elif not marked and "next_page" not in properties and ("list" in kind.get("enum", ["list"])
                                                              and kind.get("type") == "string"):
            found[key] = "single"
    return found


def generated_lists(resources: Path, *, asynchronous: bool) -> dict[tuple[str, str], str]:
    """(method, path template) of each method returning a page, "cursor" or "single", from the source."""
    runtime = {"SyncCursorPage": "cursor", "SyncPage": "single", "AsyncCursorPage": "cursor", "AsyncPage": "single"}
    found = {}
    for module in sorted(resources.glob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        # the typed pages of the module (`class SyncListBatchesResponsePage(SyncCursorPage["Batch"])`)
        pages = {**runtime, **{cls.name: runtime[base.value.id] for cls in tree.body if isinstance(cls, ast.ClassDef)
                               for base in cls.bases if isinstance(base, ast.Subscript)
                               and isinstance(base.value, ast.Name) and base.value.id in runtime}}
        for cls in tree.body:
            if not isinstance(cls, ast.ClassDef) or cls.name.endswith(WRAPPERS) \
                    or cls.name.startswith("Async") != asynchronous:
                continue
            for method in cls.body:
                if not isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef)) or method.returns is None:
                    continue
                returns = ast.unparse(method.returns)
                if asynchronous:  # `AsyncPaginator[Item, AsyncListBatchesResponsePage]`: awaited, or walked at once
                    if not returns.startswith("AsyncPaginator["):
                        continue
                    assert isinstance(method.returns, ast.Subscript) and isinstance(method.returns.slice, ast.Tuple)
                    returns = ast.unparse(method.returns.slice.elts[1])
                kind = pages.get(returns.split("[")[0])
                if kind is None:
                    continue
                (call,) = [node for node in ast.walk(method) if isinstance(node, ast.Call)
                           and isinstance(node.func, ast.Name) and node.func.id == "RequestOptions"]
                options = {k.arg: k.value for k in call.keywords}
                verb = options["method"]
                assert isinstance(verb, ast.Constant) and type(method) is ast.FunctionDef  # no coroutine
                found[(verb.value, _path_template(options["path"]))] = kind
    return found


@pytest.mark.parametrize("asynchronous", [False, True], ids=["sync", "async"])
def test_every_list_of_the_file_returns_pages(generated: tuple[Path, Any], document: dict[str, Any],
                                              asynchronous: bool) -> None:
    out, _ = generated
    expected = spec_lists(document)
    assert sum(kind == "cursor" for kind in expected.values()) > 50 and ("get", "/models") in expected
    assert generated_lists(out / PACKAGE / "resources", asynchronous=asynchronous) == expected


def test_a_list_walks_its_pages_into_batch_models(package: ModuleType, server: ScriptedServer) -> None:
    def page(ids: list[str], has_more: bool) -> Reply:
        data = [{**BATCH, "id": batch_id} for batch_id in ids]
        return Reply(body=json.dumps({"object": "list", "data": data, "first_id": ids[0], "last_id": ids[-1],
                                      "has_more": has_more}).encode())

    server.script(page(["batch_1", "batch_2"], True), page(["batch_3"], False))
    with package.OpenAIClient(api_key=API_KEY, base_url=server.base_url) as client:
        batches = list(client.batches.list(limit=2))
    assert [b.id for b in batches] == ["batch_1", "batch_2", "batch_3"]
    assert {type(b) for b in batches} == {importlib.import_module(f"{PACKAGE}.types").Batch}
    assert [dict(r.query) for r in server.requests] == [{"limit": "2"}, {"limit": "2", "after": "batch_2"}]
