"""Drift you can see (issue 18, point 4): lenient parsing keeps what the spec does not know, and a
client made with `on_spec_drift=` hears of each such place (its JSON path, what was expected, what
came, the request id); one made with `strict=True` raises `APIResponseValidationError` instead.
Sync and async over loopback, against a fixture spec; strict mode agrees with the official
package's hidden `_strict_response_validation` on what it accepts.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any, Iterator, List, Tuple

import pytest

from .conftest import API_KEY, FIXTURES, generated_package
from .scripted_server import Reply, ScriptedServer

SPEC = FIXTURES / "drift" / "forecasts.yaml"
SSE = {"content-type": "text/event-stream", "x-request-id": "req_stream"}
JSON = {"content-type": "application/json", "x-request-id": "req_42"}
KINDS = ["sync", "async"]
FITS = {"id": "f1", "sky": "clear", "wind": "a gale from the north", "chance": 1, "issued_at": "2026-01-02T03:04:05Z",
        "hours": [{"hour": 1, "sky": "rain"}]}


@pytest.fixture(scope="module")
def forecasts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    yield from generated_package(SPEC, "forecast_client", "ForecastClient", tmp_path_factory.mktemp("drift"))


def call(forecasts: Any, kind: str, server: ScriptedServer, *, stream: bool = False, **options: Any) -> Any:
    """One `create` call by a client made with `options`: its answer, or its events."""
    settings = {"api_key": API_KEY, "base_url": server.base_url, "max_retries": 0, **options}
    if kind == "sync":
        with forecasts.ForecastClient(**settings) as client:
            answer = client.forecasts.create(city="Oslo", stream=stream)
            return list(answer) if stream else answer

    async def run() -> Any:
        async with forecasts.AsyncForecastClient(**settings) as client:
            answer = await client.forecasts.create(city="Oslo", stream=stream)
            return [event async for event in answer] if stream else answer

    return asyncio.run(run())


def heard(forecasts: Any, kind: str, server: ScriptedServer, body: object, **options: Any) -> Tuple[Any, List[Any]]:
    """The answer to `body` and the drift `on_spec_drift` was told of."""
    drift: List[Any] = []
    server.script(Reply(headers=JSON, body=json.dumps(body).encode()))
    return call(forecasts, kind, server, on_spec_drift=drift.append, **options), drift


def plain(drift: List[Any]) -> List[Tuple[str, str, object]]:
    return [(d.kind, d.path, d.received) for d in drift]


@pytest.mark.parametrize("kind", KINDS)
def test_an_answer_that_fits_reports_nothing(forecasts: Any, kind: str, server: ScriptedServer) -> None:
    """Extra fields and an open enum's new values are no drift: the spec allows them."""
    answer, drift = heard(forecasts, kind, server, {**FITS, "pollen": {"birch": 3}}, strict=True)
    assert drift == [] and answer.wind == "a gale from the north" and answer.pollen == {"birch": 3}


@pytest.mark.parametrize("kind", KINDS)
def test_each_place_an_answer_differs_is_reported_and_the_data_kept(forecasts: Any, kind: str,
                                                                  server: ScriptedServer) -> None:
    body = {**FITS, "sky": "hail", "hours": [{"hour": 1, "sky": "rain"}, {"hour": "two", "sky": "sleet"}, {"sky": 1}],
            "issued_at": "yesterday", "chance": True, "odd key": 1}
    del body["id"]
    answer, drift = heard(forecasts, kind, server, body)
    assert plain(drift) == [
        ("missing", "$.id", forecasts._drift.MISSING),
        ("value", "$.sky", "hail"),
        ("type", "$.chance", True),  # a bool is no number
        ("type", "$.hours[1].hour", "two"),
        ("value", "$.hours[1].sky", "sleet"),
        ("missing", "$.hours[2].hour", forecasts._drift.MISSING),
        ("value", "$.hours[2].sky", 1),
        ("type", "$.issued_at", "yesterday"),
    ]
    assert {d.request_id for d in drift} == {"req_42"}
    assert drift[1].expected == "one of 'clear', 'cloudy', 'rain'"
    assert str(drift[1]) == "$.sky: expected one of 'clear', 'cloudy', 'rain', got 'hail' (request req_42)"
    assert str(drift[0]) == "$.id: expected a required field, got nothing (request req_42)"
    assert answer.sky == "hail" and answer.hours[1].sky == "sleet" and answer.id is None  # kept as it came


@pytest.mark.parametrize("kind", KINDS)
def test_a_stream_reports_an_unknown_event_type_and_each_events_drift(forecasts: Any, kind: str,
                                                                     server: ScriptedServer) -> None:
    events = [{"type": "forecast.progress", "percent": 10}, {"type": "forecast.alert", "level": "red"},
              {"type": "forecast.progress", "percent": "half"}, {"type": "forecast.done", "forecast": {"id": "f"}}]
    server.script(Reply(headers=SSE, chunks=[b"".join(b"data: %s\n\n" % json.dumps(e).encode() for e in events)]))
    drift: List[Any] = []
    got = call(forecasts, kind, server, stream=True, on_spec_drift=drift.append)
    assert [type(e).__name__ for e in got] == ["Progress", "UnknownEvent", "Progress", "Done"]
    assert plain(drift) == [("variant", "$.type", "forecast.alert"), ("type", "$.percent", "half"),
                            ("missing", "$.forecast.sky", forecasts._drift.MISSING)]
    assert drift[0].expected == "one of 'forecast.progress', 'forecast.done'"
    assert {d.request_id for d in drift} == {"req_stream"}


