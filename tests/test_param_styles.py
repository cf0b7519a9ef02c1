"""Parameters and form bodies go on the wire as the spec says (issue 16, points 2 and 3).

`tests/fixtures/styles/styles.yaml` has every `style`/`explode` of OpenAPI 3 for path, query,
header and cookie parameters, and an `application/x-www-form-urlencoded` body in Twilio's shape.
The expected texts are the examples of OpenAPI's "Style Examples" table; the form body is read
back by two real form parsers (werkzeug, python-multipart), sync and async, over loopback.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import parse_qsl, unquote

import pytest
from python_multipart.multipart import QuerystringParser
from werkzeug.datastructures import MultiDict
from werkzeug.formparser import parse_form_data

from .conftest import FIXTURES, generated_package
from .scripted_server import Reply, ScriptedServer

SPEC = FIXTURES / "styles" / "styles.yaml"


@pytest.fixture(scope="module")
def styles_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    yield from generated_package(SPEC, "styles_client", "StylesClient", tmp_path_factory.mktemp("styles"))


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    started = ScriptedServer()
    yield started
    started.close()


def _call(package: Any, server: ScriptedServer, kind: str, method: str, *args: Any, **kwargs: Any) -> Any:
    server.script(Reply(body=b"{}"))
    options = {"api_key": "sk-test-0123456789", "base_url": server.base_url, "max_retries": 0}
    if kind == "sync":
        with package.StylesClient(**options) as client:
            getattr(client.things, method)(*args, **kwargs)
    else:
        import asyncio

        async def run() -> None:
            async with package.AsyncStylesClient(**options) as client:
                await getattr(client.things, method)(*args, **kwargs)

        asyncio.run(run())
    return server.requests[-1]


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_path_query_header_and_cookie_styles(kind: str, styles_client: Any, server: ScriptedServer) -> None:
    request = _call(styles_client, server, kind, "get", ["blue", "black"], ["blue", "black"],
                    {"R": "100", "G": "200"}, ids=[3, 4], tags=["a", "b"], spaced=["a", "b"], piped=["a", "b"],
                    filter={"status": "open", "min": 2}, point={"x": 1, "y": 2}, flag=True, x_ids=[3, 4],
                    x_pair={"role": "admin", "level": "5"}, session="abc", prefs=["dark", "wide"])
    path = request.target.split("?", 1)[0]
    assert path == "/things/blue,black/.blue.black/;matrix=R,100,G,200"  # simple, label exploded, matrix
    assert sorted(request.query) == sorted([("ids", "3"), ("ids", "4"), ("tags", "a,b"), ("spaced", "a b"),
                                            ("piped", "a|b"), ("filter[status]", "open"), ("filter[min]", "2"),
                                            ("x", "1"), ("y", "2"), ("flag", "true")])
    assert request.headers["x-ids"] == "3,4" and request.headers["x-pair"] == "role=admin,level=5"
    assert request.headers["cookie"] == "prefs=dark%2Cwide; session=abc"


def test_an_object_query_parameter_is_never_a_python_repr(styles_client: Any, server: ScriptedServer) -> None:
    request = _call(styles_client, server, "sync", "get", ["a"], ["a"], {"k": "v"},
                    filter={"status": "it's"})
    assert "{" not in unquote(request.target) and ("filter[status]", "it's") in request.query


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_a_parameter_given_by_content_is_one_json_document(kind: str, styles_client: Any,
                                                           server: ScriptedServer) -> None:
    """OpenAPI's `content` form of a parameter (a filter as JSON, as search APIs take it): its
    value is serialized by the media type, in every place; each is read back by a JSON parser, and
    a cookie without `content` beside them keeps its own style (and its name: a hyphen, no KeyError)."""
    where = {"q": "café & co/1", "n": 2}
    request = _call(styles_client, server, kind, "fetch", {"id": "a/b c"}, where=where, word="hi",
                    x_tags=["x,y", "z"], session_prefs={"dark": True}, session_id="s 1")
    path = request.target.split("?", 1)[0]
    assert path.startswith("/documents/") and json.loads(unquote(path[len("/documents/"):])) == {"id": "a/b c"}
    query = dict(request.query)
    assert json.loads(query["where"]) == where and json.loads(query["word"]) == "hi" and len(request.query) == 2
    assert json.loads(request.headers["x-tags"]) == ["x,y", "z"]
    cookies = dict(part.split("=", 1) for part in request.headers["cookie"].split("; "))
    assert json.loads(unquote(cookies["Session-Prefs"])) == {"dark": True} and unquote(cookies["Session-Id"]) == "s 1"
    text = (Path(styles_client.__file__).parent / "resources" / "things.py").read_text()
    assert "Sent as JSON in the query parameter `where`." in text and "Sent as the cookie `Session-Id`." in text


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_a_form_body_as_real_parsers_read_it(kind: str, styles_client: Any, server: ScriptedServer) -> None:
    request = _call(styles_client, server, kind, "create_call", "AC123", to="+15551234567", from_="+15557654321",
                    status_callback_event=["initiated", "ringing"], record=True, timeout_=30,
                    machine_detection="Enable", tags=["a", "b"])
    assert request.path == "/Accounts/AC123/Calls.json"
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    expected = [("To", "+15551234567"), ("From", "+15557654321"), ("MachineDetection", "Enable"),
                ("Record", "true"), ("StatusCallbackEvent", "initiated"), ("StatusCallbackEvent", "ringing"),
                ("Tags", "a,b"), ("Timeout", "30")]
    assert sorted(parse_qsl(request.body.decode("ascii"), keep_blank_values=True)) == sorted(expected), request.body
    assert sorted(_werkzeug(request.body).items(multi=True)) == sorted(expected)
    assert sorted(_python_multipart(request.body)) == sorted(expected)


def _werkzeug(body: bytes) -> MultiDict[str, str]:
    import io

    environ = {"REQUEST_METHOD": "POST", "CONTENT_TYPE": "application/x-www-form-urlencoded",
               "CONTENT_LENGTH": str(len(body)), "wsgi.input": io.BytesIO(body)}
    _, form, _ = parse_form_data(environ)
    return form


def _python_multipart(body: bytes) -> list[tuple[str, str]]:
    fields: list[tuple[str, str]] = []
    current: dict[str, bytes] = {"name": b"", "value": b""}

    def on_field_name(data: bytes, start: int, end: int) -> None:
        current["name"] += data[start:end]

    def on_field_data(data: bytes, start: int, end: int) -> None:
        current["value"] += data[start:end]

    def on_field_end() -> None:
        fields.append((unquote(current["name"].decode().replace("+", " ")),
                       unquote(current["value"].decode().replace("+", " "))))
        current.update(name=b"", value=b"")

    parser = QuerystringParser({"on_field_name": on_field_name, "on_field_data": on_field_data,
                                "on_field_end": on_field_end})
    parser.write(body)
    parser.finalize()
    return fields


def test_the_generated_signatures_name_the_wire_and_type_check(styles_client: Any) -> None:
    import inspect

    create = inspect.signature(styles_client.StylesClient.__init__)
    assert "api_key" in create.parameters
    things = Path(styles_client.__file__).parent / "resources" / "things.py"
    text = things.read_text()
    assert "Sent as the body field `From`." in text and "Sent as the header `X-Ids`." in text
