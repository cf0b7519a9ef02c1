"""What a generated package offers Python users, read from its code, and what changed between two.

`python -m generator diff OLD NEW` compares two specs through their IRs. When the generator or
its templates change and the spec does not, the IRs are the same and say nothing; what users
meet is the code. So `diff` also takes two generated packages (an output folder holding
`pyproject.toml` and one package, or the package folder itself, or `git:REF:PATH` naming such a
folder at a commit) and compares their public surface, read with `ast` alone: the package is
never imported (it may not import here, and importing runs its code).

The surface (`read_surface`) is a frozen, sorted structure:

- every public module (no part of its dotted name starts with `_`) and the names it exports
  (`__all__`, or else what it defines and what it re-exports as `from x import a as a`); a name
  re-exported from a private module (the client class from `_client.py`) is followed there;
- each class, function, type alias and constant those names reach, once, at the shortest public
  path users import it from (with every other public path it has);
- for a class: its public bases, its public methods (dunders too: `__init__` is how users build
  it) with full signatures (each `@overload` kept), properties, class-level attributes (pydantic
  fields) and the `self.x` its `__init__` sets. Members inherited from a private base
  (`APIClient` in `_base_client.py`) are the class's own, since users meet them there; a public
  base's members are reported once, at that base;
- classes reached through the properties of the client (a class exported at the top whose name
  ends in `Client`: `client.images` is an `Images`, `client.images.with_raw_response` an
  `ImagesWithRawResponse`) carry that accessor, so a change is shown where users write it:
  `client.images.generate(seed=...)`; other members as `ImagesResponse.created`, module-level
  names by their public path (`images_client.types.ImageModel`).

`compare_surfaces` classifies each difference with compare.py's impacts. Kinds (all prefixed
`surface-`, so that a report says which diff made it):

- modules: surface-module-removed (breaking) / -added;
- module-level names: surface-class-/function-/alias-/constant-removed (breaking) and -added,
  surface-class-renamed (a class with the same module and body under another name: breaking),
  surface-export-removed / -added / -changed (one of a name's public paths), surface-alias-type
  (the alias's right-hand side), surface-constant-value (behaviour; dunders such as
  `__version__` are left out: they change every release);
- classes: surface-class-bases, surface-method-removed / -added, surface-method-kind (method ↔
  property ↔ classmethod...), surface-method-async, surface-overloads, surface-return-type,
  surface-field-removed / -added / -type / -default (model fields, and other attributes);
- parameters: surface-param-removed, surface-param-added (optional: compatible),
  surface-param-added-required, surface-param-required, surface-param-optional,
  surface-param-kind (positional ↔ keyword-only), surface-param-position, surface-param-default
  (behaviour), surface-param-type.

Annotations are compared as unions of members: `Literal[...]` values, None, and other types as
their source text, looking through type aliases of the same surface (an alias of the same name
on both sides stands for itself: its own change is reported once, where it is defined). An
argument that takes every member it took is compatible; one that lost a member breaks callers.
A field or return value that holds less than it did is compatible for readers, and one that may
hold new `Literal` values (or a new class of a discriminated union: a stream event) is
compatible too, though exhaustive matching needs a branch; one that may be None now, or hold
anything the diff cannot prove fits the old annotation, breaks readers. An alias is judged as
what its users do with it: pass it, read it, or (unused, or both) the worse of the two. What
cannot be decided is reported as breaking, and the message says so.

An async class and its sync twin (`AsyncImages`, `Images`) usually change together: a change
that reads the same on both once `Async` is taken off its names is reported once, at the sync
one, "(and its async twin)"; a change on one of them alone is reported alone.
"""

from __future__ import annotations

import ast
import io
import json
import re
import subprocess
import tarfile
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Iterator, Mapping, NamedTuple, Protocol, Sequence, TypeVar

from ..errors import UsageError
from .compare import EXHAUSTIVE, IMPACTS, Change

# ---- the surface ----


@dataclass(frozen=True)
class Parameter:
    name: str
    kind: str  # "positional-only", "positional", "keyword-only", "*args" or "**kwargs"
    annotation: str | None  # source text
    default: str | None  # source text; None when it must be passed


@dataclass(frozen=True)
class Signature:
    params: tuple[Parameter, ...]  # without `self` or `cls`
    returns: str | None
    is_async: bool


@dataclass(frozen=True)
class Function:
    name: str
    kind: str  # "function", "method", "property", "classmethod" or "staticmethod"
    signature: Signature | None  # the implementation; None when only overloads are written
    overloads: tuple[Signature, ...] = ()


@dataclass(frozen=True)
class Attribute:
    name: str
    annotation: str | None
    default: str | None


@dataclass(frozen=True)
class Class:
    path: str  # the shortest public path: where users import it from
    paths: tuple[str, ...]  # every public path
    bases: tuple[str, ...]  # public ones (a private base's members are the class's own)
    is_model: bool  # a pydantic model: its attributes are fields that readers read
    methods: tuple[Function, ...]
    attributes: tuple[Attribute, ...]
    accessor: str | None = None  # "client.images": how users reach an instance


@dataclass(frozen=True)
class ModuleFunction:
    path: str
    paths: tuple[str, ...]
    function: Function


@dataclass(frozen=True)
class Alias:
    path: str
    paths: tuple[str, ...]
    value: str  # the right-hand side (of `TypeAliasType("X", value)`, too)


@dataclass(frozen=True)
class Constant:
    path: str
    paths: tuple[str, ...]
    value: str


@dataclass(frozen=True)
class Surface:
    package: str
    version: str
    modules: tuple[str, ...]
    classes: tuple[Class, ...]
    functions: tuple[ModuleFunction, ...]
    aliases: tuple[Alias, ...]
    constants: tuple[Constant, ...]
    reexports: tuple[tuple[str, str], ...] = ()  # public path → what it names outside the package


# ---- finding the package ----


def find_package(folder: Path) -> Path:
    """The package folder itself, or the one package an output folder holds."""
    if (folder / "__init__.py").is_file():
        return folder
    candidates = [p for base in (folder, folder / "src") if base.is_dir() for p in sorted(base.iterdir())
                  if p.is_dir() and (p / "__init__.py").is_file() and not p.name.startswith((".", "_"))]
    if len(candidates) > 1:  # the one the project is named after
        named = _project(folder).get("name")
        wanted = named.replace("-", "_").lower() if isinstance(named, str) else None
        candidates = [p for p in candidates if p.name.lower() == wanted] or candidates
    if len(candidates) != 1:
        what = "no Python package" if not candidates else \
            f"{len(candidates)} packages ({', '.join(p.name for p in candidates)})"
        raise UsageError(f"{folder} holds {what}: give a generated package's folder, or the output folder "
                         "holding it")
    return candidates[0]


