"""Images as files (issue 18, point 4): `save()`, `to_bytes()`, `save_all()` on the models whose
shape carries base64 images, and `Stream.saving_to()`, which decodes each image of a stream into
its file as the bytes arrive. Sync and async over loopback, against a fixture spec whose models
are named nothing like the images API's (the helpers follow the shape, not the names).
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterator, List, Optional, Tuple

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.ir.helpers import with_helpers
from generator.ir.nodes import ListOf, Model, ModelField, NamedType, Primitive, UnionOf

from .conftest import FIXTURES, ROOT, generated_package, property_settings
from .scripted_server import Reply, ScriptedServer

SPEC = FIXTURES / "specs" / "image_helpers.yaml"
SSE = {"content-type": "text/event-stream"}
KINDS = ["sync", "async"]


@pytest.fixture(scope="module")
def pictures(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    yield from generated_package(SPEC, "picture_client", "PictureClient", tmp_path_factory.mktemp("pictures"))


def image(size: int, kind: str = "png", seed: int = 0) -> bytes:
    """`size` bytes that start as an image of `kind` does, the rest random (as compressed pixels are)."""
    head = {"png": b"\x89PNG\r\n\x1a\n", "jpeg": b"\xff\xd8\xff\xe0", "webp": b"RIFF\x00\x00\x00\x00WEBPVP8 ",
            "none": b"\x00\x01\x02\x03"}[kind]
    return head + os.urandom(size - len(head))


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def sse(payload: object) -> bytes:
    return b"data: " + json.dumps(payload).encode() + b"\n\n"


def pieces(body: bytes, size: int) -> List[bytes]:
    return [body[i:i + size] for i in range(0, len(body), size)]


def client(pictures: Any, kind: str, server: ScriptedServer) -> Any:
    cls = pictures.AsyncPictureClient if kind == "async" else pictures.PictureClient
    return cls(api_key="sk-test-0123456789", base_url=server.base_url, max_retries=0)


def make(pictures: Any, kind: str, server: ScriptedServer, **arguments: Any) -> Any:
    """One `make_pictures` call, its answer parsed (a Gallery)."""
    if kind == "sync":
        with client(pictures, kind, server) as sync:
            return sync.pictures.make(prompt="otter", **arguments)

    async def run() -> Any:
        async with client(pictures, kind, server) as async_client:
            return await async_client.pictures.make(prompt="otter", **arguments)

    return asyncio.run(run())


def saving(pictures: Any, kind: str, server: ScriptedServer, folder: Path,
           after: int = 0) -> Tuple[List[Any], List[bool], Optional[BaseException]]:
    """A stream's events through `saving_to(folder)` (after taking `after` events the plain way):
    the events, whether each one's file existed as it came, and the error that ended it."""
    events: List[Any] = []
    present: List[bool] = []

    def seen(event: Any) -> None:
        events.append(event)
        path = getattr(event, "saved_path", None)
        present.append(path is not None and path.exists())

    if kind == "sync":
        with client(pictures, kind, server) as sync:
            stream = sync.pictures.make(prompt="otter", stream=True)
            try:
                for _ in range(after):
                    seen(next(stream))
                for event in stream.saving_to(folder):
                    seen(event)
            except Exception as exc:
                return events, present, exc
        return events, present, None

    async def run() -> Optional[BaseException]:
        async with client(pictures, kind, server) as async_client:
            stream = await async_client.pictures.make(prompt="otter", stream=True)
            try:
                for _ in range(after):
                    seen(await stream.__anext__())
                async for event in stream.saving_to(folder):
                    seen(event)
            except Exception as exc:
                return exc
        return None

    return events, present, asyncio.run(run())


