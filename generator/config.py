"""The configuration file: what a maintainer decides about names without editing a spec they do
not own.

It is `[tool.images-sdk-generator]` in a `pyproject.toml` (the current folder's, when `--config`
is not given), or the file `--config` names (TOML, or YAML with the same keys at the top):

    package = "openai_client"            # the Python package
    client-name = "OpenAI"               # the client class (`AsyncOpenAI` is its twin)
    env-prefix = "OPENAI"                # OPENAI_API_KEY, OPENAI_BASE_URL... (default: the spec's
                                         # info.x-python-env-prefix, else from its title: GITHUB)
    query-array-format = "brackets"      # a list in the query: `ids[]=a&ids[]=b` ("repeat", the
                                         # default, writes `ids=a&ids=b`; a spec's `style` wins)
    [rename.resources]                   # by tag (untagged: path segment), operationId or JSON pointer
    "Fine-tuning" = "fine_tuning"
    [rename.methods]                     # by operationId or JSON pointer
    downloadFile = "content"
    [rename.classes]                     # by component name or JSON pointer
    ImagesResponse = "ImageResults"
    [rename.parameters]                  # operationId.wire_name, for any argument (body fields too)
    "listFiles.purpose" = "kind"
    [pagination]                         # by operationId: `x-python-pagination`'s value, or false
    listThings = { kind = "cursor", items = "data", cursor_param = "after", next_cursor = "last_id" }

Each choice is also available in the spec as an `x-python-...` extension; the command line wins
over the configuration, and the configuration over the spec. The renames reach the spec as those
extensions (`apply_config`), so one place, the IR, still decides every name; a key that names
nothing in the spec is a located error, never ignored.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:  # the no-op path imports this module (options.py): it stays light
    from .spec.loading import LoadedSpec

SECTION = "images-sdk-generator"
RESOURCE_EXTENSION = "x-python-resource"
PARAMETER_NAMES_EXTENSION = "x-python-parameter-names"
QUERY_ARRAY_FORMATS = ("repeat", "brackets")
_RENAMES = ("resources", "methods", "classes", "parameters")
_KEYS = frozenset({"package", "client-name", "env-prefix", "query-array-format", "rename", "pagination"})


class Config(NamedTuple):  # tuples all through: hashable, and its repr is stable for the no-op stamp
    """The configuration read from `source` (empty: none was found)."""

    source: str = ""
    package: str | None = None
    client_name: str | None = None
    env_prefix: str | None = None
    query_array_format: str = "repeat"
    renames: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()  # kind → ((key, new name), ...)
    pagination: tuple[tuple[str, str], ...] = ()  # operationId → the extension's value as JSON


class ConfigError(Exception):
    """The configuration file cannot be used; the message says where and what."""


def find_config(explicit: Path | None, folder: Path) -> Path | None:
    """`--config`'s file, else `folder`'s pyproject.toml when it has our section."""
    if explicit is not None:
        return explicit
    candidate = folder / "pyproject.toml"
    try:
        if candidate.is_file() and f"[tool.{SECTION}" in candidate.read_text(encoding="utf-8"):
            return candidate
    except (OSError, UnicodeDecodeError):
        return None
    return None


def load_config(path: Path) -> Config:
    import tomllib

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the configuration: {exc}") from None
    if path.suffix in (".yaml", ".yml"):
        return parse_config(_yaml_data(path, text), str(path))
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get(SECTION, {})
    return parse_config(data, str(path))


def _yaml_data(path: Path, text: str) -> Any:
    """A YAML configuration, read as the specs are (YAML 1.2: a tag `on` or `no` stays text)."""
    from .errors import SpecError
    from .spec.loading import load_spec

    if not text.strip():
        return {}
    try:
        return load_spec(path, str(path), part=True).data
    except SpecError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc.problems[0].message}") from None


def parse_config(data: Any, source: str) -> Config:
    def fail(key: str, message: str) -> ConfigError:
        return ConfigError(f"{source}: {key}: {message}")

    if not isinstance(data, dict):
        raise fail("(top)", "the configuration must be a table of settings")
    for key in data:
        if key not in _KEYS:
            raise fail(str(key), f"unknown setting; the settings are {', '.join(sorted(_KEYS))}")
    strings = {}
    for key in ("package", "client-name", "env-prefix", "query-array-format"):
        if key in data and not isinstance(data[key], str):
            raise fail(key, "must be text")
        strings[key] = data.get(key)
    array_format = strings["query-array-format"] or "repeat"
    if array_format not in QUERY_ARRAY_FORMATS:
        raise fail("query-array-format", f"must be one of {', '.join(QUERY_ARRAY_FORMATS)}, not {array_format!r}")
    rename = data.get("rename", {})
    if not isinstance(rename, dict) or any(kind not in _RENAMES for kind in rename):
        raise fail("rename", f"must be a table of {', '.join(_RENAMES)}")
    renames = []
    for kind in _RENAMES:
        table = rename.get(kind, {})
        if not isinstance(table, dict) or not all(isinstance(v, str) and v for v in table.values()):
            raise fail(f"rename.{kind}", "must map each key to a new name (text)")
        renames.append((kind, tuple(sorted((str(k), v) for k, v in table.items()))))
    pagination = data.get("pagination", {})
    if not isinstance(pagination, dict):
        raise fail("pagination", "must be a table: operationId = the rule (or false)")
    return Config(source=source, package=strings["package"], client_name=strings["client-name"],
                  env_prefix=strings["env-prefix"], query_array_format=array_format, renames=tuple(renames),
                  pagination=tuple(sorted((str(k), json.dumps(v, sort_keys=True)) for k, v in pagination.items())))


def apply_config(spec: LoadedSpec, config: Config) -> None:
    """Write the configuration's renames and pagination rules into the loaded spec as the
    `x-python-...` extensions they stand for (a problem found there later names the configuration
    file); raise SpecError naming each key that finds nothing."""
    from .errors import Problem, SpecError, pointer_join, pointer_parts
    from .spec.refs import find_in, schema_pointer

    if not config.source:
        return
    problems: list[Problem] = []
    by_id, by_pointer, by_tag = _operations(spec)

    def miss(key: str, message: str) -> None:
        problems.append(Problem(config.source, None, "", f"{key}: {message}"))

    def operation(kind: str, key: str) -> list[tuple[str, dict[str, Any]]]:
        found = [by_id[key]] if key in by_id else [(key, by_pointer[key])] if key in by_pointer else []
        if not found and kind == "resources":
            found = by_tag.get(key, [])
        if not found:
            miss(f"rename.{kind}.{key}" if kind != "pagination" else f"pagination.{key}",
                 "no operation has this operationId" + (" or tag" if kind == "resources" else "")
                 + " (or stands at this JSON pointer)")
        return found

    def put(pointer: str, node: dict[str, Any], extension: str, value: Any) -> None:
        node[extension] = value
        at = pointer_join(pointer, extension)
        spec.origins[at] = config.source  # what is wrong with it is the configuration's to mend
        spec.lines[at] = None

    renames = dict(config.renames)
    for key, name in renames.get("resources", ()):
        for pointer, op in operation("resources", key):
            put(pointer, op, RESOURCE_EXTENSION, name)
    for key, name in renames.get("methods", ()):
        for pointer, op in operation("methods", key):
            put(pointer, op, "x-python-method-name", name)
    for key, name in renames.get("classes", ()):
        pointer = key if key.startswith("/") else schema_pointer(key)
        schema = find_in(spec.data, pointer_parts(pointer))
        if not isinstance(schema, dict):
            miss(f"rename.classes.{key}", "no schema stands there (a component name or a JSON pointer)")
            continue
        put(pointer, schema, "x-python-class-name", name)
    for key, name in renames.get("parameters", ()):
        op_id, _, wire = key.rpartition(".")
        if not op_id:
            miss(f"rename.parameters.{key}", "must be operationId.parameter")
        for pointer, op in operation("parameters", op_id) if op_id else []:
            names = dict(op.get(PARAMETER_NAMES_EXTENSION) or {})
            names[wire] = name
            put(pointer, op, PARAMETER_NAMES_EXTENSION, names)
    for key, rule in config.pagination:
        for pointer, op in operation("pagination", key):
            put(pointer, op, "x-python-pagination", json.loads(rule))
    if problems:
        raise SpecError(problems)


def _operations(spec: LoadedSpec) -> tuple[dict[str, tuple[str, dict[str, Any]]], dict[str, dict[str, Any]],
                                            dict[str, list[tuple[str, dict[str, Any]]]]]:
    """The operations (each with its JSON pointer) by operationId, by JSON pointer, and by first tag."""
    from .errors import SpecError, pointer_join
    from .ir.naming import first_segment
    from .spec.refs import RefResolver, operations

    by_id: dict[str, tuple[str, dict[str, Any]]] = {}
    by_pointer: dict[str, dict[str, Any]] = {}
    by_tag: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    paths = spec.data.get("paths")
    resolver = RefResolver(spec)
    for path, item in sorted(paths.items()) if isinstance(paths, dict) else ():
        try:  # a path item by `$ref`: its operations stand where it leads
            target, item_pointer = resolver.deref(item, pointer_join("/paths", path))
        except SpecError:
            continue  # the spec's checks say what is wrong with it
        for method, op in operations(target):
            pointer = pointer_join(item_pointer, method)
            if isinstance(op.get("operationId"), str):
                by_id[op["operationId"]] = (pointer, op)
            by_pointer[pointer_join("/paths", path, method)] = op
            tags = op.get("tags")
            if isinstance(tags, list) and tags and isinstance(tags[0], str):
                by_tag.setdefault(tags[0], []).append((pointer, op))
            else:  # an untagged operation's resource is its path's first segment that is no version
                segment = first_segment(path)
                if segment is not None:
                    by_tag.setdefault(segment, []).append((pointer, op))
    return by_id, by_pointer, by_tag