def _project(folder: Path) -> dict[str, object]:
    try:
        project = tomllib.loads((folder / "pyproject.toml").read_text(encoding="utf-8")).get("project")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}
    return project if isinstance(project, dict) else {}


def read_version(folder: Path, package: Path) -> str:
    """`version` of the folder's pyproject.toml, or the package's `_version.__version__`, or 0.0.0."""
    version = _project(folder).get("version")
    if isinstance(version, str):
        return version
    try:
        tree = ast.parse((package / "_version.py").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, SyntaxError):
        return "0.0.0"
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__version__"
                                                for t in stmt.targets):
            if isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str):
                return stmt.value.value
    return "0.0.0"


def folder_of(source: str, scratch: Path) -> Path | None:
    """The folder `source` names (`git:REF:PATH` extracted into `scratch`), or None for a file."""
    if source.startswith("git:"):
        ref, colon, path = source[len("git:"):].partition(":")
        if not colon or not ref or not path:
            return None  # the spec side reports the malformed form
        kind = subprocess.run(["git", "cat-file", "-t", f"{ref}:{path}"], capture_output=True, text=True)
        if kind.returncode != 0 or kind.stdout.strip() != "tree":
            return None
        archive = subprocess.run(["git", "archive", "--format=tar", f"{ref}:{path}"], capture_output=True)
        if archive.returncode != 0:
            raise UsageError(f"{source}: git cannot archive it: {archive.stderr.decode('utf-8', 'replace').strip()}")
        folder = scratch / (Path(path).name or "tree")  # its name: a package folder's is the package's
        folder.mkdir(parents=True, exist_ok=True)
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(folder, filter="data")
        return folder
    return Path(source) if Path(source).is_dir() else None


def diff_folders(old: str, new: str, scratch: Path) -> tuple[list[Change], str] | None:
    """The changes between two generated packages and the old one's version; None for two specs."""
    folders = [folder_of(source, scratch / str(index)) for index, source in enumerate((old, new))]
    if folders[0] is None and folders[1] is None:
        return None
    if folders[0] is None or folders[1] is None:
        file, folder = (old, new) if folders[0] is None else (new, old)
        raise UsageError(f"{folder} is a folder and {file} is not: compare two specs, or two generated packages "
                         "(both must be folders)")
    before, after = read_surface(folders[0]), read_surface(folders[1])
    return compare_surfaces(before, after), before.version


# ---- reading it ----


class _Binding(NamedTuple):
    kind: str  # "class", "function", "value", "import" (from m import name) or "module" (import m as x)
    nodes: tuple[ast.stmt, ...] = ()  # every def of a function (its overloads), in order
    source: str = ""  # an import's absolute module
    name: str = ""  # the name imported from it
    explicit: bool = False  # `from m import a as a`: a re-export even without `__all__`


@dataclass
class _Module:
    name: str
    is_package: bool
    bindings: dict[str, _Binding] = field(default_factory=dict)
    all: list[str] | None = None


class _Target(NamedTuple):
    kind: str  # "class", "function", "value", "module" or "external"
    module: str
    name: str


@dataclass
class _Parts:
    """A class's members while reading: private bases merged in, each member's home module kept."""

    methods: dict[str, Function] = field(default_factory=dict)
    homes: dict[str, str] = field(default_factory=dict)  # member → the module its annotations are read in
    attributes: dict[str, Attribute] = field(default_factory=dict)
    bases: list[str] = field(default_factory=list)
    is_model: bool = False


_OVERLOAD = {"overload", "typing.overload", "typing_extensions.overload"}
_PROPERTY = {"property", "cached_property", "functools.cached_property"}
_ALIAS_ANNOTATIONS = {"TypeAlias", "typing.TypeAlias", "typing_extensions.TypeAlias"}


def read_surface(folder: Path) -> Surface:
    package = find_package(folder)
    return _Reader(package).surface(read_version(folder, package))


def _public_member(name: str) -> bool:
    return not name.startswith("_") or (name.startswith("__") and name.endswith("__") and len(name) > 4)


def _text(node: ast.expr | None) -> str | None:
    return None if node is None else ast.unparse(node)


