"""Same spec, same bytes: whatever the order of the spec's mappings."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.pipeline import generate_files

from .conftest import OFFICIAL_SPEC, SPEC


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
