"""Multipart bodies parsed back by two real parsers, over generated hostile inputs.

python-multipart (what Starlette and FastAPI use) and werkzeug (Flask) read the bytes our
client sends, as an `httpx.MockTransport` receives them from the client's own request path.
Whatever the field names, filenames, contents and content types, both must find exactly our
parts, in order, with their bytes intact and no header we did not write.
Names come back as each parser decodes the browsers' escaping: werkzeug turns `%22` back
into `"`, python-multipart keeps it, and both undo the doubled backslash.

Hypothesis runs a fixed, derandomized set in CI; HYPOTHESIS_EXAMPLES=3000 searches wider.
"""

from __future__ import annotations

import io
import re
from typing import Any, Dict, List, Optional, Tuple

import httpx
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from .conftest import API_KEY, property_settings

python_multipart = pytest.importorskip("python_multipart")
werkzeug_formparser = pytest.importorskip("werkzeug.formparser")
parse_options_header = python_multipart.multipart.parse_options_header

HOSTILE_CHARS = list('"\\\r\n\t;=:%\x00\x1b\x7f é€😀中/') + ["\r\n", "%22", "--", "\u2028", "C:\\", "\\\\"]
NAMES = st.lists(st.one_of(st.sampled_from(HOSTILE_CHARS), st.characters(exclude_categories=("Cs",))),
                 min_size=1, max_size=10).map("".join)
CONTENT = st.one_of(
    st.binary(max_size=300),
    st.sampled_from([b"", b"--", b"\r\n--", b"\r\n\r\n", b"--" + b"0" * 32 + b"--\r\n", b"\xff\xfe\x00"]),
)
CONTENT_TYPES = st.one_of(
    st.sampled_from(["image/png", "image/jpeg", "application/octet-stream", "text/plain; charset=utf-8",
                     'x/y; name="q"', "a/b+c"]),
    st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=1, max_size=20),
)
Upload = Tuple[str, bytes, str]