def _strings(node: ast.expr) -> list[str] | None:
    if isinstance(node, (ast.List, ast.Tuple)) and all(isinstance(e, ast.Constant) and isinstance(e.value, str)
                                                       for e in node.elts):
        return [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    return None


def _decorators(node: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    return [ast.unparse(d.func if isinstance(d, ast.Call) else d) for d in node.decorator_list]


def _signature(node: ast.FunctionDef | ast.AsyncFunctionDef, *, bound: bool) -> Signature:
    args = node.args
    positional = [*args.posonlyargs, *args.args]
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    params = [Parameter(a.arg, "positional-only" if i < len(args.posonlyargs) else "positional", _text(a.annotation),
                        _text(d)) for i, (a, d) in enumerate(zip(positional, defaults, strict=True))]
    if bound and params:  # self or cls: not the caller's to pass
        params = params[1:]
    if args.vararg:
        params.append(Parameter(args.vararg.arg, "*args", _text(args.vararg.annotation), None))
    params += [Parameter(a.arg, "keyword-only", _text(a.annotation), _text(d))
               for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True)]
    if args.kwarg:
        params.append(Parameter(args.kwarg.arg, "**kwargs", _text(args.kwarg.annotation), None))
    return Signature(tuple(params), _text(node.returns), isinstance(node, ast.AsyncFunctionDef))


def _function(name: str, nodes: Sequence[ast.stmt], *, in_class: bool) -> Function | None:
    defs = [n for n in nodes if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    overloads, implementation = [], None
    kind = "method" if in_class else "function"
    for node in defs:
        decorators = _decorators(node)
        if any(d.endswith((".setter", ".deleter")) for d in decorators):
            continue  # the property's getter says what it is
        if in_class:
            if any(d in _PROPERTY for d in decorators):
                kind = "property"
            elif "classmethod" in decorators or "staticmethod" in decorators:
                kind = "classmethod" if "classmethod" in decorators else "staticmethod"
        signature = _signature(node, bound=in_class and kind != "staticmethod")
        if any(d in _OVERLOAD for d in decorators):
            overloads.append(signature)
        else:
            implementation = signature
    if implementation is None and not overloads:
        return None
    return Function(name, kind, implementation, tuple(overloads))


class _Reader:
    def __init__(self, package: Path) -> None:
        self.root = package.name
        self.modules: dict[str, _Module] = {}
        for path in sorted(package.rglob("*.py")):
            parts = path.relative_to(package).with_suffix("").parts
            if "__pycache__" in parts or not all((package.joinpath(*parts[:i]) / "__init__.py").is_file()
                                                 for i in range(len(parts))):
                continue  # not importable as part of the package
            is_package = parts[-1] == "__init__"
            name = ".".join((self.root, *(parts[:-1] if is_package else parts)))
            try:
                tree = ast.parse(path.read_bytes(), str(path))
            except (SyntaxError, ValueError) as exc:
                raise UsageError(f"{path} is not valid Python: {exc}") from exc
            module = _Module(name, is_package)
            self._scan(module, tree.body)
            self.modules[name] = module
        self.parts: dict[tuple[str, str], _Parts] = {}
        self.class_paths: dict[tuple[str, str], list[str]] = {}

    # -- modules and names --

    def _absolute(self, module: _Module, level: int, target: str | None) -> str:
        if level == 0:
            return target or ""
        parts = module.name.split(".") if module.is_package else module.name.split(".")[:-1]
        parts = parts[:len(parts) - (level - 1)]
        return ".".join([*parts, *([target] if target else [])])

    def _scan(self, module: _Module, body: Iterable[ast.stmt]) -> None:
        """Module-level bindings, also those under `if TYPE_CHECKING:` or `try:` (the last one wins)."""
        for stmt in body:
            if isinstance(stmt, ast.If):
                self._scan(module, [*stmt.body, *stmt.orelse])
            elif isinstance(stmt, ast.Try):
                self._scan(module, [*stmt.body, *(s for h in stmt.handlers for s in h.body), *stmt.orelse,
                                    *stmt.finalbody])
            elif isinstance(stmt, ast.ClassDef):
                module.bindings[stmt.name] = _Binding("class", (stmt,))
            elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                before = module.bindings.get(stmt.name)
                nodes = before.nodes if before is not None and before.kind == "function" else ()
                module.bindings[stmt.name] = _Binding("function", (*nodes, stmt))
            elif isinstance(stmt, (ast.Assign, ast.AnnAssign)) and stmt.value is not None:
                targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
                for target in targets:
                    if isinstance(target, ast.Name) and target.id == "__all__":
                        module.all = _strings(stmt.value)
                    elif isinstance(target, ast.Name):
                        module.bindings[target.id] = _Binding("value", (stmt,))
            elif isinstance(stmt, ast.AugAssign) and isinstance(stmt.target, ast.Name) \
                    and stmt.target.id == "__all__" and module.all is not None:
                module.all += _strings(stmt.value) or []
            elif isinstance(stmt, ast.ImportFrom):
                source = self._absolute(module, stmt.level, stmt.module)
                for alias in stmt.names:
                    if alias.name != "*":
                        module.bindings[alias.asname or alias.name] = _Binding(
                            "import", (), source, alias.name, alias.asname == alias.name)
            elif isinstance(stmt, ast.Import):
                for alias in stmt.names:
                    if alias.asname:  # `import a.b` binds `a`, which says nothing about this package
                        module.bindings[alias.asname] = _Binding("module", (), alias.name)
            elif type(stmt).__name__ == "TypeAlias":  # `type X = ...` (Python 3.12)
                name = getattr(stmt, "name", None)
                if isinstance(name, ast.Name):
                    module.bindings[name.id] = _Binding("value", (stmt,))

    def _inside(self, module: str) -> bool:
        return module == self.root or module.startswith(self.root + ".")

    def _resolve(self, module: str, name: str, seen: frozenset[tuple[str, str]] = frozenset()) -> _Target | None:
        """What `name` means in `module`, followed through imports to where it is defined."""
        found = self.modules.get(module)
        if found is None or (module, name) in seen:
            return None
        binding = found.bindings.get(name)
        if binding is None:
            sub = f"{module}.{name}"
            return _Target("module", sub, "") if found.is_package and sub in self.modules else None
        if binding.kind in ("class", "function", "value"):
            return _Target(binding.kind, module, name)
        if binding.kind == "module":
            return _Target("module" if binding.source in self.modules else "external", binding.source, "")
        if f"{binding.source}.{binding.name}" in self.modules:
            return _Target("module", f"{binding.source}.{binding.name}", "")
        if binding.source in self.modules:
            return self._resolve(binding.source, binding.name, seen | {(module, name)})
        if self._inside(binding.source):
            return None
        return _Target("external", binding.source, binding.name)

    def _public_modules(self) -> list[_Module]:
        return [m for name, m in sorted(self.modules.items())
                if not any(part.startswith("_") for part in name.split(".")[1:])]

    def _exports(self, module: _Module) -> list[str]:
        if module.all is not None:
            return module.all
        return [name for name, b in module.bindings.items() if not name.startswith("_")
                and (b.kind in ("class", "function", "value") or b.explicit)]

    # -- the surface --

    def surface(self, version: str) -> Surface:
        places: dict[_Target, list[str]] = {}
        reexports: dict[str, str] = {}
        for module in self._public_modules():
            for name in self._exports(module):
                path = f"{module.name}.{name}"
                target = self._resolve(module.name, name)
                if target is None:
                    reexports[path] = "(cannot be followed)"
                elif target.kind == "external":
                    reexports[path] = ".".join(p for p in (target.module, target.name) if p)
                elif target.kind == "module":
                    if target.module != path:
                        reexports[path] = f"module {target.module}"
                else:
                    places.setdefault(target, []).append(path)
        self.class_paths = {(t.module, t.name): paths for t, paths in places.items() if t.kind == "class"}
        accessors = self._accessors()
        classes = [self._class(key, paths, accessors.get(key)) for key, paths in self.class_paths.items()]
        functions, aliases, constants = [], [], []
        for target, paths in places.items():
            path, all_paths = _preferred(paths), tuple(sorted(set(paths)))
            nodes = self.modules[target.module].bindings[target.name].nodes
            if target.kind == "function":
                function = _function(target.name, nodes, in_class=False)
                if function is not None:
                    functions.append(ModuleFunction(path, all_paths, function))
            elif target.kind == "value":
                is_alias, value = _value(nodes[-1])
                if is_alias:
                    aliases.append(Alias(path, all_paths, value))
                else:
                    constants.append(Constant(path, all_paths, value))
        return Surface(self.root, version, tuple(m.name for m in self._public_modules()),
                       tuple(sorted(classes, key=lambda c: c.path)),
                       tuple(sorted(functions, key=lambda f: f.path)), tuple(sorted(aliases, key=lambda a: a.path)),
                       tuple(sorted(constants, key=lambda c: c.path)), tuple(sorted(reexports.items())))

    def _class(self, key: tuple[str, str], paths: list[str], accessor: str | None) -> Class:
        parts = self._parts(key)
        return Class(_preferred(paths), tuple(sorted(set(paths))), tuple(parts.bases), parts.is_model,
                     tuple(parts.methods[n] for n in sorted(parts.methods)),
                     tuple(parts.attributes[n] for n in sorted(parts.attributes) if n not in parts.methods), accessor)

    def _parts(self, key: tuple[str, str], seen: frozenset[tuple[str, str]] = frozenset()) -> _Parts:
        if key in self.parts:
            return self.parts[key]
        parts = _Parts()
        if key in seen:
            return parts
        module, name = key
        node = self.modules[module].bindings[name].nodes[0]
        assert isinstance(node, ast.ClassDef)
        functions: dict[str, list[ast.stmt]] = {}
        for stmt in node.body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and _public_member(stmt.name):
                functions.setdefault(stmt.name, []).append(stmt)
            elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) \
                    and _public_member(stmt.target.id):
                parts.attributes[stmt.target.id] = Attribute(stmt.target.id, _text(stmt.annotation), _text(stmt.value))
            elif isinstance(stmt, ast.Assign):
                for target in stmt.targets:
                    if isinstance(target, ast.Name) and _public_member(target.id):
                        parts.attributes[target.id] = Attribute(target.id, None, _text(stmt.value))
        for method, nodes in functions.items():
            function = _function(method, nodes, in_class=True)
            if function is not None:
                parts.methods[method] = function
                parts.homes[method] = module
        for attribute in _instance_attributes(functions.get("__init__", [])):
            parts.attributes.setdefault(attribute.name, attribute)
        for base in node.bases:
            self._base(parts, module, base, seen | {key})
        self.parts[key] = parts
        return parts

    def _base(self, parts: _Parts, module: str, base: ast.expr, seen: frozenset[tuple[str, str]]) -> None:
        head = base.value if isinstance(base, ast.Subscript) else base  # Generic[T]
        target = self._resolve(module, head.id) if isinstance(head, ast.Name) else None
        if target is None or target.kind != "class":
            parts.bases.append(ast.unparse(base))
            parts.is_model |= ast.unparse(head).rsplit(".", 1)[-1] == "BaseModel"
            return
        inherited = self._parts((target.module, target.name), seen)
        parts.is_model |= inherited.is_model
        if (target.module, target.name) in self.class_paths:  # public: its members are reported there
            parts.bases.append(_preferred(self.class_paths[(target.module, target.name)]))
            return
        for name, function in inherited.methods.items():  # private: users meet its members here
            if name not in parts.methods:
                parts.methods[name], parts.homes[name] = function, inherited.homes[name]
        for name, attribute in inherited.attributes.items():
            parts.attributes.setdefault(name, attribute)
        parts.bases += [b for b in inherited.bases if b not in parts.bases]

    def _accessors(self) -> dict[tuple[str, str], str]:
        """`client`, `client.images`...: the client classes (exported at the top, named `...Client`)
        and the classes their properties return, which join the surface where they are not in it."""
        accessors: dict[tuple[str, str], str] = {}
        queue = sorted(key for key, paths in self.class_paths.items() if key[1].endswith("Client")
                       and any(p == f"{self.root}.{p.rsplit('.', 1)[-1]}" for p in paths))
        for key in queue:
            accessors[key] = "client"
        while queue:
            key = queue.pop(0)
            parts = self._parts(key)
            for name in sorted(parts.methods):
                function = parts.methods[name]
                returned = _returned_name(function)
                if function.kind != "property" or returned is None:
                    continue
                target = self._resolve(parts.homes[name], returned)
                if target is None or target.kind != "class" or (target.module, target.name) in accessors:
                    continue
                found = (target.module, target.name)
                accessors[found] = f"{accessors[key]}.{name}"
                self.class_paths.setdefault(found, [f"{target.module}.{target.name}"])
                queue.append(found)
        return accessors


def _preferred(paths: Iterable[str]) -> str:
    return min(paths, key=lambda p: (p.count("."), p))


def _returned_name(function: Function) -> str | None:
    returns = function.signature.returns if function.signature else None
    if returns is None:
        return None
    text = returns.strip("'\"")
    return text if text.isidentifier() else None


def _instance_attributes(nodes: Sequence[ast.stmt]) -> Iterator[Attribute]:
    """The public `self.x = ...` of `__init__` (its annotation when written)."""
    for node in nodes:
        for stmt in ast.walk(node):
            targets: list[ast.expr] = []
            annotation = None
            if isinstance(stmt, ast.Assign):
                targets = stmt.targets
            elif isinstance(stmt, ast.AnnAssign):
                targets, annotation = [stmt.target], _text(stmt.annotation)
            for target in targets:
                if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) \
                        and target.value.id == "self" and not target.attr.startswith("_"):
                    yield Attribute(target.attr, annotation, None)


