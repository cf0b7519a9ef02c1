"""The structure of an OpenAPI 3.0 / 3.1 document, checked in one walk, every finding located.

What the generator reads must have the shape the standard gives it: each object's fields of
the right JSON type, its required fields present, parameters `in` a known place, paths from
`/`. A finding that leaves the spec usable is a warning (shown, and generation goes on); one that
does not is an error. Decided per kind, for what real specs hold:

- warnings: a boolean `exclusiveMinimum`/`exclusiveMaximum` in a 3.1 document (3.0's form, read as
  3.0 meant it), duplicate names in `required` (read once), 2019-09's `$recursiveAnchor` and
  `$recursiveRef: "#"` (read as a reference to the component they stand in), a `default` its own
  schema refuses (defaults are only shown in docstrings), a response without a description, a
  `false` schema where a value's type is read (a property's, an item's: no value passes it; read
  as any value);
- errors: anything else the standard refuses where the generator reads it.

(This replaced openapi-spec-validator in the pipeline: on the upstream OpenAI file it takes 21 s
and reports findings relative to sub-schemas, without their place. It stays a test oracle.)
"""

from __future__ import annotations

from typing import Any, Callable

from ..errors import Problem, pointer_join
from .loading import LoadedSpec
from .prechecks import JSON_TYPES, SCHEMA_MAP
from .refs import HTTP_METHODS

Check = Callable[["_Walk", Any, str], None]


class _Walk:
    def __init__(self, spec: LoadedSpec, version: str) -> None:
        self.spec = spec
        self.version = version  # "3.0" or "3.1"
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []

    def error(self, pointer: str, message: str) -> None:
        self.errors.append(self.spec.problem(pointer, message))

    def warn(self, pointer: str, message: str) -> None:
        self.warnings.append(self.spec.problem(pointer, message))

    # ---- the JSON types of fields ----

    def kind(self, value: Any, pointer: str, expected: type | tuple[type, ...], what: str) -> bool:
        if isinstance(value, bool) and bool not in (expected if isinstance(expected, tuple) else (expected,)):
            ok = False
        else:
            ok = isinstance(value, expected)
        if not ok:
            self.error(pointer, f"must be {what}, not {_shown(value)}")
        return ok

    def fields(self, node: Any, pointer: str, spec: dict[str, tuple[Check, bool]], what: str) -> None:
        """An object: its known fields checked, the required ones present (others are allowed)."""
        if not self.kind(node, pointer, dict, f"a mapping ({what})"):
            return
        for name, (check, required) in spec.items():
            if name in node:
                check(self, node[name], pointer_join(pointer, name))
            elif required:
                self.error(pointer, f"{what} needs `{name}`")


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# ---- field checks ----


def text(walk: _Walk, value: Any, pointer: str) -> None:
    walk.kind(value, pointer, str, "text")


def flag(walk: _Walk, value: Any, pointer: str) -> None:
    walk.kind(value, pointer, bool, "true or false")


def data(walk: _Walk, value: Any, pointer: str) -> None:
    """An example, an extension: any JSON, never read as schema."""


def listing(item: Check, what: str) -> Check:
    def check(walk: _Walk, value: Any, pointer: str) -> None:
        if walk.kind(value, pointer, list, f"a list ({what})"):
            for index, entry in enumerate(value):
                item(walk, entry, pointer_join(pointer, index))
    return check


def mapping(item: Check, what: str) -> Check:
    def check(walk: _Walk, value: Any, pointer: str) -> None:
        if walk.kind(value, pointer, dict, f"a mapping ({what})"):
            for key, entry in value.items():
                if not key.startswith("x-"):
                    item(walk, entry, pointer_join(pointer, key))
    return check


def ref_or(check: Check) -> Check:
    def either(walk: _Walk, value: Any, pointer: str) -> None:
        if isinstance(value, dict) and "$ref" in value:
            walk.kind(value["$ref"], pointer_join(pointer, "$ref"), str, "a reference (text)")
        else:
            check(walk, value, pointer)
    return either


