"""Everyday spec edits keep the maintainer's loop green, not only today's spec (issue 15).

A copy of the project gets the edits a maintainer makes most: one more model, one more size, an
optional request parameter, a response field, a stream event and an endpoint. Each is computed
from the document (a value or a name it does not hold yet), never from today's values. Then the
loop runs in the copy as a maintainer runs it: generate and check, the golden, runtime and report
suites, mypy --strict, calls to Steady serving the edited spec, and the change report, which must
call it a minor release. So CI proves the loop works, not only that today's spec passes.
"""

from __future__ import annotations

import copy
import itertools
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

import pytest
import yaml

from .conftest import API_KEY, ROOT, SHARED, SteadyServer

pytestmark = pytest.mark.steady  # 20-30 s in all: under a minute, so not `slow`

Node = dict[str, Any]
COPIED = ("spec", "generator", "templates", "generated", "tests", "Makefile", "pyproject.toml")
# what would point the copy's suites at another client or spec, or accept new golden files
ENV = {name: value for name, value in os.environ.items()
       if name not in ("IMAGES_CLIENT_DIR", "STEADY_SPEC", "UPDATE_GOLDENS", "PYTHONPATH", "PYTEST_ADDOPTS")}
# the suites a maintainer relies on after an edit: golden, Steady, requests on the wire, the report
SUITES = ("tests/test_golden.py", "tests/test_steady.py", "tests/test_requests.py", "tests/test_diff.py",
          "tests/test_review_diffs.py")


# ---- the edits, computed from the document ----


def fresh(taken: Iterable[str], stem: str) -> str:
    """`stem`, else `stem2`, `stem3`...: the first the document does not use yet."""
    used = set(taken)
    return next(name for name in itertools.chain([stem], (f"{stem}{i}" for i in itertools.count(2)))
                if name not in used)


def resolve(document: Node, node: Node) -> Node:
    while "$ref" in node:
        target: Any = document
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def enums(document: Node, node: Node) -> list[list[Any]]:
    """The enum lists a schema offers, itself or through its anyOf/oneOf members."""
    node = resolve(document, node)
    found = [node["enum"]] if "enum" in node else []
    for member in [*node.get("anyOf", []), *node.get("oneOf", [])]:
        found += enums(document, member)
    return found


def objects(node: Any) -> Iterator[Node]:
    """Every mapping in the document, depth first."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from objects(value)
    elif isinstance(node, list):
        for value in node:
            yield from objects(value)


def add_value(enum: list[Any], value: str) -> None:
    enum.insert(enum.index(None) if None in enum else len(enum), value)


@dataclass
class Edits:
    """What the edits added, and where: the names the checks look for in the regenerated package."""

    body: Node  # the generate operation's request body schema, before the edits
    response: Node  # its JSON answer, before the edits
    tags: list[str]  # the stream union's tags, before the edits
    discriminator: str
    model: str
    size: str
    param: str
    field: str
    event: str
    generate_args: dict[str, str]  # the generate operation's required arguments
    endpoint_args: dict[str, str]  # the new endpoint's required arguments


def json_operation(document: Node) -> Node:
    """The first operation with a JSON body and a stream: today `generate`."""
    return next(op for item in document["paths"].values() for op in item.values()
                if "application/json" in op.get("requestBody", {}).get("content", {})
                and any("text/event-stream" in r.get("content", {}) for r in op["responses"].values()))


def answer(op: Node, media_type: str) -> Node:
    """The schema of the operation's first 2xx answer in `media_type`."""
    return next(r["content"][media_type]["schema"] for code, r in op["responses"].items()
                if code.startswith("2") and media_type in r.get("content", {}))


def required_strings(schema: Node) -> dict[str, str]:
    """A value for each required property (a prompt, an id): strings all, or this test needs more."""
    names = schema.get("required", [])
    assert all(schema["properties"][name].get("type") == "string" for name in names), schema
    return {name: f"example {name}" for name in names}