def _value(stmt: ast.stmt) -> tuple[bool, str]:
    """Whether a module-level assignment is a type alias, and its right-hand side."""
    if type(stmt).__name__ == "TypeAlias":
        value = getattr(stmt, "value", None)
        return True, ast.unparse(value) if isinstance(value, ast.expr) else ""
    assert isinstance(stmt, (ast.Assign, ast.AnnAssign)) and stmt.value is not None
    value = stmt.value
    if isinstance(stmt, ast.AnnAssign) and ast.unparse(stmt.annotation) in _ALIAS_ANNOTATIONS:
        return True, ast.unparse(value)
    if isinstance(value, ast.Call) and ast.unparse(value.func).rsplit(".", 1)[-1] == "TypeAliasType" \
            and len(value.args) >= 2:
        return True, ast.unparse(value.args[1])
    if isinstance(value, ast.Subscript) or (isinstance(value, ast.BinOp) and isinstance(value.op, ast.BitOr)):
        return True, ast.unparse(value)
    return False, ast.unparse(value)


# ---- annotations as sets of members ----


class _Member(NamedTuple):
    kind: str  # "literal", "none" or "type"
    text: str  # how it is shown: "png" (quoted), None, int, List[Image]
    base: str = ""  # a literal's type: str, int, bool...


_NONE = _Member("none", "None")
_ANY = {"Any", "object"}
_WIDER = {"bool": {"int", "float"}, "int": {"float"}}  # as Python's type checkers see them


def _head(node: ast.expr) -> str:
    name = ast.unparse(node.value if isinstance(node, ast.Subscript) else node)
    return name.rsplit(".", 1)[-1] if name.startswith(("typing.", "typing_extensions.")) else name


def _elements(node: ast.Subscript) -> list[ast.expr]:
    return list(node.slice.elts) if isinstance(node.slice, ast.Tuple) else [node.slice]


