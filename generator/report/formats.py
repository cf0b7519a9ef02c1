"""The report in three forms, and the version bump the changes call for.

- text: grouped by impact, for a terminal;
- markdown: ready for a pull request description or a CHANGELOG entry;
- json: `{"bump", "next_version", "changes": [...]}` for CI;
- a CHANGELOG entry: the markdown under the new version, put at the top of CHANGELOG.md.

The bump is major when anything breaks, minor for additions and behaviour changes, patch for
docs only, none when nothing changed; `next_version` applies it to the old spec's
`info.version` (the package's version), or is null when that is not `X.Y[.Z]`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Sequence

from .compare import IMPACTS, Change

HEADINGS = {("breaking", "callers"): "Breaking for callers", ("breaking", "readers"): "Breaking for readers",
            ("behaviour", None): "Behaviour", ("compatible", None): "Compatible", ("docs", None): "Docs"}


def bump(changes: Sequence[Change]) -> str:
    impacts = {c.impact for c in changes}
    if "breaking" in impacts:
        return "major"
    if impacts & {"compatible", "behaviour"}:
        return "minor"
    return "patch" if "docs" in impacts else "none"


def version_parts(version: str) -> tuple[int, int, int] | None:
    """`1.2` → (1, 2, 0); None for a version that is not `X.Y[.Z]`."""
    match = re.fullmatch(r"(\d+)\.(\d+)(?:\.(\d+))?", version.strip())
    return None if match is None else (int(match[1]), int(match[2]), int(match[3] or 0))


def next_version(version: str, level: str) -> str | None:
    parts = version_parts(version)
    if parts is None:
        return None
    major, minor, patch = parts
    if level == "major":
        return f"{major + 1}.0.0"
    if level == "minor":
        return f"{major}.{minor + 1}.0"
    if level == "patch":
        return f"{major}.{minor}.{patch + 1}"
    return f"{major}.{minor}.{patch}"


def _groups(changes: Sequence[Change]) -> list[tuple[str, list[Change]]]:
    groups = []
    for (impact, breaks), heading in HEADINGS.items():
        members = [c for c in changes if c.impact == impact and c.breaks == breaks]
        if members:
            groups.append((heading, members))
    return groups


def _summary(changes: Sequence[Change], old_version: str) -> str:
    if not changes:
        return "No change for Python users."
    counts = ", ".join(f"{n} {impact}" for impact in IMPACTS if (n := sum(c.impact == impact for c in changes)))
    level = bump(changes)
    target = next_version(old_version, level)
    version = f"{old_version} → {target}" if target else f"{old_version} is not X.Y.Z: bump by hand"
    return f"{len(changes)} change{'s' if len(changes) != 1 else ''} for Python users ({counts}): a {level} " \
           f"release, {version}"


def _where(change: Change) -> str:
    spec_side = " ".join(part for part in (change.operation, change.param and f"`{change.param}`") if part) or \
        ".".join(part for part in (change.schema, change.field) if part)
    return f" ({spec_side})" if spec_side and spec_side not in change.python else ""


MOST_DOCS = 10  # text and markdown list this many description changes; JSON (and --verbose) all


def _shown(members: list[Change], verbose: bool) -> tuple[list[Change], int]:
    """The changes of a group to list, and how many more there are."""
    if verbose or len(members) <= MOST_DOCS or members[0].impact != "docs":
        return members, 0
    return members[:MOST_DOCS], len(members) - MOST_DOCS


def as_text(changes: Sequence[Change], old_version: str, elsewhere: Sequence[str] = (), verbose: bool = False) -> str:
    lines = [_summary(changes, old_version)]
    for heading, members in _groups(changes):
        shown, more = _shown(members, verbose)
        lines += ["", heading]
        lines += [f"  {c.python}: {c.message}{_where(c)}" for c in shown]
        if more:
            lines.append(f"  ... and {more} more descriptions (--verbose, or --format json, lists them all)")
    if elsewhere:
        lines += ["", f"Not a change for Python users ({len(elsewhere)} places where the specs differ)"]
        lines += [f"  {pointer or '/'}" for pointer in elsewhere]
    return "\n".join(lines) + "\n"


def as_markdown(changes: Sequence[Change], old_version: str, elsewhere: Sequence[str] = (),
                verbose: bool = False) -> str:
    lines = [f"## API changes\n\n{_summary(changes, old_version)}."]
    for heading, members in _groups(changes):
        shown, more = _shown(members, verbose)
        lines += ["", f"### {heading}", ""]
        lines += [f"- `{c.python}`: {c.message}{_where(c)}" for c in shown]
        if more:
            lines.append(f"- ... and {more} more descriptions")
    if elsewhere:
        lines += ["", "<details><summary>Not a change for Python users</summary>", ""]
        lines += [f"- `{pointer or '/'}`" for pointer in elsewhere]
        lines += ["", "</details>"]
    return "\n".join(lines) + "\n"


def as_json(changes: Sequence[Change], old_version: str, elsewhere: Sequence[str] = (), verbose: bool = False) -> str:
    level = bump(changes)
    document: dict[str, object] = {"bump": level, "next_version": next_version(old_version, level),
                                   "changes": [c.as_json() for c in changes]}
    if elsewhere:
        document["not_on_the_surface"] = list(elsewhere)
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


FORMATS = {"text": as_text, "markdown": as_markdown, "json": as_json}


def prepend_changelog(path: Path, changes: Sequence[Change], old_version: str, new_version: str | None) -> str | None:
    """Put the report at the top of the changelog at `path` (made when missing), under the new
    version: the new spec's `info.version` when it moved, else the one the report calls for.
    Run again for the same version, it replaces that entry rather than adding a second one.
    Returns the version written under, or None when there is no change to write."""
    if not changes:
        return None
    version = new_version if new_version and new_version != old_version else (
        next_version(old_version, bump(changes)) or f"{old_version} (next)")
    entry = f"## {version}" + as_markdown(changes, old_version)[len("## API changes"):]
    text = path.read_text(encoding="utf-8") if path.exists() else "# Changelog\n"
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.rstrip("\n") == f"## {version}"), None)
    if start is not None:  # this version's entry again: replace it
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
        lines[start:end] = [entry, "\n"] if end < len(lines) else [entry]
    else:  # below the title, above the newest entry
        at = next((i + 1 for i, line in enumerate(lines) if line.startswith("# ")), 0)
        while at < len(lines) and not lines[at].startswith("## "):
            at += 1
        block = [entry, "\n"] if at < len(lines) else [entry]
        if at and not lines[at - 1].endswith("\n\n") and lines[at - 1].strip():
            block.insert(0, "\n")
        lines[at:at] = block
    path.write_text("".join(lines), encoding="utf-8")
    return version
