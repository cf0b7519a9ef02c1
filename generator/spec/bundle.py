"""A spec in several files made one document: every `$ref` into another file brought in once.

Real specs are split across files (`$ref: resources/droplets/models/droplet.yml`,
`$ref: 'responses.yml#/components/responses/not_found'`), path items and tag descriptions
included. Everything after this stage reads one document with local `#/...` references only:

- a schema from another file becomes a component schema, named after where it stood there (the
  last part of its fragment, else the file's name: `droplet.yml` → `droplet`), once however
  many places refer to it (the same file and fragment, the same name; another one that would
  take a name already used gets a number), and its `$ref` points there; so schemas that refer
  to each other across files, cycles included, stay named types;
- anything else (a path item, a parameter, a response, an example) is copied where the `$ref`
  stood, with the references inside it brought in the same way;
- a `#/...` reference inside another file means that file's own document.

Each node brought in keeps its origin: a problem inside it names its own file and line.
"""

from __future__ import annotations

import copy
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote

from ..errors import Problem, SpecError, pointer_join, pointer_parts
from .loading import LoadedSpec, load_spec
from .prechecks import DATA_KEYS, ONE_SCHEMA, SCHEMA_LIST, SCHEMA_MAP
from .refs import MISSING, find_in, schema_pointer

# Keys under which a schema stands (`schema` of a parameter or a media type, and JSON Schema's own).
_SCHEMA = frozenset({"schema", *ONE_SCHEMA})


def bundle(spec: LoadedSpec) -> LoadedSpec:
    """`spec` with every reference into another file brought in (`spec` itself when it has none)."""
    if not _has_external(spec.data):
        return spec
    return _Bundler(spec).run()


def _has_external(node: Any) -> bool:
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            ref = current.get("$ref")
            if isinstance(ref, str) and not ref.startswith("#"):
                return True
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)
    return False


