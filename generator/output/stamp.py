"""The no-op fast path: skip a regeneration whose inputs and output are exactly as last time.

After each `generate`, a stamp records a fingerprint of every input (the spec's bytes and
name, the options, the generator's own source and templates, the versions of the tools
that shape the output) and the hash of every file written. The next `generate` with the
same fingerprint, whose output files still hash the same, stops there: no YAML, no
validator, no model generator, no black. `check` never uses the stamp.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from ..locations import GENERATOR, TEMPLATES
from .cache import tool_version
from .writing import read_tree

TOOLS = ("black", "datamodel-code-generator", "jinja2", "pydantic", "pyyaml")


def cache_root(out: Path) -> Path:
    """Where the stamp and the content cache live: beside the output folder, never inside it."""
    return out.resolve().parent / ".cache" / "images-sdk-generator"


def stamp_path(out: Path) -> Path:
    return cache_root(out) / "stamps" / f"{out.resolve().name}.txt"


def fingerprint(spec: Path, display_name: str, options: str) -> str:
    digest = hashlib.sha256()
    digest.update(f"{display_name}\0{options}\0{sys.version_info[:2]}\0".encode())
    digest.update(spec.read_bytes())
    for tool in TOOLS:
        digest.update(f"{tool}={tool_version(tool)}\0".encode())
    for root in (GENERATOR, TEMPLATES):
        for rel, data in read_tree(root, lambda folder: folder == "__pycache__" or folder.startswith(".")).items():
            digest.update(f"{root.name}/{rel}\0".encode() + data)
    return digest.hexdigest()


def is_up_to_date(out: Path, print_: str, current: dict[str, bytes] | None = None) -> bool:
    """True when the stamp's fingerprint is `print_` and every file it lists is unchanged
    (`current`: the output's files, when they have been read already)."""
    try:
        first, *entries = stamp_path(out).read_text(encoding="utf-8").splitlines()
        if first != f"fingerprint {print_}":
            return False
        for entry in entries:
            sha, rel = entry.split(" ", 1)
            if sha == "source":  # another file the spec refers to: `source SHA PATH`
                sha, path = rel.split(" ", 1)
                data = Path(path).read_bytes()
            else:
                data = current[rel] if current is not None and rel in current else (out / rel).read_bytes()
            if hashlib.sha256(data).hexdigest() != sha:
                return False
        return True
    except (OSError, ValueError, UnicodeError):
        return False


def save(out: Path, print_: str, files: dict[str, bytes], sources: list[str] | tuple[str, ...] = ()) -> None:
    """Record the stamp: the fingerprint, then `sha256 path` for each file, and `source sha256
    path` for each other file the spec refers to (plain lines: the no-op path reads them without
    importing json). A cache that cannot be written only costs speed next time."""
    lines = [f"fingerprint {print_}", *(f"{hashlib.sha256(files[rel]).hexdigest()} {rel}" for rel in sorted(files))]
    try:
        lines += [f"source {hashlib.sha256(Path(path).read_bytes()).hexdigest()} {path}" for path in sorted(sources)]
    except OSError:
        return  # a referenced file gone meanwhile: no stamp, so the next run is a full one
    path = stamp_path(out)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass
