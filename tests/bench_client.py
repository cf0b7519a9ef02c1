"""The client half of `make bench`, run with .venv-bench's Python (the generated package, the
official `openai` package and httpx side by side); `tests/bench.py` runs it and reads its JSON.

    python tests/bench_client.py calls PORT          # streams, 1 MB answer, decoder scaling
    python tests/bench_client.py upload WHO SIZE PORT  # peak RSS (KiB) of one process uploading SIZE bytes
    python tests/bench_client.py serve-pages          # serves 100 pages of batches; prints the port
    python tests/bench_client.py pages PORT DIR       # 10,000 items walked across them, ours (in DIR) and official

Each figure is the median of RUNS timed repetitions after one warm-up, all in this one process,
so ours, the official package and bare httpx meet the same machine state.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import tempfile
import time
from typing import Any, Callable, Dict, List

from bench import median_time  # this script runs from tests/, in .venv-bench

RUNS = int(os.environ.get("BENCH_RUNS", "7"))
CHUNK_SIZES = (64 * 1024, 16 * 1024, 4 * 1024)


def median(action: Callable[[], object], runs: int = RUNS) -> float:
    """After a warm-up call (imports, the connection, model building), the median of `runs`."""
    return median_time(action, runs, warm_up=True)


def clients(base: str) -> Dict[str, Any]:
    import httpx
    import images_client
    import openai

    return {"ours": images_client.ImagesClient(api_key="sk-bench", base_url=base, max_retries=0),
            "official": openai.OpenAI(api_key="sk-bench", base_url=base, max_retries=0),
            "httpx": httpx.Client(base_url=base)}


def consume_stream(who: str, client: Any) -> Callable[[], int]:
    if who == "httpx":  # the floor: the bytes arrive, nothing is parsed
        def bare() -> int:
            with client.stream("POST", "images/generations", json={"prompt": "p", "stream": True}) as response:
                return sum(len(chunk) for chunk in response.iter_bytes())
        return bare
    return lambda: sum(1 for _ in client.images.generate(prompt="p", stream=True))


def call_json(who: str, client: Any) -> Callable[[], object]:
    if who == "httpx":
        return lambda: client.post("images/generations", json={"prompt": "p"}).json()
    return lambda: client.images.generate(prompt="p")


def decoder_feeds(who: str, image_bytes: int, chunk: int) -> Callable[[], int]:
    """Decoding alone, in memory: four partial images of `image_bytes` in pieces of `chunk`."""
    sys.path.insert(0, os.path.dirname(__file__))
    from bench_server import stream_body

    body = stream_body(4, image_bytes)
    pieces = [body[i : i + chunk] for i in range(0, len(body), chunk)]
    if who == "ours":
        from images_client._streaming import SSEDecoder

        def ours() -> int:
            decoder = SSEDecoder()
            return sum(len(decoder.feed(piece)) for piece in pieces)
        return ours
    from openai._streaming import SSEDecoder as Official

    return lambda: sum(1 for _ in Official().iter_bytes(iter(pieces)))


def interleaved(actions: Dict[str, Callable[[], object]], runs: int) -> Dict[str, float]:
    """The median of each action, timed in turn (A B A B ...) after a warm-up of each: a few
    milliseconds each, so a drift of the machine's speed would otherwise decide the ratio."""
    for action in actions.values():
        action()
    samples: Dict[str, List[float]] = {who: [] for who in actions}
    for _ in range(runs):
        for who, action in actions.items():
            start = time.perf_counter()
            action()
            samples[who].append(time.perf_counter() - start)
    return {who: statistics.median(times) for who, times in samples.items()}


def calls(port: int) -> Dict[str, Any]:
    root = f"http://127.0.0.1:{port}"
    results: Dict[str, Any] = {"stream": {}, "json": {}, "scaling": {}}
    for chunk in CHUNK_SIZES:
        made = clients(f"{root}/stream-{chunk}")
        results["stream"][str(chunk)] = {who: median(consume_stream(who, c)) for who, c in made.items()}
    made = clients(f"{root}/json")
    results["json"] = interleaved({who: call_json(who, c) for who, c in made.items()}, RUNS * 6)
    for who in ("ours", "official"):  # base64 is 4/3 of the image: 1.5 MB events carry 1.125 MB images
        runs = RUNS * 4 if who == "ours" else RUNS  # ours takes milliseconds: more runs steady the median
        results["scaling"][who] = {"1.5MB@16KiB": median(decoder_feeds(who, 1_125_000, 16 * 1024), runs),
                                   "1.5MB@4KiB": median(decoder_feeds(who, 1_125_000, 4 * 1024), runs),
                                   "3MB@4KiB": median(decoder_feeds(who, 2_250_000, 4 * 1024), runs)}
    return results


