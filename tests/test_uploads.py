"""Uploads stream from disk: read in bounded chunks, never whole, and memory stays flat."""

from __future__ import annotations

import io
import tracemalloc

import pytest

from .conftest import Driver
from .scripted_server import ScriptedServer

CHUNK_LIMIT = 64 * 1024


class PatternFile(io.RawIOBase):
    """A seekable binary "file" of any size that exists only as it is read; records read sizes."""

    name = "/uploads/big.png"

    def __init__(self, size: int) -> None:
        self.size, self.pos, self.reads = size, 0, []  # type: ignore[var-annotated]

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.pos

    def seek(self, offset: int, whence: int = 0) -> int:
        self.pos = {0: offset, 1: self.pos + offset, 2: self.size + offset}[whence]
        return self.pos

    def read(self, n: int = -1) -> bytes:
        self.reads.append(n)
        n = self.size - self.pos if n is None or n < 0 else min(n, self.size - self.pos)
        start = self.pos
        self.pos += n
        return bytes((start + i) % 251 for i in range(n)) if n < 4096 else _pattern(start, n)


def _pattern(start: int, n: int) -> bytes:
    cycle = bytes(range(251))
    offset = start % 251
    reps = (n + offset) // 251 + 1
    return (cycle * reps)[offset : offset + n]


def _upload(driver: Driver, size: int) -> tuple[PatternFile, int]:
    upload = PatternFile(size)
    tracemalloc.start()
    try:
        driver.call("edit", image=upload, prompt="hat")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return upload, peak


@pytest.fixture
def discarding_driver(request: pytest.FixtureRequest) -> Driver:
    server = ScriptedServer(keep_bodies=False)
    kind = getattr(request, "param", "sync")
    driver = Driver(kind, server.base_url, max_retries=0)
    request.addfinalizer(server.close)
    request.addfinalizer(driver.close)
    driver.server = server  # type: ignore[attr-defined]
    return driver


@pytest.mark.parametrize("discarding_driver", ["sync", "async"], indirect=True)
def test_large_upload_is_read_in_bounded_chunks(discarding_driver: Driver) -> None:
    size = 24 * 1024 * 1024
    upload, _ = _upload(discarding_driver, size)
    assert upload.reads and max(upload.reads) <= CHUNK_LIMIT and -1 not in upload.reads
    (request,) = discarding_driver.server.requests  # type: ignore[attr-defined]
    assert int(request.headers["content-length"]) > size


@pytest.mark.parametrize("discarding_driver", ["sync", "async"], indirect=True)
def test_memory_does_not_grow_with_file_size(discarding_driver: Driver) -> None:
    _, small_peak = _upload(discarding_driver, 4 * 1024 * 1024)
    _, large_peak = _upload(discarding_driver, 64 * 1024 * 1024)
    # 60 MiB more to send must not cost more than a few chunks more memory
    assert large_peak - small_peak < 2 * 1024 * 1024, (small_peak, large_peak)
    assert large_peak < 8 * 1024 * 1024

