"""The key goes where the spec's security scheme says (`spec/security.py`, the runtime's
`_credentials.py`): a bearer token, HTTP basic, another `Authorization` scheme, or the key itself
in a header, a query parameter or a cookie; and no key at all when the spec names no scheme.

Each case is a small spec of its own, generated under its own package name and driven over
loopback; what arrives is read with independent parsers (httpx's own basic auth, the standard
library's cookie and query parsers).
"""

from __future__ import annotations

import asyncio
import base64
import inspect
import json
import logging
import textwrap
from contextlib import ExitStack, contextmanager
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.spec.loading import load_spec
from generator.spec.security import parse_credential, requirements

from .conftest import generated_package, property_settings
from .scripted_server import Reply, ScriptedServer

KEY = "key-0123456789abcdef"

# name → (security scheme, the spec's own parameters of the one operation)
SCHEMES: Dict[str, tuple[str, str]] = {
    "header": ("{type: apiKey, in: header, name: X-API-Key}",
               "- {name: X-API-Key, in: header, schema: {type: string}}"),  # declared again: the client sends it
    "query": ("{type: apiKey, in: query, name: api_key}", "- {name: api_key, in: query, schema: {type: string}}"),
    "cookie": ("{type: apiKey, in: cookie, name: session}", "- {name: theme, in: cookie, schema: {type: string}}\n"
               "- {name: last_session, in: cookie, schema: {type: string}}"),  # its name ends as the key's
    "basic": ("{type: http, scheme: basic}", ""),
    "token": ("{type: http, scheme: Token}", ""),
    "oauth": ("{type: oauth2, flows: {clientCredentials: {tokenUrl: 'https://x.test/token', scopes: {}}}}",
              "- {name: Authorization, in: header, required: true, schema: {type: string}}"),  # the token, again
    "none": ("", ""),
    "digest": ("{type: http, scheme: digest}", ""),
}


def spec_text(scheme: str, parameters: str) -> str:
    components = f"components:\n  securitySchemes:\n    Key: {scheme}\n" if scheme else ""
    security = "security:\n  - Key: []\n" if scheme else ""
    params = f"      parameters:\n{textwrap.indent(parameters, ' ' * 8)}\n" if parameters else ""
    return f"""openapi: 3.1.0
info: {{title: Keys, version: "1", x-python-env-prefix: KEYS}}
servers: [{{url: "https://keys.test"}}]
{security}paths:
  /things:
    get:
      operationId: listThings
      tags: [things]
{params}      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {{type: object, properties: {{n: {{type: integer}}}}}}
{components}"""


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dict[str, Any]]:
    folder = tmp_path_factory.mktemp("credentials")
    with ExitStack() as stack:
        built = {}
        for name, (scheme, parameters) in SCHEMES.items():
            (folder / name).mkdir()
            spec = folder / name / "spec.yaml"
            spec.write_text(spec_text(scheme, parameters))
            package = contextmanager(generated_package)(spec, f"keys_{name}_client", "KeysClient", folder / name)
            built[name] = stack.enter_context(package)
        yield built


def call(package: Any, kind: str, server: ScriptedServer, **settings: Any) -> Any:
    """`things.list()` once, with the sync or the async client."""
    if kind == "sync":
        with package.KeysClient(base_url=server.base_url, **settings) as client:
            return client.things.list()

    async def run() -> Any:
        async with package.AsyncKeysClient(base_url=server.base_url, **settings) as client:
            return await client.things.list()

    return asyncio.run(run())