def encode(fields: Dict[str, str], files: Dict[str, Any]) -> Tuple[bytes, str]:
    """Our body and its content type, as a transport receives them: sent by a client (through
    its request building and sending) to an `httpx.MockTransport`."""
    from images_client import ImagesClient
    from images_client._base_client import RequestOptions
    from images_client._multipart import MultipartForm

    received: List[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        received.append(request)
        return httpx.Response(204)

    with httpx.Client(transport=httpx.MockTransport(handler)) as http:
        client = ImagesClient(api_key=API_KEY, base_url="http://test.invalid", max_retries=0, http_client=http)
        client.request(RequestOptions(method="post", path="/uploads", body=MultipartForm(fields, files)), cast_to=None)
    (request,) = received
    assert int(request.headers["Content-Length"]) == len(request.content)
    return request.content, request.headers["Content-Type"]


Part = Tuple[str, Optional[str], Optional[str], bytes]


def expected_parts(fields: Dict[str, str], files: Dict[str, Any]) -> List[Part]:
    """(name, filename, content type, data) of each part, as CONTRACT.md orders them."""
    from images_client._multipart import guess_content_type

    parts: List[Part] = [
        (name, None, None, value.encode()) for name, value in fields.items()
    ]
    for name, upload in files.items():
        for part_name, (filename, data, content_type) in (
            [(f"{name}[]", item) for item in upload] if isinstance(upload, list) else [(name, upload)]
        ):
            # space around a header value means nothing; none left: the type the filename suggests
            parts.append((part_name, filename, content_type.strip(" \t") or guess_content_type(filename), data))
    return parts


def escaped_controls(name: str) -> str:
    """What the browsers' form encoding leaves of a name once quoting is undone."""
    return "".join(f"%{ord(c):02X}" if ord(c) < 0x20 and c != "\x1b" else c for c in name)


def as_werkzeug_reads(name: str) -> str:
    return escaped_controls(name).replace("%22", '"')


def as_python_multipart_reads(name: str, *, is_filename: bool) -> str:
    """python-multipart hands header bytes over as latin-1, and keeps `%22`."""
    value = escaped_controls(name).replace('"', "%22").encode("utf-8").decode("latin-1")
    if is_filename and (value[1:3] == ":\\" or value[:2] == "\\\\"):  # its IE6 full-path workaround
        value = value.split("\\")[-1]
    return value


def parse_with_python_multipart(body: bytes, content_type: str) -> List[Tuple[List[Tuple[bytes, bytes]], bytes]]:
    """Every part's raw headers and data, from python-multipart's streaming parser."""
    boundary = re.search(r"boundary=(\S+)", content_type)
    assert boundary
    parts: List[Tuple[List[Tuple[bytes, bytes]], bytes]] = []
    current: Dict[str, Any] = {}

    def begin() -> None:
        current.update(headers=[], data=b"", field=b"", value=b"")

    def data(chunk: bytes, start: int, end: int) -> None:
        current["data"] += chunk[start:end]

    def field(chunk: bytes, start: int, end: int) -> None:  # a header's name or value may come in pieces
        current["field"] += chunk[start:end]

    def value(chunk: bytes, start: int, end: int) -> None:
        current["value"] += chunk[start:end]

    def header_end() -> None:
        current["headers"].append((current["field"], current["value"]))
        current.update(field=b"", value=b"")

    def end() -> None:
        parts.append((current["headers"], current["data"]))

    parser = python_multipart.MultipartParser(boundary.group(1), callbacks={
        "on_part_begin": begin, "on_part_data": data, "on_header_field": field, "on_header_value": value,
        "on_header_end": header_end, "on_part_end": end})
    for i in range(0, len(body), 37):  # in pieces, as a server reads a socket
        parser.write(body[i : i + 37])
    parser.finalize()
    return parts


def parse_with_werkzeug(body: bytes, content_type: str) -> Tuple[List[Tuple[str, str]], List[Part]]:
    environ = {"REQUEST_METHOD": "POST", "CONTENT_TYPE": content_type, "CONTENT_LENGTH": str(len(body)),
               "wsgi.input": io.BytesIO(body)}
    _, form, files = werkzeug_formparser.parse_form_data(environ)
    return (list(form.items(multi=True)),
            [(name, f.filename, f.content_type, f.read()) for name, f in files.items(multi=True)])


uploads = st.tuples(NAMES, CONTENT, CONTENT_TYPES)


@property_settings(150)
@given(fields=st.dictionaries(NAMES, st.text(min_size=1, max_size=40), max_size=4),
       files=st.dictionaries(NAMES, st.one_of(uploads, st.lists(uploads, min_size=1, max_size=3)), max_size=3))
def test_two_real_parsers_read_back_every_part(fields: Dict[str, str], files: Dict[str, Any]) -> None:
    from images_client._multipart import _text_parts

    assume(all(_text_parts(name, value) == [(name, value)] for name, value in fields.items()))
    # python-multipart splits parameters on ";" by counting quotes, and reads `\\"` as an escaped
    # quote: a name that ends in a backslash is beyond it (werkzeug reads it right).
    pm_safe = not any(n.endswith("\\") for n in [*fields, *files] + [u[0] for u in _flat(files)])
    body, content_type = encode(fields, dict(files))
    expected = expected_parts(fields, files)

    if pm_safe:
        parsed = parse_with_python_multipart(body, content_type)
        assert len(parsed) == len(expected)
        for (headers, data), (name, filename, part_type, content) in zip(parsed, expected, strict=True):
            names = [h.lower() for h, _ in headers]
            assert names == [b"content-disposition"] + ([] if filename is None else [b"content-type"])
            disposition, options = parse_options_header(dict(headers)[b"Content-Disposition"])
            assert disposition == b"form-data"
            assert options[b"name"].decode("latin-1") == as_python_multipart_reads(name, is_filename=False)
            if filename is not None:
                assert options[b"filename"].decode("latin-1") == as_python_multipart_reads(filename, is_filename=True)
                assert dict(headers)[b"Content-Type"] == part_type.encode()
            assert data == content

    form, uploaded = parse_with_werkzeug(body, content_type)
    assert form == [(as_werkzeug_reads(n), c.decode()) for n, f, _, c in expected if f is None]
    assert uploaded == [(as_werkzeug_reads(n), as_werkzeug_reads(f), t, c) for n, f, t, c in expected if f is not None]


def _flat(files: Dict[str, Any]) -> List[Upload]:
    return [u for value in files.values() for u in (value if isinstance(value, list) else [value])]


@pytest.mark.parametrize("content_type", ["image/png\r\nX-Injected: 1", "image/png\nX: 1", "image/png\r",
                                          "a\x00b", "image/\x7fpng"])
def test_a_content_type_that_would_break_the_headers_is_refused(content_type: str) -> None:
    with pytest.raises(ValueError, match="content type"):
        encode({}, {"image": ("a.png", b"data", content_type)})
