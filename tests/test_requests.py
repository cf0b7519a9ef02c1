"""What goes on the wire: CONTRACT.md's "Requests" section, checked on a recording server."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import List, NamedTuple, Optional

import pytest

from .conftest import API_KEY, Driver
from .scripted_server import Recorded, ScriptedServer

PNG = b"\x89PNG\r\n\x1a\n" + b"\x01" * 16
JPEG = b"\xff\xd8\xff\xe0" + b"\x02" * 16
WEBP = b"RIFF\x10\x00\x00\x00WEBPVP8 " + b"\x03" * 16


class Part(NamedTuple):
    name: str
    filename: Optional[str]
    content_type: Optional[str]
    data: bytes


def parts(request: Recorded) -> List[Part]:
    match = re.match(r"multipart/form-data; boundary=(\S+)", request.headers["content-type"])
    assert match, request.headers["content-type"]
    boundary = b"--" + match.group(1).encode()
    assert request.body.endswith(boundary + b"--\r\n")
    found = []
    for chunk in request.body.split(boundary)[1:-1]:
        head, _, data = chunk[2:].partition(b"\r\n\r\n")
        text = head.decode()
        name = re.search(r'name="([^"]*)"', text)
        filename = re.search(r'filename="([^"]*)"', text)
        ctype = re.search(r"Content-Type: (\S+)", text, re.IGNORECASE)
        assert name
        found.append(Part(name.group(1), filename and filename.group(1), ctype and ctype.group(1), data[:-2]))
    return found


def only(server: ScriptedServer) -> Recorded:
    assert len(server.requests) == 1, server.requests
    return server.requests[0]


# ---- generate: JSON ----


def test_generate_posts_json_with_only_given_fields(driver: Driver, server: ScriptedServer) -> None:
    driver.call("generate", prompt="otter", n=2)
    request = only(server)
    assert (request.method, request.path) == ("POST", "/images/generations")
    assert request.headers["content-type"] == "application/json"
    assert json.loads(request.body) == {"prompt": "otter", "n": 2}


def test_generate_sends_explicit_none_as_null_and_explicit_false(driver: Driver, server: ScriptedServer) -> None:
    driver.call("generate", prompt="otter", model=None, size=None, stream=False)
    assert json.loads(only(server).body) == {"prompt": "otter", "model": None, "size": None, "stream": False}


def test_extra_body_and_extra_query(driver: Driver, server: ScriptedServer) -> None:
    driver.call("generate", prompt="otter", extra_body={"seed": 7, "n": 3}, extra_query={"trace": "1"})
    request = only(server)
    assert json.loads(request.body) == {"prompt": "otter", "seed": 7, "n": 3}
    assert request.query == [("trace", "1")]


# ---- headers ----


def test_default_headers(driver: Driver, server: ScriptedServer) -> None:
    import images_client

    driver.call("generate", prompt="otter")
    headers = only(server).headers
    assert headers["authorization"] == f"Bearer {API_KEY}"
    assert headers["accept"] == "application/json"
    assert headers["user-agent"] == f"images_client/{images_client.__version__}"
    assert "openai-organization" not in headers and "openai-project" not in headers


def test_stream_request_accepts_event_stream(driver: Driver, server: ScriptedServer) -> None:
    from .scripted_server import Reply

    server.script(Reply(headers={"content-type": "text/event-stream"}, body=b""))
    driver.call("generate", prompt="otter", stream=True)
    request = only(server)
    assert request.headers["accept"] == "text/event-stream"
    assert json.loads(request.body)["stream"] is True


def test_organization_project_and_extra_headers(server: ScriptedServer) -> None:
    from images_client import ImagesClient, Omit

    with ImagesClient(api_key=API_KEY, base_url=server.base_url, organization="org-1", project="proj-1",
                      default_headers={"X-Team": "a"}) as client:
        client.images.generate(prompt="otter", extra_headers={"X-Team": "b", "User-Agent": Omit(), "X-New": "1"})
    headers = only(server).headers
    assert headers["openai-organization"] == "org-1"
    assert headers["openai-project"] == "proj-1"
    assert headers["x-team"] == "b"
    assert headers["x-new"] == "1"
    assert "user-agent" not in headers


def test_environment_fallbacks(server: ScriptedServer, monkeypatch: pytest.MonkeyPatch) -> None:
    from images_client import ImagesClient

    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env")
    monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
    monkeypatch.setenv("OPENAI_ORG_ID", "org-env")
    monkeypatch.setenv("OPENAI_PROJECT_ID", "proj-env")
    with ImagesClient() as client:
        client.images.generate(prompt="otter")
    headers = only(server).headers
    assert headers["authorization"] == "Bearer sk-from-env"
    assert (headers["openai-organization"], headers["openai-project"]) == ("org-env", "proj-env")


def test_missing_api_key_is_a_clear_error() -> None:
    from images_client import AsyncImagesClient, ImagesClient, ImagesClientError

    for cls in (ImagesClient, AsyncImagesClient):
        with pytest.raises(ImagesClientError, match="OPENAI_API_KEY"):
            cls()


# ---- multipart ----


def test_edit_part_order_and_text_values(driver: Driver, server: ScriptedServer) -> None:
    driver.call("edit", image=PNG, mask=PNG, prompt="hat", n=2, stream=False, output_compression=0,
                user="", background=None, output_format="png")
    request = only(server)
    assert (request.method, request.path) == ("POST", "/images/edits")
    got = [(p.name, p.data) for p in parts(request)]
    assert got == [
        ("prompt", b"hat"),
        ("n", b"2"),
        ("output_compression", b"0"),
        ("output_format", b"png"),
        ("stream", b"false"),
        ("image", PNG),
        ("mask", PNG),
    ]


def test_a_list_of_files_is_sent_as_image_brackets(driver: Driver, server: ScriptedServer) -> None:
    driver.call("edit", image=[PNG], prompt="hat")
    driver.call("edit", image=[PNG, JPEG], prompt="hat")
    one, two = server.requests
    assert [p.name for p in parts(one)] == ["prompt", "image[]"]
    assert [(p.name, p.data) for p in parts(two)][1:] == [("image[]", PNG), ("image[]", JPEG)]


def test_true_is_sent_as_lowercase_text(driver: Driver, server: ScriptedServer) -> None:
    from .scripted_server import Reply

    server.script(Reply(headers={"content-type": "text/event-stream"}, body=b""))
    driver.call("edit", image=PNG, prompt="hat", stream=True)
    assert ("stream", b"true") in [(p.name, p.data) for p in parts(only(server))]


@pytest.mark.parametrize(
    ("data", "filename", "content_type"),
    [
        (PNG, "image.png", "image/png"),
        (JPEG, "image.jpg", "image/jpeg"),
        (WEBP, "image.webp", "image/webp"),
        (b"plain bytes", "upload", "application/octet-stream"),
    ],
)
def test_raw_bytes_are_sniffed(driver: Driver, server: ScriptedServer, data: bytes, filename: str,
                               content_type: str) -> None:
    driver.call("create_variation", image=data)
    (part,) = parts(only(server))
    assert (part.name, part.filename, part.content_type, part.data) == ("image", filename, content_type, data)


def test_file_object_path_and_tuple_inputs(driver: Driver, server: ScriptedServer, tmp_path: Path) -> None:
    on_disk = tmp_path / "photo.jpeg"
    on_disk.write_bytes(JPEG)
    with on_disk.open("rb") as handle:
        driver.call("create_variation", image=handle)
    driver.call("create_variation", image=on_disk)
    driver.call("create_variation", image=("custom.webp", io.BytesIO(WEBP)))
    driver.call("create_variation", image=("declared.bin", PNG, "image/png"))
    got = [(p.filename, p.content_type, p.data) for r in server.requests for p in parts(r)]
    assert got == [
        ("photo.jpeg", "image/jpeg", JPEG),
        ("photo.jpeg", "image/jpeg", JPEG),
        ("custom.webp", "image/webp", WEBP),
        ("declared.bin", "image/png", PNG),
    ]


def test_extra_body_becomes_form_fields(driver: Driver, server: ScriptedServer) -> None:
    driver.call("create_variation", image=PNG, n=1, extra_body={"seed": 5, "tags": ["a", "b"]})
    got = [(p.name, p.data) for p in parts(only(server))]
    assert got == [("n", b"1"), ("seed", b"5"), ("tags[]", b"a"), ("tags[]", b"b"), ("image", PNG)]


def test_text_mode_file_is_refused(driver: Driver, tmp_path: Path) -> None:
    path = tmp_path / "a.png"
    path.write_bytes(PNG)
    with path.open("r") as handle, pytest.raises(TypeError, match="binary mode"):
        driver.call("create_variation", image=handle)
