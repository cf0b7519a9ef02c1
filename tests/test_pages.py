"""Pages (issue 18, point 1) and what the spec marks deprecated (point 2), on a fixture spec of
OpenAI-shaped lists (`tests/fixtures/specs/pages.yaml`) served over loopback, sync and async.

A list method returns its first page; iterating it walks every item of every page, each next page
asked for with the call's own arguments and options and the cursor the answer gives. A model that
is not a page is not iterable at all. Deprecated operations warn when called and mypy reports
their use; a deprecated field warns when read.
"""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any, Iterator

import pytest

from generator.errors import SpecError
from generator.options import Options
from generator.pipeline import generate_files

from .conftest import API_KEY, FIXTURES, generated_package
from .scripted_server import Reply, ScriptedServer

SPEC = FIXTURES / "specs" / "pages.yaml"
PACKAGE = "pages_client"


@pytest.fixture(scope="module")
def package_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Any]]:
    folder = tmp_path_factory.mktemp("pages")
    for module in generated_package(SPEC, PACKAGE, "PagesClient", folder):
        yield folder, module


@pytest.fixture(scope="module")
def pages(package_dir: tuple[Path, Any]) -> Any:
    return package_dir[1]


@pytest.fixture(scope="module")
def pagination(pages: Any) -> Any:
    import importlib

    return importlib.import_module(f"{PACKAGE}._pagination")


def _options(server: ScriptedServer, **more: Any) -> dict[str, Any]:
    return {"api_key": API_KEY, "base_url": server.base_url, "max_retries": 0, **more}


def _answer(body: dict[str, Any], request_id: str = "req_1", delay: float = 0.0) -> Reply:
    return Reply(headers={"content-type": "application/json", "x-request-id": request_id},
                 body=json.dumps(body).encode(), delay=delay)


def _batches(ids: list[str], *, has_more: bool, last_id: str | None = None, **more: Any) -> Reply:
    data = [{"id": i, "object": "batch", "status": "completed"} for i in ids]
    return _answer({"object": "list", "data": data, "first_id": ids[0] if ids else None,
                    "last_id": last_id if last_id is not None else (ids[-1] if ids else None),
                    "has_more": has_more}, **more)


def _three_pages(**last: Any) -> list[Reply]:
    """b1..b5 in pages of 2, 2, 1; each `last_id` a cursor other than the last item's id."""
    return [_batches(["b1", "b2"], has_more=True, last_id="cur-2", request_id="req_1"),
            _batches(["b3", "b4"], has_more=True, last_id="cur-4", request_id="req_2"),
            _batches(["b5"], has_more=False, last_id="cur-5", request_id="req_3", **last)]


def _queries(server: ScriptedServer) -> list[dict[str, str]]:
    return [dict(request.query) for request in server.requests]


def _typed(pages: Any, resource: str, name: str) -> Any:
    """The typed page a resource's lists return (the answer model's fields declared on it)."""
    import importlib

    return getattr(importlib.import_module(f"{PACKAGE}.resources.{resource}"), name)


# ---- walking the pages ----


def test_a_cursor_list_walks_every_page_with_the_call_s_options(pages: Any, server: ScriptedServer) -> None:
    call = {"limit": 2, "extra_headers": {"X-Trace": "t1"}, "extra_query": {"tag": "x"}, "timeout": 5}
    server.script(*_three_pages(), *_three_pages())
    with pages.PagesClient(**_options(server)) as client:
        walked = [batch.id for batch in client.batches.list(**call)]

    async def walk() -> list[str]:
        async with pages.AsyncPagesClient(**_options(server)) as client:
            return [batch.id async for batch in client.batches.list(**call)]  # not awaited first

    assert walked == asyncio.run(walk()) == ["b1", "b2", "b3", "b4", "b5"]
    expected = [{"limit": "2", "tag": "x"}, {"limit": "2", "tag": "x", "after": "cur-2"},
                {"limit": "2", "tag": "x", "after": "cur-4"}]
    assert _queries(server) == expected * 2
    assert all(r.path == "/batches" and r.headers["x-trace"] == "t1" for r in server.requests)