@pytest.fixture(params=["sync", "async"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_an_api_key_header_is_sent_as_the_scheme_names_it(packages: Dict[str, Any], kind: str,
                                                          server: ScriptedServer) -> None:
    server.script(Reply(body=b'{"n": 1}'))
    assert call(packages["header"], kind, server, api_key=KEY).n == 1
    (request,) = server.requests
    assert request.headers["x-api-key"] == KEY
    assert "authorization" not in request.headers
    # the spec's own `X-API-Key` parameter is the credential: the client sends it, no method asks for it
    assert "x_api_key" not in inspect.signature(packages["header"].KeysClient(api_key=KEY).things.list).parameters
    readme = (Path(packages["header"].__file__).parent / "README.md").read_text()
    assert "The key is sent as the `X-API-Key` header." in readme


def test_an_api_key_query_parameter_is_sent_once(packages: Dict[str, Any], kind: str, server: ScriptedServer) -> None:
    server.script(Reply())
    call(packages["query"], kind, server, api_key=KEY, default_query={"page": 2})
    (request,) = server.requests
    assert request.query == [("api_key", KEY), ("page", "2")]
    assert "authorization" not in request.headers
    assert "api_key" not in inspect.signature(packages["query"].KeysClient(api_key=KEY).things.list).parameters


def test_an_api_key_cookie_joins_the_operations_own_cookies(packages: Dict[str, Any], kind: str,
                                                            server: ScriptedServer) -> None:
    server.script(Reply(), Reply())
    package = packages["cookie"]
    call(package, kind, server, api_key=KEY)
    with package.KeysClient(api_key=KEY, base_url=server.base_url) as client:
        client.things.list(theme="dark", last_session="s-1")
    cookies = []
    for request in server.requests:
        parsed: SimpleCookie = SimpleCookie()
        parsed.load(request.headers["cookie"])
        cookies.append({name: morsel.value for name, morsel in parsed.items()})
    assert cookies == [{"session": KEY}, {"theme": "dark", "last_session": "s-1", "session": KEY}]


def test_basic_and_other_authorization_schemes(packages: Dict[str, Any], kind: str, server: ScriptedServer) -> None:
    server.script(Reply(), Reply(), Reply())
    call(packages["basic"], kind, server, api_key="ACcount-1:t0ken:with:colons")
    call(packages["token"], kind, server, api_key=KEY)
    call(packages["oauth"], kind, server, api_key=KEY)
    basic, token, oauth = (r.headers["authorization"] for r in server.requests)
    expected = next(httpx.BasicAuth("ACcount-1", "t0ken:with:colons").auth_flow(httpx.Request("GET", "https://x")))
    assert basic == expected.headers["authorization"]  # httpx's own basic auth, as the oracle
    assert token == f"Token {KEY}"
    assert oauth == f"Bearer {KEY}"  # a token got elsewhere
    # the spec's own `Authorization` parameter is the token: the client sends it, no method asks for it
    assert "authorization" not in inspect.signature(packages["oauth"].KeysClient(api_key=KEY).things.list).parameters


def key_function(kind: str, given: Optional[List[str]] = None) -> Any:
    """A function that gives another key each time it is asked (awaited for the async client)."""
    keys = iter(given or ["first-key-000000:a", "second-key-00000:b"])
    if kind == "sync":
        return lambda: next(keys)

    async def ask() -> str:
        return next(keys)

    return ask


def test_the_api_key_function_is_asked_before_each_try_wherever_the_key_goes(
        packages: Dict[str, Any], kind: str, server: ScriptedServer, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("header", "query", "basic", "cookie"):
        server.clear()
        server.script(Reply(status=503, headers={"retry-after-ms": "1"}), Reply())
        call(packages[name], kind, server, api_key=key_function(kind), max_retries=1)
        if name == "header":
            sent = [r.headers["x-api-key"] for r in server.requests]
        elif name == "query":
            sent = [dict(r.query)["api_key"] for r in server.requests]
        elif name == "cookie":
            sent = [r.headers["cookie"].removeprefix("session=") for r in server.requests]
        else:
            sent = [base64.b64decode(r.headers["authorization"].split()[1]).decode() for r in server.requests]
        assert sent == ["first-key-000000:a", "second-key-00000:b"], name


def test_errors_and_logs_never_show_the_key(packages: Dict[str, Any], server: ScriptedServer,
                                            caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEYS_LOG", "debug")
    for name in ("header", "query", "cookie", "basic"):
        package = packages[name]
        key = "user-1:" + KEY if name == "basic" else KEY
        server.clear()
        server.script(Reply(status=401, body=f'{{"error": {{"message": "bad key {KEY}"}}}}'.encode()))
        caplog.clear()
        with caplog.at_level(logging.DEBUG, logger=package.__name__):
            with pytest.raises(package.AuthenticationError) as raised:
                call(package, "sync", server, api_key=key, max_retries=0)
        assert str(raised.value) == "Error code: 401 - bad key <redacted>", name
        logged = "\n".join(r.getMessage() for r in caplog.records)
        assert "Sending GET" in logged and KEY not in logged, name


def test_a_spec_without_a_scheme_needs_no_key_and_sends_one_given_as_a_bearer_token(
        packages: Dict[str, Any], kind: str, server: ScriptedServer) -> None:
    server.script(Reply(), Reply())
    call(packages["none"], kind, server)
    call(packages["none"], kind, server, api_key=KEY)
    first, second = server.requests
    assert "authorization" not in first.headers
    assert second.headers["authorization"] == f"Bearer {KEY}"


def test_a_required_key_is_asked_for_unless_the_callers_own_settings_carry_it(
        packages: Dict[str, Any], server: ScriptedServer, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("header", "query", "basic"):
        with pytest.raises(packages[name].ClientError, match="KEYS_API_KEY") as raised:
            packages[name].KeysClient()
        # the form a basic key takes is said where the key is asked for
        assert ("`user:password`" in str(raised.value)) == (name == "basic")
    monkeypatch.setenv("KEYS_API_KEY", KEY)
    server.script(Reply())
    call(packages["header"], "sync", server)
    assert server.requests[-1].headers["x-api-key"] == KEY
    monkeypatch.delenv("KEYS_API_KEY")
    server.script(Reply(), Reply())
    call(packages["header"], "sync", server, default_headers={"x-api-key": "gateway-key"})
    call(packages["query"], "sync", server, default_query={"api_key": "gateway-key"})
    assert server.requests[-2].headers["x-api-key"] == "gateway-key"
    assert dict(server.requests[-1].query) == {"api_key": "gateway-key"}


def test_a_key_that_cannot_go_where_the_spec_puts_it_is_refused_before_anything_is_sent(
        packages: Dict[str, Any], kind: str, server: ScriptedServer, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = "s3cr3t-part"
    refused = {"basic": f"no-colon-{secret}", "cookie": f"abc;admin={secret}"}
    for name, key in refused.items():
        package = packages[name]
        with pytest.raises(package.ClientError) as raised:
            package.KeysClient(api_key=key)
        monkeypatch.setenv("KEYS_API_KEY", key)
        with pytest.raises(package.ClientError) as from_env:
            package.KeysClient()
        monkeypatch.delenv("KEYS_API_KEY")
        # and a key the `api_key` function returns: refused before the request goes out
        with pytest.raises(package.ClientError) as returned:
            call(package, kind, server, api_key=key_function(kind, [key]))
        for error in (raised, from_env, returned):
            assert secret not in str(error.value)
        assert ("user:password" in str(raised.value)) == (name == "basic")
        assert ("`;` at position 4" in str(raised.value)) == (name == "cookie")
    assert server.requests == []
    # what those places do take
    server.script(Reply(), Reply())
    call(packages["basic"], kind, server, api_key=f"user:{secret};x")
    call(packages["cookie"], kind, server, api_key=f"abc:{secret},x")
    assert len(server.requests) == 2


def test_a_scheme_the_client_cannot_send_is_a_warning_and_sends_nothing(
        packages: Dict[str, Any], server: ScriptedServer, tmp_path: Path) -> None:
    spec = tmp_path / "digest.yaml"
    spec.write_text(spec_text(*SCHEMES["digest"]))
    credential, problems = parse_credential(load_spec(spec, "digest.yaml"), [])
    assert credential.place == "none"
    (problem,) = problems
    assert problem.pointer == "/components/securitySchemes/Key" and problem.line == 19
    assert "'Key' (http 'digest') cannot be sent with a key" in problem.message
    server.script(Reply())
    call(packages["digest"], "sync", server, api_key=KEY)
    assert "authorization" not in server.requests[0].headers
    assert KEY not in str(server.requests[0].headers)


def chosen(tmp_path: Path, document: str, *operations: str) -> str:
    spec = tmp_path / "spec.yaml"
    spec.write_text(textwrap.dedent(document))
    credential, problems = parse_credential(load_spec(spec, "spec.yaml"),
                                            [requirements(load_spec(spec, "s").data.get(o)) for o in operations])
    assert not problems
    return f"{credential.place} {credential.name} {credential.scheme}"


SCHEMES_DECLARED = """\
    openapi: 3.1.0
    info: {title: t, version: "1"}
    paths: {}
    components:
      securitySchemes:
        First: {type: apiKey, in: query, name: key}
        Second: {$ref: "#/components/securitySchemes/Target"}
        Target: {type: apiKey, in: header, name: X-Token}
        Digest: {type: http, scheme: digest}
"""


def test_the_first_requirement_the_client_can_send_wins(tmp_path: Path) -> None:
    assert chosen(tmp_path, SCHEMES_DECLARED) == "query key First"  # none required: the first declared
    required = SCHEMES_DECLARED.replace("paths: {}", "paths: {}\n    security: [{Digest: []}, {}, {Second: []}]")
    assert chosen(tmp_path, required) == "header X-Token Second"  # through its $ref; digest cannot be sent
    # an operation's own requirement counts after the document's (`x-op` stands for one here)
    by_operation = SCHEMES_DECLARED.replace("paths: {}", "paths: {}\n    x-op: [{Missing: [], Target: []}]")
    assert chosen(tmp_path, by_operation, "x-op") == "header X-Token Target"


def test_keys_asked_for_beside_the_key_are_settings_of_the_client(
        tmp_path: Path, kind: str, server: ScriptedServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """125 of 1,500 of APIs.guru's specs ask for two apiKeys at once (a key and a client id): the
    first is the client's key; each other one is a setting of the client named after its scheme
    (`clientId` → `client_id=`, else `KEYS_CLIENT_ID`), sent with every request when given."""
    spec = tmp_path / "spec.yaml"
    spec.write_text(textwrap.dedent(SCHEMES_DECLARED.replace(
        "paths: {}", "paths: {}\n    security: [{Target: [], First: [], Digest: []}]")))
    credential, _ = parse_credential(load_spec(spec, "spec.yaml"), [])
    assert (credential.place, credential.name) == ("header", "X-Token")
    assert [(p.place, p.name, p.scheme) for p in credential.also] == [("query", "key", "First")]
    text = spec_text("{type: apiKey, in: header, name: X-API-Key}",
                     "- {name: theme, in: cookie, schema: {type: string}}").replace(
        "security:\n  - Key: []", "security:\n  - {Key: [], clientId: [], app-token: [], tenant: []}").replace(
        "    Key: {type: apiKey", "    clientId: {type: apiKey, in: header, name: X-Client-Id}\n"
                                 "    app-token: {type: apiKey, in: query, name: appToken}\n"
                                 "    tenant: {type: apiKey, in: cookie, name: tenant}\n"
                                 "    Key: {type: apiKey")
    spec.write_text(text)
    with contextmanager(generated_package)(spec, f"keys_pair_{kind}_client", "KeysClient", tmp_path) as package:
        docs = " ".join(package.KeysClient.__doc__.split())
        assert "The spec asks for `client_id` (the `X-Client-Id` header, else `KEYS_CLIENT_ID`)" in docs
        assert "`KEYS_API_KEY`, `KEYS_CLIENT_ID`, `KEYS_APP_TOKEN`, `KEYS_TENANT`, `KEYS_BASE_URL`" in docs
        client_class = package.KeysClient if kind == "sync" else package.AsyncKeysClient
        assert {"client_id", "app_token", "tenant"} <= set(inspect.signature(client_class).parameters)

        def sent(**settings: Any) -> Dict[str, Any]:
            """What one call of `things.list(theme="dark")` sent: its settings' header, query and cookies."""
            server.clear()
            server.script(Reply())

            async def run() -> None:
                async with package.AsyncKeysClient(api_key=KEY, base_url=server.base_url, **settings) as client:
                    await client.with_options(timeout=5).things.list(theme="dark")

            if kind == "sync":
                with package.KeysClient(api_key=KEY, base_url=server.base_url, **settings) as client:
                    client.with_options(timeout=5).things.list(theme="dark")  # a copy keeps the settings
            else:
                asyncio.run(run())
            (request,) = server.requests
            cookies: SimpleCookie = SimpleCookie()
            cookies.load(request.headers["cookie"])
            return {"key": request.headers["x-api-key"], "client": request.headers.get("x-client-id"),
                    "query": dict(request.query), "cookies": {k: m.value for k, m in cookies.items()}}

        assert sent(client_id="client-7", app_token="tok-1", tenant="acme") == {
            "key": KEY, "client": "client-7", "query": {"appToken": "tok-1"},
            "cookies": {"theme": "dark", "tenant": "acme"}}
        assert sent() == {"key": KEY, "client": None, "query": {}, "cookies": {"theme": "dark"}}  # none given
        monkeypatch.setenv("KEYS_CLIENT_ID", "client-env")
        assert sent()["client"] == "client-env"
        assert sent(default_headers={"X-Client-Id": "gateway"})["client"] == "gateway"  # the caller's own wins
        with pytest.raises(ValueError, match="X-Client-Id"):
            client_class(api_key=KEY, client_id="bad\nvalue")


def test_a_scheme_that_refers_nowhere_is_a_located_error(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(textwrap.dedent(SCHEMES_DECLARED.replace('"#/components/securitySchemes/Target"', '"#/nowhere"')
                                    .replace("    paths: {}", "    security: [{Second: []}]\n    paths: {}")))
    credential, problems = parse_credential(load_spec(spec, "spec.yaml"), [])
    assert credential.place == "none"
    assert [(p.pointer, p.line) for p in problems] == [("/components/securitySchemes/Second/$ref", 8)]
    assert "unresolved reference #/nowhere" in problems[0].message


def test_a_key_given_as_the_authorization_header_is_sent_as_given(tmp_path: Path, server: ScriptedServer) -> None:
    """apideck's scheme is an apiKey in `Authorization` whose description asks for `Bearer <key>`:
    the header is the key as given, and the docstring says to include the scheme's word."""
    spec = tmp_path / "spec.yaml"
    spec.write_text(spec_text("{type: apiKey, in: header, name: Authorization}", ""))
    with contextmanager(generated_package)(spec, "keys_raw_client", "KeysClient", tmp_path) as package:
        assert "as given (with its scheme's word, `Bearer <key>` say" in " ".join(package.KeysClient.__doc__.split())
        server.script(Reply(status=401, body=f'{{"error": {{"message": "no {KEY}"}}}}'.encode()))
        with pytest.raises(package.AuthenticationError) as raised:
            call(package, "sync", server, api_key=f"Bearer {KEY}", max_retries=0)
    assert server.requests[0].headers["authorization"] == f"Bearer {KEY}"
    assert KEY not in str(raised.value)  # the token, without its scheme's word, is found and hidden


def spec_with_public_operations(document_security: str) -> str:
    """Three operations: `things.list` has the document's security; `status.get` has `[]` (public);
    `news.list` has `[{}, {Key: []}]` (a key is optional)."""
    def operation(path: str, operation_id: str, tag: str, security: str) -> str:
        return f"""  {path}:
    get:
      operationId: {operation_id}
      tags: [{tag}]
{security}      responses:
        "200": {{description: ok, content: {{application/json: {{schema: {{type: object}}}}}}}}
"""
    paths = (operation("/things", "listThings", "things", "")
             + operation("/status", "getStatus", "status", "      security: []\n")
             + operation("/news", "listNews", "news", "      security: [{}, {Key: []}]\n"))
    return f"""openapi: 3.1.0
info: {{title: Keys, version: "1", x-python-env-prefix: KEYS}}
servers: [{{url: "https://keys.test"}}]
security: {document_security}
paths:
{paths}components:
  securitySchemes:
    Key: {{type: apiKey, in: header, name: X-API-Key}}
"""


def test_operations_whose_security_allows_none_are_called_without_a_key(
        tmp_path: Path, kind: str, server: ScriptedServer, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(spec_with_public_operations("[{Key: []}]"))
    monkeypatch.delenv("KEYS_API_KEY", raising=False)
    with contextmanager(generated_package)(spec, f"keys_public_{kind}_client", "KeysClient", tmp_path) as package:
        docs = " ".join(package.KeysClient.__doc__.split())
        assert "Operations whose `security` allows none (`[]`) can be called without a key" in docs
        assert "Needs no API key" in " ".join(package.KeysClient().status.get.__doc__.split())
        assert "Needs no API key" not in package.KeysClient().things.list.__doc__

        def calls(**settings: Any) -> None:
            """`status.get()`, `news.list()`, then `things.list()`, with the sync or the async client."""
            if kind == "sync":
                with package.KeysClient(base_url=server.base_url, **settings) as client:
                    client.status.get()
                    client.news.list()
                    client.things.list()
                return

            async def run() -> None:
                async with package.AsyncKeysClient(base_url=server.base_url, **settings) as client:
                    await client.status.get()
                    await client.news.list()
                    await client.things.list()

            asyncio.run(run())

        # no key: the client is made, the public operations are sent without one, the other is refused unsent
        server.script(Reply(), Reply())
        with pytest.raises(package.ClientError, match="No API key, which GET /things needs: .*KEYS_API_KEY"):
            calls()
        assert [(r.path, r.headers.get("x-api-key")) for r in server.requests] == [("/status", None), ("/news", None)]
        # a key given goes with every request; so does one the caller's own headers carry (a gateway's)
        for settings in ({"api_key": KEY}, {"default_headers": {"X-API-Key": KEY}}):
            server.clear()
            server.script(Reply(), Reply(), Reply())
            calls(**settings)
            assert [r.headers["x-api-key"] for r in server.requests] == [KEY] * 3
        # and a key from the environment
        monkeypatch.setenv("KEYS_API_KEY", KEY)
        server.clear()
        server.script(Reply(), Reply(), Reply())
        calls()
        assert [r.headers["x-api-key"] for r in server.requests] == [KEY] * 3


def test_a_document_whose_security_allows_none_needs_no_key_anywhere(
        tmp_path: Path, server: ScriptedServer, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(spec_with_public_operations("[]"))  # `things.list` has the document's: none
    monkeypatch.delenv("KEYS_API_KEY", raising=False)
    with contextmanager(generated_package)(spec, "keys_public_all_client", "KeysClient", tmp_path) as package:
        assert "The spec's operations need no key" in " ".join(package.KeysClient.__doc__.split())
        server.script(Reply(), Reply())
        with package.KeysClient(base_url=server.base_url) as client:
            client.things.list()
        with package.KeysClient(base_url=server.base_url, api_key=KEY) as client:
            client.things.list()
    assert [r.headers.get("x-api-key") for r in server.requests] == [None, KEY]


security_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-1, 1), st.sampled_from(
        ["", "http", "apiKey", "oauth2", "openIdConnect", "mutualTLS", "bearer", "basic", "Digest", "header", "query",
         "cookie", "path", "X-Key", "a b", "a;b", "Key", "#/components/securitySchemes/Key", "#/nowhere"])),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(
        st.sampled_from(["type", "scheme", "in", "name", "$ref", "Key", "Other", "flows"]), inner, max_size=3)),
    max_leaves=8)


@given(schemes=security_values, security=security_values, operation=security_values)
@property_settings(ci_examples=200)
def test_any_security_section_gives_a_credential_or_located_problems(
        tmp_path_factory: pytest.TempPathFactory, schemes: Any, security: Any, operation: Any) -> None:
    """Whatever `securitySchemes` and `security` hold (lists where mappings go, `$ref`s that lead
    nowhere or to themselves, names no scheme has): a credential, and problems that say where."""
    document = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {},
                "components": {"securitySchemes": schemes}, "security": security}
    spec = tmp_path_factory.mktemp("security") / "spec.json"
    spec.write_text(json.dumps(document))
    credential, problems = parse_credential(load_spec(spec, "spec.json"), [requirements(operation)])
    assert credential.place in ("bearer", "basic", "scheme", "header", "query", "cookie", "optional", "none")
    assert all(p.pointer.startswith("/components/securitySchemes/") for p in problems)
    if credential.place in ("header", "query", "cookie"):
        assert credential.name and credential.name.isascii() and " " not in credential.name


def test_the_oauth_scopes_an_operation_lists_are_in_its_docstring(tmp_path: Path) -> None:
    """A token is got elsewhere; the docstring says which scopes the spec lists for the call."""
    spec = tmp_path / "spec.yaml"
    spec.write_text(spec_text(SCHEMES["oauth"][0], "").replace(
        "security:\n  - Key: []", "security:\n  - Key: [things.read, 'https://keys.test/auth/things']\n"
                                  "  - Key: [things.read]"))
    with contextmanager(generated_package)(spec, "keys_scopes_client", "KeysClient", tmp_path) as package:
        docstring = " ".join(package.KeysClient(api_key=KEY).things.list.__doc__.split())
    assert "OAuth scopes its `security` lists: `things.read`, `https://keys.test/auth/things`." in docstring


@given(names=st.lists(st.text(st.sampled_from("aB_-9 .é"), min_size=1, max_size=8), min_size=1, max_size=4,
                      unique=True),
       places=st.lists(st.sampled_from(["header", "query", "cookie"]), min_size=4, max_size=4))
@property_settings(ci_examples=100)
def test_settings_beside_the_key_get_names_apart_whatever_their_schemes_are_called(
        tmp_path_factory: pytest.TempPathFactory, names: List[str], places: List[str]) -> None:
    """Each apiKey beside the key is an argument: an identifier, no keyword, none of the client's
    own arguments or attributes, none twice; its environment variable is the client's prefix and
    its name, and no two settings share one."""
    import keyword

    from generator.ir.build import build_api
    from generator.ir.naming import CLIENT_ATTRIBUTES, SETTING_RESERVED
    from generator.options import Options

    schemes = {"Key": {"type": "apiKey", "in": "header", "name": "X-Key"}}
    schemes.update({name: {"type": "apiKey", "in": place, "name": f"p{i}"}
                    for i, (name, place) in enumerate(zip(names, places[:len(names)], strict=True))})
    document = {"openapi": "3.1.0", "info": {"title": "t", "version": "1", "x-python-env-prefix": "T"},
                "servers": [{"url": "https://t.test"}], "paths": {}, "security": [{name: [] for name in schemes}],
                "components": {"securitySchemes": schemes}}
    spec = tmp_path_factory.mktemp("settings") / "spec.json"
    spec.write_text(json.dumps(document))
    api, _ = build_api(load_spec(spec, "spec.json"), Options())
    given_names = [s.name for s in api.settings]
    assert len(given_names) == len(names) and len(set(given_names)) == len(names)
    for name in given_names:
        assert name.isidentifier() and not keyword.iskeyword(name) and name.isascii()
        assert name not in CLIENT_ATTRIBUTES | SETTING_RESERVED
    envs = [s.env for s in api.settings]
    assert len(set(envs)) == len(envs) and not {"T_API_KEY", "T_BASE_URL", "T_LOG"} & set(envs)
    assert all(env == f"T_{s.name.upper()}" for env, s in zip(envs, api.settings, strict=True))
