# Runtime of images-sdk-generator, copied into each generated client with this line as its header.
"""Images of a stream written to files as their bytes arrive (`Stream.saving_to(folder)`).

A partial image is megabytes of base64 in one `data:` line, arriving in pieces of a few KiB.
While images are saved, the SSE decoder hands each line to an `ImageExtractor` piece by piece.
It reads the line's JSON just far enough to find the top-level `"b64_json"` string, and decodes
that string's base64 into a file in the folder as it comes, four characters at a time. What the
decoder keeps of the line is the rest of the JSON, with `"b64_json": ""`: so no copy of the image
is ever held whole, neither its base64 nor its bytes, however large it is.

When the event is parsed, its file is named (`partial-0.png`..., `image-0.png`...) and it goes on
the event as `saved_path`, with `b64_json` None. An event of a type this client does not know
gets its base64 back as text instead: nothing the API sent is lost.

The JSON is read as JSON, not searched: `"b64_json"` counts only as a key of the top-level object
(not inside a string or a nested object). A line whose image cannot be read (not base64, an
escape other than `\\/`) sets `error`, and the stream raises `APIError`. Names a JSON object
repeats are read by JSON parsers as the last one; here the first `b64_json` is the image.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
from pathlib import Path
from typing import Dict, List, Optional, Set, Union

from ._exceptions import APIError
from ._images import ImageFile, decoded_pieces, image_extension, image_head, write_atomically

__all__ = ["ImageFolder", "ImageExtractor", "PendingImage"]

_OUT = re.compile(rb'["{}\[\]]')  # what matters outside strings: strings and nesting
_IN_STRING = re.compile(rb'["\\]')
_NOT_SPACE = re.compile(rb"[^ \t\r\n]")
_KEY = b"b64_json"
_QUOTE, _BACKSLASH, _COLON, _SLASH = 34, 92, 58, 47

# Where the JSON reader stands.
_OUTSIDE, _STRING, _STRING_ESCAPE, _AFTER_KEY, _AFTER_COLON, _IMAGE, _IMAGE_ESCAPE, _DONE = range(8)


class PendingImage:
    """An image being written, under a temporary name in the folder, until its event names it."""

    def __init__(self, folder: ImageFolder) -> None:
        self._folder = folder
        while True:
            self.path = folder.folder / f".image-{os.urandom(4).hex()}.part"
            try:  # os.open, not tempfile: the file gets the usual permissions (0o666 less the umask)
                descriptor = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
                break
            except FileExistsError:  # pragma: no cover - 32 random bits taken
                continue
        self._file = os.fdopen(descriptor, "wb")
        self.head = b""  # the first bytes, for the file's suffix

    def write(self, data: bytes) -> None:
        if len(self.head) < 12:
            self.head += data[: 12 - len(self.head)]
        self._file.write(data)

    def close(self) -> None:
        self._file.close()

    def attach(self, event: object) -> None:
        """Name this file, now that its event is parsed, and put it on the event."""
        self._folder.attach(event, self)

    def discard(self) -> None:
        self._file.close()
        try:
            os.unlink(self.path)
        except OSError:
            pass


class ImageFolder:
    """Where `saving_to()` puts a stream's images, and what it calls them: `partial-<n>` for the
    partial images (events with a `partial_image_index`), `image-<n>` for the others, each
    counted from 0 in the order they arrive."""

    def __init__(self, folder: Union[str, "os.PathLike[str]"]) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._counts: Dict[str, int] = {}
        self._pending: Set[PendingImage] = set()

    def start(self) -> PendingImage:
        image = PendingImage(self)
        self._pending.add(image)
        return image

    def attach(self, event: object, image: PendingImage) -> None:
        """Name `image`, the file of `event`'s `b64_json`, and put it on the event."""
        image.close()
        self._pending.discard(image)
        if isinstance(event, ImageFile):
            target = self._target(event, image.head)
            os.replace(image.path, target)
            event._saved_path = target
            setattr(event, "b64_json", None)  # noqa: B010 - typed `str`; None says it is in the file
            return
        # No image helpers on it (an event this client does not know): the base64 goes back where it was.
        text = base64.b64encode(image.path.read_bytes()).decode("ascii")
        os.unlink(image.path)
        if isinstance(event, dict):
            event["b64_json"] = text
        else:
            setattr(event, "b64_json", text)  # noqa: B010 - an extra field of a lenient model

    def saved(self, event: object) -> object:
        """`event`, its image saved if it has one the decoder did not save (it arrived before
        `saving_to()` was called)."""
        if isinstance(event, ImageFile) and event.saved_path is None:
            text = getattr(event, "b64_json", None)
            if isinstance(text, str):
                target = self._target(event, image_head(text))
                try:
                    write_atomically(target, decoded_pieces(text))
                except ValueError as exc:  # as the decoder says it of an image it decodes
                    raise APIError(f"an event's image is not base64: {exc}") from None
                event._saved_path = target
                setattr(event, "b64_json", None)  # noqa: B010 - as `attach` leaves it
        return event

    def _target(self, event: object, head: bytes) -> Path:
        kind = "partial" if isinstance(getattr(event, "partial_image_index", None), int) else "image"
        number = self._counts.get(kind, 0)
        self._counts[kind] = number + 1
        return self.folder / f"{kind}-{number}{image_extension(head, getattr(event, 'output_format', None))}"

    def close(self) -> None:
        """Remove the files of images that never completed (the stream failed, or was left)."""
        for image in self._pending:
            image.discard()
        self._pending.clear()