def obj(what: str, spec: dict[str, tuple[Check, bool]], extra: Callable[[_Walk, Any, str], None] | None = None
        ) -> Check:
    def check(walk: _Walk, value: Any, pointer: str) -> None:
        walk.fields(value, pointer, spec, what)
        if extra is not None and isinstance(value, dict):
            extra(walk, value, pointer)
    return check


def optional(check: Check) -> tuple[Check, bool]:
    return check, False


def required(check: Check) -> tuple[Check, bool]:
    return check, True


# ---- schemas ----


def value_schema(walk: _Walk, value: Any, pointer: str) -> None:
    """A schema that gives a value its type (a property's, an item's, a body's): there `false`, which no
    value passes, is read as any value, with a warning (codat's 3.1 spec has a property `false`)."""
    if value is False:
        walk.warn(pointer, "a `false` schema (no value is valid) is read as any value")
    schema(walk, value, pointer)


def schema(walk: _Walk, value: Any, pointer: str) -> None:
    if isinstance(value, bool):
        return  # true and false are schemas too (3.1); `value_schema` warns of a `false` one
    if not walk.kind(value, pointer, dict, "a schema (a mapping)"):
        return
    for key in ("$ref", "title", "description", "format", "pattern"):
        if key in value:
            text(walk, value[key], pointer_join(pointer, key))
    for key in SCHEMA_MAP:
        if key in value:
            mapping(value_schema if key == "properties" else schema, "schemas")(walk, value[key],
                                                                               pointer_join(pointer, key))
    for key in ("allOf", "anyOf", "oneOf", "prefixItems"):
        if key in value and walk.kind(value[key], pointer_join(pointer, key), list, "a list of schemas"):
            if not value[key] and key != "prefixItems":
                walk.error(pointer_join(pointer, key), "must list at least one schema")
            for index, member in enumerate(value[key]):
                value_schema(walk, member, pointer_join(pointer, key, index))
    for key in ("items", "additionalProperties", "not", "contains", "if", "then", "else", "propertyNames",
                "unevaluatedItems", "unevaluatedProperties"):
        if key in value:
            (value_schema if key == "items" else schema)(walk, value[key], pointer_join(pointer, key))
    for key in ("nullable", "readOnly", "writeOnly", "deprecated", "uniqueItems"):
        if key in value:
            flag(walk, value[key], pointer_join(pointer, key))
    for key in ("minimum", "maximum", "multipleOf"):
        if key in value:
            walk.kind(value[key], pointer_join(pointer, key), (int, float), "a number")
    for key in ("minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"):
        if key in value and walk.kind(value[key], pointer_join(pointer, key), int, "a whole number") \
                and value[key] < 0:
            walk.error(pointer_join(pointer, key), "must not be negative")
    _bounds(walk, value, pointer)
    _required(walk, value, pointer)
    _enum(walk, value, pointer)
    _discriminator(walk, value, pointer)
    _recursive(walk, value, pointer)
    if "default" in value:
        _default(walk, value, pointer)


def _bounds(walk: _Walk, value: dict[str, Any], pointer: str) -> None:
    for key in ("exclusiveMinimum", "exclusiveMaximum"):
        if key not in value:
            continue
        bound = value[key]
        at = pointer_join(pointer, key)
        if isinstance(bound, bool):
            if walk.version == "3.1":
                walk.warn(at, f"a boolean `{key}` is OpenAPI 3.0's form; in 3.1 it is the bound itself (read as 3.0 "
                              "meant it)")
        elif walk.version == "3.0":
            walk.kind(bound, at, bool, "true or false (in OpenAPI 3.0)")
        else:
            walk.kind(bound, at, (int, float), "a number")


def _required(walk: _Walk, value: dict[str, Any], pointer: str) -> None:
    if "required" not in value:
        return
    at = pointer_join(pointer, "required")
    if isinstance(value["required"], bool):
        walk.error(at, "must be a list of property names (a `required: true` flag belongs on a parameter)")
        return
    if walk.kind(value["required"], at, list, "a list of property names"):
        names = value["required"]
        for index, name in enumerate(names):
            walk.kind(name, pointer_join(at, index), str, "a property name")
        repeated = sorted({n for n in names if isinstance(n, str) and names.count(n) > 1})
        if repeated:
            walk.warn(at, f"names {', '.join(map(repr, repeated))} more than once (each is read once)")


