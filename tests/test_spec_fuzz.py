"""No hang and no traceback on any input: specs broken at random places (issue 16, point 7).

Each example takes a real-shaped spec (our images spec, the per-construct fixtures, the name
collisions) and breaks it one to four times at random places: a node deleted, replaced by any
JSON value or by a schema-like mapping, turned into a `$ref` (to something there, to nothing,
to itself), wrapped in `allOf`/`anyOf`. The generator must either generate or refuse with
located problems (`SpecError`); an internal error (`GeneratorBug`, any other exception) is a bug
of ours, and so is a step that takes longer than its bound. `HYPOTHESIS_EXAMPLES=2000` searches
wider.
"""

from __future__ import annotations

import copy
import json
import signal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from generator.errors import SpecError
from generator.pipeline import generate_files

from .conftest import FIXTURES, property_settings

SEEDS = [FIXTURES / "report" / "images.yaml", FIXTURES / "specs" / "general.yaml",
         FIXTURES / "names" / "real_world.yaml", FIXTURES / "specs" / "sse.yaml"]
DOCUMENTS = [yaml.safe_load(path.read_text()) for path in SEEDS if path.exists()]
STEP_SECONDS = 120  # far above any of these specs' generation time, even on a loaded machine: a hang

json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.floats(allow_nan=False, width=16),
              st.sampled_from(["", "string", "object", "array", "integer", "null", "#/components/schemas/x", "a b"])),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(
        st.sampled_from(["type", "properties", "items", "enum", "required", "$ref", "allOf", "anyOf", "oneOf",
                         "nullable", "format", "default", "discriminator", "additionalProperties", "x"]),
        inner, max_size=3)),
    max_leaves=6)
schema_like = st.fixed_dictionaries({}, optional={
    "type": st.sampled_from(["string", "integer", "number", "boolean", "object", "array", "null", "strng",
                             ["string", "null"], []]),
    "nullable": st.booleans(),
    "enum": st.lists(st.one_of(st.none(), st.text(max_size=3), st.integers(0, 2), st.booleans()), max_size=3),
    "format": st.sampled_from(["binary", "date-time", "uuid", "unixtime", ""]),
    "properties": st.dictionaries(st.text(max_size=4), st.just({}), max_size=2),
    "items": st.one_of(st.just({}), st.just(True), st.just({"type": "string"})),
    "required": st.lists(st.text(max_size=3), max_size=2),
    "allOf": st.lists(st.just({"nullable": True}), max_size=2),
    "additionalProperties": st.one_of(st.booleans(), st.just({})),
})


def _places(document: Any) -> list[tuple[Any, ...]]:
    """Every place in the document (its path of keys and indexes), breadth first."""
    found, queue = [], [((), document)]
    while queue:
        pointer, node = queue.pop(0)
        found.append(pointer)
        if isinstance(node, dict):
            queue += [((*pointer, key), value) for key, value in node.items()]
        elif isinstance(node, list):
            queue += [((*pointer, index), value) for index, value in enumerate(node)]
    return found


def _escape(part: Any) -> str:
    return str(part).replace("~", "~0").replace("/", "~1")


@st.composite
def broken_specs(draw: st.DrawFn) -> dict[str, Any]:
    document = copy.deepcopy(draw(st.sampled_from(DOCUMENTS)))
    for _ in range(draw(st.integers(1, 4))):
        places = [p for p in _places(document) if p]
        if not places:
            break
        inside_schemas = [p for p in places if {"schema", "schemas", "properties", "items"} & set(map(str, p))]
        if inside_schemas and draw(st.integers(0, 3)):  # mostly where types are decided, the IR's own work
            places = inside_schemas
        place = places[draw(st.integers(0, len(places) - 1))]
        parent: Any = document
        for part in place[:-1]:
            parent = parent[part]
        key = place[-1]
        here = "#/" + "/".join(_escape(p) for p in place)
        targets = ["#/" + "/".join(_escape(p) for p in other) for other in places[:50]]
        action = draw(st.sampled_from(["delete", "value", "schema", "ref", "self-ref", "wrap"]))
        if action == "delete":
            if isinstance(parent, dict):
                del parent[key]
            else:
                parent.pop(key)
        elif action == "value":
            parent[key] = copy.deepcopy(draw(json_values))  # never an object twice in the document
        elif action == "schema":
            parent[key] = copy.deepcopy(draw(schema_like))
        elif action == "ref":
            parent[key] = {"$ref": draw(st.sampled_from([*targets, "#/nowhere", "other.yaml#/x", "#"]))}
        elif action == "self-ref":
            parent[key] = {"$ref": here}
        else:
            parent[key] = {draw(st.sampled_from(["allOf", "anyOf", "oneOf"])): [parent[key],
                                                                                copy.deepcopy(draw(schema_like))]}
    return document


class _TookTooLong(Exception):
    pass


def _bounded(seconds: int) -> Any:
    def expired(signum: int, frame: Any) -> None:
        raise _TookTooLong(f"no answer after {seconds} s: a hang")
    return signal.signal(signal.SIGALRM, expired)


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs SIGALRM to bound each step")
@property_settings(60)
@given(document=broken_specs())
def test_a_broken_spec_is_generated_or_refused_never_a_crash(document: dict[str, Any],
                                                            tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "spec.json"
    path.write_text(json.dumps(document))
    previous = _bounded(STEP_SECONDS)
    signal.setitimer(signal.ITIMER_REAL, STEP_SECONDS)
    try:
        generate_files(Path(path), workers=1)
    except SpecError as exc:
        assert exc.problems and all(p.message for p in exc.problems)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
