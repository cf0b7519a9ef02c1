"""Golden files: the committed client, and one small spec per construct with its expected output.

To accept a deliberate change of output:  UPDATE_GOLDENS=1 .venv/bin/python -m pytest tests/test_golden.py
(and `make generate` for generated/). Review the diff before committing it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.output.writing import existing_files, is_generated
from generator.pipeline import generate_files

from .conftest import GENERATED, ROOT, SPEC

FIXTURES = Path(__file__).parent / "fixtures"
SPECS = sorted((FIXTURES / "specs").glob("*.yaml"))
UPDATE = os.environ.get("UPDATE_GOLDENS") == "1"


# The files a construct shows: its models and its resource modules. The runtime is the same for
# every spec, and the client module, package __init__ and api.md change only with the resources
# or the surface, so one fixture (general: two resources) keeps those, instead of every fixture
# rewriting a copy of them at each template tweak.
SHOWN_BY_ALL = ("types/__init__.py", "resources/")
SHOWN_ALSO = {"general": ("_client.py", "__init__.py", "api.md"), "shared_types": ("api.md",)}


def _shown(spec: str, rel: str) -> bool:
    inside = rel.split("/", 1)[1] if "/" in rel else rel  # the path inside the package folder
    if inside == "resources/__init__.py":
        return spec == "general"
    return inside.startswith(SHOWN_BY_ALL) or rel in SHOWN_ALSO.get(spec, ()) or inside in SHOWN_ALSO.get(spec, ())


def test_generated_matches_spec(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    expected = generate_files(Path("spec/openapi.yaml"))
    actual = {rel: data for rel, data in existing_files(GENERATED).items() if is_generated(data)}
    stale = sorted(rel for rel in set(expected) | set(actual) if expected.get(rel) != actual.get(rel))
    assert not stale, f"generated/ is stale in {stale}; run `make generate` and commit"


@pytest.mark.parametrize("spec", SPECS, ids=[s.stem for s in SPECS])
def test_fixture_output(spec: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    files = {rel: data for rel, data in generate_files(spec.relative_to(ROOT)).items() if _shown(spec.stem, rel)}
    golden_dir = FIXTURES / "expected" / spec.stem
    if UPDATE:
        for old in golden_dir.rglob("*"):
            if old.is_file():
                old.unlink()
        for rel, data in files.items():
            (golden_dir / rel).parent.mkdir(parents=True, exist_ok=True)
            (golden_dir / rel).write_bytes(data)
    golden = {p.relative_to(golden_dir).as_posix(): p.read_bytes() for p in golden_dir.rglob("*") if p.is_file()}
    assert sorted(golden) == sorted(files), "files differ; UPDATE_GOLDENS=1 to accept"
    for rel in files:
        assert files[rel].decode() == golden[rel].decode(), f"{spec.stem}/{rel} differs from its golden file"


@pytest.mark.parametrize("seed", ["0", "1", "12345"])
def test_output_does_not_depend_on_hash_seed(seed: str, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run([sys.executable, "-m", "generator", "generate", "--out", str(tmp_path / "out")],
                   cwd=ROOT, env=env, check=True, capture_output=True)
    produced = existing_files(tmp_path / "out")
    committed = {rel: data for rel, data in existing_files(GENERATED).items() if is_generated(data)}
    assert produced == committed


def test_spec_path_is_relative_in_headers() -> None:
    first_line = (GENERATED / "images_client" / "__init__.py").read_text().splitlines()[0]
    assert first_line.startswith(f"# Generated from {SPEC.relative_to(ROOT).as_posix()} ")