def _enum(walk: _Walk, value: dict[str, Any], pointer: str) -> None:
    if "enum" in value and walk.kind(value["enum"], pointer_join(pointer, "enum"), list, "a list of values") \
            and not value["enum"]:
        walk.error(pointer_join(pointer, "enum"), "must list at least one value")


def _discriminator(walk: _Walk, value: dict[str, Any], pointer: str) -> None:
    if "discriminator" in value:
        obj("a discriminator", {"propertyName": required(text), "mapping": optional(mapping(text, "references"))})(
            walk, value["discriminator"], pointer_join(pointer, "discriminator"))


def _recursive(walk: _Walk, value: dict[str, Any], pointer: str) -> None:
    if "$recursiveAnchor" in value:
        walk.warn(pointer_join(pointer, "$recursiveAnchor"), "`$recursiveAnchor` is JSON Schema 2019-09's; "
                  "its `$recursiveRef: \"#\"` is read as a reference to this component")
    if "$recursiveRef" in value and value["$recursiveRef"] != "#":
        walk.error(pointer_join(pointer, "$recursiveRef"), "only `$recursiveRef: \"#\"` (the component itself) is "
                                                           "understood")


def _default(walk: _Walk, value: dict[str, Any], pointer: str) -> None:
    """A default its own schema refuses (by type or by enum) is shown but not trusted."""
    default = value["default"]
    kinds = value.get("type")
    kinds = [kinds] if isinstance(kinds, str) else kinds if isinstance(kinds, list) else []
    expected = [JSON_TYPES[k] for k in kinds if k in JSON_TYPES]
    nullable = value.get("nullable") is True or "null" in kinds
    wrong_type = expected and not (default is None and nullable) and not any(
        isinstance(default, t) and not (isinstance(default, bool) and t in (int, (int, float))) for t in expected)
    enum = value.get("enum")
    not_listed = isinstance(enum, list) and default not in enum and not (default is None and nullable)
    if wrong_type or not_listed:
        why = "is not one of its `enum` values" if not_listed else f"is not of its type {value.get('type')!r}"
        walk.warn(pointer_join(pointer, "default"), f"the default {_shown(default)} {why} (it is only documented)")


# ---- the document ----

server = obj("a server", {"url": required(text), "description": optional(text),
                          "variables": optional(mapping(obj("a server variable", {"default": required(text)}),
                                                        "server variables"))})


def _parameter_extra(walk: _Walk, value: dict[str, Any], pointer: str) -> None:
    where = value.get("in")
    if isinstance(where, str) and where not in ("query", "header", "path", "cookie"):
        walk.error(pointer_join(pointer, "in"), f"must be query, header, path or cookie, not {where!r}")
    if where == "path" and value.get("required") is not True:
        walk.error(pointer, "a path parameter must have `required: true`")
    if "schema" not in value and "content" not in value:
        walk.error(pointer, "a parameter needs a `schema` (or `content`)")


def _media_types(walk: _Walk, value: Any, pointer: str) -> None:
    mapping(media_type, "media types")(walk, value, pointer)


def media_type(walk: _Walk, value: Any, pointer: str) -> None:
    obj("a media type", {"schema": optional(value_schema), "example": optional(data), "examples": optional(data),
                         "encoding": optional(mapping(obj("an encoding", {"contentType": optional(text),
                                                                          "headers": optional(data)}),
                                                      "encodings"))})(walk, value, pointer)


header = obj("a header", {"description": optional(text), "required": optional(flag), "schema": optional(value_schema),
                          "content": optional(_media_types)})
parameter = obj("a parameter", {"name": required(text), "in": required(text), "description": optional(text),
                                "required": optional(flag), "deprecated": optional(flag),
                                "schema": optional(value_schema),
                                "content": optional(_media_types), "example": optional(data),
                                "examples": optional(data)}, _parameter_extra)
request_body = obj("a request body", {"description": optional(text), "content": required(_media_types),
                                      "required": optional(flag)})