def test_the_next_pages_keep_the_call_s_timeout(pages: Any, server: ScriptedServer) -> None:
    server.script(*_three_pages(delay=2.5), *_three_pages(delay=2.5))  # the third page is late
    with pages.PagesClient(**_options(server)) as client:
        seen: list[str] = []
        with pytest.raises(pages.APITimeoutError):
            seen.extend(batch.id for batch in client.batches.list(timeout=1.0))
        assert seen == ["b1", "b2", "b3", "b4"]

    async def walk() -> None:
        async with pages.AsyncPagesClient(**_options(server)) as client:
            page = await client.batches.list(timeout=1.0)
            page = await (await page.get_next_page()).get_next_page()

    with pytest.raises(pages.APITimeoutError):
        asyncio.run(walk())
    assert len(server.requests) == 6


def test_a_page_has_its_items_its_fields_and_the_next_page(pages: Any, pagination: Any,
                                                          server: ScriptedServer) -> None:
    server.script(*_three_pages(), _batches(["b3", "b4"], has_more=True, last_id="cur-4"),
                  _batches(["b5"], has_more=False))
    with pages.PagesClient(**_options(server)) as client:
        page = client.batches.list()
        assert type(page) is _typed(pages, "batches", "SyncListBatchesResponsePage")  # a SyncCursorPage[Batch]
        assert isinstance(page, pagination.SyncCursorPage)
        assert [b.id for b in page.data] == ["b1", "b2"] and type(page.data[0]).__name__ == "Batch"
        assert (page.object, page.first_id, page.last_id, page.has_more) == ("list", "b1", "cur-2", True)
        assert page._request_id == "req_1" and page.to_dict()["last_id"] == "cur-2"
        assert "ListBatchesResponse(" in repr(page)
        assert page.has_next_page()
        second = page.get_next_page()
        third = second.get_next_page()
        assert type(second) is type(third) is type(page)
        assert [b.id for b in third.data] == ["b5"] and second._request_id == "req_2"
        assert not third.has_next_page()
        with pytest.raises(RuntimeError, match="last page"):
            third.get_next_page()
        assert [[b.id for b in p.data] for p in page.iter_pages()] == [["b1", "b2"], ["b3", "b4"], ["b5"]]
    assert _queries(server)[3:] == [{"after": "cur-2"}, {"after": "cur-4"}]


def test_an_async_page_has_its_items_its_fields_and_the_next_page(pages: Any, pagination: Any,
                                                                server: ScriptedServer) -> None:
    server.script(*_three_pages(), *_three_pages()[1:])

    async def use() -> tuple[Any, ...]:
        async with pages.AsyncPagesClient(**_options(server)) as client:
            page = await client.batches.list()
            assert type(page) is _typed(pages, "batches", "AsyncListBatchesResponsePage")
            assert isinstance(page, pagination.AsyncCursorPage)
            second = await page.get_next_page()
            third = await second.get_next_page()
            assert type(second) is type(third) is type(page)
            with pytest.raises(RuntimeError, match="last page"):
                await third.get_next_page()
            walked = [[b.id for b in p.data] async for p in page.iter_pages()]
            return page.last_id, page.has_next_page(), third.has_next_page(), walked, page._request_id

    assert asyncio.run(use()) == ("cur-2", True, False, [["b1", "b2"], ["b3", "b4"], ["b5"]], "req_1")
    assert _queries(server) == [{}, {"after": "cur-2"}, {"after": "cur-4"}, {"after": "cur-2"}, {"after": "cur-4"}]


def test_a_list_without_cursor_fields_pages_by_its_last_item(pages: Any, server: ScriptedServer) -> None:
    def jobs(ids: list[str], has_more: bool) -> Reply:
        return _answer({"object": "list", "data": [{"id": i} for i in ids], "has_more": has_more})

    replies = [jobs(["j1", "j2"], True), jobs(["j3"], True), jobs([], True)]  # an empty page is the last
    server.script(*replies, *replies)
    with pages.PagesClient(**_options(server)) as client:
        walked = [job.id for job in client.jobs.list(limit=2)]

    async def walk() -> list[str]:
        async with pages.AsyncPagesClient(**_options(server)) as client:
            return [job.id async for job in client.jobs.list(limit=2)]

    assert walked == asyncio.run(walk()) == ["j1", "j2", "j3"]
    assert _queries(server) == [{"limit": "2"}, {"limit": "2", "after": "j2"}, {"limit": "2", "after": "j3"}] * 2


