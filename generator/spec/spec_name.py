"""How the spec file is named in file headers and error messages."""

from __future__ import annotations

import os
from pathlib import Path


def display_name(spec_path: Path) -> str:
    """Relative to the working folder when the spec is inside it (stable across machines), else absolute."""
    resolved = spec_path.resolve()
    cwd = Path.cwd()
    if resolved.is_relative_to(cwd):
        return Path(os.path.relpath(resolved, cwd)).as_posix()
    return resolved.as_posix()
