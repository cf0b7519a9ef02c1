"""The operations of a spec as typed, located nodes: what the IR reads instead of the raw document.

Parsed once, after the spec is loaded, bundled, selected and checked: each path item's
operations in path order, with every `$ref` to a parameter, request body or response resolved,
the path item's parameters merged in (an operation's own replaces one of the same name and
place, as OpenAPI says), each media type with its schema and its `encoding`, and each node
carrying the JSON pointer it stands at (its file and line come from the loaded spec). Schemas
are `spec.schemas.Schema` nodes, which `ir/types.py` turns into types. A node that cannot be read
is a located problem, returned beside the nodes that can.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping

from ..errors import Problem, SpecError, pointer_join
from .loading import LoadedSpec
from .refs import RefResolver, operations
from .schemas import Schema, SchemaGraph
from .security import Requirements, needs_no_key, requirements, scopes

# The `style` values OpenAPI defines; another one is ignored (the place's default applies).
STYLES = frozenset({"form", "simple", "label", "matrix", "spaceDelimited", "pipeDelimited", "deepObject"})
LOCATIONS = ("path", "query", "header", "cookie")
_MEDIA_TYPE = re.compile(r"[\w.+-]+/[\w.+*-]+", re.ASCII)  # `application/json`; nothing a header could not carry


@dataclass(frozen=True)
class Encoding:
    """How one field of a form is written: OpenAPI's `style` ("" for the default) and `explode`, and
    for a multipart part its `contentType` (the first one given; "" for the default)."""

    style: str
    explode: bool | None
    content_type: str = ""


@dataclass(frozen=True)
class MediaType:
    name: str  # `application/json`
    schema: Schema | None  # None when the spec gives none
    schema_pointer: str  # where it stands, or would
    encoding: Mapping[str, Encoding]


@dataclass(frozen=True)
class Parameter:
    name: str
    location: str  # one of LOCATIONS
    required: bool  # always for a path parameter
    description: str
    style: str  # "" for the place's default; "json" for one given by `content` in a JSON media type
    explode: bool | None  # None for the style's default
    schema: Schema
    pointer: str


@dataclass(frozen=True)
class RequestBody:
    pointer: str  # where it stands once its `$ref` is followed
    content: tuple[MediaType, ...]


@dataclass(frozen=True)
class Response:
    status: str  # `200`, `2XX`, `default`
    pointer: str
    content: tuple[MediaType, ...]


@dataclass(frozen=True)
class OperationNode:
    path: str
    method: str  # lower case: `post`
    pointer: str  # `/paths/~1images~1generations/post`
    operation_id: str
    tags: tuple[str, ...]
    summary: str
    description: str
    deprecated: bool
    extensions: Mapping[str, Any]  # its `x-...` keys, as given
    parameters: tuple[Parameter, ...]
    request_body: RequestBody | None
    responses: tuple[Response, ...]  # in status order
    security: Requirements | None  # its own `security` (None: the document's applies)
    keyless: bool  # callable without a key: its security (or else the document's) allows none
    scopes: Mapping[str, tuple[str, ...]]  # the scopes its security (or else the document's) lists, by scheme


@dataclass(frozen=True)
class DocumentInfo:
    """What the document says of itself: `info` and the first server."""

    title: str
    version: str
    extensions: Mapping[str, Any]  # the `x-...` keys of `info`, as given
    server_url: str | None  # the first server's `url`, its variables at their defaults


def parse_info(spec: LoadedSpec) -> DocumentInfo:
    info = spec.data.get("info")
    info = info if isinstance(info, dict) else {}
    servers = spec.data.get("servers")
    server = servers[0] if isinstance(servers, list) and servers and isinstance(servers[0], dict) else {}
    url = server.get("url")
    if isinstance(url, str) and isinstance(server.get("variables"), dict):
        # `https://{region}.api.example.com`: each variable at its `default`, which OpenAPI requires
        for name, variable in server["variables"].items():
            default = variable.get("default") if isinstance(variable, dict) else None
            if isinstance(default, (str, int, float)) and not isinstance(default, bool):
                url = url.replace("{" + str(name) + "}", str(default))
    return DocumentInfo(
        title=str(info.get("title", "")),
        version=str(info.get("version", "0.0.0")),
        extensions={key: value for key, value in info.items() if isinstance(key, str) and key.startswith("x-")},
        server_url=url if isinstance(url, str) else None,
    )


def parse_operations(spec: LoadedSpec, graph: SchemaGraph) -> tuple[list[OperationNode], list[Problem]]:
    """Every operation of `spec` as a node (its schemas from `graph`), and the problems of those
    that cannot be read."""
    resolver = graph.resolver
    paths: dict[str, Any] = spec.data["paths"] if isinstance(spec.data.get("paths"), dict) else {}
    nodes: list[OperationNode] = []
    problems: list[Problem] = []
    document_security = spec.data.get("security")
    for path in sorted(paths):
        try:  # a path item may be a `$ref` (to `components/pathItems`, say): its operations stand there
            item, item_pointer = resolver.deref(paths[path], pointer_join("/paths", path))
        except SpecError as exc:
            problems.extend(exc.problems)
            continue
        for method, op in operations(item):
            try:
                nodes.append(_operation(resolver, graph, path, method, op, item, item_pointer, document_security))
            except SpecError as exc:
                problems.extend(exc.problems)
    return nodes, problems


def _operation(resolver: RefResolver, graph: SchemaGraph, path: str, method: str, op: dict[str, Any],
               item: dict[str, Any], item_pointer: str, document_security: Any) -> OperationNode:
    pointer = pointer_join(item_pointer, method)
    shared = _parameters(resolver, graph, item.get("parameters"), pointer_join(item_pointer, "parameters"))
    own = _parameters(resolver, graph, op.get("parameters"), pointer_join(pointer, "parameters"))
    merged = {(p.location, p.name): p for p in [*shared, *own]}  # the operation's own replaces the path item's
    tags = op.get("tags")
    security = requirements(op.get("security"))
    return OperationNode(
        path=path,
        method=method,
        pointer=pointer,
        operation_id=str(op.get("operationId") or ""),
        tags=tuple(t for t in tags if isinstance(t, str)) if isinstance(tags, list) else (),
        summary=str(op.get("summary") or ""),
        description=str(op.get("description") or ""),
        deprecated=op.get("deprecated") is True,
        extensions={key: value for key, value in op.items() if isinstance(key, str) and key.startswith("x-")},
        parameters=tuple(merged.values()),
        request_body=_request_body(resolver, graph, op.get("requestBody"), pointer_join(pointer, "requestBody")),
        responses=_responses(resolver, graph, op.get("responses"), pointer_join(pointer, "responses")),
        security=security,
        keyless=needs_no_key(security, requirements(document_security)),
        scopes=scopes(op.get("security"), document_security),
    )


def _parameters(resolver: RefResolver, graph: SchemaGraph, raw: Any, pointer: str) -> list[Parameter]:
    if not isinstance(raw, list):
        return []
    found = []
    for i, entry in enumerate(raw):
        node, at = resolver.deref(entry, pointer_join(pointer, i))
        if not isinstance(node, dict) or node.get("in") not in LOCATIONS:
            continue  # the structure checks have said what is wrong with it
        schema, schema_at, style = node.get("schema", {}), pointer_join(at, "schema"), _style(node)
        content = node.get("content")
        if "schema" not in node and isinstance(content, dict) and content:
            # OpenAPI's other form: the value is a document of the (one) media type named
            media_type = sorted(content)[0]
            entry = content[media_type] if isinstance(content[media_type], dict) else {}
            schema, schema_at = entry.get("schema", {}), pointer_join(at, "content", media_type, "schema")
            style = "json" if is_json_media(media_type) else ""
        found.append(Parameter(
            name=str(node.get("name")),
            location=str(node["in"]),
            required=node.get("required") is True or node["in"] == "path",
            description=str(node.get("description") or ""),
            style=style,
            explode=_explode(node),
            schema=graph.parse(schema, schema_at),
            pointer=at,
        ))
    return found


def is_media_type(name: str) -> bool:
    """Whether `name` is a media type a header can carry (`image/png`, `*/*`), not a spec's slip (`""`, `json`)."""
    return _MEDIA_TYPE.fullmatch(name) is not None