def response(walk: _Walk, value: Any, pointer: str) -> None:
    obj("a response", {"description": optional(text), "headers": optional(mapping(ref_or(header), "headers")),
                       "content": optional(_media_types), "links": optional(data)})(walk, value, pointer)
    if isinstance(value, dict) and "description" not in value:
        walk.warn(pointer, "a response should have a `description`")


def responses(walk: _Walk, value: Any, pointer: str) -> None:
    if not walk.kind(value, pointer, dict, "a mapping of status codes to responses"):
        return
    for code, entry in value.items():
        key = str(code)
        if key.startswith("x-"):
            continue
        if not (key == "default" or (len(key) == 3 and key[0] in "12345" and all(c.isdigit() or c in "Xx"
                                                                                   for c in key[1:]))):
            walk.error(pointer_join(pointer, key), f"{key!r} is not a status code (200, 4XX or default)")
        ref_or(response)(walk, entry, pointer_join(pointer, key))


def operation(walk: _Walk, value: Any, pointer: str) -> None:
    obj("an operation", {
        "tags": optional(listing(text, "tag names")), "summary": optional(text), "description": optional(text),
        "operationId": optional(text), "parameters": optional(listing(ref_or(parameter), "parameters")),
        "requestBody": optional(ref_or(request_body)), "responses": (responses, walk.version == "3.0"),
        # a callback is a Callback object or a `$ref` to one (peertube's), each expression's a path item
        "callbacks": optional(mapping(ref_or(mapping(ref_or(path_item), "path items")), "callbacks")),
        "deprecated": optional(flag), "security": optional(data), "servers": optional(listing(server, "servers")),
    })(walk, value, pointer)


def path_item(walk: _Walk, value: Any, pointer: str) -> None:
    spec: dict[str, tuple[Check, bool]] = {method: optional(operation) for method in HTTP_METHODS}
    spec.update({"$ref": optional(text), "summary": optional(text), "description": optional(text),
                 "servers": optional(listing(server, "servers")),
                 "parameters": optional(listing(ref_or(parameter), "parameters"))})
    obj("a path item", spec)(walk, value, pointer)


def paths(walk: _Walk, value: Any, pointer: str) -> None:
    if not walk.kind(value, pointer, dict, "a mapping of paths to path items"):
        return
    for path, item in value.items():
        if path.startswith("x-"):
            continue
        at = pointer_join(pointer, path)
        if not path.startswith("/"):
            walk.error(at, f"a path must start with `/`, not {path!r}")
        path_item(walk, item, at)


components = obj("components", {
    "schemas": optional(mapping(value_schema, "schemas")),
    "responses": optional(mapping(ref_or(response), "responses")),
    "parameters": optional(mapping(ref_or(parameter), "parameters")),
    "requestBodies": optional(mapping(ref_or(request_body), "request bodies")),
    "headers": optional(mapping(ref_or(header), "headers")),
    "pathItems": optional(mapping(ref_or(path_item), "path items")),
    "examples": optional(data), "securitySchemes": optional(data), "links": optional(data), "callbacks": optional(data),
})


def _version(walk: _Walk, value: Any, pointer: str) -> None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):  # YAML reads `version: 1.0` as a number
        walk.warn(pointer, f"the version is text in OpenAPI; quote it ({value!r} is read as {str(value)!r})")
    else:
        text(walk, value, pointer)


def document(walk: _Walk, value: Any, pointer: str) -> None:
    obj("the document", {
        "openapi": required(text),
        "info": required(obj("info", {"title": required(text), "version": required(_version),
                                      "description": optional(text), "summary": optional(text)})),
        "servers": optional(listing(server, "servers")),
        "paths": (paths, walk.version == "3.0"),
        "webhooks": optional(mapping(ref_or(path_item), "webhooks")),
        "components": optional(components),
        "tags": optional(listing(obj("a tag", {"name": required(text), "description": optional(text)}), "tags")),
        "security": optional(data), "externalDocs": optional(data), "jsonSchemaDialect": optional(text),
    })(walk, value, pointer)


def check_structure(spec: LoadedSpec, version: str) -> tuple[list[Problem], list[Problem]]:
    """The errors and the warnings of `spec`'s structure, each in the order the walk met them."""
    walk = _Walk(spec, version)
    document(walk, spec.data, "")
    return walk.errors, walk.warnings
