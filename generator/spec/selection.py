"""`--tag` and `--path`: cut a spec down to the selected operations and what they reach.

The result is the same document with everything else left out: the selected operations (an
operation is selected when one of its tags is a `--tag`, or its path matches a `--path`), the
components they reach through `$ref` (and discriminator mappings), transitively, and the
top-level fields every document has (`info`, `servers`, `security`, the security schemes).
Pointers and lines stay those of the file, so every later error and warning still points
into it. Selecting the images operations of the upstream file therefore gives the very
document the images-only spec is, and the same package, byte for byte.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from ..errors import UsageError, pointer_parts
from ..options import Selection
from .loading import LoadedSpec
from .refs import HTTP_METHODS, operations, ref_pointer

# Top-level fields that describe operations: a selection keeps only what it reaches of them.
_PRUNED = {"paths", "components", "webhooks", "tags"}


def is_selected(selection: Selection, path: str, operation: dict[str, Any]) -> bool:
    tags = operation.get("tags")
    if isinstance(tags, list) and any(tag in selection.tags for tag in tags):
        return True
    return any(path_pattern(pattern).fullmatch(path) for pattern in selection.paths)


def path_pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(".*".join(re.escape(piece) for piece in pattern.split("*")))


def select(spec: LoadedSpec, selection: Selection) -> LoadedSpec:
    """`spec` with only what `selection` reaches (`spec` itself when nothing is selected)."""
    if not selection:
        return spec
    data = spec.data
    paths: dict[str, Any] = data["paths"] if isinstance(data.get("paths"), dict) else {}
    kept_paths: dict[str, Any] = {}
    for path, item in paths.items():
        if not isinstance(item, dict):
            continue
        chosen = {m for m, op in operations(item) if is_selected(selection, path, op)}
        if chosen:  # the path's own fields (parameters, servers...) and the chosen operations
            kept_paths[path] = {k: v for k, v in item.items() if k not in HTTP_METHODS or k in chosen}
    _refuse_unmatched(spec, selection, paths, kept_paths)
    components: dict[str, Any] = data["components"] if isinstance(data.get("components"), dict) else {}
    reached = _reached_components(kept_paths, components)
    kept_components: dict[str, Any] = {}
    for kind, entries in components.items():
        if kind == "securitySchemes" or not isinstance(entries, dict):
            kept_components[kind] = entries  # how to authenticate is no operation's own
            continue
        kept = {name: entries[name] for name in entries if (kind, name) in reached}
        if kept:
            kept_components[kind] = kept
    pruned = {key: value for key, value in data.items() if key not in _PRUNED}
    used_tags = _tags_of(kept_paths)
    if isinstance(data.get("tags"), list):
        pruned["tags"] = [t for t in data["tags"] if isinstance(t, dict) and t.get("name") in used_tags]
    pruned["paths"] = kept_paths
    if kept_components:
        pruned["components"] = kept_components
    ordered = {key: pruned[key] for key in data if key in pruned}  # the file's own order of fields
    return replace(spec, data=ordered)


def _tags_of(paths: dict[str, Any]) -> set[str]:
    return {tag for item in paths.values() for _, op in operations(item) for tag in op.get("tags") or ()
            if isinstance(tag, str)}


def _refuse_unmatched(spec: LoadedSpec, selection: Selection, all_paths: dict[str, Any],
                      kept_paths: dict[str, Any]) -> None:
    """A `--tag` or `--path` that selects nothing is a mistake (a typo, a renamed tag): say so."""
    known_tags = sorted(_tags_of(all_paths))
    problems = []
    for tag in selection.tags:
        if tag not in known_tags:
            close = [t for t in known_tags if t.lower() == tag.lower()]
            hint = f"did you mean {close[0]!r}?" if close else f"its tags are {', '.join(known_tags) or 'none'}"
            problems.append(f"--tag {tag!r}: no operation of {spec.display_name} has this tag ({hint})")
    for pattern in selection.paths:
        if not any(path_pattern(pattern).fullmatch(path) for path in all_paths):
            problems.append(f"--path {pattern!r}: no path of {spec.display_name} matches it (a pattern matches "
                            "the whole path, like /images/* or /images/edits)")
    if problems:
        raise UsageError("; ".join(problems))


def _reached_components(roots: Any, components: dict[str, Any]) -> set[tuple[str, str]]:
    """The (kind, name) of every component `roots` refer to, directly or through one another."""
    reached: set[tuple[str, str]] = set()
    stack = [roots]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            refs = [node.get("$ref")]
            mapping = node.get("discriminator", {}).get("mapping") if isinstance(node.get("discriminator"), dict) \
                else None
            if isinstance(mapping, dict):
                refs.extend(mapping.values())
            for ref in refs:
                target = _component(ref)
                if target is not None and target not in reached:
                    entries = components.get(target[0])
                    if isinstance(entries, dict) and target[1] in entries:
                        reached.add(target)
                        stack.append(entries[target[1]])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return reached


def _component(ref: Any) -> tuple[str, str] | None:
    """("schemas", "Image") for "#/components/schemas/Image"; None for anything else."""
    if not isinstance(ref, str) or not ref.startswith("#/components/"):
        return None
    parts = pointer_parts(ref_pointer(ref))
    return (parts[1], parts[2]) if len(parts) >= 3 else None
