"""A client generated from tests/fixtures/specs/general.yaml (path, query and header parameters,
allOf, a recursive schema, a 204, an SSE-only operation, two resources), driven over loopback.

It is generated under another package name, so it lives beside `images_client` in one process.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from generator.output.writing import write_tree
from generator.pipeline import generate_files

from .conftest import API_KEY, ROOT
from .scripted_server import Reply, ScriptedServer

NOTE = {"id": "n1", "text": "hi", "created": 5, "tags": ["x"]}


@pytest.fixture(scope="module")
def general(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    out = tmp_path_factory.mktemp("general")
    spec = Path("tests/fixtures/specs/general.yaml")
    cwd = Path.cwd()
    try:
        os.chdir(ROOT)
        write_tree(out, generate_files(spec, "general_client"))
    finally:
        os.chdir(cwd)
    sys.path.insert(0, str(out))
    import general_client

    return general_client


@pytest.fixture
def client(general: ModuleType, server: ScriptedServer) -> Any:
    with general.GeneralConstructsClient(api_key=API_KEY, base_url=server.base_url) as c:
        yield c


def test_path_query_and_header_parameters(client: Any, server: ScriptedServer) -> None:
    server.script(Reply(body=json.dumps([NOTE]).encode()))
    notes = client.folders.list_notes(folder_id="a/b c?", limit=5, x_request_tag="t-1")
    (request,) = server.requests
    assert (request.method, request.target) == ("GET", "/folders/a%2Fb%20c%3F/notes?limit=5")
    assert request.headers["x-request-tag"] == "t-1"
    assert [type(n).__name__ for n in notes] == ["Note"] and notes[0].created == 5


def test_path_parameters_are_positional_and_never_empty(client: Any, server: ScriptedServer) -> None:
    # as in the official package: `client.batches.retrieve("batch_abc")`
    server.script(Reply(body=json.dumps([NOTE]).encode()))
    client.folders.list_notes("f 1", limit=2)
    assert server.requests[0].target == "/folders/f%201/notes?limit=2"
    for empty in ("", None):
        # "/folders//notes" would reach another endpoint, or none: refused before anything is sent
        with pytest.raises(ValueError, match="`folder_id` must be a non-empty string"):
            client.folders.list_notes(empty)
    assert len(server.requests) == 1


def test_json_body_from_an_allof_schema_and_a_201(client: Any, server: ScriptedServer) -> None:
    server.script(Reply(status=201, body=json.dumps(NOTE).encode()))
    note = client.folders.add(folder_id="f", text="hi", tags=["x"], meta={"k": "v"})
    (request,) = server.requests
    assert (request.method, request.path) == ("POST", "/folders/f/notes")
    assert json.loads(request.body) == {"text": "hi", "tags": ["x"], "meta": {"k": "v"}}
    assert note.id == "n1" and note.tags == ["x"]


def test_no_content_answer_returns_none(client: Any, server: ScriptedServer) -> None:
    server.script(Reply(status=204, headers={}, body=b""))
    assert client.folders.delete(folder_id="f") is None
    assert server.requests[0].method == "DELETE"


def test_sse_only_operation_and_recursive_model(client: Any, server: ScriptedServer) -> None:
    tree = {"type": "node", "name": "root", "children": [{"type": "node", "name": "leaf", "children": []}]}
    chunk = f"data: {json.dumps(tree)}\n\n".encode()
    server.script(Reply(headers={"content-type": "text/event-stream"}, chunks=[chunk]))
    (node,) = list(client.trees.watch(id=3))
    assert server.requests[0].headers["accept"] == "text/event-stream"
    assert server.requests[0].path == "/trees/3/watch"
    assert type(node).__name__ == "TreeNode" and type(node.children[0]).__name__ == "TreeNode"
    assert node.children[0].name == "leaf"


async def test_async_twin(general: ModuleType, server: ScriptedServer) -> None:
    server.script(Reply(body=json.dumps([NOTE]).encode()))
    async with general.AsyncGeneralConstructsClient(api_key=API_KEY, base_url=server.base_url) as client:
        notes = await client.folders.list_notes(folder_id="x")
    assert notes[0].text == "hi"


def test_grouping_and_method_names(general: ModuleType) -> None:
    from general_client.resources import Folders, Trees

    assert {"add", "list_notes", "delete"} <= set(vars(Folders))  # untagged: by first path segment
    assert "watch" in vars(Trees)  # tagged "Trees"; `x-python-method-name: add` renamed createNote
