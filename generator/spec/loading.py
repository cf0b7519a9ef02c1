"""Read a spec file into plain Python data, remembering the line of every node.

YAML is composed once into nodes and built by hand, so each mapping and sequence can
record where it starts; errors later name `file:line` as well as the JSON pointer.

YAML is read as OpenAPI asks (YAML 1.2): a mapping's keys are their text (`yes:`, `200:`), and a
plain value is a boolean, a number or null only in the 1.2 core schema's spellings. PyYAML follows
YAML 1.1, where `NO` (Norway, in a list of countries), `on`, `12:30` and `2024-01-01` are a
boolean, a boolean, the number 750 and a date; here they stay text.

A JSON file (most published specs, up to GitHub's 13 MB) is read by `json` instead, many times
faster than composing it as YAML, and a node's line is found in the text only when a problem or
a warning names it (`JsonLines`): the same lines, the same duplicate-key errors (such a file, and
any JSON that YAML would read otherwise, still goes the YAML way).
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from json.decoder import scanstring  # type: ignore[attr-defined]  # (typeshed leaves it out)
from pathlib import Path
from typing import Any, Iterator, MutableMapping

import yaml  # type: ignore[import-untyped]

from ..errors import Problem, SpecError, pointer_join

try:  # the C loader is several times faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment, unused-ignore]


@dataclass
class LoadedSpec:
    """A parsed spec and the line (1-based) where each JSON pointer starts."""

    path: Path
    display_name: str
    data: dict[str, Any]
    lines: MutableMapping[str, int | None]  # None: no line of this file (a configuration's extension, say)
    # Subtrees brought in from other files (spec/bundle.py): where each stands → that file's name.
    origins: dict[str, str] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)  # those files' paths, for the no-op check

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
                pointer = pointer.rpartition("/")[0]  # "x" (no slash) ends at "", not in a loop
        return self.display_name

    def line_of(self, pointer: str) -> int | None:
        """The line of `pointer`, or of its nearest ancestor that has one."""
        while True:
            if pointer in self.lines:
                return self.lines[pointer]
            if not pointer:
                return None
            pointer = pointer.rpartition("/")[0]  # "x" (no slash) ends at "", not in a loop


def load_spec(path: Path, display_name: str, *, part: bool = False) -> LoadedSpec:
    """Parse `path`; raise SpecError for unreadable, empty or non-mapping documents. A `part` (a
    file another one refers to) may hold any value: a description, a list, a schema."""
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise SpecError([Problem(display_name, None, "", f"cannot read the spec: {exc.strerror}")]) from None
    except UnicodeDecodeError as exc:
        raise SpecError([Problem(display_name, None, "", f"the spec is not UTF-8 text ({exc.reason})")]) from None
    data = _plain_json(text)
    if data is not _NOT_JSON:
        if not isinstance(data, dict) and not part:
            raise SpecError([Problem(display_name, 1, "", "the spec must be a mapping at the top level")])
        return LoadedSpec(path, display_name, data, JsonLines(text))
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
    lines: dict[str, int | None] = {}
    problems: list[Problem] = []
    data = _build(node, "", lines, loader, problems, display_name, text)
    if problems:
        raise SpecError(problems)
    if not isinstance(data, dict) and not part:
        raise SpecError([Problem(display_name, 1, "", "the spec must be a mapping at the top level")])
    return LoadedSpec(path, display_name, data, lines)


_NOT_JSON: Any = object()
_WHITESPACE = re.compile(r"[ \t\n\r]*")  # JSON's
# Line breaks YAML counts besides "\n" (JSON allows the last three raw inside strings): a text
# with any of them is left to YAML, whose line numbers (and values) they change.
_LONE_CR = re.compile("\r(?!\n)")
_OTHER_BREAKS = ("\x85", "\u2028", "\u2029")


class _Duplicate(ValueError):
    pass


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _Duplicate  # the YAML way reports each duplicate key with its line
    return result


def _refuse_constant(name: str) -> Any:
    raise ValueError(name)  # NaN, Infinity: not JSON, and YAML reads them as strings


def _plain_json(text: str) -> Any:
    """The document, when `text` is a JSON object or array that YAML would read the same way
    (no duplicate key, no line break YAML counts and JSON does not); else _NOT_JSON."""
    start = _past_whitespace(text, 0)
    if text[start:start + 1] not in ("{", "[") or any(c in text for c in _OTHER_BREAKS) \
            or ("\r" in text and _LONE_CR.search(text)):
        return _NOT_JSON
    try:
        return json.loads(text, object_pairs_hook=_unique, parse_constant=_refuse_constant)
    except (ValueError, RecursionError):  # not JSON (YAML, or broken: YAML says where), or a duplicate key
        return _NOT_JSON


class JsonLines(MutableMapping[str, "int | None"]):
    """The line of each node of a JSON text, by JSON pointer, as YAML would number it; each is
    found in the text when first asked for (only problems and warnings ask), scanning just the
    containers on the way to it, each once, from where the last search in it stopped.

    Lines set here (a configuration's extensions, with None) take precedence; listing every
    pointer (a bundle copies them all) walks the whole text once."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._set: dict[str, int | None] = {}
        self._offsets: dict[str, int] = {"": _past_whitespace(text, 0)}
        self._scanning: dict[str, list[int]] = {}  # a container's pointer → [next position, next index]
        self._scanned: set[str] = set()  # containers (and scalars) whose children are all in _offsets
        self._marks = [0]  # offsets whose line is known (sorted), and those lines
        self._mark_lines = [1]
        self._everything: dict[str, int | None] | None = None

    def __getitem__(self, pointer: str) -> int | None:
        if self._everything is not None:
            return self._everything[pointer]
        if pointer in self._set:
            return self._set[pointer]
        offset = self._offset(pointer)
        if offset is None:
            raise KeyError(pointer)
        return self._line(offset)

    def __contains__(self, pointer: object) -> bool:
        if self._everything is not None or not isinstance(pointer, str):
            return pointer in self.everything()
        return pointer in self._set or self._offset(pointer) is not None

    def __setitem__(self, pointer: str, line: int | None) -> None:
        if self._everything is not None:
            self._everything[pointer] = line
        self._set[pointer] = line

    def __delitem__(self, pointer: str) -> None:
        del self.everything()[pointer]

    def __iter__(self) -> Iterator[str]:
        return iter(self.everything())

    def __len__(self) -> int:
        return len(self.everything())

    def everything(self) -> dict[str, int | None]:
        """Every node's line (the text walked once), with the lines set here."""
        if self._everything is None:
            text, found = self._text, self._walk()
            lines: dict[str, int | None] = {}
            previous, line = 0, 1
            for pointer, offset in found.items():  # in the text's order
                line += text.count("\n", previous, offset)
                lines[pointer], previous = line, offset
            lines.update(self._set)
            self._everything = lines
        return self._everything

    # ---- finding a node ----

    def _offset(self, pointer: str) -> int | None:
        """Where the value at `pointer` starts in the text, or None when nothing is there."""
        if pointer in self._offsets:
            return self._offsets[pointer]
        if not pointer.startswith("/"):
            return None
        missing = []
        while pointer not in self._offsets:  # ends at "" (the root) at the latest
            missing.append(pointer)
            pointer = pointer.rpartition("/")[0]
        for child in reversed(missing):
            if not self._scan_to(child.rpartition("/")[0], child):
                return None
        return self._offsets[child]

    def _scan_to(self, parent: str, child: str) -> bool:
        """Record the members of the container at `parent` until `child` is among them."""
        if child in self._offsets:
            return True
        if parent in self._scanned:
            return False
        text = self._text
        start = self._offsets[parent]
        state = self._scanning.get(parent)
        if state is None:
            if text[start] not in "{[":
                self._scanned.add(parent)
                return False
            state = self._scanning[parent] = [start + 1, 0]
        is_object, (position, index) = text[start] == "{", state
        while child not in self._offsets:
            member = _next_member(text, position, parent, is_object, index)
            if member is None:
                del self._scanning[parent]
                self._scanned.add(parent)
                return False
            pointer, position = member
            self._offsets[pointer] = position
            position, index = _skip_value(text, position), index + 1
        state[0], state[1] = position, index
        return True

    def _line(self, offset: int) -> int:
        """The line of `offset`: counted from the nearest offset before it whose line is known."""
        at = bisect.bisect_right(self._marks, offset)
        line = self._mark_lines[at - 1] + self._text.count("\n", self._marks[at - 1], offset)
        self._marks.insert(at, offset)
        self._mark_lines.insert(at, line)
        return line

    def _walk(self) -> dict[str, int]:
        """Every node's pointer → offset, in the text's order (iterative: any depth json read)."""
        text = self._text
        root = self._offsets[""]
        found = {"": root}
        stack: list[list[Any]] = [["", text[root] == "{", root + 1, 0]] if text[root] in "{[" else []
        while stack:
            frame = stack[-1]
            member = _next_member(text, frame[2], frame[0], frame[1], frame[3])
            if member is None:  # frame[2] is now at the closing bracket
                stack.pop()
                end = _past_whitespace(text, frame[2]) + 1
                if stack:
                    stack[-1][2] = end
                continue
            pointer, position = member
            found[pointer] = position
            frame[3] += 1
            if text[position] in "{[":
                frame[2] = position  # moved past this container when it closes
                stack.append([pointer, text[position] == "{", position + 1, 0])
            else:
                frame[2] = _skip_value(text, position)
        return found


_scan_once = json.JSONDecoder().scan_once  # type: ignore[attr-defined]


def _next_member(text: str, position: int, parent: str, is_object: bool, index: int) -> tuple[str, int] | None:
    """The pointer and value offset of the container member at `position` (after any comma), or
    None at the container's end."""
    position = _past_whitespace(text, position)
    if text[position] == ",":
        position = _past_whitespace(text, position + 1)
    if text[position] in "}]":
        return None
    if not is_object:
        return f"{parent}/{index}", position
    key, position = scanstring(text, position + 1)
    position = _past_whitespace(text, _past_whitespace(text, position) + 1)  # past the colon
    return (pointer_join(parent, key) if "~" in key or "/" in key else f"{parent}/{key}"), position


def _past_whitespace(text: str, position: int) -> int:
    match = _WHITESPACE.match(text, position)
    return match.end() if match else position


def _skip_value(text: str, position: int) -> int:
    """The offset just past the value starting at `position`."""
    if text[position] == '"':
        return int(scanstring(text, position + 1)[1])
    return int(_scan_once(text, position)[1])


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


def _build(node: yaml.Node, pointer: str, lines: MutableMapping[str, int | None], loader: Any,
           problems: list[Problem], name: str, text: str) -> Any:
    lines[pointer] = node.start_mark.line + 1
    kind = type(node)
    if kind is yaml.ScalarNode:  # most nodes: plain strings need no constructor
        if node.tag == _STR and (node.value[:1] not in _NUMBER_START or node.style):
            return node.value
        return _scalar(node, loader, text)
    if kind is yaml.MappingNode:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            # a key is its text, as OpenAPI asks: `200:` and `yes:` are "200" and "yes"
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(loader.construct_object(key_node))
            child = pointer_join(pointer, key) if "~" in key or "/" in key else f"{pointer}/{key}"
            if key in result:
                problems.append(Problem(name, key_node.start_mark.line + 1, child, "duplicate key"))
            result[key] = _build(value_node, child, lines, loader, problems, name, text)
        return result
    if kind is yaml.SequenceNode:
        return [_build(item, f"{pointer}/{i}", lines, loader, problems, name, text)
                for i, item in enumerate(node.value)]
    return loader.construct_object(node)


# YAML 1.2's core schema: the plain scalars that are not text (anything else plain is a string)
_CORE_NULL = re.compile(r"~|null|Null|NULL|")
_CORE_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_CORE_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_CORE_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                         r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")
_IMPLICIT = frozenset({"tag:yaml.org,2002:" + kind for kind in ("null", "bool", "int", "float", "timestamp")})
# A node's properties: an anchor, then a tag (after a byte-order mark, marks count from the next character)
_TAGGED = re.compile(r"\s*(?:&\S+\s+)?!")
_NUMBER_START = frozenset("0123456789+-.")  # a plain text YAML 1.1 left as text may be a 1.2 number (`1e3`)


def _scalar(node: yaml.ScalarNode, loader: Any, source: str) -> Any:
    """A plain scalar read by YAML 1.2's core schema (YAML 1.1 reads `NO` as false, `1e3` as text)."""
    if node.style or (node.tag not in _IMPLICIT and node.tag != _STR):  # quoted, or tagged: as YAML says
        return loader.construct_object(node)
    if node.tag == _STR and _TAGGED.match(source, node.start_mark.index):
        return node.value  # `!!str 12`: text, as its tag says (the tag is resolved as if implicit)
    text = node.value
    if _CORE_NULL.fullmatch(text):
        return None
    if text in _CORE_BOOL:
        return _CORE_BOOL[text]
    if _CORE_INT.fullmatch(text):
        return int(text[2:], 8) if text.startswith("0o") else int(text[2:], 16) if text.startswith("0x") else int(text)
    if _CORE_FLOAT.fullmatch(text):
        lowered = text.lower()
        return float(lowered.replace(".inf", "inf").replace(".nan", "nan"))
    return text