@pytest.mark.parametrize("kind", KINDS)
def test_strict_raises_a_validation_error_instead(forecasts: Any, kind: str, server: ScriptedServer) -> None:
    body = {**FITS, "sky": "hail"}
    server.script(Reply(headers=JSON, body=json.dumps(body).encode()))
    with pytest.raises(forecasts.APIResponseValidationError) as info:
        call(forecasts, kind, server, strict=True)
    assert "$.sky: expected one of 'clear', 'cloudy', 'rain', got 'hail'" in str(info.value)
    assert plain(info.value.drift) == [("value", "$.sky", "hail")] and info.value.status_code == 200
    events = b'data: {"type": "forecast.progress", "percent": 1}\n\ndata: {"type": "forecast.alert"}\n\n'
    server.script(Reply(headers=SSE, chunks=[events]))
    with pytest.raises(forecasts.APIResponseValidationError, match=r"\$\.type: expected one of"):
        call(forecasts, kind, server, stream=True, strict=True)


@pytest.mark.parametrize("kind", KINDS)
def test_what_the_callback_raises_reaches_the_caller_as_it_is(forecasts: Any, kind: str,
                                                             server: ScriptedServer) -> None:
    def refuse(drift: Any) -> None:
        raise ValueError(f"stale spec: {drift.path}")

    server.script(Reply(headers=JSON, body=json.dumps({**FITS, "sky": "hail"}).encode()))
    with pytest.raises(ValueError, match=r"^stale spec: \$\.sky$"):  # not made an "answer is not JSON" error
        call(forecasts, kind, server, on_spec_drift=refuse)


def test_the_options_carry_over_and_are_checked(forecasts: Any, server: ScriptedServer) -> None:
    drift: List[Any] = []
    hear = drift.append
    client = forecasts.ForecastClient(api_key=API_KEY, base_url=server.base_url, on_spec_drift=hear)
    assert client.with_options(timeout=5).on_spec_drift is hear and not client.with_options().strict
    assert client.with_options(on_spec_drift=None).on_spec_drift is None and client.with_options(strict=True).strict
    server.script(Reply(headers=JSON, body=json.dumps({**FITS, "sky": "hail"}).encode()))
    assert client.with_options(max_retries=0).forecasts.create(city="Oslo").sky == "hail"
    assert plain(drift) == [("value", "$.sky", "hail")]
    server.script(Reply(headers=JSON, body=json.dumps({**FITS, "sky": "hail"}).encode()))
    raw = client.forecasts.with_raw_response.create(city="Oslo")
    assert len(drift) == 1 and raw.parse().sky == "hail"  # reported when parsed
    assert len(drift) == 2
    with pytest.raises(TypeError, match="on_spec_drift"):
        forecasts.ForecastClient(api_key=API_KEY, on_spec_drift="print")
    with pytest.raises(TypeError, match="strict"):
        forecasts.AsyncForecastClient(api_key=API_KEY, strict="yes")
    client.close()


@pytest.mark.parametrize("kind", KINDS)
def test_nothing_is_searched_when_off_or_when_the_answer_fits(forecasts: Any, kind: str, server: ScriptedServer,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Drift costs nothing when off: the search never runs (here it would fail the call)."""
    import forecast_client._conformance as conformance

    def searched(*args: object) -> None:
        raise AssertionError("searched for drift")

    monkeypatch.setattr(conformance, "find_drift", searched)
    server.script(Reply(headers=JSON, body=json.dumps({**FITS, "sky": "hail"}).encode()))
    assert call(forecasts, kind, server).sky == "hail"  # drifts, but nobody asked
    _, drift = heard(forecasts, kind, server, FITS)  # asked, but it fits: strict validation passed
    assert drift == []


# ---- strict mode against the official package's ----

ANSWERS = {
    "fits": {"created": 1, "data": [{"b64_json": "QUJD"}]},
    "an extra field": {"created": 1, "data": [{"b64_json": "QUJD", "brand_new": True}], "also_new": {"x": 1}},
    "a value outside a closed set": {"created": 1, "data": [], "background": "glitter-from-the-future"},
    "a missing required field": {"data": []},
    "a number for text": {"created": 1, "data": [{"b64_json": 5}]},
    "text for a list": {"created": 1, "data": "none"},
}


@pytest.mark.parametrize("name", sorted(ANSWERS))
def test_strict_refuses_what_the_official_strict_mode_refuses(name: str, server: ScriptedServer) -> None:
    import images_client
    import openai

    body = json.dumps(ANSWERS[name]).encode()
    server.script(Reply(headers=JSON, body=body), Reply(headers=JSON, body=body))
    refused = []
    official = openai.OpenAI(api_key=API_KEY, base_url=server.base_url, max_retries=0, _strict_response_validation=True)
    ours = images_client.ImagesClient(api_key=API_KEY, base_url=server.base_url, max_retries=0, strict=True)
    for client, error in ((official, openai.APIResponseValidationError),
                          (ours, images_client.APIResponseValidationError)):
        try:
            client.images.generate(prompt="otter")
        except error:
            refused.append(True)
        else:
            refused.append(False)
    official.close()
    ours.close()
    assert refused[0] == refused[1], f"official refuses: {refused[0]}, ours: {refused[1]}"
    assert refused[1] == (name not in ("fits", "an extra field"))