class _Types:
    """Flattens annotations of one surface into members, looking through its type aliases."""

    def __init__(self, aliases: Mapping[str, str], renames: Mapping[str, str] | None = None) -> None:
        self.aliases = aliases  # short name → right-hand side (names defined once only)
        self.renames = renames or {}  # an old class name → its new name, so a rename is not a type change

    def members(self, text: str, keep: frozenset[str] = frozenset(), *, expand: bool = True) -> frozenset[_Member]:
        try:
            node = ast.parse(text, mode="eval").body
        except SyntaxError:
            return frozenset({_Member("type", text)})
        return frozenset(self._walk(node, keep, expand, frozenset()))

    def _walk(self, node: ast.expr, keep: frozenset[str], expand: bool, seen: frozenset[str]) -> Iterator[_Member]:
        head = _head(node)
        if isinstance(node, ast.Constant) and node.value is None:
            yield _NONE
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):  # a forward reference
            try:
                yield from self._walk(ast.parse(node.value, mode="eval").body, keep, expand, seen)
            except SyntaxError:
                yield _Member("type", node.value)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
            yield from self._walk(node.left, keep, expand, seen)
            yield from self._walk(node.right, keep, expand, seen)
        elif isinstance(node, ast.Subscript) and head in ("Union", "Optional", "Annotated", "Literal"):
            elements = _elements(node)
            if head == "Annotated":
                elements = elements[:1]
            if head == "Optional":
                yield _NONE
            for element in elements:
                if head == "Literal" and isinstance(element, ast.Constant):
                    yield _NONE if element.value is None else _Member(
                        "literal", json.dumps(element.value) if isinstance(element.value, str) else repr(element.value),
                        type(element.value).__name__)
                else:
                    yield from self._walk(element, keep, expand, seen)
        elif expand and head in self.aliases and head not in keep and head not in seen:
            yield from self._walk(ast.parse(self.aliases[head], mode="eval").body, keep, expand, seen | {head})
        else:
            text = ast.unparse(node)
            for old, new in self.renames.items():
                text = re.sub(rf"\b{re.escape(old)}\b", new, text)
            yield _Member("type", re.sub(r"\btyping(?:_extensions)?\.", "", text))


def _covered(member: _Member, members: frozenset[_Member]) -> bool:
    if member in members or any(m.kind == "type" and m.text in _ANY for m in members):
        return True
    wider = {member.base if member.kind == "literal" else member.text}
    wider |= {w for name in set(wider) for w in _WIDER.get(name, set())}
    return member.kind != "none" and any(m.kind == "type" and m.text in wider for m in members)


def _shown(members: Iterable[_Member]) -> str:
    return ", ".join(sorted(m.text for m in members))


class _Verdict(NamedTuple):
    impact: str
    breaks: str | None
    message: str


_UNSURE = "the surface diff cannot tell whether"


def _as_input(name: str, before: str, after: str, old: frozenset[_Member], new: frozenset[_Member]) -> _Verdict | None:
    """An argument's annotation changed: callers are safe when it takes every member it took."""
    lost = [m for m in old if not _covered(m, new)]
    narrower = all(_covered(m, old) for m in new)
    if not lost:
        if narrower:
            return None  # the same type, written differently
        gained = [m for m in new if not _covered(m, old)]
        if all(m.kind == "literal" for m in gained):
            return _Verdict("compatible", None, f"`{name}` also takes {_shown(gained)}")
        return _Verdict("compatible", None, f"`{name}` takes more than it did: {before} → {after}")
    if all(m.kind != "type" for m in lost):
        return _Verdict("breaking", "callers", f"`{name}` no longer takes {_shown(lost)}")
    if narrower:
        return _Verdict("breaking", "callers", f"`{name}` takes less than it did: {before} → {after}")
    return _Verdict("breaking", "callers", f"`{name}` is {after} now (was {before}); {_UNSURE} every value it took "
                                           "still fits, so this counts as breaking")


def _as_output(name: str, before: str, after: str, old: frozenset[_Member], new: frozenset[_Member],
               events: frozenset[str] = frozenset()) -> _Verdict | None:
    """A field's or a result's annotation changed: readers are safe when it holds nothing new.

    `events` are the classes of a union told apart by a tag: a new one is like a new value.
    """
    gained = [m for m in new if not _covered(m, old)]
    if not gained:
        if all(_covered(m, new) for m in old):
            return None  # the same type, written differently
        return _Verdict("compatible", None, f"`{name}` holds less than it did: {before} → {after}; code reading it "
                                            "still works")
    if all(m.kind == "literal" or m.text in events for m in gained):
        return _Verdict("compatible", None, f"`{name}` may hold {_shown(gained)} now: {EXHAUSTIVE}")
    if all(m.kind != "type" for m in gained):
        return _Verdict("breaking", "readers", f"`{name}` may be None now ({before} → {after})")
    if all(_covered(m, new) for m in old):
        return _Verdict("breaking", "readers", f"`{name}` may hold {_shown(gained)} now, which code reading it does "
                                               f"not expect: {before} → {after}")
    return _Verdict("breaking", "readers", f"`{name}` is {after} now (was {before}); {_UNSURE} every value it holds "
                                           "now fits the old annotation, so this counts as breaking")


# ---- comparing two surfaces ----


class _Placed(Protocol):
    @property
    def path(self) -> str: ...

    @property
    def paths(self) -> tuple[str, ...]: ...


P = TypeVar("P", bound=_Placed)


def _match(old: Sequence[P], new: Sequence[P]) -> tuple[list[tuple[P, P]], list[P], list[P]]:
    """Pairs by path, or by a public path both still have (a class that moved with a re-export)."""
    by_path = {p: n for n in new for p in n.paths}
    by_path.update({n.path: n for n in new})
    pairs, removed, used = [], [], set()
    for item in old:
        found = next((by_path[p] for p in (item.path, *item.paths) if p in by_path
                      and by_path[p].path not in used), None)
        if found is None:
            removed.append(item)
        else:
            pairs.append((item, found))
            used.add(found.path)
    return pairs, removed, [n for n in new if n.path not in used]


class _Raw(NamedTuple):
    change: Change
    subject: str | None  # the class it is about, to find its async twin


def compare_surfaces(old: Surface, new: Surface) -> list[Change]:
    return _merge_twins(list(_Comparison(old, new).changes()))


def _short(path: str) -> str:
    return path.rsplit(".", 1)[-1]


def _aliases(surface: Surface) -> dict[str, str]:
    counts: dict[str, int] = {}
    for alias in surface.aliases:
        counts[_short(alias.path)] = counts.get(_short(alias.path), 0) + 1
    return {_short(a.path): a.value for a in surface.aliases if counts[_short(a.path)] == 1}


def _names_in(text: str | None) -> set[str]:
    if text is None:
        return set()
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError:
        return set()
    return {n.id if isinstance(n, ast.Name) else n.attr for n in ast.walk(tree) if isinstance(n, (ast.Name,
                                                                                                   ast.Attribute))}


def _signatures(function: Function) -> list[Signature]:
    return [*([function.signature] if function.signature else []), *function.overloads]


