"""Corpus benchmark: ingest speed against the read pipeline alone, and search latency on 100,000 articles.

    .venv/bin/python bench/store.py                      # both parts
    .venv/bin/python bench/store.py --skip-search        # ingest only (about 3 minutes)
    .venv/bin/python bench/store.py --articles 20000     # a smaller search corpus

1. Ingest: the bundled sample pages, copied until there are --pages of them (each copy differs in
   trailing whitespace only, so it is a new page by hash but the same work), read by
   `pipeline.pipe` alone, then ingested into a fresh database by `ingest()` with the same loaded
   models. Anchor: the pipeline's own articles/s on the same pages in the same run. Goal >= 0.9x.
2. Search: a synthetic corpus (newsdesk.synth: Zipf-distributed invented words, en and ru, with
   quotes and pledges) loaded with Store.add_many into --corpus-db (kept and reused between runs),
   then --queries searches of one to three words in any inflection. Goal: p95 < 100 ms.
"""
from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from newsdesk.ingest import ingest  # noqa: E402
from newsdesk.nlp import default_resources  # noqa: E402
from newsdesk.pipeline import Options, pipe  # noqa: E402
from newsdesk.sample import sample_paths  # noqa: E402
from newsdesk.sources import iter_pages  # noqa: E402
from newsdesk.store import Store  # noqa: E402
from newsdesk.synth import Generator  # noqa: E402


def make_pages(folder: Path, count: int) -> list[str]:
    sources = sample_paths()
    paths = []
    for i in range(count):
        src = sources[i % len(sources)]
        copy = i // len(sources)
        dst = folder / f"{copy:03}_{src.name}"
        dst.write_bytes(src.read_bytes() + b"\n" * copy)
        paths.append(str(dst))
    return paths


def bench_ingest(pages: int, rounds: int) -> None:
    resources = default_resources()
    options = Options()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        paths = make_pages(folder, pages)
        list(pipe(iter_pages(paths[:3]), resources, options))  # load every model before timing
        pipeline_times, ingest_times, store_times = [], [], []
        for r in range(rounds):
            started = time.perf_counter()
            results = list(pipe(iter_pages(paths), resources, options))
            pipeline_times.append(time.perf_counter() - started)
            failed = sum(1 for x in results if isinstance(x, Exception))
            with Store(Path(tmp) / f"store-only{r}.db") as store:  # the storage cost alone, same articles
                started = time.perf_counter()
                for article in results:
                    if not isinstance(article, Exception):
                        store.add_article(article)
                store_times.append(time.perf_counter() - started)
            with Store(Path(tmp) / f"bench{r}.db") as store:
                started = time.perf_counter()
                report = ingest(paths, store, options=Options(), progress=False, resources=resources)
                ingest_times.append(time.perf_counter() - started)
            assert report.added == pages - failed, (report, failed)
    pipeline_rate = pages / min(pipeline_times)
    ingest_rate = pages / min(ingest_times)
    print(f"ingest: {pages} pages (sample x{-(-pages // len(sample_paths()))}), best of {rounds} rounds")
    print(f"  pipeline.pipe alone   {pipeline_rate:7.2f} articles/s  (anchor)")
    print(f"  ingest into SQLite    {ingest_rate:7.2f} articles/s")
    print(f"  ratio                 {ingest_rate / pipeline_rate:7.2f}x   (goal >= 0.9x)")
    per_article = min(store_times) / pages * 1000
    pipeline_ms = min(pipeline_times) / pages * 1000
    print(f"  storage alone: {per_article:.1f} ms/article against {pipeline_ms:.0f} ms/article in the pipeline,"
          f" i.e. ingest can reach at most {pipeline_ms / (pipeline_ms + per_article):.3f}x of the pipeline")


def _generate(span: tuple[int, int]) -> list:
    start, n = span
    return list(Generator(seed=0).articles(n, start=start))


