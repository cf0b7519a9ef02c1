"""Build the IR (`ir.Api`) from a loaded, validated spec.

Grouping and naming rules (also in README.md):
- an operation belongs to the resource named after its first tag (`Images` →
  `client.images`); an untagged one to its path's first segment (`/images/edits` → images);
- its method name is `x-python-method-name` when given, else the name the official SDK
  uses for a well-known operationId (KNOWN_METHOD_NAMES), else its operationId in
  snake_case, else `<http method>_<path words>`;
- resources, operations, parameters and models are sorted, so re-ordering the spec's
  mappings never changes the output: parameters required-first, then alphabetically.
"""

from __future__ import annotations

import dataclasses
import itertools
import keyword
import re
from urllib.parse import urlsplit

from ..config import PARAMETER_NAMES_EXTENSION, RESOURCE_EXTENSION
from ..errors import GeneratorBug, Problem, SpecError, pointer_join, pointer_parts
from ..options import (
    CLIENT_NAME_EXTENSION,
    DEFAULT_BASE_URL,
    DEFAULT_CLIENT_NAME,
    DEFAULT_ENV_PREFIX,
    ENV_PREFIX_EXTENSION,
    Options,
)
from ..spec.loading import LoadedSpec
from ..spec.model import (
    DocumentInfo,
    MediaType,
    OperationNode,
    Parameter,
    RequestBody,
    Response,
    is_json_media,
    is_media_type,
    parse_info,
    parse_operations,
)
from ..spec.refs import HTTP_METHODS, schema_name
from ..spec.schemas import Schema, SchemaGraph
from ..spec.security import Credential, parse_credential
from ..text import clean_text, python_literal
from .bodies import BodyKind, body_kind, supported_media_types
from .helpers import with_helpers
from .naming import (
    CLIENT_ATTRIBUTES,
    METHOD_ARGUMENTS,
    RESOURCE_ATTRIBUTES,
    RESOURCE_MODULE_NAMES,
    SETTING_RESERVED,
    class_name,
    client_class_from_title,
    env_prefix_from_class,
    env_prefix_from_title,
    field_name,
    first_segment,
    method_from_operation,
    singular_words,
    snake_name,
    words,
)
from .nodes import (
    Api,
    ClientSetting,
    EnvNames,
    FileUpload,
    KeyPlacement,
    LiteralOf,
    Model,
    ModelField,
    NamedType,
    Operation,
    Param,
    Primitive,
    Resource,
    TypeExpr,
    UnionOf,
)
from .pages import with_pages
from .types import (
    NONE,
    NamedSchema,
    SchemaShapes,
    TypeConverter,
    accepts_bool,
    allof_conflicts,
    constraints_of,
    file_kind,
    is_named_inline,
    is_object_schema,
    object_properties,
    union,
    union_parts,
)

METHOD_NAME_EXTENSION = "x-python-method-name"
# operationIds whose Python names the official SDK fixed; a spec can always override.
KNOWN_METHOD_NAMES = {
    "createImage": "generate",
    "createImageEdit": "edit",
    "createImageVariation": "create_variation",
}
JSON = "application/json"
SSE = "text/event-stream"


def build_api(spec: LoadedSpec, options: Options) -> tuple[Api, list[Problem]]:
    """The IR of a spec, and its warnings (what is wrong but leaves it usable), each once, in the
    order met. When two schemas would share a class name, a second build names them apart (the
    first only finds the clashes; see `TypeConverter.clash_renames`); both read the schemas and
    operations parsed once."""
    graph = SchemaGraph(spec)
    nodes, problems = parse_operations(spec, graph)
    # `warnings` gathers every round's too: a round after a clash meets the earlier ones again
    credential, warnings = parse_credential(spec, [node.security for node in nodes])
    nodes = [_without_credential(node, credential) for node in nodes]
    shapes = SchemaShapes.of(graph)
    renamed: dict[str, str] = {}
    for _ in range(4):  # a rename can clash again with a name met later: a few rounds settle it
        builder = _Builder(spec, options, renamed, graph, nodes, list(problems), shapes, warnings, credential)
        api = builder.build()
        more = builder.types.clash_renames()
        if not more:
            return api, list(dict.fromkeys(warnings))
        renamed.update(more)
    raise GeneratorBug(f"class names still clash after renaming: {sorted(builder.types.clashes)}")


def _without_credential(node: OperationNode, credential: Credential) -> OperationNode:
    """`node` without the parameters that are the client's key (an `api_key` query parameter
    beside an apiKey scheme of that name): the client sends it, so no method asks for it."""
    kept = tuple(p for p in node.parameters if not credential.takes_parameter(p.location, p.name))
    return node if len(kept) == len(node.parameters) else dataclasses.replace(node, parameters=kept)


