"""The SSE decoder against independent implementations, over generated streams and chunkings.

- An oracle written from the WHATWG standard (`sse_oracle.py`): for any bytes in any chunking,
  our events are the standard's; where the contract makes a malformed stream an error (an
  `event:` with no data, a stream that ends mid-event) we raise exactly where the standard
  silently drops something.
- The official `openai` package's decoder, on well-formed streams (where the two agree).
- Its work is linear in the bytes, whatever the chunking: measured as the memory each `feed()`
  allocates, which is deterministic (no clock), so the test cannot flake.

Hypothesis runs a fixed, derandomized set in CI; HYPOTHESIS_EXAMPLES=5000 searches wider.
"""

from __future__ import annotations

import tracemalloc
from typing import List, Optional, Tuple

import pytest
from hypothesis import given
from hypothesis import strategies as st

from .conftest import property_settings
from .sse_oracle import read_stream

LINE_ENDS = st.sampled_from([b"\n", b"\r", b"\r\n"])
FIELD_NAMES = st.sampled_from(["data", "data", "data", "event", "id", "retry", "dat", "DATA", "", "data ", "x:y"])
VALUE_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("ab :0123456789[]{}\"\\\t\x00\ufeff²٣é€😀中")),
        st.characters(exclude_categories=("Cs",), exclude_characters="\r\n"),
    ),
    max_size=12,
)
VALUES = st.one_of(VALUE_TEXT, st.sampled_from(["", " ", " lead", "42", "007", "²", "+5", " 5", "[DONE]"]),
                   st.integers(0, 10**30).map(str), st.just("QUJD" * 700))
JUNK = st.sampled_from([b"\xff", b"\xfe\xfe", b"\xe2\x82", b"\xc3", b"\xf0\x9f\x98", b"\xed\xa0\x80", b"\x80abc"])


@st.composite
def lines(draw: st.DrawFn) -> bytes:
    kind = draw(st.sampled_from(["field", "field", "field", "bare", "comment", "blank", "blank", "junk"]))
    if kind == "blank":
        return b""
    if kind == "comment":
        return b":" + draw(VALUE_TEXT).encode()
    if kind == "bare":  # a line without a colon: the whole line names a field with an empty value
        return draw(FIELD_NAMES).encode()
    if kind == "junk":
        return draw(FIELD_NAMES).encode() + b":" + draw(JUNK) + draw(VALUE_TEXT).encode()
    space = draw(st.sampled_from(["", " ", "  "]))
    return f"{draw(FIELD_NAMES)}:{space}{draw(VALUES)}".encode()


@st.composite
def streams(draw: st.DrawFn) -> bytes:
    body = b"".join(line + draw(LINE_ENDS) for line in draw(st.lists(lines(), max_size=30)))
    bom = draw(st.sampled_from([b"", b"", b"\xef\xbb\xbf", b"\xef\xbb\xbf\xef\xbb\xbf"]))
    tail = draw(st.sampled_from([b"", b"", b"data: unfinished", b": a comment", b"\xef"]))
    return bom + body + tail


def chunked(stream: bytes, cuts: List[int]) -> List[bytes]:
    points = sorted({c % (len(stream) + 1) for c in cuts} | {0, len(stream)})
    return [stream[a:b] for a, b in zip(points, points[1:], strict=False)]


def decode(stream: bytes, cuts: List[int]) -> Tuple[list, Optional[str], Optional[bool]]:  # type: ignore[type-arg]
    """(our events as the oracle spells them, the decoder's error, whether `end()` raised: None
    after an error, when the stream is not read to its end)."""
    from images_client import APIError
    from images_client._streaming import SSEDecoder

    decoder = SSEDecoder()
    events = []
    for piece in chunked(stream, cuts):
        events += decoder.feed(piece)
        if decoder.error is not None:
            break
    ended_open = None
    if decoder.error is None:
        try:
            decoder.end()
            ended_open = False
        except APIError:
            ended_open = True
    return [(e.event or "message", e.data, e.id or "", e.retry) for e in events], decoder.error, ended_open


CUTS = st.lists(st.integers(0, 1 << 20), max_size=40)


@property_settings(400)
@given(stream=streams(), cuts=CUTS)
def test_decoder_agrees_with_the_whatwg_oracle(stream: bytes, cuts: List[int]) -> None:
    expected = read_stream(stream)
    events, error, ended_open = decode(stream, cuts)
    if "no-data" in expected.items:  # the contract's error: delivered events first, then stop
        assert error is not None
        assert events == expected.items[: expected.items.index("no-data")]
    else:
        assert error is None
        assert events == expected.events
        assert ended_open == expected.open_at_end


@property_settings(100)
@given(stream=streams(), cuts=CUTS, more_cuts=CUTS)
def test_chunking_never_changes_the_events(stream: bytes, cuts: List[int], more_cuts: List[int]) -> None:
    assert decode(stream, cuts) == decode(stream, more_cuts) == decode(stream, [])