def _uses(surface: Surface) -> tuple[set[str], set[str]]:
    """The names that argument annotations reach, and those that fields and results reach."""
    inputs: set[str] = set()
    outputs: set[str] = set()
    functions = [m for c in surface.classes for m in c.methods] + [f.function for f in surface.functions]
    for function in functions:
        for signature in _signatures(function):
            for param in signature.params:
                inputs |= _names_in(param.annotation)
            outputs |= _names_in(signature.returns)
    for cls in surface.classes:
        for attribute in cls.attributes:
            outputs |= _names_in(attribute.annotation)
    values = _aliases(surface)
    for names in (inputs, outputs):
        grown = True
        while grown:
            more = set().union(*(_names_in(values[n]) for n in names if n in values)) - names
            names |= more
            grown = bool(more)
    return inputs, outputs


_POSITIONAL = ("positional-only", "positional")
_KEYWORD = ("positional", "keyword-only")


def _key(param: Parameter) -> str:
    return param.kind if param.kind in ("*args", "**kwargs") else param.name


def _shape(cls: Class) -> tuple[object, ...]:
    return cls.path.rsplit(".", 1)[0], cls.bases, cls.is_model, cls.methods, cls.attributes


class _Comparison:
    def __init__(self, old: Surface, new: Surface) -> None:
        self.old, self.new = old, new
        self.renames = self._renames()
        self.old_types = _Types(_aliases(old), {_short(a): _short(b) for a, b in self.renames.items()})
        self.new_types = _Types(_aliases(new))
        self.inputs, self.outputs = (a | b for a, b in zip(_uses(old), _uses(new), strict=True))

    def changes(self) -> Iterator[_Raw]:
        yield from self._modules()
        yield from self._classes()
        yield from self._functions()
        yield from self._aliases()
        yield from self._constants()
        yield from self._reexports()

    # -- module level --

    def _modules(self) -> Iterator[_Raw]:
        for name in sorted(set(self.old.modules) - set(self.new.modules)):
            yield _Raw(Change("breaking", "surface-module-removed", f"the module `{name}` is gone: importing it fails",
                              name, "callers"), None)
        for name in sorted(set(self.new.modules) - set(self.old.modules)):
            yield _Raw(Change("compatible", "surface-module-added", f"new module `{name}`", name), None)

    def _exports(self, old: _Placed, new: _Placed, subject: str | None) -> Iterator[_Raw]:
        for path in sorted(set(old.paths) - set(new.paths)):
            module, name = path.rsplit(".", 1)
            yield _Raw(Change("breaking", "surface-export-removed", f"`from {module} import {name}` fails now (it is "
                              f"still `{new.path}`)", path, "callers"), subject)
        for path in sorted(set(new.paths) - set(old.paths)):
            yield _Raw(Change("compatible", "surface-export-added", f"`{new.path}` is also `{path}` now", path),
                       subject)

    def _renames(self) -> dict[str, str]:
        """Old class path → new, for a class with the same module and body under another name."""
        _, removed, added = _match(self.old.classes, self.new.classes)
        shapes: dict[tuple[object, ...], list[Class]] = {}
        for cls in added:
            shapes.setdefault(_shape(cls), []).append(cls)
        renames = {}
        for cls in removed:
            same = shapes.get(_shape(cls), [])
            if len(same) == 1 and sum(_shape(c) == _shape(cls) for c in removed) == 1:
                renames[cls.path] = same[0].path
        return renames

    def _classes(self) -> Iterator[_Raw]:
        pairs, removed, added = _match(self.old.classes, self.new.classes)
        renamed_to = set(self.renames.values())
        for cls in removed:
            users = "readers" if cls.is_model else "callers"
            if cls.path in self.renames:
                yield _Raw(Change("breaking", "surface-class-renamed", f"the class `{cls.path}` is "
                                  f"`{self.renames[cls.path]}` now", self.renames[cls.path], users), cls.path)
            else:
                yield _Raw(Change("breaking", "surface-class-removed", f"the class `{cls.path}` is gone", cls.path,
                                  users), cls.path)
        for cls in added:
            if cls.path not in renamed_to:
                yield _Raw(Change("compatible", "surface-class-added", f"new class `{cls.path}`", cls.path), cls.path)
        for before, after in pairs:
            yield from self._exports(before, after, after.path)
            yield from (_Raw(c, after.path) for c in self._class(before, after))

    def _class(self, old: Class, new: Class) -> Iterator[Change]:
        where = new.accessor or _short(new.path)
        for base in [b for b in old.bases if b not in new.bases]:
            yield Change("breaking", "surface-class-bases", f"`{_short(new.path)}` no longer derives from `{base}`: "
                         "`isinstance` checks and what it inherited from it may fail", new.path, "callers")
        for base in [b for b in new.bases if b not in old.bases]:
            yield Change("compatible", "surface-class-bases", f"`{_short(new.path)}` derives from `{base}` now",
                         new.path)
        before = {m.name: m for m in old.methods}
        after = {m.name: m for m in new.methods}
        for name in sorted(before.keys() - after.keys()):
            python = _member(new, before[name])
            yield Change("breaking", "surface-method-removed", f"`{python}` is gone", python, "callers")
        for name in sorted(after.keys() - before.keys()):
            python = _member(new, after[name])
            yield Change("compatible", "surface-method-added", f"new {_what(after[name])} `{python}`", python)
        for name in sorted(before.keys() & after.keys()):
            yield from self._method(new, before[name], after[name])
        fields = {a.name: a for a in old.attributes}
        now = {a.name: a for a in new.attributes}
        what, users = ("field", "readers") if new.is_model or old.is_model else ("attribute", "callers")
        for name in sorted(fields.keys() - now.keys()):
            yield Change("breaking", "surface-field-removed", f"the {what} `{where}.{name}` is gone",
                         f"{where}.{name}", users)
        for name in sorted(now.keys() - fields.keys()):
            shown = f" ({now[name].annotation})" if now[name].annotation else ""
            yield Change("compatible", "surface-field-added", f"new {what} `{where}.{name}`{shown}", f"{where}.{name}")
        for name in sorted(fields.keys() & now.keys()):
            yield from self._attribute(f"{where}.{name}", fields[name], now[name])

    def _attribute(self, python: str, old: Attribute, new: Attribute) -> Iterator[Change]:
        if old.annotation and new.annotation and old.annotation != new.annotation:
            verdict = self._output(python, old.annotation, new.annotation)
            if verdict is not None:
                yield Change(verdict.impact, "surface-field-type", verdict.message, python, verdict.breaks)
        if old.default != new.default:
            if new.default is None:
                message = f"`{python}` has no default now (was {old.default}): it must be given, or be in every answer"
            elif old.default is None:
                message = f"`{python}` may be left out now (its default is {new.default})"
            else:
                message = f"the default of `{python}` is {new.default} now (was {old.default})"
            yield Change("behaviour", "surface-field-default", message, python)

    def _method(self, cls: Class, old: Function, new: Function) -> Iterator[Change]:
        python = _member(cls, new)
        if old.kind != new.kind:
            yield Change("breaking", "surface-method-kind", f"`{python}` is a {new.kind} now (was a {old.kind})",
                         python, "callers")
            return
        if old.signature and new.signature and old.signature.is_async != new.signature.is_async:
            yield Change("breaking", "surface-method-async", f"`{python}` is {'' if new.signature.is_async else 'not '}"
                         f"a coroutine now: calls must {'' if new.signature.is_async else 'not '}await it", python,
                         "callers")
        yield from self._function(old, new, lambda param: _member(cls, new, param))

    def _function(self, old: Function, new: Function, at: _At) -> Iterator[Change]:
        """Parameters and results: of the implementations, then of the overloads, each change once."""
        seen: set[tuple[str, str]] = set()
        pairs = [(old.signature, new.signature, "")] if old.signature and new.signature else []
        if len(old.overloads) == len(new.overloads):
            count = len(new.overloads)
            pairs += [(a, b, f" (overload {i} of {count})") for i, (a, b) in
                      enumerate(zip(old.overloads, new.overloads, strict=True), 1)]
        elif set(old.overloads) <= set(new.overloads):
            yield Change("compatible", "surface-overloads", f"`{at(None)}` has {_overloads(new)} now (was "
                         f"{_overloads(old)}): each call that type-checked still does", at(None))
        else:
            yield Change("breaking", "surface-overloads", f"`{at(None)}` has {_overloads(new)} now (was "
                         f"{_overloads(old)}); {_UNSURE} each call still matches one, so this counts as breaking",
                         at(None), "callers")
        for before, after, suffix in pairs:
            if before == after:
                continue
            for change in [*self._params(before, after, at), *self._returns(before, after, at(None))]:
                if (change.kind, change.message) not in seen:
                    seen.add((change.kind, change.message))
                    yield change if not suffix else replace(change, message=change.message + suffix)

    def _returns(self, old: Signature, new: Signature, python: str) -> Iterator[Change]:
        if old.returns == new.returns:
            return
        if old.returns is None or new.returns is None:
            after, before = new.returns or "something unannotated", old.returns or "unannotated"
            yield Change("breaking", "surface-return-type", f"`{python}` returns {after} now (was {before}); "
                         f"{_UNSURE} it fits, so this counts as breaking", python, "readers")
            return
        verdict = self._output(f"{python}", old.returns, new.returns, what="returns")
        if verdict is not None:
            yield Change(verdict.impact, "surface-return-type", verdict.message, python, verdict.breaks)

    def _params(self, old: Signature, new: Signature, at: _At) -> Iterator[Change]:
        before = {_key(p): p for p in old.params}
        after = {_key(p): p for p in new.params}
        old_positions = [_key(p) for p in old.params if p.kind in _POSITIONAL]
        new_positions = [_key(p) for p in new.params if p.kind in _POSITIONAL]
        order = [*before, *(k for k in after if k not in before)]
        for key in order:
            p_old, p_new = before.get(key), after.get(key)
            shown = (p_new or p_old).name  # type: ignore[union-attr]
            python = at(p_new or p_old)
            if p_new is None:
                yield Change("breaking", "surface-param-removed", f"the argument `{shown}` is gone; a call passing it "
                             "fails", python, "callers")
            elif p_old is None:
                if p_new.default is None and p_new.kind not in ("*args", "**kwargs"):
                    yield Change("breaking", "surface-param-added-required", f"new required argument `{shown}`: every "
                                 "call must pass it", python, "callers")
                else:
                    yield Change("compatible", "surface-param-added", f"new optional argument `{shown}`"
                                 + (f" ({p_new.annotation})" if p_new.annotation else ""), python)
            else:
                yield from self._param(p_old, p_new, python)
                if key in old_positions and key in new_positions and p_old.kind in _POSITIONAL \
                        and old_positions.index(key) != new_positions.index(key):
                    yield Change("breaking", "surface-param-position", f"`{shown}` is argument "
                                 f"{new_positions.index(key) + 1} now (was {old_positions.index(key) + 1}): a call "
                                 "passing it by position passes something else", python, "callers")

    def _param(self, old: Parameter, new: Parameter, python: str) -> Iterator[Change]:
        name = new.name
        if old.kind != new.kind:
            if old.kind in _KEYWORD and new.kind not in _KEYWORD:
                yield Change("breaking", "surface-param-kind", f"`{name}` cannot be passed by keyword now", python,
                             "callers")
            elif old.kind in _POSITIONAL and new.kind not in _POSITIONAL:
                yield Change("breaking", "surface-param-kind", f"`{name}` must be passed by keyword now", python,
                             "callers")
            else:
                how = "by keyword" if old.kind == "positional-only" else "by position"
                yield Change("compatible", "surface-param-kind", f"`{name}` may be passed {how} now", python)
        if new.default is None and old.default is not None and new.kind not in ("*args", "**kwargs"):
            yield Change("breaking", "surface-param-required", f"`{name}` must be passed now", python, "callers")
        elif old.default is None and new.default is not None and old.kind not in ("*args", "**kwargs"):
            yield Change("compatible", "surface-param-optional", f"`{name}` may be left out now", python)
        elif old.default != new.default:
            yield Change("behaviour", "surface-param-default", f"the default of `{name}` is {new.default} now (was "
                         f"{old.default})", python)
        if old.annotation != new.annotation:
            if old.annotation is None or new.annotation is None:
                yield Change("breaking", "surface-param-type", f"`{name}` is annotated {new.annotation or 'nothing'} "
                             f"now (was {old.annotation or 'nothing'}); {_UNSURE} every value it took still fits, so "
                             "this counts as breaking", python, "callers")
                return
            verdict = self._input(name, old.annotation, new.annotation)
            if verdict is not None:
                yield Change(verdict.impact, "surface-param-type", verdict.message, python, verdict.breaks)

    def _functions(self) -> Iterator[_Raw]:
        pairs, removed, added = _match(self.old.functions, self.new.functions)
        for function in removed:
            yield _Raw(Change("breaking", "surface-function-removed", f"the function `{function.path}()` is gone",
                              f"{function.path}()", "callers"), None)
        for function in added:
            yield _Raw(Change("compatible", "surface-function-added", f"new function `{function.path}()`",
                              f"{function.path}()"), None)
        for before, after in pairs:
            yield from self._exports(before, after, None)
            if before.function.kind != after.function.kind:
                continue
            at: _At = (lambda path: lambda p: _call(path, p))(after.path)
            yield from (_Raw(c, None) for c in self._function(before.function, after.function, at))

    # -- aliases and constants --

    def _role(self, path: str) -> tuple[bool, bool]:
        """Whether users pass values of this alias, and whether they read them (both when unused)."""
        name = _short(path)
        as_input, as_output = name in self.inputs, name in self.outputs
        return (as_input, as_output) if as_input or as_output else (True, True)

    def _aliases(self) -> Iterator[_Raw]:
        pairs, removed, added = _match(self.old.aliases, self.new.aliases)
        for alias in removed:
            as_input, _ = self._role(alias.path)
            yield _Raw(Change("breaking", "surface-alias-removed", f"the type `{alias.path}` is gone", alias.path,
                              "callers" if as_input else "readers"), None)
        for alias in added:
            yield _Raw(Change("compatible", "surface-alias-added", f"new type `{alias.path}` = {alias.value}",
                              alias.path), None)
        for before, after in pairs:
            yield from self._exports(before, after, None)
            if before.value == after.value:
                continue
            as_input, as_output = self._role(after.path)
            # a discriminated union of models (stream events): a new class in it is like a new value
            events = frozenset(_short(c.path) for c in self.new.classes if c.is_model) \
                if "discriminator" in after.value else frozenset[str]()
            verdicts = [v for v in (self._input(after.path, before.value, after.value) if as_input else None,
                                    self._output(after.path, before.value, after.value, events=events)
                                    if as_output else None) if v is not None]
            if verdicts:  # the worse one; of two as bad, the one that says what readers must do
                verdict = min(verdicts, key=lambda v: (IMPACTS.index(v.impact), EXHAUSTIVE not in v.message))
                yield _Raw(Change(verdict.impact, "surface-alias-type", verdict.message, after.path, verdict.breaks),
                           None)

    def _constants(self) -> Iterator[_Raw]:
        pairs, removed, added = _match(self.old.constants, self.new.constants)
        for constant in removed:
            yield _Raw(Change("breaking", "surface-constant-removed", f"`{constant.path}` is gone", constant.path,
                              "callers"), None)
        for constant in added:
            yield _Raw(Change("compatible", "surface-constant-added", f"new name `{constant.path}`", constant.path),
                       None)
        for before, after in pairs:
            yield from self._exports(before, after, None)
            dunder = _short(after.path).startswith("__")
            if before.value != after.value and not dunder:
                yield _Raw(Change("behaviour", "surface-constant-value", f"`{after.path}` is {after.value} now (was "
                                  f"{before.value})", after.path), None)

    def _reexports(self) -> Iterator[_Raw]:
        before, after = dict(self.old.reexports), dict(self.new.reexports)
        for path in sorted(before.keys() - after.keys()):
            if not self._defined(path, self.new):
                yield _Raw(Change("breaking", "surface-export-removed", f"`{path}` ({before[path]}) is gone", path,
                                  "callers"), None)
        for path in sorted(after.keys() - before.keys()):
            if not self._defined(path, self.old):
                yield _Raw(Change("compatible", "surface-export-added", f"new name `{path}` ({after[path]})", path),
                           None)
        for path in sorted(before.keys() & after.keys()):
            if before[path] != after[path]:
                yield _Raw(Change("breaking", "surface-export-changed", f"`{path}` is {after[path]} now (was "
                                  f"{before[path]}); {_UNSURE} the two are alike, so this counts as breaking", path,
                                  "callers"), None)

    @staticmethod
    def _defined(path: str, surface: Surface) -> bool:
        """Whether a name that was (or became) a re-export is defined in the package on the other side."""
        places: Iterable[_Placed] = (*surface.classes, *surface.functions, *surface.aliases, *surface.constants)
        return any(path in p.paths for p in places)

    # -- annotations --

    def _pair(self, before: str, after: str) -> tuple[frozenset[_Member], frozenset[_Member]]:
        """Both as members; an alias named on both sides stands for itself (its change is reported there)."""
        named = self.old_types.members(before, expand=False) & self.new_types.members(after, expand=False)
        shared = frozenset(m.text for m in named if m.kind == "type" and m.text in self.old_types.aliases
                           and m.text in self.new_types.aliases)
        return self.old_types.members(before, shared), self.new_types.members(after, shared)

    def _input(self, name: str, before: str, after: str) -> _Verdict | None:
        return _as_input(name, before, after, *self._pair(before, after))

    def _output(self, name: str, before: str, after: str, what: str = "",
                events: frozenset[str] = frozenset()) -> _Verdict | None:
        verdict = _as_output(name, before, after, *self._pair(before, after), events)
        if verdict is not None and what == "returns":
            verdict = verdict._replace(message=verdict.message.replace(f"`{name}` ", f"what `{name}` returns ", 1))
        return verdict


