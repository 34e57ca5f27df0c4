"""Whole `read` pipeline throughput against spaCy en_core_web_sm alone, same texts, same run.

    .venv/bin/python bench/pipeline.py [--copies N] [--repeat N] [--shared ../shared] [--profile]

Inputs: our own English pages (tests/fixtures, the bundled sample corpus) and the seed when
../shared is present, each repeated --copies times with its paragraphs rotated, so no two texts are
identical. Ours: `pipeline.pipe` from the raw pages (cleaning, sentences, entities, quotes, pledges,
events, salience). Anchor: `nlp.pipe` of en_core_web_sm over the article texts those pages clean
to (spaCy alone on raw HTML would count markup as words). Words are \\w+ runs of the article
texts, counted once for both. BLAS runs one thread on both sides. Peak memory is the process's peak RSS after each phase and, with
--tracemalloc, the Python heap peak of one pass of ours (slow; time figures then do not count).
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import sys
import time
from pathlib import Path

# One BLAS thread for both sides: on 2 cores extra BLAS threads only spin, which CPU time counts.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from newsdesk.facts import extract_facts_many  # noqa: E402
from newsdesk.nlp import default_resources, detect_language  # noqa: E402
from newsdesk.pipeline import Options, pipe  # noqa: E402
from newsdesk.salience import score_sentences  # noqa: E402
from newsdesk.sources import RawPage  # noqa: E402

WORD = re.compile(r"\w+")
GOAL = 0.8


def english_pages(shared: Path | None) -> list[tuple[str, str]]:
    """(name, raw text) of every English page we may read: our fixtures, the sample corpus, the seed."""
    folders = [ROOT / "tests" / "fixtures" / "facts", ROOT / "tests" / "fixtures" / "pages",
               ROOT / "src" / "newsdesk" / "data" / "sample"]
    files = [p for folder in folders if folder.is_dir() for p in sorted(folder.iterdir())
             if p.suffix in (".txt", ".html")]
    if shared and (shared / "seed").is_dir():
        files += sorted((shared / "seed").glob("*.txt"))
    pages = []
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        if detect_language(re.sub(r"<[^>]+>", " ", text)) == "en":
            pages.append((path.name, text))
    return pages


def varied(pages: list[tuple[str, str]], copies: int) -> list[tuple[str, str]]:
    """Each page `copies` times, paragraphs rotated by one more each time (HTML kept as is)."""
    out = []
    for name, text in pages:
        parts = text.split("\n\n")
        for k in range(copies):
            if name.endswith(".html") or len(parts) < 3:
                out.append((f"{name}#{k}", text))
                continue
            # keep the first block (chrome/title) first: rotate only the body paragraphs
            body = parts[1:]
            shift = k % len(body)
            out.append((f"{name}#{k}", "\n\n".join([parts[0]] + body[shift:] + body[:shift])))
    return out


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


# CPU seconds of this process: the development machine is shared with seven other engineers' test
# runs, and wall time there measures their load as much as our code.
clock = time.process_time


def time_spacy(nlp, texts: list[str]) -> float:
    start = clock()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return clock() - start


def time_pipeline(resources, texts: list[tuple[str, str]], options: Options) -> tuple[float, int]:
    raws = [RawPage(data=text.encode("utf-8"), path=name, format_hint="html" if ".html" in name else None)
            for name, text in texts]
    start = clock()
    failed = sum(1 for result in pipe(raws, resources, options) if isinstance(result, Exception))
    return clock() - start, failed


def time_batched(resources, texts: list[tuple[str, str]], options: Options) -> float:
    """The same stages with the facts' spaCy parse batched (facts.extract_facts_many): what
    pipeline.pipe gives once it streams through it."""
    raws = [RawPage(data=text.encode("utf-8"), path=name, format_hint="html" if ".html" in name else None)
            for name, text in texts]
    light = Options(format=options.format, language=options.language, published=options.published,
                    skip=frozenset({"facts", "salience"}))
    start = clock()
    cleaned = (a for a in pipe(raws, resources, light) if not isinstance(a, Exception))
    for article in extract_facts_many(cleaned, resources):
        score_sentences(article, resources)
    return clock() - start


def time_stages(resources, texts: list[tuple[str, str]], options: Options) -> dict[str, float]:
    """CPU seconds per stage over all texts, parse done one article at a time as read_raw does."""
    from newsdesk.clean import clean_page
    from newsdesk.facts.events import find_events
    from newsdesk.facts.parse import parse
    from newsdesk.facts.people import find_entities
    from newsdesk.facts.pledges import find_pledges
    from newsdesk.facts.quotes import find_quotes
    from newsdesk.pipeline import segment_sentences

    spent = dict.fromkeys(["clean", "sentences", "parse (spaCy per article)", "people", "quotes", "pledges",
                           "events", "salience"], 0.0)

    def timed(name, fn, *args, **kwargs):
        start = clock()
        result = fn(*args, **kwargs)
        spent[name] += clock() - start
        return result

    for name, text in texts:
        raw = RawPage(data=text.encode("utf-8"), path=name, format_hint="html" if ".html" in name else None)
        article = timed("clean", clean_page, raw, format=options.format, language=options.language,
                        published=options.published)
        timed("sentences", segment_sentences, article, resources)
        parsed = timed("parse (spaCy per article)", parse, article, resources)
        timed("people", find_entities, article, parsed, resources)
        timed("quotes", find_quotes, article, parsed)
        timed("pledges", find_pledges, article, parsed)
        timed("events", find_events, article, parsed)
        timed("salience", score_sentences, article, resources)
    return spent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=5, help="variants of each page (default 5)")
    parser.add_argument("--repeat", type=int, default=3, help="timed rounds, best and median reported")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--profile", action="store_true", help="pyinstrument profile of one pass of ours")
    parser.add_argument("--stages", action="store_true", help="CPU time of each stage, to find the hot ones")
    parser.add_argument("--wall", action="store_true", help="time by the wall clock instead of CPU time")
    parser.add_argument("--tracemalloc", action="store_true", help="Python heap peak of one pass of ours")
    args = parser.parse_args(argv)
    global clock
    if args.wall:
        clock = time.perf_counter

    pages = english_pages(args.shared)
    texts = varied(pages, args.copies)
    resources = default_resources()
    # the anchor is the model as shipped: a copy of its own, since the facts add components to ours
    nlp = type(resources)().spacy_en
    options = Options(published="2026-03-12")
    raws = [RawPage(data=text.encode("utf-8"), path=name, format_hint="html" if ".html" in name else None)
            for name, text in texts]
    articles = [a.text for a in pipe(raws, resources, Options(skip=frozenset({"facts", "salience"})))
                if not isinstance(a, Exception)]
    words = sum(len(WORD.findall(text)) for text in articles)
    print(f"inputs: {len(pages)} English pages x {args.copies} variants = {len(texts)} texts, "
          f"{words:,} article words")
    # warm both: model loads, lazy imports, gazetteers; none of it is timed
    time_pipeline(resources, texts[:3], options)
    time_spacy(nlp, articles[:3])
    print(f"peak RSS after loading models: {peak_rss_mb():.0f} MB")

    anchor_times, our_times, batched_times = [], [], []
    for _ in range(args.repeat):  # interleave, so machine load hits all alike
        anchor_times.append(time_spacy(nlp, articles))
        elapsed, failed = time_pipeline(resources, texts, options)
        our_times.append(elapsed)
        batched_times.append(time_batched(resources, texts, options))
    rss = peak_rss_mb()

    def rate(seconds: float) -> float:
        return words / seconds

    best_anchor, best_ours = rate(min(anchor_times)), rate(min(our_times))
    med_anchor, med_ours = rate(statistics.median(anchor_times)), rate(statistics.median(our_times))
    print(f"timing: {'wall clock' if args.wall else 'CPU time of this process'}")
    print(f"spaCy en_core_web_sm nlp.pipe (anchor): best {best_anchor:,.0f} words/s, median {med_anchor:,.0f}")
    print(f"newsdesk pipeline.pipe (read, facts, salience): best {best_ours:,.0f} words/s, "
          f"median {med_ours:,.0f} ({failed} failed pages)")
    ratio_best, ratio_median = best_ours / best_anchor, med_ours / med_anchor
    print(f"ratio ours/anchor: best {ratio_best:.2f}x, median {ratio_median:.2f}x (goal >= {GOAL}x: "
          f"{'met' if ratio_median >= GOAL else 'not met'})")
    best_batched, med_batched = rate(min(batched_times)), rate(statistics.median(batched_times))
    print(f"same stages, facts parse batched (facts.extract_facts_many): best {best_batched:,.0f} words/s, "
          f"median {med_batched:,.0f}; ratio best {best_batched / best_anchor:.2f}x, "
          f"median {med_batched / med_anchor:.2f}x")
    print(f"peak RSS of the whole run: {rss:.0f} MB")

    if args.stages:
        spent = time_stages(resources, texts, options)
        total = sum(spent.values())
        print("per stage (one pass, CPU s, share of ours):")
        for name, seconds in spent.items():
            print(f"  {name:28s} {seconds:7.2f}  {seconds / total:6.1%}")
        print(f"  {'anchor for comparison':28s} {min(anchor_times):7.2f}")
    if args.tracemalloc:
        import tracemalloc

        tracemalloc.start()
        time_pipeline(resources, texts, options)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"Python heap peak during one pass of ours (tracemalloc): {peak / 2**20:.1f} MB")
    if args.profile:
        from pyinstrument import Profiler

        profiler = Profiler()
        profiler.start()
        time_pipeline(resources, texts, options)
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False, show_all=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