@st.composite
def well_formed(draw: st.DrawFn) -> bytes:
    """Streams both decoders must read alike: valid UTF-8, every block carries data."""
    text = st.text(alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\r\n\x00\ufeff"),
                   max_size=20)
    blocks = []
    for _ in range(draw(st.integers(1, 6))):
        fields = [("data", draw(text)) for _ in range(draw(st.integers(1, 3)))]
        if draw(st.booleans()):
            fields.insert(draw(st.integers(0, len(fields))), ("event", draw(text)))
        if draw(st.booleans()):
            fields.append(("id", draw(text)))
        if draw(st.booleans()):
            fields.append(("retry", str(draw(st.integers(0, 99999)))))
        if draw(st.booleans()):
            fields.insert(0, ("", draw(text)))  # a comment
        end = draw(LINE_ENDS)
        blocks.append(b"".join(f"{n}: {v}".encode() + end for n, v in fields) + end)
    return b"".join(blocks)


@property_settings(200)
@given(stream=well_formed(), cuts=CUTS)
def test_decoder_agrees_with_the_official_package(stream: bytes, cuts: List[int]) -> None:
    openai_streaming = pytest.importorskip("openai._streaming")
    theirs = [(e.event or "message", e.data, e.id or "", e.retry)
              for e in openai_streaming.SSEDecoder().iter_bytes(iter(chunked(stream, cuts)))]
    events, error, ended_open = decode(stream, cuts)
    assert error is None and not ended_open
    assert events == theirs == read_stream(stream).events


def test_multi_byte_characters_split_at_every_byte() -> None:
    stream = "data: é€😀中\r\nevent: ünïcode\r\n\r\n".encode()
    for cut in range(len(stream) + 1):
        events, _, _ = decode(stream, [cut])
        assert events == [("ünïcode", "é€😀中", "", None)], cut


def test_an_event_only_block_after_empty_data_lines_is_an_error() -> None:
    """`data:` and a bare `data` are two empty data lines: a message whose data is "\n" (the buffer
    "\n\n" less its last line feed), for WHATWG, the official decoder and the contract alike. The
    block after it names an event and carries no data: WHATWG and the official decoder drop it
    silently, the contract makes it an error, raised after the message complete before it."""
    openai_streaming = pytest.importorskip("openai._streaming")
    stream = b"data:\ndata\n\nevent\n\n\n"
    assert read_stream(stream).items == [("message", "\n", "", None), "no-data"]
    theirs = [(e.event or "message", e.data) for e in openai_streaming.SSEDecoder().iter_bytes(iter([stream]))]
    assert theirs == [("message", "\n")]
    for cut in range(len(stream) + 1):
        events, error, _ = decode(stream, [cut])
        assert events == [("message", "\n", "", None)] and error is not None, cut


def test_a_retry_longer_than_python_converts_is_ignored() -> None:
    events, error, _ = decode(b"retry: 5\nretry: " + b"7" * 5000 + b"\ndata: x\n\n", [])
    assert error is None and events == [("message", "x", "", 5)]


@pytest.mark.parametrize("value", ["²", "٣", "+5", " 5", "5 ", "1e3", "-1", ""])
def test_retry_that_is_not_ascii_digits_is_ignored(value: str) -> None:
    events, error, _ = decode(f"retry: {value}\ndata: x\n\n".encode(), [])
    assert error is None and events == [("message", "x", "", None)]


def transient_allocations(chunks: List[bytes]) -> int:
    """Bytes each `feed()` allocated beyond what it kept, summed over the chunks (no clock)."""
    from images_client._streaming import SSEDecoder

    decoder = SSEDecoder()
    total = 0
    tracemalloc.start()
    try:
        for chunk in chunks:
            before = tracemalloc.get_traced_memory()[0]
            tracemalloc.reset_peak()
            decoder.feed(chunk)
            total += tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
    return total


@pytest.mark.parametrize("chunk_size", [4 * 1024, 16 * 1024, 64 * 1024])
def test_decoding_work_is_linear_in_the_bytes(chunk_size: int) -> None:
    """A 1.5 MB partial image in one event, arriving in TLS-record-sized pieces. Re-splitting the
    pending text on every chunk (quadratic) allocates hundreds of times the event's size here."""
    event = b'data: {"type": "image_generation.partial_image", "b64_json": "' + b"QUJD" * 393_216 + b'"}\n\n'
    chunks = [event[i : i + chunk_size] for i in range(0, len(event), chunk_size)]
    assert transient_allocations(chunks) < 8 * len(event)
    doubled = event[:-4] + b"QUJD" * 393_216 + b'"}\n\n'
    quartered = [doubled[i : i + chunk_size // 4] for i in range(0, len(doubled), chunk_size // 4)]
    assert transient_allocations(quartered) < 8 * len(doubled)