class _At(Protocol):
    def __call__(self, param: Parameter | None, /) -> str: ...


def _overloads(function: Function) -> str:
    count = len(function.overloads)
    return f"{count} overload{'' if count == 1 else 's'}"


def _what(function: Function) -> str:
    return "property" if function.kind == "property" else "method"


def _call(head: str, param: Parameter | None) -> str:
    if param is None:
        return f"{head}()"
    if param.kind == "*args":
        return f"{head}(*{param.name})"
    if param.kind == "**kwargs":
        return f"{head}(**{param.name})"
    return f"{head}({param.name}=...)"


def _member(cls: Class, function: Function, param: Parameter | None = None) -> str:
    """Where users write it: `client.images.generate(seed=...)`, `ImagesClient(api_key=...)`, `client.images`."""
    if function.name == "__init__":
        return _call(_short(cls.path), param)
    owner = cls.accessor or _short(cls.path)
    if function.kind == "property" and param is None:
        return f"{owner}.{function.name}"
    return _call(f"{owner}.{function.name}", param)


def _untwinned(text: str) -> str:
    return re.sub(r"\bAsync(?=[A-Z])", "", text)


def _twin(subject: str) -> str | None:
    module, _, name = subject.rpartition(".")
    if name.startswith("Async") and name[5:6].isupper():
        return f"{module}.{name[5:]}" if module else name[5:]
    return None


def _merge_twins(raws: list[_Raw]) -> list[Change]:
    """A change the same on an async class and its sync twin: once, at the sync one."""
    def same(raw: _Raw) -> tuple[str, str, str | None, str, str]:
        c = raw.change
        return c.impact, c.kind, c.breaks, _untwinned(c.message), _untwinned(c.python)

    waiting: dict[tuple[str, tuple[str, str, str | None, str, str]], list[int]] = {}
    for index, raw in enumerate(raws):
        if raw.subject is not None and _twin(raw.subject) is None:
            waiting.setdefault((raw.subject, same(raw)), []).append(index)
    twinned, dropped = set(), set()
    for index, raw in enumerate(raws):
        sync = _twin(raw.subject) if raw.subject is not None else None
        candidates = waiting.get((sync, same(raw)), []) if sync is not None else []
        if candidates:
            twinned.add(candidates.pop(0))
            dropped.add(index)
    return [replace(raw.change, message=raw.change.message + " (and its async twin)") if index in twinned
            else raw.change for index, raw in enumerate(raws) if index not in dropped]
