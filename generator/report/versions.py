"""Does the version move with the change? The package's public surface before and after a
regeneration, against the spec's `info.version` recorded in each manifest.

`generate` (before it writes) and `check` (on stale output) warn when the surface changed in a
breaking way while the major version stayed, or gained something while neither the major nor
the minor version moved: projects that vendor the package read what an update asks of them
from its version alone.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..output.manifest import find_manifest
from .formats import bump, next_version, version_parts
from .surface import compare_surfaces, read_surface


def version_advice(before: dict[str, bytes], after: dict[str, bytes]) -> str | None:
    """A warning when `after` (an output folder's files) changes more than its version says
    since `before`; None when it does not, or when either has no manifest to read it from."""
    old, new = find_manifest(before), find_manifest(after)
    if old is None or new is None or old.package != new.package:
        return None
    old_version, new_version = version_parts(old.version), version_parts(new.version)
    if old_version is None or new_version is None:
        return None
    with tempfile.TemporaryDirectory() as scratch:
        surfaces = []
        for side, files in (("before", before), ("after", after)):
            folder = Path(scratch) / side
            for rel, data in files.items():
                if rel.startswith(old.package + "/") and rel.endswith(".py"):
                    (folder / rel).parent.mkdir(parents=True, exist_ok=True)
                    (folder / rel).write_bytes(data)
            if not (folder / old.package / "__init__.py").is_file():
                return None
            surfaces.append(read_surface(folder / old.package))
    changes = compare_surfaces(*surfaces)
    level = bump(changes)
    wanted = next_version(old.version, level)
    if level not in ("major", "minor") or wanted is None or new_version >= (version_parts(wanted) or (0, 0, 0)):
        return None
    counted = sum(c.impact == ("breaking" if level == "major" else "compatible") for c in changes)
    what = "breaks" if level == "major" else "adds to"
    return (f"this regeneration {what} the package's public surface ({counted} change{'s' if counted != 1 else ''}, "
            f"a {level} release) but the spec's info.version is {new.version} (was {old.version}): set it to "
            f"{wanted} or later; `python -m generator diff OLD NEW` lists the changes")
