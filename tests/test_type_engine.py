"""One type engine: the IR decides every Python type and name, for signatures and models alike.

`tests/fixtures/specs/shared_types.yaml` uses one schema as a request body and as the answer,
with a date-time, a date, a UUID, an inline allOf of two refs, an array of inline objects, a
non-ASCII property name and an inline object named by `x-python-class-name`. A value read from
the answer must go straight back into the call, for mypy --strict and on the wire.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from generator.errors import GeneratorBug
from generator.options import Options
from generator.output.writing import write_tree
from generator.pipeline import generate_files, load_and_build
from generator.render.models import check_against_ir

from .conftest import API_KEY, GENERATED, ROOT
from .scripted_server import Reply, ScriptedServer

SHARED = Path("tests/fixtures/specs/shared_types.yaml")
THING = {"when": "2026-12-01T10:00:00+00:00", "day": "2026-12-01", "id": "12345678-1234-5678-1234-567812345678",
         "combo": {"left": 1, "right": "r"}, "tags": [{"label": "a"}], "café": "crème",
         "owner": {"name": "Ada", "joined": "2020-01-02T03:04:05Z"}}


@pytest.fixture(scope="module")
def things(tmp_path_factory: pytest.TempPathFactory) -> tuple[ModuleType, Path]:
    out = tmp_path_factory.mktemp("things")
    write_tree(out, generate_files(ROOT / SHARED, "things_client"))
    sys.path.insert(0, str(out))
    import things_client

    return things_client, out


def test_signature_and_model_types_agree(things: tuple[ModuleType, Path]) -> None:
    module, _ = things
    from things_client import types

    # Left and Right only lend their fields to the allOf: no one reads them as types of their own
    assert {"Thing", "ThingCombo", "ThingTagsItem", "Person"} <= set(dir(types)) and "Left" not in dir(types)
    import datetime
    import typing
    import uuid

    fields = types.Thing.model_fields
    assert fields["when"].annotation is datetime.datetime
    assert typing.get_args(fields["id"].annotation)[0] is uuid.UUID
    assert typing.get_args(fields["combo"].annotation)[0] is types.ThingCombo
    assert fields["cafe"].alias == "café"  # the IR's name for the attribute, the wire's as alias


def test_a_value_read_from_an_answer_type_checks_as_an_argument(things: tuple[ModuleType, Path],
                                                                  tmp_path: Path) -> None:
    _, out = things
    usage = tmp_path / "usage.py"
    usage.write_text('''
from datetime import datetime
from uuid import UUID

from typing_extensions import assert_type

from things_client import ThingsClient
from things_client.types import Person, ThingCombo, ThingTagsItem


def round_trip(client: ThingsClient) -> None:
    thing = client.things.create(when="2026-12-01T10:00:00Z")
    assert_type(thing.when, datetime)
    assert thing.id is not None and thing.combo is not None and thing.tags is not None and thing.owner is not None
    assert_type(thing.id, UUID)
    assert_type(thing.combo, ThingCombo)
    assert_type(thing.tags[0], ThingTagsItem)
    assert_type(thing.owner, Person)
    client.things.create(when=thing.when, day=thing.day or "2026-01-01", id=thing.id, combo=thing.combo,
                               tags=thing.tags, cafe=thing.cafe or "", owner=thing.owner)
    client.things.create(when=datetime.now(), combo={"left": 1}, tags=[{"label": "x"}])
    client.things.create(when=1)  # type: ignore[arg-type]
''')
    result = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--python-version", "3.10",
                             "--cache-dir", str(tmp_path / ".mypy_cache"), str(usage)],
                            cwd=out, env={"PATH": "", "MYPYPATH": str(out)}, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_value_read_from_an_answer_goes_back_on_the_wire(things: tuple[ModuleType, Path],
                                                           server: ScriptedServer) -> None:
    module, _ = things
    server.script(Reply(body=json.dumps(THING).encode()), Reply(body=json.dumps(THING).encode()))
    with module.ThingsClient(api_key=API_KEY, base_url=server.base_url) as client:
        thing = client.things.create(when="2026-12-01T10:00:00+00:00")
        client.things.create(when=thing.when, day=thing.day, id=thing.id, combo=thing.combo, tags=thing.tags,
                                   cafe=thing.cafe, owner=thing.owner)
    sent = json.loads(server.requests[1].body)
    assert sent == {**THING, "owner": {"name": "Ada", "joined": "2020-01-02T03:04:05Z"}}


def test_every_class_the_package_emits_is_in_api_md(things: tuple[ModuleType, Path]) -> None:
    _, out = things
    for package_dir, api_md in ((out / "things_client", out / "api.md"),
                                (GENERATED / "images_client", GENERATED / "api.md")):
        tree = ast.parse((package_dir / "types" / "__init__.py").read_text())
        emitted = {node.name for node in tree.body if isinstance(node, ast.ClassDef)}
        emitted |= {node.targets[0].id for node in tree.body if isinstance(node, ast.Assign)
                    and isinstance(node.targets[0], ast.Name)}
        listed = set(re.findall(r"^- `(\w+)`", api_md.read_text(), re.MULTILINE))
        assert emitted and emitted == listed, (emitted ^ listed)


def _api(spec: Path) -> Any:
    _, api, _ = load_and_build(ROOT / spec, Options())
    return api


def test_a_class_the_ir_did_not_name_is_an_internal_error() -> None:
    api = _api(SHARED)
    source = generate_files(ROOT / SHARED)["images_client/types/__init__.py"].decode()
    check_against_ir(source, api)  # as generated: it agrees
    with pytest.raises(GeneratorBug, match=r"emitted classes \['ThingTagsItem1'\]"):
        check_against_ir(source + "\n\nclass ThingTagsItem1(BaseModel):\n    label: Optional[str] = None\n", api)
    with pytest.raises(GeneratorBug, match="Thing came out"):
        check_against_ir(source.replace("    when: datetime\n", "    when: AwareDatetime\n"), api)
    with pytest.raises(GeneratorBug, match="Thing came out"):
        check_against_ir(source.replace('alias="café"', 'alias="cafe"'), api)