def files(folder: Path) -> List[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


# ---- which models get the helpers: their shape ----


def test_the_helpers_follow_the_shape_not_the_name(pictures: Any) -> None:
    from picture_client._images import ImageFile, ImageSet

    types = pictures.types
    assert all(issubclass(getattr(types, name), ImageFile) for name in ("Picture", "PartialPicture", "DonePicture"))
    assert issubclass(types.Gallery, ImageSet) and not issubclass(types.Gallery, ImageFile)
    for plain in ("SavedFlag", "NumberedImage", "Album", "Oddities"):  # a `save` field; an int; a list of non-images
        assert getattr(types, plain).__bases__ == (pictures.BaseModel,), plain


def test_the_ir_picks_models_by_their_fields() -> None:
    def obj(name: str, *fields: Tuple[str, Any]) -> Model:
        return Model(name, f"/components/schemas/{name}", "object",
                     tuple(ModelField(wire, wire, type_, False, "") for wire, type_ in fields), None, None, "")

    text, nullable = Primitive("str"), UnionOf((Primitive("str"), Primitive("None")))
    models = (obj("Zebra", ("b64_json", nullable)), obj("Herd", ("data", ListOf(NamedType("Zebra", True)))),
              obj("Stripe", ("b64_json", text), ("to_bytes", text)),  # a field the helper would hide
              obj("Crowd", ("data", ListOf(NamedType("Stripe")))), obj("Count", ("b64_json", Primitive("int"))))
    assert [m.mixins for m in with_helpers(models)] == [("ImageFile",), ("ImageSet",), (), (), ()]


def test_every_model_of_the_images_client_with_base64_can_be_saved() -> None:
    """The committed package: whatever models its spec has, each with a text `b64_json` saves."""
    import typing

    import images_client.types as types
    from images_client._images import ImageFile

    models = [v for v in vars(types).values() if isinstance(v, type) and issubclass(v, types.BaseModel)]
    carrying = [m for m in models if "b64_json" in m.model_fields and
                str in (m.model_fields["b64_json"].annotation, *typing.get_args(m.model_fields["b64_json"].annotation))]
    assert carrying and all(issubclass(m, ImageFile) for m in carrying)


# ---- save, to_bytes, save_all ----


@pytest.mark.parametrize("kind", KINDS)
def test_saved_files_are_the_decoded_base64_byte_for_byte(pictures: Any, kind: str, server: ScriptedServer,
                                                          tmp_path: Path) -> None:
    images = [image(1_000_000, "png"), image(2_000_000, "jpeg"), image(3_000_000, "webp")]
    texts = [b64(data) for data in images]
    server.script(Reply(body=json.dumps({"created": 1, "output_format": "png",
                                         "data": [{"b64_json": text} for text in texts]}).encode()))
    gallery = make(pictures, kind, server)
    paths = gallery.save_all(tmp_path / "all")
    assert [p.name for p in paths] == ["image-0.png", "image-1.jpeg", "image-2.webp"]  # the bytes say what they are
    assert [p.read_bytes() for p in paths] == [base64.b64decode(text) for text in texts]
    assert files(tmp_path / "all") == ["image-0.png", "image-1.jpeg", "image-2.webp"]
    assert gallery.data[1].save(tmp_path / "one") == tmp_path / "one.jpeg"
    assert gallery.data[1].save(str(tmp_path / "two.dat")) == tmp_path / "two.dat"  # a suffix given is kept
    assert (tmp_path / "one.jpeg").read_bytes() == (tmp_path / "two.dat").read_bytes() == images[1]
    assert gallery.data[2].to_bytes() == base64.b64decode(texts[2])


def test_bytes_of_no_known_kind_take_the_answers_output_format(pictures: Any, tmp_path: Path) -> None:
    from picture_client._models import parse_json

    raw = image(5000, "none")
    for output_format, suffix in (("avif", ".avif"), (None, ".bin"), ("../../evil", ".bin"), ("png", ".png")):
        answer = {"created": 1, "output_format": output_format, "data": [{"b64_json": b64(raw)}]}
        gallery = parse_json(pictures.types.Gallery, json.dumps(answer))  # as an answer is read: leniently
        folder = tmp_path / str(suffix) / str(len(str(output_format)))
        assert gallery.save_all(folder) == [folder / f"image-0{suffix}"]
        assert (folder / f"image-0{suffix}").read_bytes() == raw
    event = pictures.types.PartialPicture(type="picture.partial", b64_json=b64(raw), partial_image_index=0,
                                          output_format="webp")
    assert event.save(tmp_path / "partial").name == "partial.webp"  # a model with its own output_format


def test_a_url_is_no_image_and_is_never_fetched(pictures: Any, server: ScriptedServer, tmp_path: Path) -> None:
    url = f"{server.base_url}/signed/picture.png?sig=secret-token"
    picture = pictures.types.Picture(url=url)
    with pytest.raises(ValueError, match="only a `url`") as info:
        picture.to_bytes()
    assert "secret-token" not in str(info.value)  # a signed URL is a credential
    with pytest.raises(ValueError, match="url"):
        picture.save(tmp_path / "picture.png")
    gallery = pictures.types.Gallery(created=1, data=[{"b64_json": b64(image(100))}, {"url": url}])
    with pytest.raises(ValueError, match=r"data\[1\].*url"):
        gallery.save_all(tmp_path / "gallery")
    assert server.requests == [] and files(tmp_path) == []  # nothing fetched, nothing written, not even the folder
    with pytest.raises(ValueError, match="no image bytes"):
        pictures.types.Picture().to_bytes()


def test_a_failed_save_leaves_no_file_and_keeps_the_old_one(pictures: Any, tmp_path: Path) -> None:
    good = b64(image(300_000))
    broken = pictures.types.Picture(b64_json=good[:200_000] + "!!!!" + good[200_004:])  # fails after a first write
    with pytest.raises(ValueError, match="not base64"):
        broken.save(tmp_path / "new.png")
    (tmp_path / "old.png").write_bytes(b"the old picture")
    with pytest.raises(ValueError, match="not base64"):
        broken.save(tmp_path / "old.png")
    padded = pictures.types.Picture(b64_json="QQ==" + good)  # padding in the middle: not base64
    with pytest.raises(ValueError, match="padding"):
        padded.save(tmp_path / "padded.png")
    with pytest.raises(ValueError, match="not base64"):
        broken.to_bytes()
    assert files(tmp_path) == ["old.png"] and (tmp_path / "old.png").read_bytes() == b"the old picture"


def test_saved_files_get_the_usual_permissions(pictures: Any, tmp_path: Path) -> None:
    umask = os.umask(0o022)
    os.umask(umask)
    path = pictures.types.Picture(b64_json=b64(image(100))).save(tmp_path / "p")
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask  # as `open(path, "wb")` makes it, not tempfile's 0o600


# ---- streams: each image to disk as it arrives ----


def partial(index: int, data: bytes, output_format: str = "png") -> dict[str, object]:
    return {"type": "picture.partial", "b64_json": b64(data), "partial_image_index": index,
            "output_format": output_format}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("chunk", [4 * 1024, 16 * 1024])
def test_saving_to_writes_each_image_as_its_event_comes(pictures: Any, kind: str, chunk: int,
                                                        server: ScriptedServer, tmp_path: Path) -> None:
    images = [image(600_000 + i, kind) for i, kind in enumerate(("png", "jpeg", "webp"))]
    final = image(2_250_000, "png")  # 3 MB of base64
    escaped = json.dumps(partial(2, images[2], "webp")).replace("/", "\\/").encode()  # JSON may escape "/"
    body = (sse(partial(0, images[0])) + sse(partial(1, images[1], "jpeg")) + b"data: " + escaped + b"\n\n"
            + sse({"type": "picture.brand_new", "b64_json": b64(b"kept as text"), "n": 1})
            + b": a comment\r\n" + sse({"type": "picture.done", "b64_json": b64(final), "output_format": "png"}))
    server.script(Reply(headers=SSE, chunks=pieces(body, chunk)))
    events, present, error = saving(pictures, kind, server, tmp_path / "out")
    assert error is None
    assert [type(e).__name__ for e in events] == ["PartialPicture"] * 3 + ["UnknownEvent", "DonePicture"]
    assert files(tmp_path / "out") == ["image-0.png", "partial-0.png", "partial-1.jpeg", "partial-2.webp"]
    saved = [events[i].saved_path for i in (0, 1, 2, 4)]
    assert [p.read_bytes() for p in saved] == [*images, final]
    assert present == [True, True, True, False, True]  # each file complete before its event came
    assert all(events[i].b64_json is None for i in (0, 1, 2, 4))  # the base64 was never kept
    assert events[2].partial_image_index == 2 and events[3].b64_json == b64(b"kept as text")  # nothing lost


@pytest.mark.parametrize("kind", KINDS)
def test_saving_to_after_some_events_saves_the_rest(pictures: Any, kind: str, server: ScriptedServer,
                                                   tmp_path: Path) -> None:
    images = [image(20_000 + i) for i in range(3)]
    body = b"".join(sse(partial(i, data)) for i, data in enumerate(images))
    server.script(Reply(headers=SSE, chunks=[body]))  # one piece: the second event is decoded with the first
    events, present, error = saving(pictures, kind, server, tmp_path, after=1)
    assert error is None and events[0].b64_json == b64(images[0]) and events[0].saved_path is None
    assert present == [False, True, True] and [e.saved_path.read_bytes() for e in events[1:]] == images[1:]
    assert files(tmp_path) == ["partial-0.png", "partial-1.png"]


@pytest.mark.parametrize("kind", KINDS)
def test_an_event_read_whole_before_saving_to_is_checked_too(pictures: Any, kind: str, server: ScriptedServer,
                                                            tmp_path: Path) -> None:
    body = sse(partial(0, image(100))) + sse({**partial(1, image(100)), "b64_json": "QUJD@@@@"})
    server.script(Reply(headers=SSE, chunks=[body]))
    events, _, error = saving(pictures, kind, server, tmp_path, after=1)
    assert isinstance(error, pictures.APIError) and "not base64" in str(error), error
    assert len(events) == 1 and files(tmp_path) == []


@pytest.mark.parametrize("kind", KINDS)
def test_a_stream_cut_mid_image_leaves_no_half_file(pictures: Any, kind: str, server: ScriptedServer,
                                                    tmp_path: Path) -> None:
    first, second = image(50_000), image(500_000)
    body = sse(partial(0, first)) + sse(partial(1, second))
    server.script(Reply(headers=SSE, chunks=pieces(body, 8192), cut_after=len(body) - 200_000))
    events, _, error = saving(pictures, kind, server, tmp_path)
    assert isinstance(error, pictures.APIConnectionError) and len(events) == 1
    assert files(tmp_path) == ["partial-0.png"] and (tmp_path / "partial-0.png").read_bytes() == first


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("bad", ["@@@@", "QQ==QUJD", "QUJ", "\\u0041AAA"])
def test_an_image_that_is_not_base64_is_an_api_error(pictures: Any, kind: str, bad: str, server: ScriptedServer,
                                                    tmp_path: Path) -> None:
    text = b64(image(40_000))
    body = b'data: {"type": "picture.partial", "partial_image_index": 0, "output_format": "png", "b64_json": "' + (
        text[:20_000] + bad + text[20_000:]).encode() + b'"}\n\n'
    server.script(Reply(headers=SSE, chunks=pieces(body, 4096)))
    events, _, error = saving(pictures, kind, server, tmp_path)
    assert isinstance(error, pictures.APIError) and "not base64" in str(error), error
    assert events == [] and files(tmp_path) == []


MEMORY = """
import asyncio, re, sys
sys.path.insert(0, {folder!r})
import picture_client

def peak():
    with open("/proc/self/status") as status:
        return int(re.search(r"VmHWM:\\s+(\\d+)", status.read()).group(1)) * 1024

async def drain(stream, folder):
    async for event in (stream.saving_to(folder) if folder else stream):
        pass

def run(folder):
    if {kind!r} == "sync":
        with picture_client.PictureClient(api_key="sk-test", base_url={base_url!r}, max_retries=0) as client:
            stream = client.pictures.make(prompt="otter", stream=True)
            for event in (stream.saving_to(folder) if folder else stream):
                pass
        return
    async def main():
        async with picture_client.AsyncPictureClient(api_key="sk-test", base_url={base_url!r}, max_retries=0) as client:
            await drain(await client.pictures.make(prompt="otter", stream=True), folder)
    asyncio.run(main())

run({folder_out!r})  # a small stream first: every module and buffer the big one needs is loaded
before = peak()
run({folder_out!r})
print(peak() - before)
"""


@pytest.mark.parametrize("kind", KINDS)
def test_saving_a_3_mb_image_never_holds_it_whole(pictures: Any, kind: str, server: ScriptedServer,
                                                  tmp_path: Path) -> None:
    """Peak memory of a child process (VmHWM) while a 3 MB base64 partial image arrives in 4-16 KiB
    pieces: through `saving_to()` it grows by less than one copy of the image; iterated plainly,
    the same stream costs several copies (so the measure does see a copy)."""
    text = b64(image(2_300_000))  # 3.07 MB of base64
    big = sse({"type": "picture.partial", "b64_json": text, "partial_image_index": 0, "output_format": "png"})
    small = sse(partial(0, image(1000)))
    chunks, start = [], 0
    while start < len(big):  # 4, 8, 16 KiB in turn
        size = (4096, 8192, 16384)[len(chunks) % 3]
        chunks.append(big[start:start + size])
        start += size
    package_folder = str(Path(pictures.__file__).parent.parent)
    growth = {}
    for saving_mode in (False, True):
        server.script(Reply(headers=SSE, chunks=[small]), Reply(headers=SSE, chunks=chunks))
        out = str(tmp_path / "out") if saving_mode else None
        script = MEMORY.format(folder=package_folder, kind=kind, base_url=server.base_url, folder_out=out)
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=ROOT)
        assert done.returncode == 0, done.stderr
        growth[saving_mode] = int(done.stdout.split()[-1])
    assert (tmp_path / "out" / "partial-0.png").read_bytes() == base64.b64decode(text)
    # Under half the base64 (two thirds of the bytes): no copy of the image is held whole. What
    # there is comes from the transport (sync ~0.5 MB; async ~0.9 MB: anyio reads up to 256 KiB at once).
    assert growth[True] < len(text) // 2, growth
    assert growth[False] > 2 * len(text), growth  # the plain way: pieces, the joined line, its text, the field