class _Bundler:
    def __init__(self, spec: LoadedSpec) -> None:
        self.spec = spec
        self.data = copy.deepcopy(spec.data)
        self.lines = dict(spec.lines)
        self.origins = dict(spec.origins)
        self.files: dict[Path, LoadedSpec] = {spec.path.resolve(): spec}
        self.names: dict[tuple[Path, str], str] = {}  # (file, fragment) → its component schema's name
        schemas = self.data.setdefault("components", {}).setdefault("schemas", {}) \
            if isinstance(self.data.get("components", {}), dict) else {}
        self.schemas: dict[str, Any] = schemas if isinstance(schemas, dict) else {}
        self.taken = set(self.schemas)
        self.problems: list[Problem] = []
        self.inlining: list[tuple[Path, str]] = []  # what is being copied in now: a cycle there is an error

    def run(self) -> LoadedSpec:
        root = self.spec.path.resolve()
        self.data = self._walk(self.data, "", root, schema=False)
        if self.problems:
            raise SpecError(self.problems)
        sources = sorted(str(path) for path in self.files if path != root)
        return LoadedSpec(self.spec.path, self.spec.display_name, self.data, self.lines, self.origins, sources)

    # ---- the walk ----

    def _walk(self, node: Any, pointer: str, file: Path, *, schema: bool) -> Any:
        """`node` (standing at `pointer` of the bundle, read from `file`) with its references in."""
        if isinstance(node, list):
            return [self._walk(item, pointer_join(pointer, i), file, schema=schema) for i, item in enumerate(node)]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if isinstance(ref, str) and (file != self.spec.path.resolve() or not ref.startswith("#")):
            return self._reference(node, ref, pointer, file, schema=schema)
        walked: dict[str, Any] = {}
        for key, value in node.items():
            at = pointer_join(pointer, key)
            if key in DATA_KEYS or key.startswith("x-"):
                walked[key] = value
            elif schema and key in SCHEMA_MAP and isinstance(value, dict):
                walked[key] = {name: self._walk(v, pointer_join(at, name), file, schema=True)
                               for name, v in value.items()}
            elif key in _SCHEMA or (schema and key in SCHEMA_LIST):
                walked[key] = self._walk(value, at, file, schema=True)
            elif pointer == "/components/schemas" or (pointer == "/components" and key == "schemas"):
                walked[key] = self._walk(value, at, file, schema=pointer == "/components/schemas")
            else:
                walked[key] = self._walk(value, at, file, schema=False)
        return walked

    def _reference(self, node: dict[str, Any], ref: str, pointer: str, file: Path, *, schema: bool) -> Any:
        location, _, fragment = ref.partition("#")
        target_file = (file.parent / unquote(location)).resolve() if location else file
        fragment = unquote(fragment)
        if target_file == self.spec.path.resolve():  # the main document's own: a local reference
            return {**node, "$ref": "#" + fragment}
        other = self._load(target_file, pointer, file)
        if other is None:
            return node
        target = find_in(other.data, pointer_parts(fragment))
        if target is MISSING:
            self._problem(pointer, file, f"unresolved reference {ref!r}: {other.display_name} has nothing at "
                                         f"#{fragment}")
            return node
        if schema and isinstance(target, dict):
            name = self._schema_name(target_file, fragment, target, other)
            return {**node, "$ref": "#" + schema_pointer(name)}
        key = (target_file, fragment)
        if key in self.inlining:
            self._problem(pointer, file, "reference cycle across files: " + " → ".join(
                f"{p.name}#{f}" for p, f in [*self.inlining[self.inlining.index(key):], key]))
            return node
        self.inlining.append(key)
        try:
            self._keep_origin(pointer, other, fragment)
            return self._walk(copy.deepcopy(target), pointer, target_file, schema=schema)
        finally:
            self.inlining.pop()

    def _schema_name(self, file: Path, fragment: str, target: Any, other: LoadedSpec) -> str:
        """The component name of a schema from another file, given it (and brought in) once."""
        key = (file, fragment)
        if key in self.names:
            return self.names[key]
        parts = pointer_parts(fragment)
        stem = parts[-1] if parts else PurePosixPath(file.name).stem.split(".")[0]
        name, number = stem or "Schema", 2
        while name in self.taken:
            name, number = f"{stem}{number}", number + 1
        self.taken.add(name)
        self.names[key] = name
        at = schema_pointer(name)
        self._keep_origin(at, other, fragment)
        self.schemas[name] = {}  # claimed before its body is walked: a cycle meets the name
        self.schemas[name] = self._walk(copy.deepcopy(target), at, file, schema=True)
        self.data.setdefault("components", {})["schemas"] = self.schemas
        return name

    # ---- files and where things came from ----

    def _load(self, path: Path, pointer: str, file: Path) -> LoadedSpec | None:
        if path not in self.files:
            if not path.is_file():
                self._problem(pointer, file, f"the referenced file {_shown(path, self.spec)} does not exist")
                return None
            try:
                self.files[path] = load_spec(path, _shown(path, self.spec), part=True)
            except SpecError as exc:
                self.problems.extend(exc.problems)
                return None
        return self.files[path]

    def _keep_origin(self, pointer: str, other: LoadedSpec, fragment: str) -> None:
        """Lines of the subtree at `fragment` of `other`, as it now stands at `pointer` here."""
        self.origins[pointer] = other.display_name
        prefix = fragment.rstrip("/")
        for at, line in other.lines.items():
            if at == prefix or at.startswith(prefix + "/"):
                self.lines[pointer + at[len(prefix):]] = line

    def _problem(self, pointer: str, file: Path, message: str) -> None:
        shown = self.files[file].display_name if file in self.files else self.spec.display_name
        line = self.lines.get(pointer_join(pointer, "$ref")) or self.lines.get(pointer)
        self.problems.append(Problem(shown, line, pointer_join(pointer, "$ref"), message))


def _shown(path: Path, main: LoadedSpec) -> str:
    """Another file named as the main one is: beside it (`spec/resources/x.yml` when the main one
    is shown as `spec/openapi.yaml`), or by its whole path when it is not below its folder."""
    folder = main.path.resolve().parent
    if not path.is_relative_to(folder):
        return str(path)
    shown = PurePosixPath(main.display_name).parent / path.relative_to(folder).as_posix()
    return str(shown)
