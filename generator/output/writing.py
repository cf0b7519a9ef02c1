"""Write the rendered package to disk: all of it or nothing, and only what changed.

- Nothing changed → nothing is touched (mtimes stay; a no-op `make generate` is free).
- Otherwise a complete new tree is built next to the output folder (unchanged files are
  hard-linked, so they keep their mtimes), then swapped in with two renames. A failure
  before the swap leaves the old folder exactly as it was.
- Files we did not generate (they lack our header line) are carried over untouched;
  files we generated before that are no longer produced are removed.
- A non-empty folder that does not look generated is refused, so a wrong `--out` can
  never wipe a project.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import OutputError

MARKER_PREFIX = "Generated from "
# Build and tool folders inside the output (from `pip install`, mypy...): never ours, never read.
IGNORED_DIRS = {"__pycache__", "build", "dist", ".mypy_cache", ".ruff_cache", ".pytest_cache"}


@dataclass
class Changes:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.written or self.removed)


def existing_files(out: Path) -> dict[str, bytes]:
    if not out.is_dir():
        return {}
    found = {}
    for path in sorted(out.rglob("*")):
        parts = path.relative_to(out).parts
        if path.is_file() and not any(p in IGNORED_DIRS or p.endswith(".egg-info") for p in parts[:-1]):
            found[path.relative_to(out).as_posix()] = path.read_bytes()
    return found


def is_generated(content: bytes) -> bool:
    """Whether a file carries our header line."""
    return MARKER_PREFIX.encode() in content.split(b"\n", 1)[0]


def plan(out: Path, files: dict[str, bytes]) -> tuple[Changes, dict[str, bytes]]:
    current = existing_files(out)
    if current and not any(is_generated(data) for rel, data in current.items()):
        raise OutputError(f"{out} is not empty and holds no generated files; refusing to overwrite it")
    changes = Changes()
    for rel in sorted(files):
        if current.get(rel) != files[rel]:
            changes.written.append(rel)
    for rel, data in current.items():
        if rel not in files and is_generated(data):
            changes.removed.append(rel)
    return changes, current


def write_tree(out: Path, files: dict[str, bytes]) -> Changes:
    """Make `out` hold exactly `files` (plus any files we did not generate)."""
    changes, current = plan(out, files)
    if not changes:
        return changes
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        for rel, data in files.items():
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if rel in changes.written:
                target.write_bytes(data)
            else:
                _link_or_copy(out / rel, target)
        for rel in _all_files(out):
            if rel not in files and rel not in changes.removed:  # not ours: carry it over
                target = staging / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                _link_or_copy(out / rel, target)
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return changes


def _all_files(out: Path) -> list[str]:
    if not out.is_dir():
        return []
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and not p.is_symlink())


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _swap(staging: Path, out: Path) -> None:
    if not out.exists():
        os.replace(staging, out)
        return
    backup = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    backup.rmdir()
    os.replace(out, backup)
    try:
        os.replace(staging, out)
    except BaseException:
        os.replace(backup, out)  # put the old tree back
        raise
    shutil.rmtree(backup, ignore_errors=True)
