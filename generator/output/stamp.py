"""The no-op fast path: skip a regeneration whose inputs and output are exactly as last time.

After each `generate`, a stamp records a fingerprint of every input (the spec's bytes and
name, the options, the generator's own source and templates, the versions of the tools
that shape the output) and the hash of every file written. The next `generate` with the
same fingerprint, whose output files still hash the same, stops there: no YAML, no
validator, no model generator, no black. `check` never uses the stamp.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from ..locations import GENERATOR, TEMPLATES
from .cache import tool_version

TOOLS = ("black", "datamodel-code-generator", "jinja2", "pydantic", "pyyaml")


def cache_root(out: Path) -> Path:
    """Where the stamp and the content cache live: beside the output folder, never inside it."""
    return out.resolve().parent / ".cache" / "images-sdk-generator"


def stamp_path(out: Path) -> Path:
    return cache_root(out) / "stamps" / f"{out.resolve().name}.json"


def fingerprint(spec: Path, display_name: str, options: str) -> str:
    digest = hashlib.sha256()
    digest.update(f"{display_name}\0{options}\0{sys.version_info[:2]}\0".encode())
    digest.update(spec.read_bytes())
    for tool in TOOLS:
        digest.update(f"{tool}={tool_version(tool)}\0".encode())
    for root in (GENERATOR, TEMPLATES):
        for source in sorted(root.rglob("*")):
            parts = source.relative_to(root).parts
            if source.is_file() and not any(p == "__pycache__" or p.startswith(".") for p in parts):
                digest.update(f"{root.name}/{source.relative_to(root).as_posix()}\0".encode() + source.read_bytes())
    return digest.hexdigest()


def is_up_to_date(out: Path, print_: str, current: dict[str, bytes] | None = None) -> bool:
    """True when the stamp's fingerprint is `print_` and every file it lists is unchanged
    (`current`: the output's files, when they have been read already)."""
    try:
        stamp = json.loads(stamp_path(out).read_text())
        if stamp.get("fingerprint") != print_:
            return False
        return all(hashlib.sha256(current[rel] if current is not None and rel in current
                                  else (out / rel).read_bytes()).hexdigest() == sha
                   for rel, sha in stamp["files"].items())
    except (OSError, ValueError, KeyError, AttributeError):
        return False


def save(out: Path, print_: str, files: dict[str, bytes]) -> None:
    """Record the stamp; a cache that cannot be written only costs speed next time."""
    stamp = {"fingerprint": print_, "files": {rel: hashlib.sha256(data).hexdigest() for rel, data in files.items()}}
    path = stamp_path(out)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(stamp, sort_keys=True))
        tmp.replace(path)
    except OSError:
        pass
