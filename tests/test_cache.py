"""The content cache and the no-op stamp never change what is generated."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.output.cache import ContentCache
from generator.pipeline import generate_files

from .conftest import ROOT


def test_cached_generation_is_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    spec = Path("spec/openapi.yaml")
    cache = ContentCache(tmp_path / "cache")
    plain = generate_files(spec)
    filling = generate_files(spec, cache=cache)
    assert {p.parent.name for p in (tmp_path / "cache").rglob("*") if p.is_file()} == {"black", "models"}
    hitting = generate_files(spec, cache=cache)
    assert plain == filling == hitting


def test_damaged_entries_are_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    spec = Path("spec/openapi.yaml")
    cache = ContentCache(tmp_path / "cache")
    expected = generate_files(spec, cache=cache)
    for entry in (tmp_path / "cache").rglob("*"):
        if entry.is_file():
            entry.write_bytes(entry.read_bytes()[:-20] + b"# tampered or cut off")
    assert generate_files(spec, cache=cache) == expected


def test_a_failed_validation_is_never_cached(tmp_path: Path) -> None:
    from generator.errors import SpecError

    spec = tmp_path / "shape.yaml"
    spec.write_text("openapi: 3.1.0\ninfo: {title: x, version: '1'}\npaths: 5\n")
    cache = ContentCache(tmp_path / "cache")
    for _ in range(2):
        with pytest.raises(SpecError, match="must be a mapping of paths"):
            generate_files(spec, cache=cache)
    assert not (tmp_path / "cache" / "valid").exists()


def test_compiled_templates_are_only_a_speed_up(tmp_path: Path) -> None:
    """The same text from templates compiled afresh, read back from the cache, or with a cache
    folder that cannot be written (an installed generator nobody may write to)."""
    import jinja2

    from generator.render import package

    def render(cache_dir: Path) -> str:
        env = package.environment()
        env.bytecode_cache = package._TemplateCache(cache_dir)
        template = env.get_template("package/_version.py.jinja")
        return template.render(header="# header", api=type("Api", (), {"version": "1.2.3"})(), package="pkg")

    fresh = tmp_path / "cache"
    first = render(fresh)
    assert list(fresh.iterdir()), "nothing was cached"
    assert render(fresh) == first
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    assert render(blocked / "cache") == first
    assert isinstance(package.environment().bytecode_cache, jinja2.FileSystemBytecodeCache)
