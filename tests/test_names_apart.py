"""Names never stop a generation: every collision of real public specs is resolved the same
documented way, whatever the order of the document, with a located warning, and the wire
names stay what the spec says (issue 16, point 5; README "Naming and grouping rules").

`tests/fixtures/names/real_world.yaml` holds each collision in the shape its API has it; the
other files there are the small cases that used to be errors.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.errors import Problem
from generator.options import Options
from generator.pipeline import generate_files, load_and_build

from .conftest import FIXTURES
from .scripted_server import Reply, ScriptedServer
from .test_determinism import shuffled

NAMES = FIXTURES / "names"
REAL_WORLD = NAMES / "real_world.yaml"


def _api(spec: Path) -> Any:
    return load_and_build(spec, Options())[1]


def _params(api: Any, method: str) -> dict[tuple[str, str], str]:
    op = next(op for r in api.resources for op in r.operations if op.method_name == method)
    return {(p.location, p.wire_name): p.py_name for p in op.params}


def test_parameters_get_a_name_each() -> None:
    api = _api(REAL_WORLD)
    assert _params(api, "list_calls") == {("query", "StartTime<"): "start_time_before",
                                          ("query", "StartTime>"): "start_time_after",
                                          ("query", "StartTime"): "start_time"}
    assert _params(api, "save_tracks") == {("query", "ids"): "ids", ("body", "ids"): "ids_body"}
    action = _params(api, "action")
    assert action == {("path", "droplet_id"): "droplet_id", ("body", "type"): "type",
                      ("body", "droplet_id"): "droplet_id_body"}
    op = next(op for r in api.resources for op in r.operations if op.method_name == "action")
    path_param = next(p for p in op.params if p.location == "path")
    assert path_param.description == "the operation's own"  # it replaced the path item's


def test_methods_classes_and_fields_get_a_name_each() -> None:
    api = _api(REAL_WORLD)
    methods = sorted(op.method_name for r in api.resources for op in r.operations)
    assert "list_items" in methods and "list_items_2" in methods
    by_pointer = {m.pointer: m.name for m in api.models}
    assert by_pointer["/components/schemas/Region"] == "Region"  # the exact spelling keeps the name
    assert by_pointer["/components/schemas/region"] == "Region2"
    assert by_pointer["/components/schemas/snapshots"] == "Snapshots"  # a component before an inline schema
    assert by_pointer["/components/responses/snapshots/content/application~1json/schema"] == "Snapshots2"
    totals = next(m for m in api.models if m.name == "Totals")
    assert {f.wire_name: f.py_name for f in totals.fields}["max_size"] == "max_size"
    assert {f.wire_name: f.py_name for f in totals.fields}["max-size"] == "max_size_2"


def test_allof_with_a_nullable_part_keeps_the_referenced_type() -> None:
    from generator.ir.nodes import NamedType, Primitive, UnionOf

    region = next(m for m in _api(REAL_WORLD).models if m.name == "Region")
    fields = {f.wire_name: f.type for f in region.fields}
    assert fields["parent"] == UnionOf((NamedType("Region2", True), Primitive("None")))
    assert fields["status"] == NamedType("Status")  # an enum and a description: the enum


def test_every_rename_is_a_located_warning() -> None:
    warnings: list[Problem] = []
    generate_files(REAL_WORLD, warnings=warnings)
    text = "\n".join(map(str, warnings))
    for expected in ("real_world.yaml:25: /paths/~1me~1tracks/put: the body parameter 'ids'",
                     "it is 'droplet_id_body'", "this one is 'list_items_2' (x-python-method-name names it otherwise)",
                     "/components/schemas/region: this schema's Python class would be 'Region'",
                     "/components/schemas/Totals/properties/max-size: property 'max-size'"):
        assert expected in text, text


@pytest.mark.parametrize("name", ["collide", "field_collision", "class_collision", "inline_collision"])
def test_what_used_to_stop_generation_generates(name: str) -> None:
    warnings: list[Problem] = []
    files = generate_files(NAMES / f"{name}.yaml", warnings=warnings)
    assert files and any("would be" in w.message for w in warnings), warnings


def test_the_order_of_the_document_does_not_decide_who_keeps_a_name(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    document = yaml.safe_load(REAL_WORLD.read_text())
    outputs = []
    for seed in (None, 1, 2):
        reordered = document if seed is None else shuffled(document, random.Random(seed))
        folder = tmp_path / str(seed)
        folder.mkdir()
        (folder / "spec.json").write_text(json.dumps(reordered))
        monkeypatch.chdir(folder)
        outputs.append({rel: data for rel, data in generate_files(Path("spec.json")).items()
                        if not rel.endswith("_manifest.json")})
    assert outputs[0] == outputs[1] == outputs[2]


_WIRE_PROBE = r"""
import sys
from names_client import NamesClient
client = NamesClient(api_key="sk-test-0123456789", base_url=sys.argv[1], max_retries=0)
client.calls.list_calls(start_time_before="2026-01-01T00:00:00Z", start_time_after="2025-01-01T00:00:00Z",
                        start_time="2025-06-01T00:00:00Z")
client.calls.save_tracks(ids="a,b", ids_body=["c"])
client.calls.action(7, type="reboot", droplet_id_body=8)
"""


def test_renamed_arguments_are_sent_by_their_wire_names(tmp_path: Path) -> None:
    out = tmp_path / "out"
    for rel, data in generate_files(REAL_WORLD, Options(package="names_client", client_name="NamesClient")).items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(data)
    server = ScriptedServer()
    try:
        server.script(*[Reply(body=b"{}") for _ in range(3)])
        result = subprocess.run([sys.executable, "-c", _WIRE_PROBE, server.base_url], cwd=out, capture_output=True,
                                text=True, env={**os.environ, "PYTHONPATH": str(out)})
        assert result.returncode == 0, result.stderr
        calls, saved, action = server.requests
    finally:
        server.close()
    assert sorted(calls.query) == [("StartTime", "2025-06-01T00:00:00Z"), ("StartTime<", "2026-01-01T00:00:00Z"),
                                   ("StartTime>", "2025-01-01T00:00:00Z")]
    assert saved.query == [("ids", "a,b")] and json.loads(saved.body) == {"ids": ["c"]}
    assert action.path == "/droplets/7/actions" and json.loads(action.body) == {"type": "reboot", "droplet_id": 8}
    docs = (out / "names_client" / "resources" / "calls.py").read_text()
    assert "Sent as the body field `ids`." in docs and "Sent as the query parameter `StartTime<`." in docs
    typed = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", "-p", "names_client"],
                           cwd=out, capture_output=True, text=True, env={**os.environ, "MYPYPATH": str(out)})
    assert typed.returncode == 0, typed.stdout
