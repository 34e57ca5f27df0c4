"""Web reader benchmark: article page and search latency under 50 concurrent clients, time to first audio.

    .venv/bin/python bench/web.py [--clients 50] [--requests 2000] [--db corpus.db]

The server is `newsdesk serve` (uvicorn, one process) on a free loopback port over a real SQLite
file (the bundled sample corpus, ingested first unless --db names one); the load generator is this
process (asyncio + httpx, one keep-alive connection per client). Anchors: the issue's goals, in
the same run on the same corpus — p95 < 50 ms for the article page, < 100 ms for search, first
audio < 0.5 s (a sentence the server has not spoken before, so espeak-ng runs).
"""
from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from newsdesk.store import Store  # noqa: E402

GOALS = {"article page p95": 0.050, "search p95": 0.100, "first audio p50": 0.5}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare_db(path: Path | None) -> Path:
    if path is not None:
        return path
    from newsdesk.ingest import ingest
    from newsdesk.sample import sample_paths

    db = Path(tempfile.mkdtemp(prefix="newsdesk-bench-")) / "corpus.db"
    started = time.perf_counter()
    with Store(db) as store:
        report = ingest(sample_paths(), store, progress=False)
    print(f"corpus: {report.added} sample articles ingested in {time.perf_counter() - started:.1f} s -> {db}")
    return db


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used: what a request costs the server, whatever
    else the machine is running."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_server(db: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "newsdesk", "serve", "--db", str(db), "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=open(db.parent / "server.log", "ab"))
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(url + "/static/app.css", timeout=1)
            return process, url
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("server did not start")


async def load(url: str, paths: list[str], clients: int, total: int,
               interval: float = 0.0) -> tuple[list[float], float]:
    """`clients` concurrent clients share `total` requests over `paths`; latencies in seconds.

    interval 0: each client sends its next request as soon as the last one is answered (the server
    saturated: latency = clients / throughput). interval > 0: each client sends one request every
    `interval` seconds, like people reading pages (an offered load of clients / interval req/s).
    """
    latencies: list[float] = []
    queue = itertools.cycle(paths)
    remaining = total
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def client(number: int, http: httpx.AsyncClient) -> None:
        nonlocal remaining
        if interval:
            await asyncio.sleep(interval * number / clients)  # spread the clients' first requests
        while remaining > 0:
            remaining -= 1
            path = next(queue)
            start = time.perf_counter()
            response = await http.get(url + path)
            latencies.append(time.perf_counter() - start)
            if interval:
                await asyncio.sleep(max(0.0, interval - (time.perf_counter() - start)))
            if response.status_code != 200:
                raise SystemExit(f"{path}: HTTP {response.status_code}")

    async with httpx.AsyncClient(limits=limits, timeout=30) as http:
        started = time.perf_counter()
        await asyncio.gather(*(client(n, http) for n in range(clients)))
        elapsed = time.perf_counter() - started
    return latencies, elapsed


def first_audio(url: str, targets: list[tuple[int, int]]) -> list[float]:
    """Time until a sentence's audio is fully received, for sentences not spoken before."""
    times = []
    with httpx.Client(timeout=30) as http:
        for article_id, index in targets:
            start = time.perf_counter()
            response = http.get(f"{url}/article/{article_id}/sentence/{index}.wav")
            times.append(time.perf_counter() - start)
            if response.status_code != 200 or response.content[:4] != b"RIFF":
                raise SystemExit(f"audio {article_id}/{index}: HTTP {response.status_code}")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=1500, help="requests per endpoint and mode")
    parser.add_argument("--interval", type=float, default=0.5,
                        help="paced mode: seconds between one client's requests (50 clients / 0.5 s = 100 req/s)")
    parser.add_argument("--db", type=Path, default=None, help="an existing corpus (default: ingest the sample)")
    args = parser.parse_args()

    db = prepare_db(args.db)
    with Store(db) as store:
        rows = store.list_articles(limit=1000)
        articles = [store.get_article(r.id) for r in rows]
    if not rows:
        raise SystemExit("the corpus is empty")
    # search words: the longest words of each title, so every query finds something
    words = sorted({w for r in rows for w in re.findall(r"\w{6,}", r.title or r.snippet)})
    queries = [f"/?q={w}" for w in words[:40]] or ["/?q=the"]
    pages = [f"/article/{r.id}" for r in rows]
    # first sentence of each paragraph-level block: a realistic "press play" target
    audio_targets = [(r.id, i) for r, a in zip(rows, articles) for i in range(min(2, len(a.sentences)))][:30]

    process, url = start_server(db)
    try:
        asyncio.run(load(url, pages + queries, 10, 200))  # warm up: templates, page cache, connections
        results = {}
        for name, paths in (("article page", pages), ("search", queries)):
            for mode, interval in (("paced", args.interval), ("saturated", 0.0)):
                cpu = cpu_seconds(process.pid)
                latencies, elapsed = asyncio.run(load(url, paths, args.clients, args.requests, interval))
                results[name, mode] = (latencies, elapsed, cpu_seconds(process.pid) - cpu)
        audio = first_audio(url, audio_targets)
    finally:
        process.terminate()
        process.wait(timeout=10)
        print(f"server exit status {process.returncode}; log: {db.parent / 'server.log'}")

    print(f"corpus: {len(rows)} articles, {len(queries)} search queries; {args.clients} concurrent clients, "
          f"{args.requests} requests per endpoint, server and load generator on loopback")
    print(f"paced: each client one request every {args.interval} s ({args.clients / args.interval:.0f} req/s offered);"
          " saturated: each client asks again as soon as it is answered")
    print(f"{'':14} {'mode':10} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>7} {'server CPU ms/req':>18} "
          f"{'goal p95':>9} {'p95/goal':>9}")
    for (name, mode), (latencies, elapsed, cpu) in results.items():
        p50, p95 = percentile(latencies, 0.5), percentile(latencies, 0.95)
        goal = GOALS[f"{name} p95"]
        print(f"{name:14} {mode:10} {p50 * 1000:8.1f} {p95 * 1000:8.1f} {len(latencies) / elapsed:7.0f} "
              f"{cpu / len(latencies) * 1000:18.2f} {goal * 1000:8.0f}  {p95 / goal:8.2f}x")
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end "
          "(latency counts every other process on the machine; server CPU per request does not)")
    p50 = statistics.median(audio)
    print(f"first audio (cold sentence, {len(audio)} sentences): p50 {p50 * 1000:.0f} ms, "
          f"p95 {percentile(audio, 0.95) * 1000:.0f} ms; goal {GOALS['first audio p50'] * 1000:.0f} ms "
          f"-> {p50 / GOALS['first audio p50']:.2f}x of goal")


if __name__ == "__main__":
    main()
