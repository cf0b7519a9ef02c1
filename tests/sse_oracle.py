"""An independent reading of an event stream, written from the WHATWG HTML standard (9.2.6,
"Interpreting an event stream"), for differential tests of the client's SSE decoder.

It works on the whole stream at once and favours being obviously right over being fast: decode
as UTF-8 (one leading BOM dropped, invalid bytes replaced), split into lines at CRLF, LF or CR,
then apply the field rules line by line. Two observations are added that the standard does not
dispatch, because the client's contract turns them into errors: a block that named an event but
carried no data, and a stream that ends with an event still open.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional, Tuple, Union

# (type, data, last event id) as a browser's MessageEvent has them, and the `retry` set in the
# event's own block (the standard keeps only the latest, for reconnecting).
Event = Tuple[str, str, str, Optional[int]]


@dataclass
class Reading:
    items: List[Union[Event, str]] = field(default_factory=list)  # events, and "no-data" markers
    open_at_end: bool = False  # the stream ended inside a block (a field seen, or a line unfinished)

    @property
    def events(self) -> List[Event]:
        return [item for item in self.items if not isinstance(item, str)]


def utf8_decode(stream: bytes) -> str:
    """The WHATWG "UTF-8 decode": one leading BOM is dropped, bad sequences become U+FFFD."""
    if stream.startswith(b"\xef\xbb\xbf"):
        stream = stream[3:]
    return stream.decode("utf-8", "replace")


def split_lines(text: str) -> Tuple[List[str], str]:
    """Lines ended by CRLF, LF or CR, and the unfinished rest."""
    lines, start, i = [], 0, 0
    while i < len(text):
        char = text[i]
        if char == "\r":
            lines.append(text[start:i])
            if i + 1 < len(text) and text[i + 1] == "\n":
                i += 1
            start = i + 1
        elif char == "\n":
            lines.append(text[start:i])
            start = i + 1
        i += 1
    return lines, text[start:]


def read_stream(stream: bytes) -> Reading:
    lines, rest = split_lines(utf8_decode(stream))
    reading = Reading()
    data, event_type, last_id, retry = "", "", "", None
    named, in_block = False, False  # an `event` field was seen / any field line was seen
    for line in lines:
        if line == "":
            if data == "":
                if named:
                    reading.items.append("no-data")
            else:
                reading.items.append((event_type or "message", data[:-1] if data.endswith("\n") else data, last_id,
                                      retry))
            data, event_type, retry, named, in_block = "", "", None, False, False
            continue
        if line.startswith(":"):
            continue
        name, colon, value = line.partition(":")
        if colon and value.startswith(" "):
            value = value[1:]
        in_block = True
        if name == "data":
            data += value + "\n"
        elif name == "event":
            event_type, named = value, True
        elif name == "id":
            if "\0" not in value:
                last_id = value
        elif name == "retry":
            if value and all("0" <= c <= "9" for c in value):
                retry = int(value)
    reading.open_at_end = in_block or (rest != "" and not rest.startswith(":"))
    return reading