def is_json_media(media_type: str) -> bool:
    """`application/json` and its kin (`application/merge-patch+json`)."""
    return media_type == "application/json" or media_type.endswith("+json")


def _content(graph: SchemaGraph, content: Any, pointer: str) -> tuple[MediaType, ...]:
    if not isinstance(content, dict):
        return ()
    found = []
    for name in sorted(content):
        entry = content[name] if isinstance(content[name], dict) else {}
        encoding: dict[str, Any] = entry["encoding"] if isinstance(entry.get("encoding"), dict) else {}
        at = pointer_join(pointer, name, "schema")
        found.append(MediaType(
            name=name,
            schema=graph.parse(entry["schema"], at) if entry.get("schema") is not None else None,
            schema_pointer=at,
            encoding={field: Encoding(_style(value), _explode(value), _content_type(value))
                      for field, value in encoding.items()},
        ))
    return tuple(found)


def _request_body(resolver: RefResolver, graph: SchemaGraph, raw: Any, pointer: str) -> RequestBody | None:
    if raw is None:
        return None
    body, at = resolver.deref(raw, pointer)
    if not isinstance(body, dict) or not isinstance(body.get("content"), dict):
        return None
    return RequestBody(at, _content(graph, body["content"], pointer_join(at, "content")))


def _responses(resolver: RefResolver, graph: SchemaGraph, raw: Any, pointer: str) -> tuple[Response, ...]:
    if not isinstance(raw, dict):
        return ()
    found = []
    for status in sorted(raw, key=str):
        response, at = resolver.deref(raw[status], pointer_join(pointer, status))
        content = response.get("content") if isinstance(response, dict) else None
        found.append(Response(str(status), at, _content(graph, content, pointer_join(at, "content"))))
    return tuple(found)


def _style(node: Any) -> str:
    style = node.get("style") if isinstance(node, dict) else None
    return style if style in STYLES else ""


def _content_type(node: Any) -> str:
    """The first media type of an encoding's `contentType` (`image/png, image/jpeg`), if it is one."""
    given = node.get("contentType") if isinstance(node, dict) else None
    first = given.split(",")[0].strip() if isinstance(given, str) else ""
    return first if _MEDIA_TYPE.fullmatch(first) else ""


def _explode(node: Any) -> bool | None:
    explode = node.get("explode") if isinstance(node, dict) else None
    return explode if isinstance(explode, bool) else None