def test_the_walk_ends_where_the_answer_says_or_the_cursor_stays(pages: Any, server: ScriptedServer) -> None:
    server.script(_batches(["b1"], has_more=True),
                  _batches(["b2"], has_more=True, last_id="b1"),  # the same cursor again: not asked twice
                  _batches(["b1"], has_more=False, last_id="more"),  # has_more false: the last, whatever the cursor
                  _answer({"object": "list", "data": [{"id": "b1", "object": "batch", "status": "x"}],
                           "last_id": "b1-next"}),  # has_more missing (lenient): the cursor decides
                  _batches(["b2"], has_more=False))
    with pages.PagesClient(**_options(server)) as client:
        assert [b.id for b in client.batches.list()] == ["b1", "b2"]
        assert [b.id for b in client.batches.list()] == ["b1"]
        assert [b.id for b in client.batches.list()] == ["b1", "b2"]
    assert _queries(server) == [{}, {"after": "b1"}, {}, {}, {"after": "b1-next"}]


def test_a_cursor_in_extra_query_asks_for_the_first_page_only(pages: Any, server: ScriptedServer) -> None:
    server.script(*_three_pages())
    with pages.PagesClient(**_options(server)) as client:
        assert len(list(client.batches.list(extra_query={"after": "b0", "tag": "x"}))) == 5
    assert _queries(server) == [{"after": "b0", "tag": "x"}, {"after": "cur-2", "tag": "x"},
                                {"after": "cur-4", "tag": "x"}]


def test_x_python_pagination_declares_another_scheme(pages: Any, server: ScriptedServer) -> None:
    def events(ids: list[str], more: bool) -> Reply:
        return _answer({"events": [{"id": i, "status": "ok"} for i in ids], "more": more})

    replies = [events(["e1", "e2"], True), events(["e3"], True), events(["e4"], False)]
    server.script(*replies, *replies)
    with pages.PagesClient(**_options(server)) as client:
        page = client.events.list()
        assert [e.id for e in page.data] == ["e1", "e2"] and page.more is True
        walked = [e.id for e in page]

    async def walk() -> list[str]:
        async with pages.AsyncPagesClient(**_options(server)) as client:
            return [e.id async for e in client.events.list()]

    assert walked == asyncio.run(walk()) == ["e1", "e2", "e3", "e4"]
    assert _queries(server) == [{}, {"starting_after": "e2"}, {"starting_after": "e3"}] * 2


def test_a_list_the_api_does_not_page_is_one_page(pages: Any, pagination: Any, server: ScriptedServer) -> None:
    models = _answer({"object": "list", "data": [{"id": "m1", "owned_by": "me"}, {"id": "m2"}]})
    server.script(models, models, models)
    with pages.PagesClient(**_options(server)) as client:
        page = client.models.list()
        assert type(page) is _typed(pages, "models", "SyncListModelsResponsePage") and not page.has_next_page()
        assert isinstance(page, pagination.SyncPage) and not isinstance(page, pagination.SyncCursorPage)
        assert page.object == "list"
        assert [m.id for m in page] == ["m1", "m2"] and page.data[0].owned_by == "me"

    async def use() -> tuple[list[str], list[str]]:
        async with pages.AsyncPagesClient(**_options(server)) as client:
            first = await client.models.list()
            return [m.id async for m in first], [m.id async for m in client.models.list()]

    assert asyncio.run(use()) == (["m1", "m2"], ["m1", "m2"])
    assert len(server.requests) == 3