def _key_placement(credential: Credential, nodes: list[OperationNode]) -> KeyPlacement:
    """Where the key goes, and which operations need it (the others' `security` allows none)."""
    keyless = [node.keyless for node in nodes]
    needed_by = "all"
    if credential.is_a_key and any(keyless):
        needed_by = "none" if all(keyless) else "some"
    return KeyPlacement(credential.place, credential.name, needed_by)


class _Builder:
    def __init__(self, spec: LoadedSpec, options: Options, renamed: dict[str, str], graph: SchemaGraph,
                 nodes: list[OperationNode], problems: list[Problem], shapes: SchemaShapes,
                 warnings: list[Problem], credential: Credential) -> None:
        self.spec = spec
        self.credential = credential
        self.options = options
        self.graph = graph
        self.nodes, self.problems, self.warnings = nodes, problems, warnings
        self.operation_classes = self._operation_class_names()
        self.chosen_methods: set[tuple[str, str]] = set()  # (path, method) of names the spec chose
        self.chosen_resources: set[str] = set()  # resources the spec (or the configuration) named
        self.parameter_names = {p.pointer: p.name for node in self.nodes for p in node.parameters}
        self.types = TypeConverter(graph, shapes, self._inline_name, renamed, warnings)
        self.key = _key_placement(credential, nodes)

    # ---- top level ----

    def build(self) -> Api:
        operations = self._operations()
        models = self._models()
        operations = with_pages(operations, models, self.nodes, self.spec, self.problems)
        resources = self._resources(operations, {m.name for m in models})
        info = parse_info(self.spec)
        client_name = self._client_name(info)
        env_prefix = self._env_prefix(info, client_name)
        base_url = self._base_url(info)
        self.problems.extend(self.types.problems)
        if self.problems:
            raise SpecError(self.problems)
        return Api(
            title=clean_text(info.title),
            version=clean_text(info.version),
            package=self.options.package,
            client_name=client_name,
            env=EnvNames.with_prefix(env_prefix),
            base_url=base_url,
            key=self.key,
            resources=resources,
            models=models,
            settings=self._settings(env_prefix, is_openai(base_url), {r.attr_name for r in resources}),
        )

    def _settings(self, env_prefix: str, openai: bool, taken: set[str]) -> tuple[ClientSetting, ...]:
        """What the client sends beside the key: OpenAI's organization and project (for OpenAI's
        server), and each apiKey the spec's security asks for with the key, as an argument named
        after its scheme (`clientId` → `client_id`, read from `PREFIX_CLIENT_ID`)."""
        settings = [ClientSetting("organization", f"{env_prefix}_ORG_ID", "header", "OpenAI-Organization", False),
                    ClientSetting("project", f"{env_prefix}_PROJECT_ID", "header", "OpenAI-Project", False)
                    ] if openai else []
        taken |= CLIENT_ATTRIBUTES | SETTING_RESERVED | {s.name for s in settings}
        for partner in self.credential.also:
            name = snake_name(partner.scheme or partner.name, reserved=frozenset(taken))
            while name in taken:
                name += "_"
            taken.add(name)
            settings.append(ClientSetting(name, f"{env_prefix}_{name.upper()}", partner.place, partner.name, True))
        return tuple(settings)

    def _client_name(self, info: DocumentInfo) -> str:
        default = client_class_from_title(info.title) or DEFAULT_CLIENT_NAME
        name = self._setting(info, self.options.client_name, CLIENT_NAME_EXTENSION, default)
        if not (isinstance(name, str) and name.isascii() and name.isidentifier() and name[0].isupper()):
            self._bad_setting(CLIENT_NAME_EXTENSION, "--client-name", self.options.client_name,
                              f"the client class name must be a capitalised identifier, not {name!r}")
        return str(name)

    def _env_prefix(self, info: DocumentInfo, client_name: str) -> str:
        default = env_prefix_from_title(info.title) or env_prefix_from_class(client_name) or DEFAULT_ENV_PREFIX
        prefix = self._setting(info, self.options.env_prefix, ENV_PREFIX_EXTENSION, default)
        if not (isinstance(prefix, str) and re.fullmatch(r"[A-Z][A-Z0-9_]*", prefix)):
            self._bad_setting(ENV_PREFIX_EXTENSION, "--env-prefix", self.options.env_prefix,
                              f"the environment prefix must be capitals, digits and _, like OPENAI, not {prefix!r}")
        return str(prefix)

    @staticmethod
    def _setting(info: DocumentInfo, option: str | None, extension: str, default: str) -> object:
        """The command-line option if given, else the spec's `info` extension, else the default."""
        return option if option is not None else info.extensions.get(extension, default)

    def _bad_setting(self, extension: str, flag: str, option: str | None, message: str) -> None:
        where = "" if option is not None else pointer_join("/info", extension)
        self.problems.append(self.spec.problem(where, f"{flag}: {message}" if option is not None else message))

    def warn(self, pointer: str, message: str) -> None:
        self.warnings.append(self.spec.problem(pointer, message))

    @staticmethod
    def _base_url(info: DocumentInfo) -> str:
        """The first server's URL when it is absolute (`https://...`) and whole (no variable left
        without a default), else the default."""
        url = info.server_url
        return url if url is not None and re.match(r"https?://[^{}]*$", url) else DEFAULT_BASE_URL

    # ---- names of inline schemas ----

    def _operation_class_names(self) -> dict[tuple[str, str], str]:
        """The stem of class names for an operation's inline schemas: its operationId, in PascalCase."""
        return {(node.path, node.method): class_name(node.operation_id if words(node.operation_id)
                                                     else f"{node.method} {node.path}") for node in self.nodes}

    def _inline_name(self, pointer: str) -> str:
        """The class name of an inline schema, from where it stands: the component or operation
        it is part of, then each step inward (`properties/tags/items` → `TagsItem`)."""
        parts = pointer_parts(pointer)
        if parts[:2] == ["components", "schemas"] and len(parts) > 2:
            base, i = self.types.component_names.get(parts[2], class_name(parts[2])), 3
        elif parts[:1] == ["components"] and len(parts) > 2:  # parameters, requestBodies, responses...
            base, i = class_name(parts[2]), 3
        elif parts[:1] == ["paths"] and len(parts) > 2 and (parts[1], parts[2]) in self.operation_classes:
            base, i = self.operation_classes[(parts[1], parts[2])], 3
        else:
            base, i = "", 0
        stem: list[str] = []
        while i < len(parts):
            part, following = parts[i], parts[i + 1] if i + 1 < len(parts) else ""
            if part == "content":  # content/{media type}/schema: the media type is no part of a name
                i += 3
            elif part in ("schema", "requestBody", "allOf"):  # a body's fields are arguments; allOf merges
                i += 2 if part == "allOf" else 1
            elif part == "responses":
                stem.append("Response")
                i += 2
            elif part == "parameters":
                stem.append(class_name(self.parameter_names.get(pointer_join("", *parts[: i + 2]), following)))
                i += 2
            elif part in ("properties", "patternProperties", "$defs", "definitions"):
                stem.append(class_name(following) if part == "properties" else "Value")
                i += 2
            elif part in ("anyOf", "oneOf"):
                union = self.graph.at(pointer_join("", *parts[:i]))
                members = union.any_of if part == "anyOf" else union.one_of
                named = [m for m in members or () if is_named_inline(m)]
                if len(named) > 1:  # the one named member (of `X | None`, `str | Literal[...]`) is the union's
                    stem.append(f"Variant{int(following) + 1}" if following.isdigit() else "Variant")
                i += 2
            else:
                stem.append({"items": "Item", "additionalProperties": "Value", "prefixItems": "Item"}.get(part)
                            or class_name(part))
                i += 1
        return (base + "".join(stem)) or "Model"

    # ---- operations ----

    def _operations(self) -> list[tuple[str, Operation]]:
        """Every operation with the resource it belongs to."""
        found: list[tuple[str, Operation]] = []
        for node in self.nodes:
            try:
                found.append((self._resource_of(node), self._operation(node)))
            except SpecError as exc:
                self.problems.extend(exc.problems)
        return found

    def _resource_of(self, node: OperationNode) -> str:
        chosen = node.extensions.get(RESOURCE_EXTENSION)
        if isinstance(chosen, str) and words(chosen):
            self.chosen_resources.add(chosen)
            return chosen
        if node.tags and words(node.tags[0]):
            return node.tags[0]
        segment = first_segment(node.path)
        return segment if segment is not None else "default"

    def _method_name(self, node: OperationNode) -> str:
        override = node.extensions.get(METHOD_NAME_EXTENSION)
        if override is not None:
            if not isinstance(override, str) or not override.isidentifier() or override.startswith("_"):
                raise SpecError([self.spec.problem(pointer_join(node.pointer, METHOD_NAME_EXTENSION),
                                                   "must be a public Python identifier")])
            self.chosen_methods.add((node.path, node.method))
            return override
        if node.operation_id in KNOWN_METHOD_NAMES:
            self.chosen_methods.add((node.path, node.method))
            return KNOWN_METHOD_NAMES[node.operation_id]
        if words(node.operation_id):
            return snake_name(node.operation_id)
        return snake_name(node.method + " " + node.path)

    def _operation(self, node: OperationNode) -> Operation:
        params = self._path_template(node, self._parameters(node.parameters))
        body, body_media, body_params = self._request_body(node.request_body)
        params += body_params
        response, stream_event, binary_media = self._responses(node.responses)
        stream_param = None
        if stream_event is not None:
            stream_param = next((p.wire_name for p in body_params
                                 if p.wire_name == "stream" and accepts_bool(p.type)), None)
            if stream_param is None and binary_media:
                # A file or an event stream, and no boolean to choose (`/audio/speech`, whose `stream_format`
                # does): the answer is the file, as the official package's; it holds the events if asked so.
                stream_event = None
        params = self._chosen_names(params, node)
        params = self._names_apart(params, node.pointer)
        return Operation(
            operation_id=node.operation_id,
            method_name=self._method_name(node),
            http_method=node.method,
            path=node.path,
            summary=clean_text(node.summary),
            description=clean_text(node.description),
            deprecated=node.deprecated,
            body=body,
            params=_signature_order(params, node.path),
            response=response,
            stream_event=stream_event,
            stream_param=stream_param,
            binary_media=binary_media,
            body_media=body_media,
            keyless=node.keyless and self.key.needed_by == "some",
            scopes=node.scopes.get(self.credential.scheme, ()),
        )

    def _chosen_names(self, params: list[Param], node: OperationNode) -> list[Param]:
        """The Python names the configuration chose for arguments (`x-python-parameter-names`: wire
        name → name); a name that is no identifier, or a wire name no argument has, is a spec error."""
        chosen = node.extensions.get(PARAMETER_NAMES_EXTENSION)
        if chosen is None:
            return params
        where = pointer_join(node.pointer, PARAMETER_NAMES_EXTENSION)
        wires = {p.wire_name for p in params}
        if not isinstance(chosen, dict) or any(not isinstance(name, str) or not name.isidentifier()
                                               or name in METHOD_ARGUMENTS or keyword.iskeyword(name)
                                               for name in chosen.values()):
            raise SpecError([self.spec.problem(where, "must map wire names to Python identifiers that are no "
                                                      "keyword or per-call argument")])
        unknown = sorted(set(chosen) - wires)
        if unknown:
            raise SpecError([self.spec.problem(where, f"no argument is sent as {', '.join(map(repr, unknown))}")])
        return [dataclasses.replace(p, py_name=chosen[p.wire_name]) if p.wire_name in chosen else p for p in params]

    def _names_apart(self, params: list[Param], pointer: str) -> list[Param]:
        """The parameters with one Python name each. An operation's own parameter replaces the path
        item's of the same name and place (OpenAPI's rule). Then, where two still share a name, the
        one sent first in this order keeps it: path, query, header, body (within a place, one whose
        wire name is the Python name, then by wire name); another gets its place as a suffix
        (`ids_body`) when the name is taken elsewhere, else a number (`max_size_2`). A warning says so,
        and the method's docstring says how each renamed argument is sent."""
        unique = {(p.location, p.wire_name): p for p in params}
        taken: dict[str, str] = {}  # Python name → the place of the parameter that has it
        named = []
        for param in sorted(unique.values(), key=lambda p: (_SENT_ORDER[p.location], p.py_name != p.wire_name,
                                                            p.wire_name)):
            wanted = param.py_name
            if wanted in taken:
                elsewhere = [f"{wanted}_{param.location}"] if taken[wanted] != param.location else []
                candidates = itertools.chain(elsewhere, (f"{wanted}_{n}" for n in itertools.count(2)))
                name = next(c for c in candidates if c not in taken and c not in METHOD_ARGUMENTS)
                self.warn(pointer, f"the {param.location} parameter {param.wire_name!r} would be the Python "
                                   f"argument {wanted!r}, which another parameter is; it is {name!r}")
                param = dataclasses.replace(param, py_name=name)
            taken[param.py_name] = param.location
            named.append(param)
        return named

    def _parameters(self, nodes: tuple[Parameter, ...]) -> list[Param]:
        params = []
        for node in nodes:
            params.append(Param(
                wire_name=node.name,
                py_name=snake_name(node.name, reserved=METHOD_ARGUMENTS),
                location=node.location,  # type: ignore[arg-type]
                type=self.types.convert(node.schema),
                required=node.required,
                description=clean_text(node.description or node.schema.description),
                default=_default(node.schema),
                files="none",
                constraints=constraints_of(self.graph, node.schema),
                style=node.style or self._array_style(node),
                explode=True if self._array_style(node) else node.explode,
            ))
        return params

    def _path_template(self, node: OperationNode, params: list[Param]) -> list[Param]:
        """The parameters with the path's template and its path parameters made to agree, as
        OpenAPI requires and specs now and then forget: a `{name}` no parameter declares is a
        string argument (it was sent as the text `{name}`), and a path parameter the path does not
        hold is no argument (it went nowhere); each with a warning."""
        in_path = list(dict.fromkeys(re.findall(r"\{([^{}]+)\}", node.path)))
        declared = {p.wire_name for p in params if p.location == "path"}
        kept = []
        for param in params:
            if param.location == "path" and param.wire_name not in in_path:
                at = next(p.pointer for p in node.parameters if p.location == "path" and p.name == param.wire_name)
                self.warn(at, f"the path parameter {param.wire_name!r} is not in the path {node.path!r}: it is no "
                              "argument of the method")
            else:
                kept.append(param)
        for name in in_path:
            if name not in declared:
                self.warn(node.pointer, f"{{{name}}} in the path has no path parameter: it is a string argument "
                                        "of the method")
                kept.append(Param(wire_name=name, py_name=snake_name(name, reserved=METHOD_ARGUMENTS), location="path",
                                  type=Primitive("str"), required=True, description="", default=None, files="none"))
        return kept

    def _array_style(self, node: Parameter) -> str:
        """`brackets` for a query parameter the spec gives no style when the configuration asks for
        `ids[]=a&ids[]=b` (the runtime writes only lists so)."""
        brackets = self.options.config.query_array_format == "brackets"
        return "brackets" if brackets and node.location == "query" and not node.style else ""

    def _request_body(self, body: RequestBody | None) -> tuple[BodyKind | None, str, list[Param]]:
        """The body's kind, the Content-Type a body of bytes or of JSON other than `application/json`
        is sent with ("" for the others: the encoder's own), and its arguments."""
        if body is None:
            return None, "", []
        if not body.content:  # `content: {}` (just-eat's): nothing to send, nor any way to say what
            self.warn(pointer_join(body.pointer, "content"), "a request body with no media type: the method sends "
                      "no body (`extra_body` cannot add one either)")
            return None, "", []
        content = {media.name: media for media in body.content}
        found = body_kind(content)
        if found is None:
            raise SpecError([self.spec.problem(pointer_join(body.pointer, "content"), "no supported request content "
                                               f"type (supported: {supported_media_types()})")])
        kind, media_type = found
        media = content[media_type]
        if kind.name == "binary":  # one argument, its bytes: a file, an image, text
            if not is_media_type(media_type):
                self.warn(pointer_join(body.pointer, "content", media_type), f"{media_type!r} is not a media type "
                          "(type/subtype): the body is sent as bytes, as `application/octet-stream`")
            text = media_type.startswith("text/")
            described = media.schema.description if media.schema else ""
            return kind, _sent_media(media_type), [Param(wire_name="body", py_name="body", location="body",
                                type=UnionOf((FileUpload(), Primitive("str"))) if text else FileUpload(),
                                required=True, description=clean_text(described) or
                                f"The request body, sent as `{_sent_media(media_type)}`.",
                                default=None, files="none")]
        params = self._body_params(media, kind)
        if kind.name == "form":  # how each field of a form is written
            params = [dataclasses.replace(p, style=media.encoding[p.wire_name].style,
                                          explode=media.encoding[p.wire_name].explode)
                      if p.wire_name in media.encoding else p for p in params]
        if kind.name == "multipart":  # a field the spec gives a content type goes as one part of that type
            params = [dataclasses.replace(p, part_type=media.encoding[p.wire_name].content_type)
                      if p.wire_name in media.encoding and p.files == "none" else p for p in params]
        if kind.name == "json" and media_type != JSON:  # `merge-patch+json` and kin go as what they are
            return kind, media_type, params
        return kind, "", params

    def _body_params(self, media: MediaType, kind: BodyKind) -> list[Param]:
        node = self.graph.deref(media.schema) if media.schema is not None else None
        if node is None or not node.mapping:
            raise SpecError([self.spec.problem(node.pointer if node else media.schema_pointer,
                                               "a request body schema must be an object")])
        properties, required = object_properties(self.graph, node)
        params = []
        for wire_name, prop_schema in properties.items():
            resolved = self.graph.deref(prop_schema)
            if prop_schema.read_only or resolved.read_only:  # the server's (an id it assigns): not sent
                continue
            type_ = self.types.convert(prop_schema)
            params.append(Param(
                wire_name=wire_name,
                py_name=snake_name(wire_name, reserved=METHOD_ARGUMENTS),
                location="body",
                type=type_,
                required=wire_name in required,
                description=clean_text(self._describe(prop_schema)),
                default=_default(prop_schema) or _default(resolved),
                files=file_kind(type_) if kind.carries_files else "none",
                constraints=constraints_of(self.graph, prop_schema),
            ))
        return params

    def _describe(self, schema: Schema) -> str:
        """A schema's description; else that of what it refers to, or of its one non-null variant."""
        if schema.description or not schema.mapping:
            return schema.description
        if schema.ref is not None:
            return self._describe(self.graph.deref(schema))
        for members in (schema.any_of, schema.one_of):
            variants = [m for m in members or () if not m.is_null]
            if len(variants) == 1:
                return self._describe(variants[0])
        return ""

    def _responses(self, responses: tuple[Response, ...]) -> tuple[TypeExpr | None, TypeExpr | None, tuple[str, ...]]:
        """The JSON answer's type, the SSE event type of the first 2xx response, and the media types
        of an answer that is neither (a file, audio, an image, text: a `BinaryResponse`)."""
        success = [r for r in responses if r.status.startswith("2")]
        if not success:
            return self._default_answer(responses), None, ()
        json_type = stream_type = None
        others = []
        for media in success[0].content:
            if media.name == SSE:
                if media.schema is not None:
                    stream_type = self.types.convert(media.schema)
                else:  # events of no declared shape: the body, to read as it comes (`iter_lines()`)
                    others.append(media.name)
            elif is_json_media(media.name):
                if media.schema is not None:
                    json_type = self.types.convert(media.schema)
            else:  # a name that is no media type (`""`) accepts anything: `Accept: */*`
                others.append(media.name if is_media_type(media.name) else "*/*")
        return json_type, stream_type, tuple(dict.fromkeys(others)) if json_type is None else ()

    def _default_answer(self, responses: tuple[Response, ...]) -> TypeExpr | None:
        """With no 2xx response, `default` (every status not listed) describes the success too: its
        JSON, or None, since a spec that lists only `default` often means its errors there, and a
        success (a 204) may come without a body (the client returns None for an empty one)."""
        for response in responses:
            if response.status == "default":
                for media in response.content:
                    if is_json_media(media.name) and media.schema is not None:
                        return union([self.types.convert(media.schema), NONE])
        return None

    def _resources(self, operations: list[tuple[str, Operation]], model_names: set[str]) -> tuple[Resource, ...]:
        """The operations grouped into resources, named as people name them by hand: a tag's
        operations under its path segment when that is the tag's word in the plural (tag `Batch`,
        `/batches` → `client.batches`), each method without the resource's words when that leaves
        it a name of its own (`listBatches` → `client.batches.list()`)."""
        by_tag: dict[str, list[Operation]] = {}
        for resource, op in operations:
            by_tag.setdefault(resource, []).append(op)
        grouped: dict[str, list[Operation]] = {}
        for tag in sorted(by_tag):
            attr = tag if tag in self.chosen_resources else self._resource_attr(tag, by_tag[tag], by_tag)
            grouped.setdefault(snake_name(attr, reserved=CLIENT_ATTRIBUTES), []).extend(by_tag[tag])
        resources = []
        for attr in sorted(grouped):
            ops = self._short_methods(attr, grouped[attr])
            ops = sorted(self._methods_apart(attr, ops), key=lambda o: o.method_name)
            resources.append(Resource(attr_name=attr, class_name=_resource_class(attr, model_names), module_name=attr,
                                      operations=tuple(ops)))
        return tuple(resources)

    @staticmethod
    def _resource_attr(tag: str, ops: list[Operation], by_tag: dict[str, list[Operation]]) -> str:
        """The tag, or the path segment all its operations share when that is the tag in the plural
        (and no other tag is named so)."""
        segments = {first_segment(op.path) for op in ops}
        segment = segments.pop() if len(segments) == 1 else None
        if segment is None or segment == tag or segment in by_tag or singular_words(segment) != singular_words(tag):
            return tag
        return segment

    def _short_methods(self, attr: str, ops: list[Operation]) -> list[Operation]:
        """Each method named from its operationId without the resource's words, where that name is
        its own in the resource; the others keep their whole operationId."""
        chosen = {op.method_name for op in ops if (op.path, op.http_method) in self.chosen_methods}
        short = {id(op): method_from_operation(op.operation_id, attr, first_segment(op.path) or "") for op in ops
                 if (op.path, op.http_method) not in self.chosen_methods and words(op.operation_id)}
        counts: dict[str | None, int] = {}
        for name in short.values():
            counts[name] = counts.get(name, 0) + 1
        return [dataclasses.replace(op, method_name=short[id(op)])  # type: ignore[arg-type]
                if short.get(id(op)) and counts[short[id(op)]] == 1 and short[id(op)] not in chosen else op
                for op in ops]

    def _methods_apart(self, attr: str, ops: list[Operation]) -> list[Operation]:
        """One method name per operation of a resource: where two share one, the first by path and
        HTTP method keeps it and the next gets a number (`list_2`), with a warning."""
        taken: set[str] = set()
        named = []
        for op in sorted(ops, key=lambda o: (o.path, HTTP_METHODS.index(o.http_method))):
            if op.method_name in RESOURCE_ATTRIBUTES:  # `withRawResponse` would hide the resource's own
                op = dataclasses.replace(op, method_name=op.method_name + "_")
            name = op.method_name
            if name in taken:
                name = next(f"{op.method_name}_{n}" for n in itertools.count(2) if f"{op.method_name}_{n}" not in taken)
                self.warn(pointer_join("/paths", op.path, op.http_method),
                          f"operations of resource {attr!r} would both be the method {op.method_name!r}; this one "
                          f"is {name!r} ({METHOD_NAME_EXTENSION} names it otherwise)")
                op = dataclasses.replace(op, method_name=name)
            taken.add(name)
            named.append(op)
        return named

    # ---- models ----

    def _models(self) -> tuple[Model, ...]:
        """Every named schema the operations reach, and what those reach in turn."""
        done: dict[str, Model] = {}
        while self.types.pending:
            named = self.types.pending.pop(0)
            done[named.name] = self._model(named)
        for name, model in done.items():
            if model.discriminator is not None and not self._tags_usable(model, done):
                self.warn(model.pointer, f"the tag {model.discriminator!r} cannot tell this union's members apart "
                                         "(one does not require it as a fixed set of values, or two share a "
                                         "value), so the client tries each member in turn")
                done[name] = dataclasses.replace(model, discriminator=None)
        classes = frozenset(done)
        for name, model in done.items():  # a field named like a class would shadow it in annotations
            if any(f.py_name in classes for f in model.fields):
                fields = [dataclasses.replace(f, py_name=field_name(f.wire_name, classes)) if f.py_name in classes
                          else f for f in model.fields]
                done[name] = dataclasses.replace(model, fields=tuple(self._fields_apart(fields, model.pointer)))
        return with_helpers(tuple(done[name] for name in sorted(done)))

    @staticmethod
    def _tags_usable(model: Model, models: dict[str, Model]) -> bool:
        """Whether each member of a tagged union requires its tag as a Literal (what pydantic reads)."""
        members = model.alias_of.members if isinstance(model.alias_of, UnionOf) else (model.alias_of,)
        seen: set[object] = set()
        for member in members:
            target = models.get(member.name) if isinstance(member, NamedType) else None
            tag = next((f for f in target.fields if f.wire_name == model.discriminator), None) if target else None
            if tag is None or not tag.required or not isinstance(tag.type, LiteralOf):
                return False
            if seen & set(tag.type.values):  # two members with one tag value: the tag cannot tell them apart
                return False
            seen |= set(tag.type.values)
        return True

    def _model(self, named: NamedSchema) -> Model:
        node, at = named.schema, named.pointer
        description = clean_text(node.description)
        if is_object_schema(node):
            properties, required = object_properties(self.graph, node)
            for part in union_parts(self.graph, node):
                self.warn(part, f"this part of {named.name}'s allOf is a union (oneOf/anyOf): a class cannot be one "
                                "of its members, so their fields are kept with the model's extra values, untyped")
            for wire, earlier, later in allof_conflicts(self.graph, node):
                self.warn(later.pointer, f"the property {wire!r} of {named.name} is {self._types(later)} here and "
                                         f"{self._types(earlier)} at {earlier.pointer}: no value is both, and this "
                                         "type stands")
            if "" in properties:  # no attribute can read it; lenient parsing still keeps it (`model_extra`)
                self.warn(properties.pop("").pointer, "a property with an empty name is no field of the model; "
                                                     "its value is kept with the model's extra values")
            # a `writeOnly` property is the client's to send: an answer may leave it out, required or not
            fields = [ModelField(wire, field_name(wire), self.types.convert(prop),
                                 wire in required and not (prop.write_only or self.graph.deref(prop).write_only),
                                 clean_text(prop.description), constraints_of(self.graph, prop), prop.deprecated)
                      for wire, prop in properties.items()]
            fields.sort(key=lambda f: (not f.required, f.wire_name))
            fields = self._fields_apart(fields, at)
            return Model(named.name, at, "object", tuple(fields), None, None, description)
        # anything else is an alias: convert the schema itself, not the named type it is
        alias = self.types.convert_body(node)
        tag = node.discriminator
        if tag is not None:
            self._check_discriminator(node, tag)
        return Model(named.name, at, "alias", (), alias, tag, description)

    def _types(self, schema: Schema) -> str:
        """A schema's `type`, in words: `string` or `null`."""
        return " or ".join(f"`{name}`" for name in self.graph.deref(schema).types)

    def _fields_apart(self, fields: list[ModelField], pointer: str) -> list[ModelField]:
        """One attribute name per field: where two properties share one, the one whose wire name
        is the attribute keeps it (else the first by wire name) and the next gets a number
        (`total_2`), with a warning; each still reads and writes its own wire name."""
        taken: set[str] = set()
        renamed: dict[str, str] = {}
        for f in sorted(fields, key=lambda f: (f.py_name != f.wire_name, f.wire_name)):
            name = f.py_name
            if name in taken:
                name = next(f"{f.py_name}_{n}" for n in itertools.count(2) if f"{f.py_name}_{n}" not in taken)
                self.warn(pointer_join(pointer, "properties", f.wire_name),
                          f"property {f.wire_name!r} would be the Python attribute {f.py_name!r}, which another "
                          f"property is; it is {name!r}")
                renamed[f.wire_name] = name
            taken.add(name)
        return [dataclasses.replace(f, py_name=renamed[f.wire_name]) if f.wire_name in renamed else f for f in fields]

    def _check_discriminator(self, node: Schema, tag: str) -> None:
        """Every member of a tagged union has the tag, a union member through all its own members."""
        for member in (*(node.any_of or ()), *(node.one_of or ())):
            if member.recursive_ref:
                continue  # the union itself, checked here
            target = self.graph.deref(member)
            if target.mapping and target.keys & {"anyOf", "oneOf"} and "properties" not in target.keys:
                self._check_discriminator(target, tag)
                continue
            props = object_properties(self.graph, target)[0] if target.mapping else {}
            if tag not in props:  # GitHub's content union has an array member: a defect, not a stop
                where = schema_name(target.pointer) or target.pointer
                self.warn(member.pointer, f"discriminator property {tag!r} is missing from union member "
                                          f"{where}; the client tries each member in turn")


