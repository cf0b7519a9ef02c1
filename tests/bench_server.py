"""A canned HTTP/1.1 server for `make bench`, run in a process of its own so that its work never
shares a GIL (or a core's time slice) with the client being measured.

Every answer is built once at start and sent with one `sendall`: the client, not the server,
decides the pace. The first path segment picks the answer, so a client's `base_url` chooses it:

- `/json/...`: a 1 MB base64 image in an `ImagesResponse`;
- `/stream-<chunk>/...`: four 1.5 MB partial-image events and a completed event, in chunked
  transfer encoding with chunks of `<chunk>` bytes, as TLS records deliver them;
- `/small/...`: a small `ImagesResponse` (the request body, e.g. an upload, is read and dropped).

Usage: python tests/bench_server.py  (prints the port, then serves until killed)
"""

from __future__ import annotations

import base64
import json
import random
import socket
import sys
import threading
from typing import Dict

EVENT_IMAGE_BYTES = 1_125_000  # 1.5 MB once in base64
CHUNK_SIZES = (64 * 1024, 16 * 1024, 4 * 1024)


def image_base64(size: int, seed: int) -> str:
    return base64.b64encode(random.Random(seed).randbytes(size)).decode()


def stream_body(events: int, image_bytes: int = EVENT_IMAGE_BYTES) -> bytes:
    parts = []
    for index in range(events):
        payload = {"type": "image_generation.partial_image", "b64_json": image_base64(image_bytes, index),
                   "background": "auto", "created_at": 1, "output_format": "png", "partial_image_index": index,
                   "quality": "high", "size": "1024x1024"}
        parts.append(f"event: image_generation.partial_image\ndata: {json.dumps(payload)}\n\n")
    completed = {"type": "image_generation.completed", "b64_json": image_base64(1000, 99), "background": "auto",
                 "created_at": 2, "output_format": "png", "quality": "high", "size": "1024x1024",
                 "usage": {"input_tokens": 1, "output_tokens": 2, "total_tokens": 3,
                           "input_tokens_details": {"image_tokens": 0, "text_tokens": 1}}}
    parts.append(f"event: image_generation.completed\ndata: {json.dumps(completed)}\n\n")
    return "".join(parts).encode()


def whole(content_type: str, body: bytes) -> bytes:
    head = f"HTTP/1.1 200 OK\r\ncontent-type: {content_type}\r\ncontent-length: {len(body)}\r\n\r\n"
    return head.encode() + body


def chunked(content_type: str, body: bytes, chunk: int) -> bytes:
    head = f"HTTP/1.1 200 OK\r\ncontent-type: {content_type}\r\ntransfer-encoding: chunked\r\n\r\n".encode()
    pieces = [b"%x\r\n%s\r\n" % (len(body[i : i + chunk]), body[i : i + chunk]) for i in range(0, len(body), chunk)]
    return head + b"".join(pieces) + b"0\r\n\r\n"


def answers() -> Dict[str, bytes]:
    json_body = json.dumps({"created": 1, "data": [{"b64_json": image_base64(750_000, 7)}],
                            "usage": {"input_tokens": 1, "output_tokens": 2, "total_tokens": 3,
                                      "input_tokens_details": {"image_tokens": 0, "text_tokens": 1}}}).encode()
    table = {"json": whole("application/json", json_body),
             "small": whole("application/json", b'{"created": 1, "data": []}')}
    events = stream_body(4)
    for size in CHUNK_SIZES:
        table[f"stream-{size}"] = chunked("text/event-stream", events, size)
    return table


def serve(conn: socket.socket, table: Dict[str, bytes]) -> None:
    reader = conn.makefile("rb")
    try:
        while True:
            line = reader.readline()
            if not line:
                return
            target = line.split(b" ")[1].decode()
            length, is_chunked = 0, False
            while (header := reader.readline()) not in (b"\r\n", b"\n", b""):
                name, _, value = header.decode("latin-1").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
                elif name.strip().lower() == "transfer-encoding" and "chunked" in value.lower():
                    is_chunked = True
            if is_chunked:
                while (size := int(reader.readline().split(b";")[0], 16)) != 0:
                    reader.read(size + 2)
                reader.readline()
            while length:  # an upload is read and dropped, never kept
                length -= len(reader.read(min(length, 1 << 16)))
            conn.sendall(table[target.strip("/").split("/")[0]])
    except (OSError, ValueError, KeyError):
        return
    finally:
        conn.close()


def main() -> None:
    table = answers()
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    print(listener.getsockname()[1], flush=True)
    while True:
        conn, _ = listener.accept()
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        threading.Thread(target=serve, args=(conn, table), daemon=True).start()


if __name__ == "__main__":
    sys.exit(main())