def test_raw_and_streamed_answers_parse_into_pages(pages: Any, pagination: Any, server: ScriptedServer) -> None:
    server.script(*_three_pages(), *_three_pages(), *_three_pages())
    with pages.PagesClient(**_options(server)) as client:
        raw = client.batches.with_raw_response.list(limit=2)
        assert raw.headers["x-request-id"] == "req_1"
        page = raw.parse()
        assert type(page) is _typed(pages, "batches", "SyncListBatchesResponsePage")
        assert [b.id for b in page] == ["b1", "b2", "b3", "b4", "b5"]
        with client.batches.with_streaming_response.list(limit=2) as streamed:
            assert [b.id for b in streamed.parse()] == ["b1", "b2", "b3", "b4", "b5"]

    async def use() -> list[str]:
        async with pages.AsyncPagesClient(**_options(server)) as client:
            raw = await client.batches.with_raw_response.list(limit=2)
            return [b.id async for b in await raw.parse()]

    assert asyncio.run(use()) == ["b1", "b2", "b3", "b4", "b5"]
    assert _queries(server) == [{"limit": "2"}, {"limit": "2", "after": "cur-2"}, {"limit": "2", "after": "cur-4"}] * 3


# ---- what is not a page ----


def test_a_model_that_is_no_page_is_not_iterable(pages: Any, server: ScriptedServer) -> None:
    server.script(_batches(["b1"], has_more=True),
                  _answer({"object": "list", "data": [[0.5, 1.0]]}),
                  _answer({"id": "b1", "object": "batch", "status": "done"}))
    with pages.PagesClient(**_options(server)) as client:
        answers = [client.snapshots.list(), client.embeddings.create(input="x"), client.batches.retrieve("b1")]
    assert [type(a).__name__ for a in answers] == ["ListBatchesResponse", "CreateEmbeddingResponse", "Batch"]
    for answer in answers:
        with pytest.raises(TypeError, match=f"{type(answer).__name__} is not iterable"):
            iter(answer)
        with pytest.raises(TypeError):
            dict(answer)
        assert answer.to_dict()  # its fields, the way the message says
    assert answers[0].data[0].id == "b1" and answers[1].data == [[0.5, 1.0]]


# ---- types ----

USAGE = '''
from typing import List, Optional
from typing_extensions import Literal, assert_type
from pages_client import AsyncPagesClient, PagesClient
from pages_client._pagination import AsyncCursorPage, AsyncPage, SyncCursorPage, SyncPage
from pages_client.resources.batches import AsyncListBatchesResponsePage, SyncListBatchesResponsePage
from pages_client.resources.engines import AsyncListEnginesResponsePage
from pages_client.resources.models import SyncListModelsResponsePage
from pages_client.types import Batch, Engine, Job, ListModelsResponseDataItem

client = PagesClient(api_key="sk-test")
page = client.batches.list(limit=2)
assert_type(page, SyncListBatchesResponsePage)
official: SyncCursorPage[Batch] = page  # the runtime's page over its items, as the official package has it
assert_type(page.data, List[Batch])
assert_type(page.has_more, bool)
assert_type(page.first_id, Optional[str])
assert_type(page.object, Literal["list"])
for batch in page:
    assert_type(batch, Batch)
for each in page.iter_pages():
    assert_type(each, SyncListBatchesResponsePage)
assert_type(page.get_next_page(), SyncListBatchesResponsePage)
assert_type(page.get_next_page().last_id, Optional[str])
assert_type(client.batches.with_raw_response.list().parse(), SyncListBatchesResponsePage)
assert_type(client.models.list(), SyncListModelsResponsePage)
single: SyncPage[ListModelsResponseDataItem] = client.models.list()
assert_type(client.models.list().object, Literal["list"])
assert_type(client.jobs.list().has_more, bool)
assert_type(client.events.list().more, bool)
assert_type(client.events.list().events, List[Job])
wrong: Engine = next(iter(client.batches.list()))  # WRONG
more: str = page.has_more  # WRONG
client.engines.retrieve("e1")  # DEPRECATED
client.completions.create(prompt="p", stream=True)  # DEPRECATED
client.batches.retrieve("b1")


async def main() -> None:
    aclient = AsyncPagesClient(api_key="sk-test")
    first = await aclient.batches.list()
    assert_type(first, AsyncListBatchesResponsePage)
    official: AsyncCursorPage[Batch] = first
    assert_type(first.has_more, bool)
    assert_type(first.last_id, Optional[str])
    async for batch in aclient.batches.list():
        assert_type(batch, Batch)
    async for batch in first:
        assert_type(batch, Batch)
    async for each in first.iter_pages():
        assert_type(each, AsyncListBatchesResponsePage)
    assert_type(await first.get_next_page(), AsyncListBatchesResponsePage)
    assert_type(await (await aclient.batches.with_raw_response.list()).parse(), AsyncListBatchesResponsePage)
    assert_type(await aclient.engines.list(), AsyncListEnginesResponsePage)  # DEPRECATED
    engines: AsyncPage[Engine] = await aclient.engines.list()  # DEPRECATED
    await aclient.completions.create(prompt="p")  # DEPRECATED
'''


