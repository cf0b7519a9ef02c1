# Runtime of images-sdk-generator, copied into each generated client with this line as its header.
"""Images as files: `save()` and `to_bytes()` on each model that carries an image as base64
(`b64_json`), and `save_all()` on each model whose `data` is a list of them. The generator picks
the models by their shape, not their names (generator/ir/helpers.py).

- The bytes are `base64.b64decode(b64_json)`, checked: text that is not base64 is a ValueError,
  never a file of garbage. A model with only a `url` has no bytes, and a ValueError says so:
  nothing is downloaded behind the caller's back (the URL is not shown either: it is signed).
- A path without a suffix gets one. The bytes' own signature (PNG, JPEG, WEBP) decides, since an
  extension should say what the file holds; bytes of another kind take the `output_format` the
  answer names (`.avif`, say), and failing that `.bin`.
- Every write is atomic: the file is written under a temporary name in its folder, then renamed,
  so a failure (bad base64, a full disk) leaves no half file, and a reader never sees one.
- `save()` decodes in pieces straight into the file: a 3 MB image costs its base64 text, which the
  model holds anyway, and not its bytes as well.
"""

from __future__ import annotations

import base64
import binascii
import os
from pathlib import Path
from typing import Any, Iterable, Iterator, List, Optional, Union

import pydantic

from ._models import BaseModel

__all__ = ["ImageFile", "ImageSet", "image_extension", "image_head", "decoded_pieces", "write_atomically"]

StrPath = Union[str, "os.PathLike[str]"]

_PIECE = 64 * 1024  # base64 characters decoded at a time: a multiple of 4
_HEAD = 12  # bytes enough to tell the formats below apart


def image_extension(head: bytes, output_format: object = None) -> str:
    """The suffix for an image that starts with `head`: by its signature, else `output_format`
    when that is a plain word (never a path: it comes from the server), else `.bin`."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return ".png"
    if head.startswith(b"\xff\xd8\xff"):
        return ".jpeg"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return ".webp"
    if isinstance(output_format, str) and output_format.isascii() and output_format.isalnum():
        return "." + output_format.lower()[:16]
    return ".bin"


def write_atomically(path: Path, pieces: Iterable[bytes]) -> None:
    """Write `pieces` to `path` whole or not at all: into a new file beside it, then renamed over it.

    The file is made with `os.open` (mode 0o666 less the umask, as `open()` makes files), not
    `tempfile`, whose files only their owner may read."""
    while True:
        temporary = path.with_name(f".{path.name}.{os.urandom(4).hex()}.part")
        try:
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            break
        except FileExistsError:  # pragma: no cover - 32 random bits taken
            continue
    try:
        with os.fdopen(descriptor, "wb") as file:
            for piece in pieces:
                file.write(piece)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def decoded_pieces(text: str, name: str = "b64_json") -> Iterator[bytes]:
    """`base64.b64decode(text)` in pieces, checked as `validate=True` checks the whole: only the
    base64 alphabet, and `=` padding only at the very end. ValueError naming `name` otherwise."""
    for start in range(0, len(text), _PIECE):
        piece = text[start : start + _PIECE]
        if "=" in piece and start + _PIECE < len(text):  # a piece alone cannot see what follows its padding
            raise ValueError(f"`{name}` is not base64: padding before the end")
        try:
            yield base64.b64decode(piece, validate=True)
        except (binascii.Error, ValueError) as exc:  # non-ASCII text is a ValueError
            raise ValueError(f"`{name}` is not base64: {exc}") from None


def image_head(text: str) -> bytes:
    """The first bytes `text` decodes to, for `image_extension` (b"" if it is not base64: the
    whole is checked as it is written)."""
    try:
        return base64.b64decode(text[:16], validate=True)
    except (binascii.Error, ValueError):
        return b""


class ImageFile(BaseModel):
    """A model that carries one image as base64 (`b64_json`): `.to_bytes()` and `.save(path)`."""

    _saved_path: Optional[Path] = pydantic.PrivateAttr(default=None)

    @property
    def saved_path(self) -> Optional[Path]:
        """The file `Stream.saving_to()` wrote this image to, as it arrived (and `b64_json` is then
        None: the base64 was never kept); None otherwise."""
        return self._saved_path

    def to_bytes(self) -> bytes:
        """The image's bytes, decoded from `b64_json` (or read from `saved_path`).

        ValueError when there are none: only a `url`, or nothing; or when `b64_json` is not base64."""
        text = getattr(self, "b64_json", None)
        if isinstance(text, str):
            try:
                return base64.b64decode(text, validate=True)
            except (binascii.Error, ValueError) as exc:
                raise ValueError(f"`b64_json` is not base64: {exc}") from None
        if self._saved_path is not None:
            return self._saved_path.read_bytes()
        raise ValueError(self._no_bytes())

    def save(self, path: StrPath) -> Path:
        """Write the image to `path`, atomically, and return where it went: a path without a
        suffix gets the image's own (`.png`, `.jpeg`, `.webp`; see the module docstring)."""
        return self._save(Path(path), getattr(self, "output_format", None))

    def _save(self, path: Path, output_format: object) -> Path:
        """`save()`, with the `output_format` of the answer this image came in, for its suffix."""
        if path.is_dir():
            raise IsADirectoryError(f"{str(path)!r} is a folder: give a file name")
        text = getattr(self, "b64_json", None)
        if isinstance(text, str):
            if not path.suffix:
                path = path.with_name(path.name + image_extension(image_head(text), output_format))
            write_atomically(path, decoded_pieces(text))
            return path
        if self._saved_path is not None:
            if not path.suffix:
                path = path.with_name(path.name + self._saved_path.suffix)
            with self._saved_path.open("rb") as source:
                write_atomically(path, iter(lambda: source.read(_PIECE), b""))
            return path
        raise ValueError(self._no_bytes())

    def _has_bytes(self) -> bool:
        return isinstance(getattr(self, "b64_json", None), str) or self._saved_path is not None

    def _no_bytes(self) -> str:
        name = type(self).__name__
        if getattr(self, "url", None):
            return f"this {name} has no image bytes, only a `url` (not `b64_json`): download the image from there"
        return f"this {name} has no image bytes: its `b64_json` is empty"


class ImageSet(BaseModel):
    """A model whose `data` is a list of images: `.save_all(folder)`."""

    def save_all(self, folder: StrPath, *, prefix: str = "image") -> List[Path]:
        """Write every image of `data` into `folder` (made if need be) as `image-0.png`,
        `image-1.png`... in order, each atomically, and return their paths.

        ValueError before anything is written when an image has no bytes (only a `url`)."""
        images: List[Any] = list(getattr(self, "data", None) or [])
        for index, image in enumerate(images):
            if not (isinstance(image, ImageFile) and image._has_bytes()):
                reason = image._no_bytes() if isinstance(image, ImageFile) else f"it is {type(image).__name__}"
                raise ValueError(f"data[{index}] cannot be saved: {reason}")
        target = Path(folder)
        target.mkdir(parents=True, exist_ok=True)
        output_format = getattr(self, "output_format", None)
        return [image._save(target / f"{prefix}-{index}", output_format) for index, image in enumerate(images)]
