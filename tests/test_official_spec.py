"""The official OpenAI spec, unmodified: it generates, has our public surface, and its client
passes the whole Steady suite with Steady serving that same official file."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.pipeline import generate_files

from .conftest import GENERATED, ROOT, shared_or_skip

pytestmark = pytest.mark.steady


@pytest.fixture(scope="module")
def official_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = shared_or_skip()
    out = tmp_path_factory.mktemp("official")
    result = subprocess.run([sys.executable, "-m", "generator", "generate", "--spec", str(spec), "--out", str(out),
                             "--package", "images_client"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return out


def _surface(package_dir: Path) -> list[str]:
    """Method signatures' names and every argument name, per class, of the resources module."""
    source = (package_dir / "images_client" / "resources" / "images.py").read_text()
    return re.findall(r"^(?:class \w+|    (?:async )?def \w+|        \w+:)", source, re.MULTILINE)


def test_official_spec_gives_the_same_public_surface(official_out: Path) -> None:
    assert _surface(official_out) == _surface(GENERATED)


def test_official_client_passes_the_steady_suite(official_out: Path) -> None:
    env = {**os.environ, "IMAGES_CLIENT_DIR": str(official_out), "STEADY_SPEC": str(shared_or_skip())}
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_steady.py"],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]
    assert re.search(r"\b\d+ passed\b", result.stdout)


def test_official_spec_generation_is_deterministic(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = shared_or_skip()
    monkeypatch.chdir(ROOT)
    assert generate_files(spec) == generate_files(spec)