def test_mypy_sees_the_item_and_field_types_and_the_deprecated_calls(package_dir: tuple[Path, Any],
                                                                     tmp_path: Path) -> None:
    folder, _ = package_dir
    (tmp_path / "usage.py").write_text(USAGE)
    run = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--enable-error-code", "deprecated",
                          "--python-version", "3.10", "--cache-dir", str(tmp_path / "cache"), "usage.py"],
                         cwd=tmp_path, env={"MYPYPATH": str(folder), "PATH": ""}, capture_output=True, text=True)
    reported = {(int(line), code) for line, code in re.findall(r"^usage\.py:(\d+): error: .*\[([\w-]+)\]$",
                                                                run.stdout, re.M)}
    lines = USAGE.splitlines()
    expected = {(i, "deprecated") for i, text in enumerate(lines, 1) if text.endswith("# DEPRECATED")}
    expected |= {(i, "assignment") for i, text in enumerate(lines, 1) if text.endswith("# WRONG")}
    assert len(expected) == 7 and reported == expected, run.stdout


REVEAL = '''
from pages_client import AsyncPagesClient, PagesClient

client = PagesClient(api_key="sk-test")
reveal_type(client.batches.list().has_more)
reveal_type(client.batches.list().first_id)
reveal_type(client.batches.list().object)
reveal_type(client.jobs.list().has_more)
reveal_type(client.events.list().more)
reveal_type(client.models.list().object)
reveal_type(client.batches.list().not_a_field)


async def main() -> None:
    aclient = AsyncPagesClient(api_key="sk-test")
    reveal_type((await aclient.batches.list()).last_id)
'''


def test_mypy_reveals_a_page_s_fields_as_the_spec_declares_them(package_dir: tuple[Path, Any],
                                                                  tmp_path: Path) -> None:
    """`has_more`, `first_id`... of a page are the answer model's types, never Any (only a name the
    model lacks is, read from the answer at run time)."""
    folder, _ = package_dir
    (tmp_path / "reveal.py").write_text(REVEAL)
    run = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--python-version", "3.10", "--cache-dir",
                          str(tmp_path / "cache"), "reveal.py"],
                         cwd=tmp_path, env={"MYPYPATH": str(folder), "PATH": ""}, capture_output=True, text=True)
    revealed = dict(re.findall(r'^reveal\.py:(\d+): note: Revealed type is "(.*)"$', run.stdout, re.M))
    lines = REVEAL.splitlines()
    assert {lines[int(n) - 1].strip(): t for n, t in revealed.items()} == {
        "reveal_type(client.batches.list().has_more)": "bool",
        "reveal_type(client.batches.list().first_id)": "str | None",
        "reveal_type(client.batches.list().object)": "Literal['list']",
        "reveal_type(client.jobs.list().has_more)": "bool",  # an inline answer's page too
        "reveal_type(client.events.list().more)": "bool",  # a page `x-python-pagination` declares
        "reveal_type(client.models.list().object)": "Literal['list']",  # a single page
        "reveal_type(client.batches.list().not_a_field)": "Any",
        "reveal_type((await aclient.batches.list()).last_id)": "str | None",
    }, run.stdout


