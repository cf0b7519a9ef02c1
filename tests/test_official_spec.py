"""The official OpenAI spec, unmodified: it generates, and its client passes the whole Steady suite
with Steady serving that same official file. How our spec differs from it is a report (`make
drift`, tested in test_diff.py), not a failure: our spec may grow ahead of it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.pipeline import generate_files

from .conftest import ROOT, shared_or_skip

pytestmark = pytest.mark.steady


@pytest.fixture(scope="module")
def official_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = shared_or_skip()
    out = tmp_path_factory.mktemp("official")
    result = subprocess.run([sys.executable, "-m", "generator", "generate", "--spec", str(spec), "--out", str(out),
                             "--package", "images_client", "--client-name", "ImagesClient"],  # the suite's names
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return out


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
