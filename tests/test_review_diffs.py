"""Diffs a reviewer reads at a glance: a one-line API change is a few lines in `generated/`.

Each case edits a copy of our spec the way a maintainer would, regenerates, and counts the lines
of `generated/` that change. An enum's values live in one named alias, so one more size is one
line however many signatures use it (eight overloads used to repeat it, 82 lines in all).

The spec they edit is a frozen copy (tests/fixtures/report/images.yaml), not spec/openapi.yaml:
the cases own their input, so one more size in the live spec leaves them as they are.
"""

from __future__ import annotations

import copy
import difflib
import json
import os
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml

from generator.pipeline import generate_files

from .conftest import FIXTURES

Edit = Callable[[dict[str, Any]], None]
BASELINE = FIXTURES / "report" / "images.yaml"


def changed_lines(edit: Edit, tmp_path: Path, *, with_manifest: bool = False) -> list[str]:
    """The added and removed lines of every generated file, `edit` made to the spec."""
    original = yaml.safe_load(BASELINE.read_text())
    edited = copy.deepcopy(original)
    edit(edited)
    outputs = []
    for name, document in (("before", original), ("after", edited)):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "openapi.json").write_text(json.dumps(document))
        cwd = os.getcwd()
        try:
            os.chdir(folder)  # both name their spec alike in the headers
            outputs.append(generate_files(Path("openapi.json")))
        finally:
            os.chdir(cwd)
    before, after = outputs
    lines = []
    for rel in sorted(set(before) | set(after)):
        if rel.endswith("/_manifest.json") and not with_manifest:
            continue  # hashes, for tools: test_the_manifest_moves_with_the_files checks them
        old = before.get(rel, b"").decode().splitlines()
        new = after.get(rel, b"").decode().splitlines()
        lines += [f"{rel}: {line}" for line in difflib.unified_diff(old, new, lineterm="", n=0)
                  if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    return lines


def schemas(spec: dict[str, Any]) -> dict[str, Any]:
    return spec["components"]["schemas"]


def add_size(spec: dict[str, Any]) -> None:
    schemas(spec)["ImageGenerationSize"]["anyOf"][1]["enum"].append("2048x2048")


def add_field(spec: dict[str, Any]) -> None:
    schemas(spec)["ImagesResponse"]["properties"]["seed"] = {"type": "integer", "description": "The seed used."}


def add_event(spec: dict[str, Any]) -> None:
    schemas(spec)["ImageGenModeratedEvent"] = {
        "type": "object", "required": ["type", "reason"], "description": "The prompt was refused.",
        "properties": {"type": {"type": "string", "enum": ["image_generation.moderated"]},
                       "reason": {"type": "string", "description": "Why."}}}
    union = schemas(spec)["ImageGenStreamEvent"]
    union["anyOf"].append({"$ref": "#/components/schemas/ImageGenModeratedEvent"})
    union["discriminator"]["mapping"]["image_generation.moderated"] = "#/components/schemas/ImageGenModeratedEvent"


@pytest.mark.parametrize(("edit", "most"), [(add_size, 2), (add_field, 4)], ids=["one more size", "one more field"])
def test_a_one_line_change_is_a_few_lines(edit: Edit, most: int, tmp_path: Path) -> None:
    lines = changed_lines(edit, tmp_path)
    assert 0 < len(lines) <= most, "\n".join(lines)


def test_one_more_model_is_its_class_and_a_few_lines(tmp_path: Path) -> None:
    lines = changed_lines(add_event, tmp_path)
    model = "images_client/types/__init__.py"
    outside_the_class = [line for line in lines if not line.startswith(f"{model}: +")]
    added_to_models = [line for line in lines if line.startswith(f"{model}: +") and line.strip(f"{model}: +")]
    assert len(outside_the_class) <= 4, "\n".join(outside_the_class)  # the union's member line, api.md
    assert len(added_to_models) <= 9, "\n".join(added_to_models)  # the class, its two fields and docstrings


def test_the_manifest_moves_with_the_files(tmp_path: Path) -> None:
    """A one-line change moves the manifest by the spec's hash and one hash per file changed."""
    lines = changed_lines(add_size, tmp_path, with_manifest=True)
    changed_files = {line.split(": ", 1)[0] for line in lines} - {"images_client/_manifest.json"}
    manifest = [line for line in lines if line.startswith("images_client/_manifest.json: ")]
    assert len(manifest) == 2 * (1 + len(changed_files)), "\n".join(manifest)  # each line out, and in
    assert all('"sha256"' in line or any(f'"{rel}"' in line for rel in changed_files) for line in manifest)