APART = """openapi: 3.1.0
info: {title: Apart, version: "1"}
paths:
  /things:
    get:
      operationId: listThings
      tags: [things]
      x-python-pagination: {kind: cursor, items: events, cursor_param: after, item_cursor: id}
      parameters: [{name: after, in: query, schema: {type: string}}]
      responses:
        "200":
          description: a page whose fields are named like the page's own attributes
          content:
            application/json:
              schema:
                type: object
                required: [events, data]
                properties:
                  events: {type: array, items: {$ref: "#/components/schemas/Thing"}}
                  data: {type: string}
                  fetch: {type: integer}
                  iter_pages: {type: boolean}
                  extra: {$ref: "#/components/schemas/SyncListThingsResponsePage"}
components:
  schemas:
    Thing: {type: object, required: [id], properties: {id: {type: string}}}
    SyncListThingsResponsePage: {type: object, properties: {note: {type: string}}}
"""

APART_USAGE = '''
from typing import List, Optional
from typing_extensions import assert_type
from apart_client import ApartClient
from apart_client.resources.things import SyncListThingsResponsePage_
from apart_client.types import SyncListThingsResponsePage, Thing

page = ApartClient(api_key="sk-test").things.list()
assert_type(page, SyncListThingsResponsePage_)
assert_type(page.data, List[Thing])
assert_type(page.events, List[Thing])
assert_type(page.extra, Optional[SyncListThingsResponsePage])
'''


def test_a_typed_page_keeps_apart_from_the_names_it_meets(tmp_path: Path, server: ScriptedServer) -> None:
    """A model named as the page would be gives the page another name; the answer's fields named like
    the page's own attributes (`data` when the items are elsewhere, `fetch`, `iter_pages`) are not
    declared on it, and stay readable from the answer."""
    spec = tmp_path / "spec.yaml"
    spec.write_text(APART)
    folder = tmp_path / "out"
    folder.mkdir()
    for apart in generated_package(spec, "apart_client", "ApartClient", folder):
        module = (folder / "apart_client" / "resources" / "things.py").read_text()
        declared = module.split("class SyncListThingsResponsePage_(", 1)[1].split("\nclass ", 1)[0]
        assert re.findall(r"^    (\w+): (.+)$", declared, re.M) == [
            ("events", "List[Thing]"), ("extra", "Optional[SyncListThingsResponsePage]")]
        server.script(_answer({"events": [{"id": "t1"}], "data": "text", "fetch": 3, "iter_pages": True,
                               "extra": {"note": "n"}}))
        with apart.ApartClient(**_options(server)) as client:
            page = client.things.list()
            assert [t.id for t in page.data] == [t.id for t in page.events] == ["t1"]
            assert page.extra.note == "n" and page.to_dict()["data"] == "text" and page.to_dict()["fetch"] == 3
        (tmp_path / "usage.py").write_text(APART_USAGE)
        run = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--python-version", "3.10", "--cache-dir",
                              str(tmp_path / "cache"), "usage.py"],
                             cwd=tmp_path, env={"MYPYPATH": str(folder), "PATH": ""}, capture_output=True, text=True)
        assert run.returncode == 0, run.stdout
    for name in [m for m in sys.modules if m == "apart_client" or m.startswith("apart_client.")]:
        del sys.modules[name]


# ---- deprecated ----


def test_a_deprecated_operation_warns_once_per_call(pages: Any, server: ScriptedServer) -> None:
    engine = _answer({"id": "e1", "ready": True})
    server.script(engine, engine, _answer({"object": "list", "data": []}), engine, engine)
    with pages.PagesClient(**_options(server)) as client, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert client.engines.retrieve("e1").id == "e1"
        client.engines.with_raw_response.retrieve("e1").parse()
        client.engines.list()
    assert [(w.category, str(w.message)) for w in caught] == [
        (DeprecationWarning, "GET /engines/{engine_id} is deprecated by the API")] * 2 + [
        (DeprecationWarning, "GET /engines is deprecated by the API")]
    assert all(w.filename == __file__ for w in caught[::2])  # pointing at the caller's line

    async def use() -> list[str]:
        async with pages.AsyncPagesClient(**_options(server)) as client:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                await client.engines.retrieve("e1")
                async with client.engines.with_streaming_response.retrieve("e1") as streamed:
                    await streamed.parse()
            return [str(w.message) for w in caught if w.category is DeprecationWarning]

    assert asyncio.run(use()) == ["GET /engines/{engine_id} is deprecated by the API"] * 2


