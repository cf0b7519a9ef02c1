"""A loopback HTTP/1.1 server that answers from a per-test script and records every request.

Real sockets on 127.0.0.1 and a free port. A `Reply` says what to send: status, headers,
a body (whole, or in chunks with pauses, e.g. SSE split mid-line), a delay before the
answer, or an abrupt close (before answering, or after some body bytes).
"""

from __future__ import annotations

import hashlib
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Deque, Dict, List, Optional, Tuple
from urllib.parse import parse_qsl, urlsplit

DEFAULT_BODY = b'{"created": 1, "data": []}'
ENDLESS = 64 * 1024 * 1024  # what an "endless" body sends at most, so a client that reads it all still ends


@dataclass
class Reply:
    status: int = 200
    headers: Dict[str, str] = field(default_factory=lambda: {"content-type": "application/json"})
    body: bytes = DEFAULT_BODY
    chunks: Optional[List[bytes]] = None  # sent with chunked transfer encoding, one write each
    chunk_pause: float = 0.0
    delay: float = 0.0  # seconds before the status line
    drop: bool = False  # close the connection instead of answering
    cut_after: Optional[int] = None  # close abruptly after this many body bytes
    header_lines: List[Tuple[str, str]] = field(default_factory=list)  # sent after `headers`; may repeat a name
    endless: bool = False  # chunked: `body` again and again until the client goes away (or 64 MiB are sent)
    dribble: float = 0.0  # seconds between the bytes of a content-length body, sent one at a time


@dataclass
class Recorded:
    method: str
    target: str
    headers: Dict[str, str]  # lower-cased names; repeated headers joined with ", "
    body: bytes
    header_list: List[Tuple[str, str]] = field(default_factory=list)

    @property
    def path(self) -> str:
        return urlsplit(self.target).path

    @property
    def query(self) -> List[Tuple[str, str]]:
        return parse_qsl(urlsplit(self.target).query, keep_blank_values=True)


class ScriptedServer:
    def __init__(self, *, keep_bodies: bool = True) -> None:
        self.keep_bodies = keep_bodies  # False: bodies are counted and hashed, not kept
        self._sock = socket.socket()
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(64)
        self.port = self._sock.getsockname()[1]
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.requests: List[Recorded] = []
        self._replies: Deque[Reply] = deque()
        self._lock = threading.Lock()
        self._closed = False
        self.connections = 0
        self.disconnects = 0  # connections ended, by either side
        threading.Thread(target=self._accept, daemon=True).start()

    def script(self, *replies: Reply) -> None:
        with self._lock:
            self._replies.extend(replies)

    def clear(self) -> None:
        """Forget the requests recorded so far and the replies not yet sent."""
        with self._lock:
            self.requests.clear()
            self._replies.clear()

    def close(self) -> None:
        self._closed = True
        self._sock.close()

    def _next_reply(self) -> Reply:
        with self._lock:
            return self._replies.popleft() if self._replies else Reply()

    def _accept(self) -> None:
        while not self._closed:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.connections += 1
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        reader = conn.makefile("rb")
        try:
            while True:
                request = _read_request(reader, self.keep_bodies)
                if request is None:
                    return
                with self._lock:
                    self.requests.append(request)
                reply = self._next_reply()
                if not _send(conn, reply):
                    return
        except (OSError, ValueError):
            return
        finally:
            try:
                conn.close()
            except OSError:
                pass
            with self._lock:
                self.disconnects += 1


def _read_request(reader, keep_body: bool = True) -> Optional[Recorded]:  # type: ignore[no-untyped-def]
    line = reader.readline()
    if not line:
        return None
    method, target, _ = line.decode("latin-1").split(" ", 2)
    header_list: List[Tuple[str, str]] = []
    while True:
        raw = reader.readline()
        if raw in (b"\r\n", b"\n", b""):
            break
        name, _, value = raw.decode("latin-1").partition(":")
        header_list.append((name.strip(), value.strip()))
    headers: Dict[str, str] = {}
    for name, value in header_list:
        key = name.lower()
        headers[key] = f"{headers[key]}, {value}" if key in headers else value
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body = b""
        while True:
            size = int(reader.readline().split(b";")[0].strip(), 16)
            if size == 0:
                reader.readline()
                break
            body += reader.read(size)
            reader.readline()
    elif keep_body:
        body = reader.read(int(headers.get("content-length", "0")))
    else:
        remaining, digest = int(headers.get("content-length", "0")), hashlib.sha256()
        while remaining:
            piece = reader.read(min(remaining, 1 << 16))
            if not piece:
                break
            digest.update(piece)
            remaining -= len(piece)
        body = digest.hexdigest().encode()  # a fingerprint instead of the bytes
    return Recorded(method, target, headers, body, header_list)


def _send(conn: socket.socket, reply: Reply) -> bool:
    """Send one answer; False when the connection was closed on purpose."""
    if reply.delay:
        time.sleep(reply.delay)
    if reply.drop:
        conn.shutdown(socket.SHUT_RDWR)
        return False
    reason = {200: "OK"}.get(reply.status, "Status")
    head = [f"HTTP/1.1 {reply.status} {reason}"]
    head += [f"{k}: {v}" for k, v in reply.headers.items()]
    head += [f"{k}: {v}" for k, v in reply.header_lines]
    if reply.endless:
        head.append("transfer-encoding: chunked")
        conn.sendall(("\r\n".join(head) + "\r\n\r\n").encode("latin-1"))
        chunk = b"%x\r\n%s\r\n" % (len(reply.body), reply.body)
        for _ in range(ENDLESS // max(len(reply.body), 1)):  # sendall raises OSError once the client has gone
            conn.sendall(chunk)
        conn.sendall(b"0\r\n\r\n")
        return True
    if reply.chunks is not None:
        head.append("transfer-encoding: chunked")
        conn.sendall(("\r\n".join(head) + "\r\n\r\n").encode("latin-1"))
        sent = 0
        for chunk in reply.chunks:
            if reply.cut_after is not None and sent + len(chunk) > reply.cut_after:
                conn.sendall(b"%x\r\n" % len(chunk) + chunk[: reply.cut_after - sent])
                conn.shutdown(socket.SHUT_RDWR)
                return False
            conn.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            sent += len(chunk)
            if reply.chunk_pause:
                time.sleep(reply.chunk_pause)
        conn.sendall(b"0\r\n\r\n")
        return True
    head.append(f"content-length: {len(reply.body)}")
    head_bytes = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1")
    if reply.dribble:
        conn.sendall(head_bytes)
        for index in range(len(reply.body)):
            time.sleep(reply.dribble)
            conn.sendall(reply.body[index : index + 1])
        return True
    if reply.cut_after is not None:
        conn.sendall(head_bytes + reply.body[: reply.cut_after])
        conn.shutdown(socket.SHUT_RDWR)
        return False
    conn.sendall(head_bytes + reply.body)  # one write: no delayed-ACK stall between head and body
    return True