def make_everyday_edits(document: Node) -> Edits:
    """One more model, size, request parameter, response field, stream event and endpoint."""
    schemas = document["components"]["schemas"]
    op = json_operation(document)
    body = resolve(document, op["requestBody"]["content"]["application/json"]["schema"])
    response = resolve(document, answer(op, "application/json"))
    union = resolve(document, answer(op, "text/event-stream"))
    before = copy.deepcopy((body, response))

    (models,) = enums(document, body["properties"]["model"])
    model = fresh(models, f"{models[0]}-preview")
    add_value(models, model)

    size_enums = {id(enum): enum for node in objects(document) if "size" in node.get("properties", {})
                  for enum in enums(document, node["properties"]["size"])}
    taken = {value for enum in size_enums.values() for value in enum}
    size = next(s for s in (f"{w}x{w}" for w in itertools.count(2048, 16)) if s not in taken)
    for enum in size_enums.values():
        add_value(enum, size)

    param = fresh(body["properties"], "seed")
    body["properties"][param] = {"type": "integer", "description": "A seed, for images you can make again."}
    field = fresh(response["properties"], "seed")
    response["properties"][field] = {"type": "integer", "description": "The seed the images were made with."}

    discriminator = union["discriminator"]["propertyName"]
    members = union.get("anyOf") or union["oneOf"]
    tags = [tag for member in members for tag in resolve(document, member)["properties"][discriminator]["enum"]]
    event = fresh(tags, f"{tags[0].rsplit('.', 1)[0]}.moderated")
    event_schema = fresh(schemas, "ImageModeratedEvent")
    schemas[event_schema] = {
        "type": "object", "description": "The prompt was refused.", "required": [discriminator, "reason"],
        "properties": {discriminator: {"type": "string", "enum": [event]},
                       "reason": {"type": "string", "description": "Why the prompt was refused."}}}
    members.append({"$ref": f"#/components/schemas/{event_schema}"})
    if "mapping" in union["discriminator"]:
        union["discriminator"]["mapping"][event] = f"#/components/schemas/{event_schema}"

    generate_path = next(path for path, item in document["paths"].items() if op in item.values())
    path = fresh(document["paths"], generate_path.rsplit("/", 1)[0] + "/upscales")
    request = fresh(schemas, "CreateImageUpscaleRequest")
    schemas[request] = {
        "type": "object", "required": ["image_id"],
        "properties": {"image_id": {"type": "string", "description": "The image to upscale."},
                       "scale": {"type": "integer", "minimum": 2, "maximum": 4, "description": "How much larger."}}}
    operation_ids = [o.get("operationId", "") for item in document["paths"].values() for o in item.values()]
    document["paths"][path] = {"post": {
        "operationId": fresh(operation_ids, "createImageUpscale"), "tags": op.get("tags", []),
        "summary": "Make an image larger.",
        "requestBody": {"required": True, "content": {"application/json": {
            "schema": {"$ref": f"#/components/schemas/{request}"}}}},
        "responses": {"200": {"description": "The larger image.", "content": {"application/json": {
            "schema": copy.deepcopy(answer(op, "application/json"))}}}}}}
    return Edits(body=before[0], response=before[1], tags=tags, discriminator=discriminator, model=model, size=size,
                 param=param, field=field, event=event, generate_args=required_strings(before[0]),
                 endpoint_args=required_strings(schemas[request]))


# ---- the package as a user sees it ----