_SENT_ORDER = {"path": 0, "query": 1, "header": 2, "cookie": 3, "body": 4}


def is_openai(base_url: str) -> bool:
    """Whether a client's default server is OpenAI's: only then does it have OpenAI's `organization`
    and `project` settings (a GitHub client's `organization=` sending `OpenAI-Organization` would
    mislead; its own spec says how it names an organization)."""
    host = urlsplit(base_url).hostname or ""
    return host == "openai.com" or host.endswith(".openai.com")


def _signature_order(params: list[Param], path: str) -> tuple[Param, ...]:
    """Path parameters first, in the path's order (they are positional); then the required
    ones and the optional ones, each by name."""
    def key(p: Param) -> tuple[int, int, bool, str]:
        if p.location == "path":
            return 0, path.find("{" + p.wire_name + "}"), False, ""
        return 1, 0, not p.required, p.py_name
    return tuple(sorted(params, key=key))


def _resource_class(attr: str, model_names: set[str]) -> str:
    """The resource's class: `Images`; `BatchResource` where a model is `Batch` (the module imports both)."""
    name = class_name(attr)
    while name in RESOURCE_MODULE_NAMES or name in _CLIENT_MODULE_NAMES or any(
            f"{prefix}{name}{suffix}" in model_names for prefix in ("", "Async")
            for suffix in ("", "WithRawResponse", "WithStreamingResponse")):
        name += "Resource"
    return name


# And the names the client module imports (templates/package/_client.py.jinja), which imports every
# resource class: a `Self` tag would shadow typing's `Self`, which `with_options` returns.
_CLIENT_MODULE_NAMES = frozenset({"TracebackType", "Awaitable", "Callable", "Mapping", "Optional", "Type", "Union",
                                  "APIClient", "AsyncAPIClient", "ClientDefaults", "SpecDrift", "Headers", "NotGiven",
                                  "Timeout", "Self"})


def _sent_media(media_type: str) -> str:
    """The Content-Type a body of `media_type` is sent with: a wildcard, or no media type, is plain bytes."""
    return media_type if is_media_type(media_type) and "*" not in media_type else "application/octet-stream"


def _default(schema: Schema) -> str | None:
    return python_literal(schema.default) if schema.has_default else None

