"""Read a spec file into plain Python data, remembering the line of every node.

YAML is composed once into nodes and built by hand, so each mapping and sequence can
record where it starts; errors later name `file:line` as well as the JSON pointer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problem, SpecError, pointer_join

try:  # the C loader is several times faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


@dataclass
class LoadedSpec:
    """A parsed spec and the line (1-based) where each JSON pointer starts."""

    path: Path
    display_name: str
    data: dict[str, Any]
    lines: dict[str, int]
    # What is wrong but leaves the spec usable (it is generated from, and these are shown).
    warnings: list[Problem] = field(default_factory=list)
    # Subtrees brought in from other files (spec/bundle.py): where each stands → that file's name.
    origins: dict[str, str] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)  # those files' paths, for the no-op check

    def warn(self, pointer: str, message: str) -> None:
        self.warnings.append(self.problem(pointer, message))

    def problem(self, pointer: str, message: str) -> Problem:
        return Problem(self.file_of(pointer), self.line_of(pointer), pointer, message)

    def file_of(self, pointer: str) -> str:
        """The file the node at `pointer` was read from: this one, or one it refers to."""
        if self.origins:
            while True:
                if pointer in self.origins:
                    return self.origins[pointer]
                if not pointer:
                    break
                pointer = pointer.rsplit("/", 1)[0]
        return self.display_name

    def line_of(self, pointer: str) -> int | None:
        """The line of `pointer`, or of its nearest ancestor that has one."""
        while True:
            if pointer in self.lines:
                return self.lines[pointer]
            if not pointer:
                return None
            pointer = pointer.rsplit("/", 1)[0]


def load_spec(path: Path, display_name: str, *, part: bool = False) -> LoadedSpec:
    """Parse `path`; raise SpecError for unreadable, empty or non-mapping documents. A `part` (a
    file another one refers to) may hold any value: a description, a list, a schema."""
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise SpecError([Problem(display_name, None, "", f"cannot read the spec: {exc.strerror}")]) from None
    except UnicodeDecodeError as exc:
        raise SpecError([Problem(display_name, None, "", f"the spec is not UTF-8 text ({exc.reason})")]) from None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as exc:
        # JSON is YAML, except for escapes YAML refuses (\ud83d surrogate pairs, \u0000);
        # such a file still loads as JSON, only without line numbers.
        data = _as_json(text)
        if data is not None:
            return LoadedSpec(path, display_name, data, {})
        raise _yaml_error(exc, display_name) from None
    finally:
        loader.dispose()
    if node is None:
        raise SpecError([Problem(display_name, 1, "", "the spec is empty")])
    lines: dict[str, int] = {}
    problems: list[Problem] = []
    data = _build(node, "", lines, loader, problems, display_name)
    if problems:
        raise SpecError(problems)
    if not isinstance(data, dict) and not part:
        raise SpecError([Problem(display_name, 1, "", "the spec must be a mapping at the top level")])
    return LoadedSpec(path, display_name, data, lines)


def _as_json(text: str) -> dict[str, Any] | None:
    if not text.lstrip().startswith("{"):
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _yaml_error(exc: yaml.YAMLError, display_name: str) -> SpecError:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        reason = exc.problem or exc.context or "invalid YAML"
        return SpecError([Problem(display_name, line, "", f"YAML syntax error: {reason}")])
    return SpecError([Problem(display_name, None, "", f"YAML error: {exc}")])


_STR = "tag:yaml.org,2002:str"


def _build(node: yaml.Node, pointer: str, lines: dict[str, int], loader: Any,
           problems: list[Problem], name: str) -> Any:
    lines[pointer] = node.start_mark.line + 1
    kind = type(node)
    if kind is yaml.ScalarNode:  # most nodes: plain strings need no constructor
        return node.value if node.tag == _STR else loader.construct_object(node)
    if kind is yaml.MappingNode:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value if key_node.tag == _STR else loader.construct_object(key_node)
            if not isinstance(key, str):
                # YAML turns `200:` or `yes:` into int/bool keys; OpenAPI means strings.
                key = str(key).lower() if isinstance(key, bool) else str(key)
            child = pointer_join(pointer, key) if "~" in key or "/" in key else f"{pointer}/{key}"
            if key in result:
                problems.append(Problem(name, key_node.start_mark.line + 1, child, "duplicate key"))
            result[key] = _build(value_node, child, lines, loader, problems, name)
        return result
    if kind is yaml.SequenceNode:
        return [_build(item, f"{pointer}/{i}", lines, loader, problems, name) for i, item in enumerate(node.value)]
    return loader.construct_object(node)