# Run inside the package's folder: what each client's resources offer (every method's parameters,
# optional or not, and the Literal values each accepts), every model's fields, every union's members.
SURFACE = r'''
import inspect, json, typing
import pydantic
from typing_extensions import TypeAliasType
import images_client
from images_client import types

def literals(tp, depth=0):
    if depth > 20:
        return set()
    if isinstance(tp, TypeAliasType):
        return literals(tp.__value__, depth + 1)
    if typing.get_origin(tp) is typing.Literal:
        return {a for a in typing.get_args(tp) if isinstance(a, str)}
    return set().union(*(literals(a, depth + 1) for a in typing.get_args(tp)))

def models(tp, depth=0):
    if isinstance(tp, type) and issubclass(tp, pydantic.BaseModel):
        return [tp.__name__]
    if isinstance(tp, TypeAliasType):
        return models(tp.__value__, depth + 1)
    return [m for a in typing.get_args(tp) for m in models(a, depth + 1)] if depth < 20 else []

def hint(fn, annotation):
    """An annotation as a type: the names a resource imports for type checking only are the types'."""
    if not isinstance(annotation, str):
        return annotation
    try:
        return eval(annotation, {**fn.__globals__, **vars(types)})
    except NameError:  # e.g. os.PathLike, in a file argument: no Literal there
        return None

def resources(client):
    found = {}
    for name in dir(client):
        value = None if name.startswith("_") else getattr(client, name)
        if type(value).__module__.startswith(images_client.__name__ + ".resources"):
            found[name] = {}
            for method in dir(type(value)):
                fn = getattr(type(value), method)
                if method.startswith("_") or not inspect.isfunction(fn):
                    continue
                found[name][method] = {
                    p.name: {"optional": p.default is not p.empty, "literals": sorted(literals(hint(fn, p.annotation)))}
                    for p in inspect.signature(fn).parameters.values() if p.name != "self"}
    return found

classes = {n: c for n, c in vars(types).items() if isinstance(c, type) and issubclass(c, pydantic.BaseModel)}
print(json.dumps({
    "sync": resources(images_client.ImagesClient(api_key="sk-test")),
    "async": resources(images_client.AsyncImagesClient(api_key="sk-test")),
    "models": {n: {f: {"required": i.is_required(), "literals": sorted(literals(i.annotation))}
                   for f, i in c.model_fields.items()} for n, c in classes.items()},
    "unions": {n: models(a) for n, a in vars(types).items() if isinstance(a, TypeAliasType) and len(models(a)) > 1},
}))
'''

# Run inside the package's folder with a base URL and [resource, method, kwargs] triples: the class
# of each answer, from the sync client and from the async one.
CALLS = r'''
import asyncio, json, sys
import images_client

base_url, api_key, calls = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
with images_client.ImagesClient(api_key=api_key, base_url=base_url, max_retries=0) as client:
    sync = [type(getattr(getattr(client, r), m)(**kwargs)).__name__ for r, m, kwargs in calls]

async def main():
    client = images_client.AsyncImagesClient(api_key=api_key, base_url=base_url, max_retries=0)
    try:
        return [type(await getattr(getattr(client, r), m)(**kwargs)).__name__ for r, m, kwargs in calls]
    finally:
        await client.close()

print(json.dumps({"sync": sync, "async": asyncio.run(main())}))
'''


def run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """A command in the copy; its output is kept for the failure message."""
    return subprocess.run(args, cwd=cwd, env={**ENV, **env}, capture_output=True, text=True, timeout=600)


def ok(result: subprocess.CompletedProcess[str]) -> str:
    command = " ".join(result.args)
    assert result.returncode == 0, f"{command}: exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result.stdout


def surface(project: Path) -> dict[str, Any]:
    return json.loads(ok(run([sys.executable, "-c", SURFACE], project / "generated")))


def one(found: list[Any], what: str) -> Any:
    """The single item of `found`: the generated names are the generator's to choose, so the
    checks find a method by its parameters, a class by its fields, a union by its tags."""
    assert len(found) == 1, f"expected one {what}, found {found}"
    return found[0]


def offered(surface: dict[str, Any], name: str) -> list[list[str]]:
    """The Literal values of every argument (both clients) and every field called `name` that lists some."""
    methods = [method for kind in ("sync", "async") for found in surface[kind].values() for method in found.values()]
    entries = [*surface["models"].values(), *methods]
    return [entry[name]["literals"] for entry in entries if entry.get(name, {}).get("literals")]


def tags(surface: dict[str, Any], union: str, discriminator: str) -> set[str]:
    """The discriminator values of a union's members."""
    fields = [surface["models"][member].get(discriminator) for member in surface["unions"][union]]
    return {tag for field in fields if field for tag in field["literals"]}


# ---- the copy, edited and regenerated ----