# ---- the extractor, over any chunking and any JSON around the image ----


def _json_around(image_text: str, draw: Any) -> Tuple[str, dict[str, object]]:
    """A JSON object holding `image_text` as its top-level `b64_json`, with decoys around it."""
    others = {"type": "picture.partial", "note": 'a "b64_json": "AAAA" inside a string \\ and \u00e9',
              "nested": {"b64_json": "QUJD", "list": [1, {"b64_json": None}]}, "b64_jsonx": "QQ==", "n": 1.5}
    keys = draw(st.permutations(sorted(others)))
    position = draw(st.integers(0, len(keys)))
    spacing = draw(st.sampled_from(["", " ", "  ", "\t"]))  # no line end: it would end the data line
    items = [f"{json.dumps(k)}:{spacing}{json.dumps(others[k])}" for k in keys]
    value = image_text.replace("/", "\\/") if draw(st.booleans()) else image_text
    items.insert(position, f'"b64_json"{spacing}:{spacing}"{value}"')
    return "{" + f",{spacing}".join(items) + spacing + "}", others


@property_settings(ci_examples=60)
@given(st.data())
def test_the_extractor_keeps_the_json_and_decodes_the_image(pictures: Any, tmp_path_factory: pytest.TempPathFactory,
                                                            data: Any) -> None:
    from picture_client._image_stream import ImageExtractor, ImageFolder
    from picture_client._streaming import SSEDecoder

    raw = data.draw(st.binary(min_size=0, max_size=3000))
    text, others = _json_around(b64(raw), data.draw)
    line_end = data.draw(st.sampled_from([b"\n", b"\r\n", b"\r"]))
    body = b"id: 7" + line_end + b"data: " + text.encode() + line_end + line_end + b"data: [DONE]" + line_end * 2
    cuts = sorted(data.draw(st.lists(st.integers(0, len(body)), max_size=12)))
    folder = ImageFolder(tmp_path_factory.mktemp("extract"))
    decoder = SSEDecoder()
    decoder.save_images(ImageExtractor(folder))
    events = []
    for start, stop in zip([0, *cuts], [*cuts, len(body)], strict=True):
        events += decoder.feed(body[start:stop])
        assert decoder.error is None, decoder.error
    decoder.end()
    assert [e.data for e in events][1:] == ["[DONE]"] and events[0].id == "7"
    assert json.loads(events[0].data) == {**others, "b64_json": ""}
    events[0].image.close()
    assert events[0].image.path.read_bytes() == raw