def test_an_operation_not_deprecated_does_not_warn(pages: Any, server: ScriptedServer) -> None:
    server.script(_answer({"id": "b1", "object": "batch", "status": "done"}))
    with pages.PagesClient(**_options(server)) as client, warnings.catch_warnings():
        warnings.simplefilter("error")
        assert client.batches.retrieve("b1").status == "done"


def test_reading_a_deprecated_field_warns(pages: Any, server: ScriptedServer) -> None:
    server.script(_answer({"id": "b1", "object": "batch", "status": "done", "endpoint": "/v1/x"}),
                  _answer({"id": "b2", "object": "a newer kind", "status": "done", "endpoint": "/v1/y"}))
    with pages.PagesClient(**_options(server)) as client:
        valid, lenient = client.batches.retrieve("b1"), client.batches.retrieve("b2")  # lenient: `object` unknown
    for batch, endpoint in ((valid, "/v1/x"), (lenient, "/v1/y")):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            assert (batch.id, batch.status) == (batch.id, "done")  # other fields: no warning
            assert not caught
            assert batch.endpoint == endpoint
        assert [(w.category, str(w.message)) for w in caught] == [
            (DeprecationWarning, "Batch.endpoint is deprecated by the API")]
        assert batch.to_dict()["endpoint"] == endpoint


# ---- the extension, refused where it does not fit ----


def _spec_with(tmp_path: Path, extension: str, parameters: str = "[{name: after, in: query, schema: {type: string}}]"
               ) -> Path:
    spec = tmp_path / "spec.yaml"
    spec.write_text(f"""openapi: 3.1.0
info: {{title: T, version: "1"}}
paths:
  /things:
    get:
      operationId: listThings
      x-python-pagination: {extension}
      parameters: {parameters}
      responses:
        "200":
          description: things
          content:
            application/json:
              schema:
                type: object
                properties:
                  data: {{type: array, items: {{type: object, properties: {{id: {{type: string}}}}}}}}
                  next: {{type: string}}
""")
    return spec


@pytest.mark.parametrize(("extension", "where", "says"), [
    ("true", "x-python-pagination", "must be false or a mapping"),
    ("{kind: offset}", "x-python-pagination/kind", "kind must be cursor or single"),
    ("{kind: cursor, items: results, cursor_param: after, next_cursor: next}", "x-python-pagination/items",
     "no list field 'results'"),
    ("{kind: cursor, cursor_param: page, next_cursor: next}", "x-python-pagination/cursor_param",
     "must name a query parameter"),
    ("{kind: cursor, cursor_param: after, next_cursor: nope}", "x-python-pagination/next_cursor", "no field 'nope'"),
    ("{kind: cursor, cursor_param: after, item_cursor: key}", "x-python-pagination/item_cursor",
     "the items have no field 'key'"),
    ("{kind: cursor, cursor_param: after}", "x-python-pagination", "needs next_cursor"),
    ("{kind: single, cursor_param: after}", "x-python-pagination/cursor_param", "a single page has no next page"),
    ("{kind: cursor, cursor_param: after, next_cursor: next, limit: 3}", "x-python-pagination/limit",
     "unknown key 'limit'"),
])
def test_an_extension_that_does_not_fit_is_a_located_problem(tmp_path: Path, extension: str, where: str,
                                                              says: str) -> None:
    with pytest.raises(SpecError) as raised:
        generate_files(_spec_with(tmp_path, extension), Options(package="t_client"))
    (problem,) = raised.value.problems
    assert problem.pointer == f"/paths/~1things/get/{where}" and says in problem.message
    assert problem.line is not None and problem.file.endswith("spec.yaml")


def test_an_extension_that_fits_gives_a_page(tmp_path: Path) -> None:
    files = generate_files(_spec_with(tmp_path, "{cursor_param: after, next_cursor: next}"),
                           Options(package="t_client"))
    module = files["t_client/resources/things.py"].decode()
    assert '-> SyncListThingsResponsePage:' in module
    assert 'class SyncListThingsResponsePage(SyncCursorPage["ListThingsResponseDataItem"]):' in module
    assert '    next: Optional[str]\n' in module  # the answer's other field, typed as in its model
    assert 'items="data",\n                cursor_param="after",\n                next_cursor="next",' in module