@dataclass
class Project:
    root: Path
    edits: Edits
    before: dict[str, Any]  # the surface (see SURFACE) before the edits, and after
    after: dict[str, Any]
    resource: str  # the client attribute holding the generate operation's method
    generate: str  # that method
    endpoint: str  # the new endpoint's method
    response: str  # the class of the JSON answer
    union: str  # the alias of the stream's events


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The project copied (../shared beside it, as the tests expect), its spec edited, regenerated.

    The spec before the edits is committed in the copy, so `git:HEAD:spec/openapi.yaml` is the
    original there, as in a maintainer's checkout."""
    top = tmp_path_factory.mktemp("everyday")
    root = top / "project"
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name,
                            ignore=shutil.ignore_patterns("__pycache__", ".*_cache", ".hypothesis", "*.egg-info"))
        else:
            shutil.copy2(source, root / name)
    for name in (".venv", "node_modules"):
        (root / name).symlink_to(ROOT / name)
    if SHARED.exists():
        (top / "shared").symlink_to(SHARED)
    else:
        print(f"{SHARED} is absent: the copy's official-spec checks skip, as they do in this checkout")

    git = ["git", "-c", "user.name=everyday", "-c", "user.email=everyday@example.invalid",
           "-c", "commit.gpgsign=false", "-c", "core.hooksPath=/dev/null"]
    ok(run([*git, "init", "-q"], root))
    ok(run([*git, "add", "spec/openapi.yaml"], root))
    ok(run([*git, "commit", "-q", "-m", "the spec before the edits"], root))

    # the baseline from the copy's own generator and templates, so a difference is the edits' alone
    ok(run([sys.executable, "-m", "generator", "generate"], root))
    before = surface(root)
    spec = root / "spec" / "openapi.yaml"
    document = yaml.safe_load(spec.read_text())
    edits = make_everyday_edits(document)
    spec.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100))
    ok(run([sys.executable, "-m", "generator", "generate"], root))
    after = surface(root)

    body, answer_fields = set(edits.body["properties"]), set(edits.response["properties"])
    resource, generate = one([(r, m) for r, methods in before["sync"].items() for m, params in methods.items()
                              if body <= set(params)], "method taking the generate body")
    return Project(
        root=root, edits=edits, before=before, after=after, resource=resource, generate=generate,
        endpoint=one(sorted(set(after["sync"][resource]) - set(before["sync"][resource])), "new method"),
        response=one([n for n, fields in before["models"].items() if answer_fields <= set(fields)], "answer class"),
        union=one([n for n in before["unions"] if tags(before, n, edits.discriminator) == set(edits.tags)],
                  "event union"))


def arguments(values: dict[str, Any]) -> str:
    return ", ".join(f"{name}={value!r}" for name, value in values.items())


def user_code(p: Project) -> str:
    """A user's code with the new argument, field, method and event, for mypy --strict."""
    edits, images = p.edits, f"client.{p.resource}"
    members = p.after["unions"][p.union]
    generate = f"{p.generate}({arguments({**edits.generate_args, edits.param: 7})})"
    endpoint = f"{p.endpoint}({arguments(edits.endpoint_args)})"
    return "\n".join([
        "from __future__ import annotations",
        "from typing import Optional",
        "from images_client import AsyncImagesClient, ImagesClient",
        f"from images_client.types import {', '.join(sorted({p.response, p.union, *members}))}",
        "from typing_extensions import assert_never, assert_type",
        "def sync_usage(client: ImagesClient) -> None:",
        f"    assert_type({images}.{generate}.{edits.field}, Optional[int])",
        f"    assert_type({images}.{endpoint}, {p.response})",
        f"    {images}.{p.generate}({arguments({**edits.generate_args, 'model': edits.model, 'size': edits.size})})",
        "async def async_usage(client: AsyncImagesClient) -> None:",
        f"    assert_type((await {images}.{generate}).{edits.field}, Optional[int])",
        f"    assert_type(await {images}.{endpoint}, {p.response})",
        f"def handle(event: {p.union}) -> str:",  # every member, the new one too, or assert_never fails
        *[f"    if isinstance(event, {member}):\n        return event.{edits.discriminator}" for member in members],
        "    assert_never(event)",
        ""])


