"""Same spec, same bytes: whatever the order of the spec's mappings."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.output import formatting
from generator.output.formatting import SLICE_LINES
from generator.pipeline import generate_files

from .conftest import GENERATED, OFFICIAL_SPEC, ROOT, SPEC


def shuffled(node: Any, rng: random.Random) -> Any:
    """The same document with every mapping's keys in a random order (lists keep theirs)."""
    if isinstance(node, dict):
        keys = list(node)
        rng.shuffle(keys)
        return {k: shuffled(node[k], rng) for k in keys}
    if isinstance(node, list):
        return [shuffled(v, rng) for v in node]
    return node


def generate_in(folder: Path, document: Any, monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    folder.mkdir()
    (folder / "spec.json").write_text(json.dumps(document))
    monkeypatch.chdir(folder)  # the header names the spec relative to the working folder
    return generate_files(Path("spec.json"))


@pytest.mark.parametrize("source", [SPEC, OFFICIAL_SPEC], ids=["ours", "official"])
@pytest.mark.parametrize("seed", [1, 2])
def test_reordered_mappings_give_identical_output(source: Path, seed: int, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    if not source.exists():
        pytest.skip(f"{source} is absent (../shared is only beside the checkout in CI)")
    document = yaml.safe_load(source.read_text())
    original = generate_in(tmp_path / "original", document, monkeypatch)
    reordered = generate_in(tmp_path / "reordered", shuffled(document, random.Random(seed)), monkeypatch)
    assert sorted(original) == sorted(reordered)
    for rel in original:
        assert original[rel] == reordered[rel], rel


@pytest.mark.parametrize("slice_lines", [SLICE_LINES, 40], ids=["whole-modules", "40-line-slices"])
def test_worker_processes_and_slices_give_the_committed_bytes(slice_lines: int,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    # in slices of ~40 lines every module of the package is cut at many classes: black's layout
    # of the pieces, joined, must be its layout of the whole module (which generated/ holds)
    monkeypatch.setattr(formatting, "SLICE_LINES", slice_lines)
    monkeypatch.chdir(ROOT)
    committed = {p.relative_to(GENERATED).as_posix(): p.read_bytes()
                 for p in sorted(GENERATED.rglob("*")) if p.is_file()}
    models = committed["images_client/types/__init__.py"].decode()
    pieces = len(formatting.slices(models))
    assert pieces == 1 if slice_lines == SLICE_LINES else pieces >= 5
    for workers in (1, 2):
        files = generate_files(SPEC, workers=workers)
        assert sorted(files) == sorted(committed)
        assert [rel for rel in files if files[rel] != committed.get(rel)] == [], f"workers={workers}"