class ImageExtractor:
    """Takes the top-level `b64_json` string out of an event's `data:` lines, into a file.

    `feed()` the bytes of the current line as they come, `end_line()` when it is complete (it
    returns the line to parse, without the image), `take()` when the event is complete (its
    image, if it had one)."""

    def __init__(self, folder: ImageFolder) -> None:
        self._folder = folder
        self.error: Optional[str] = None
        self._kept: List[bytes] = []  # the line so far, without the image
        self._name: Optional[bytearray] = bytearray()  # the field name until its ":"; None once known
        self._data = False  # the line is a `data:` line: its value is read as JSON
        self._data_lines = 0  # `data:` lines of this event so far (the decoder joins them with "\n")
        self._state = _OUTSIDE
        self._depth = 0
        self._object = False  # the top-level value is an object
        self._key_possible = False  # the current string may still be `"b64_json"` as a key
        self._key = bytearray()
        self._image: Optional[PendingImage] = None
        self._carry = b""  # base64 characters short of a group of four
        self._padded = False

    def feed(self, piece: bytes) -> None:
        if self.error is not None or not piece:
            return
        if self._name is not None:  # the field name is not known yet
            room = 5 - len(self._name)  # "data:" has its colon fifth
            colon = piece.find(b":", 0, room)
            if colon < 0:
                if len(piece) >= room:  # no colon where "data:" has it: some other line
                    self._name = None
                else:
                    self._name += piece
                self._kept.append(piece)
                return
            self._name += piece[:colon]
            self._data = self._name == b"data"
            self._name = None
            self._kept.append(piece[: colon + 1])
            piece = piece[colon + 1 :]
            if self._data:
                if self._data_lines:
                    self._read(b"\n")  # where the decoder joins this line to the last
                self._data_lines += 1
        if self._data:
            self._read(piece)
        else:
            self._kept.append(piece)

    def end_line(self) -> bytes:
        if self._state in (_IMAGE, _IMAGE_ESCAPE) and self.error is None:
            self.error = "an event's image ended with its line, inside its JSON string"
        line = b"".join(self._kept)
        self._kept, self._name, self._data = [], bytearray(), False
        return line

    def take(self) -> Optional[PendingImage]:
        """The image of the event just complete (None if it had none); the next event starts afresh."""
        image = self._image if self._state == _DONE else None
        if image is None and self._image is not None:
            self._image.discard()
        self._image, self._carry, self._padded = None, b"", False
        self._state, self._depth, self._object, self._data_lines = _OUTSIDE, 0, False, 0
        return image

    # ---- the JSON of `data:` lines ----

    def _read(self, text: bytes) -> None:
        """Follow the JSON through `text`, keeping it, except the image's characters."""
        i, end, kept_from = 0, len(text), 0
        while i < end and self.error is None:
            state = self._state
            if state == _DONE:
                break
            if state == _OUTSIDE:
                found = _OUT.search(text, i)
                if found is None:
                    break
                i = found.end()
                char = text[found.start()]
                if char == _QUOTE:
                    self._state = _STRING
                    self._key_possible = self._depth == 1 and self._object
                    self._key.clear()
                elif char in b"{[":
                    if self._depth == 0:
                        self._object = char == ord("{")
                    self._depth += 1
                else:
                    self._depth -= 1
            elif state in (_STRING, _IMAGE):
                found = _IN_STRING.search(text, i)
                stop = found.start() if found is not None else end
                if state == _IMAGE:
                    self._decode(text[i:stop])
                elif self._key_possible:
                    self._key += text[i:stop][: len(_KEY) + 1]
                if found is None:
                    break
                i = found.end()
                if text[stop] == _BACKSLASH:
                    self._state = _IMAGE_ESCAPE if state == _IMAGE else _STRING_ESCAPE
                    self._key_possible = False
                elif state == _IMAGE:
                    self._finish_image()
                    kept_from = stop  # the closing quote is kept
                else:
                    self._state = _AFTER_KEY if self._key_possible and self._key == _KEY else _OUTSIDE
            elif state == _STRING_ESCAPE:
                i += 1  # the escaped character (`\uXXXX`: its hex digits read as plain characters)
                self._state = _STRING
            elif state == _IMAGE_ESCAPE:
                if text[i] != _SLASH:  # base64 has no other character JSON would escape
                    self.error = "an event's image is not base64 (it holds a JSON escape)"
                    break
                self._decode(b"/")
                i += 1
                self._state = _IMAGE
            else:  # after the key `"b64_json"`: a ":", then the opening quote of its string
                found = _NOT_SPACE.search(text, i)
                if found is None:
                    break
                i = found.start()
                if state == _AFTER_KEY and text[i] == _COLON:
                    self._state, i = _AFTER_COLON, i + 1
                elif state == _AFTER_COLON and text[i] == _QUOTE:
                    i += 1
                    self._kept.append(text[kept_from:i])
                    self._state, self._image = _IMAGE, self._folder.start()
                else:  # not a key, or its value is no string: nothing to take
                    self._state = _OUTSIDE
        if self._state not in (_IMAGE, _IMAGE_ESCAPE):
            self._kept.append(text[kept_from:])

    def _decode(self, characters: bytes) -> None:
        if not characters:
            return
        if self._padded:
            self.error = "an event's image is not base64 (characters after its padding)"
            return
        text = self._carry + characters if self._carry else characters
        whole = len(text) - len(text) % 4
        self._carry = text[whole:]
        if not whole:
            return
        group = text[:whole]
        try:
            data = base64.b64decode(group, validate=True)  # only the alphabet, `=` only at the end
        except (binascii.Error, ValueError) as exc:
            self.error = f"an event's image is not base64: {exc}"
            return
        self._padded = group.endswith(b"=")
        assert self._image is not None
        self._image.write(data)

    def _finish_image(self) -> None:
        if self._carry:  # as `base64.b64decode` says of it
            self.error = "an event's image is not base64: Incorrect padding"
            return
        self._state = _DONE