def upload(who: str, size: int, port: int) -> int:
    """Peak RSS (KiB) of a process that makes one call uploading `size` bytes from disk."""
    with tempfile.NamedTemporaryFile(suffix=".png") as handle:
        block = os.urandom(1 << 20)
        for _ in range(size >> 20):
            handle.write(block)
        handle.write(block[: size & ((1 << 20) - 1)])
        handle.flush()
        client = clients(f"http://127.0.0.1:{port}/small")[who]
        with open(handle.name, "rb") as image:
            client.images.edit(image=image, prompt="p")
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


# ---- a list walked across its pages (issue 18): 10,000 items in 100 pages of `GET /batches` ----

PAGES, PER_PAGE = 100, 100
PAGED_BATCH = {"id": "", "object": "batch", "endpoint": "/v1/chat/completions", "input_file_id": "file-1",
               "completion_window": "24h", "status": "completed", "created_at": 1_700_000_000,
               "request_counts": {"total": 3, "completed": 3, "failed": 0}, "metadata": {"team": "ml"}}


def page_answers() -> Dict[str, bytes]:
    """Every page of `GET /batches` as a whole HTTP answer, by the `after` that asks for it ("": the first)."""
    from bench_server import whole

    answers, after = {}, ""
    for page in range(PAGES):
        ids = [f"batch_{page * PER_PAGE + i:05d}" for i in range(PER_PAGE)]
        body = {"object": "list", "data": [{**PAGED_BATCH, "id": batch_id} for batch_id in ids],
                "first_id": ids[0], "last_id": ids[-1], "has_more": page < PAGES - 1}
        answers[after] = whole("application/json", json.dumps(body).encode())
        after = ids[-1]
    return answers


def serve_pages() -> None:
    """`serve-pages`: answer each `GET /batches?after=...` from `page_answers()` until killed, in a
    process of its own (as `bench_server.py`); prints the port first."""
    import socket
    import threading
    from urllib.parse import parse_qs, urlsplit

    table = page_answers()

    def serve(conn: socket.socket) -> None:
        reader = conn.makefile("rb")
        try:
            while line := reader.readline():
                while reader.readline() not in (b"\r\n", b"\n", b""):  # a GET: headers only
                    pass
                query = urlsplit(line.split(b" ")[1].decode()).query
                conn.sendall(table[parse_qs(query).get("after", [""])[0]])
        except (OSError, KeyError):
            return
        finally:
            conn.close()

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    print(listener.getsockname()[1], flush=True)
    while True:
        conn, _ = listener.accept()
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        threading.Thread(target=serve, args=(conn,), daemon=True).start()


def paging(port: int, package_dir: str) -> Dict[str, float]:
    """`pages PORT DIR`: the median time to walk all 10,000 items, ours and the official package's,
    timed in turn. Ours is the package `tests/fixtures/specs/pages.yaml` generates into DIR
    (`--package pages_client --client-name PagesClient`): its `client.batches.list()` is the official
    call, and the same answers parse into its `Batch`."""
    sys.path.insert(0, package_dir)
    import openai
    import pages_client

    base = f"http://127.0.0.1:{port}"
    made = {"ours": pages_client.PagesClient(api_key="sk-bench", base_url=base, max_retries=0),
            "official": openai.OpenAI(api_key="sk-bench", base_url=base, max_retries=0)}

    def walk(client: Any) -> Callable[[], int]:
        return lambda: sum(1 for _ in client.batches.list(limit=PER_PAGE))

    for who, client in made.items():
        walked = walk(client)()
        assert walked == PAGES * PER_PAGE, f"{who} walked {walked} items"
    return interleaved({who: walk(client) for who, client in made.items()}, RUNS)


def main(argv: List[str]) -> None:
    if argv[0] == "calls":
        print(json.dumps(calls(int(argv[1]))))
    elif argv[0] == "upload":
        print(upload(argv[1], int(argv[2]), int(argv[3])))
    elif argv[0] == "serve-pages":
        serve_pages()
    elif argv[0] == "pages":
        print(json.dumps(paging(int(argv[1]), argv[2])))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