def build_corpus(path: Path, articles: int) -> None:
    with Store(path) as store:
        have = store.count_articles()
        if have >= articles:
            print(f"search corpus: {path} already holds {have} articles (reused)")
            return
        started = time.perf_counter()
        done = have
        step = 5000
        # articles are generated in another process while this one stores them
        with multiprocessing.get_context("spawn").Pool(1) as pool:
            chunks = pool.imap(_generate, ((start, min(step, articles - start)) for start in range(have, articles, step)))
            for chunk in chunks:
                store.add_many(chunk, batch=1000)
                done += len(chunk)
                rate = (done - have) / (time.perf_counter() - started)
                print(f"  built {done}/{articles} ({rate:.0f} articles/s)", file=sys.stderr, flush=True)
        store.db.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        print(f"search corpus: built {articles - have} synthetic articles in {time.perf_counter() - started:.0f} s"
              f" ({path.stat().st_size / 1e9:.2f} GB)")


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]


def bench_search(path: Path, articles: int, queries: int) -> None:
    build_corpus(path, articles)
    generator = Generator(seed=0)
    with Store(path) as store:
        n = store.count_articles()
        for q in generator.queries(20, seed=99):  # warm the page cache
            store.search(q)
        timings, hits = [], []
        for q in generator.queries(queries, seed=1):
            started = time.perf_counter()
            found = store.search(q, limit=20)
            timings.append((time.perf_counter() - started) * 1000)
            hits.append(len(found))
        common = [generator.vocab["en"].words[i] for i in range(10)]  # the corpus's most frequent words
        worst = []
        for word in common:
            started = time.perf_counter()
            store.search(word, limit=20)
            worst.append((time.perf_counter() - started) * 1000)
        filtered = []
        for q in generator.queries(100, seed=2):
            started = time.perf_counter()
            store.search(q, lang="ru", since="2031-06-01")
            filtered.append((time.perf_counter() - started) * 1000)
        selective = []  # --since the last week: about 2% of articles pass, after ranking
        for q in generator.queries(50, seed=3):
            started = time.perf_counter()
            store.search(q, since="2031-12-25")
            selective.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        totals = store.pledge_totals(by="donor")
        tracker_ms = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        store.list_articles(limit=50)
        list_ms = (time.perf_counter() - started) * 1000
    print(f"search: {n} synthetic articles, {queries} queries of 1-3 words "
          f"(median {statistics.median(hits):.0f} hits returned, limit 20)")
    print(f"  p50 {percentile(timings, 50):7.1f} ms   p95 {percentile(timings, 95):7.1f} ms   "
          f"max {max(timings):7.1f} ms   (goal p95 < 100 ms)")
    print(f"  with --lang ru --since: p50 {percentile(filtered, 50):.1f} ms  p95 {percentile(filtered, 95):.1f} ms")
    print(f"  with --since the last week (2% pass): p50 {percentile(selective, 50):.1f} ms"
          f"  p95 {percentile(selective, 95):.1f} ms")
    print(f"  the 10 most frequent words alone (worst case, in ~every article): "
          f"p50 {percentile(worst, 50):.0f} ms  max {max(worst):.0f} ms")
    print(f"  tracker pledge totals by donor over {sum(t.count for t in totals)} distinct pledges: {tracker_ms:.0f} ms;"
          f" newest 50 articles: {list_ms:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=60, help="pages for the ingest comparison")
    parser.add_argument("--rounds", type=int, default=2, help="ingest/pipeline rounds (best is kept)")
    parser.add_argument("--articles", type=int, default=100_000, help="synthetic articles for search")
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--corpus-db", type=Path, default=Path(tempfile.gettempdir()) / "newsdesk-bench-corpus.db",
                        help="where the synthetic corpus is built and kept for reuse")
    parser.add_argument("--skip-ingest", action="store_true")
    parser.add_argument("--skip-search", action="store_true")
    args = parser.parse_args()
    if not args.skip_ingest:
        bench_ingest(args.pages, args.rounds)
    if not args.skip_search:
        bench_search(args.corpus_db, args.articles, args.queries)


if __name__ == "__main__":
    main()
