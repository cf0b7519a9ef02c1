"""A content-addressed cache for the three slow, deterministic steps: validation, models, black.

Each entry is keyed by a hash of everything that decides its result (the input bytes, the
tool's version, our templates and options), so a hit is exactly what a run would produce.
After a small spec change only what changed is recomputed: an edit to a size list re-runs
black on one resource module, not the models. `check` runs without the cache. Each kind of
entry keeps its newest files only, so the cache stays small.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

KEEP_PER_KIND = 64


class ContentCache:
    def __init__(self, root: Path) -> None:
        self.root = root

    def key(self, *parts: str | bytes) -> str:
        digest = hashlib.sha256()
        for part in parts:
            data = part.encode() if isinstance(part, str) else part
            digest.update(len(data).to_bytes(8, "big") + data)
        return digest.hexdigest()

    def get(self, kind: str, key: str) -> bytes | None:
        """The stored value, or None when absent or damaged (each entry carries its own hash)."""
        try:
            entry = (self.root / kind / key).read_bytes()
        except OSError:
            return None
        check, value = entry[:64], entry[64:]
        return value if hashlib.sha256(value).hexdigest().encode() == check else None

    def put(self, kind: str, key: str, data: bytes) -> None:
        """Store an entry; a cache that cannot be written only costs speed next time."""
        folder = self.root / kind
        try:
            folder.mkdir(parents=True, exist_ok=True)
            tmp = folder / f".{key}.{os.getpid()}.tmp"
            tmp.write_bytes(hashlib.sha256(data).hexdigest().encode() + data)
            tmp.replace(folder / key)
            entries = sorted(folder.iterdir(), key=lambda p: p.stat().st_mtime, reverse=True)
            for old in entries[KEEP_PER_KIND:]:
                old.unlink(missing_ok=True)
        except OSError:
            pass


def tool_version(distribution: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(distribution)
    except PackageNotFoundError:
        return "?"