# ---- the loop ----


def test_generate_then_check(project: Project) -> None:
    """`make check`'s golden check: the regenerated folder is what the edited spec generates."""
    ok(run([sys.executable, "-m", "generator", "check"], project.root))


def test_the_suites_pass_in_the_copy(project: Project) -> None:
    """The golden (no UPDATE_GOLDENS), Steady, wire and report suites, as they are, on the edited spec."""
    result = run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-x", *SUITES], project.root)
    print(result.stdout[-2000:])
    ok(result)


def test_mypy_strict_on_the_package_and_its_use(project: Project) -> None:
    """What `make typecheck` checks of the package (it, and tests/typing/usage.py), and a user's code
    with the new argument, field, method and event."""
    (project.root / "tests" / "typing" / "everyday_usage.py").write_text(user_code(project))
    mypy = [sys.executable, "-m", "mypy", "--strict", "--python-version", "3.10", "--cache-dir", "../.mypy_cache"]
    generated = project.root / "generated"
    ok(run([*mypy, "images_client"], generated))
    for checked in ("../tests/typing/usage.py", "../tests/typing/everyday_usage.py"):
        ok(run([*mypy, checked], generated, MYPYPATH="."))


def test_every_edit_reaches_the_package(project: Project) -> None:
    """Each edit is where a user looks for it, in the sync and the async client alike."""
    p, edits = project, project.edits
    for kind in ("sync", "async"):
        before, after = p.before[kind][p.resource], p.after[kind][p.resource]
        assert set(after) - set(before) == {p.endpoint}, kind  # on the resource of the operations tagged alike
        added = {name: info for name, info in after[p.generate].items() if name not in before[p.generate]}
        assert list(added) == [edits.param] and added[edits.param]["optional"], (kind, added)
    for name, value in (("model", edits.model), ("size", edits.size)):
        lists = offered(p.after, name)
        assert lists and all(value in values for values in lists), (name, value, lists)
    fields = p.after["models"][p.response]
    assert set(fields) - set(p.before["models"][p.response]) == {edits.field}
    assert not fields[edits.field]["required"]
    assert tags(p.after, p.union, edits.discriminator) == {*edits.tags, edits.event}


def test_the_new_calls_reach_steady(project: Project) -> None:
    """Steady, serving the edited spec, answers 400 to a request the spec does not allow: it takes
    the new argument, model and size, and the new endpoint; each answer parses into its class."""
    p, edits = project, project.edits
    calls = [[p.resource, p.generate, {**edits.generate_args, edits.param: 7, "model": edits.model,
                                       "size": edits.size}],
             [p.resource, p.endpoint, edits.endpoint_args]]
    server = SteadyServer(p.root / "spec" / "openapi.yaml")
    try:
        result = run([sys.executable, "-c", CALLS, server.base_url, API_KEY, json.dumps(calls)], p.root / "generated")
    finally:
        server.stop()
    assert result.returncode == 0, result.stderr + "".join(server.output)
    assert json.loads(result.stdout) == {"sync": [p.response] * 2, "async": [p.response] * 2}


def test_the_report_calls_it_a_minor_release(project: Project) -> None:
    """`make diff` (the committed spec against the edited one) lists only compatible changes, each
    kind the edits made among them, and `--fail-on behaviour`, a CI gate, lets it pass."""
    result = run([sys.executable, "-m", "generator", "diff", "git:HEAD:spec/openapi.yaml", "spec/openapi.yaml",
                  "--format", "json", "--fail-on", "behaviour"], project.root)
    report = json.loads(ok(result))
    shown = json.dumps(report, indent=1)
    assert report["bump"] == "minor", shown
    assert {change["impact"] for change in report["changes"]} <= {"compatible", "docs"}, shown
    kinds = {change["kind"] for change in report["changes"]}
    assert {"method-added", "param-added", "field-added", "event-added"} <= kinds, shown
