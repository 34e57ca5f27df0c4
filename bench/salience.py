"""Benchmark "Select important": ROUGE of the top 3 sentences against Lead-3, LexRank and TextRank.

    .venv/bin/python bench/salience.py [--shared ../shared] [--facts] [--limit N] [--folds K] [--frontier]

Texts are read through newsdesk (format "clean"); every method picks from the same sentences.
CNN/DM is distributed lowercased and tokenised ("-lrb- cnn -rrb- ... said ."), which no sentence
splitter reads as sentences; `restore_cnndm` undoes the tokenisation and capitalises sentence
starts so the pipeline sees ordinary text. ROUGE lowercases and drops punctuation, so the
restoration changes no score, only where sentences break. Scoring speed is score_sentences alone.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from newsdesk.model import Article  # noqa: E402
from newsdesk.nlp import default_resources, split_sentences  # noqa: E402
from newsdesk.pipeline import Options, read_raw  # noqa: E402
from newsdesk.salience import _STEM_CACHE, _STEM_IDS, DEFAULT_WEIGHTS, Weights, score_sentences  # noqa: E402
from newsdesk.sources import RawPage  # noqa: E402

TOP = 3
LEAD3_ANCHOR = 41.1  # bench/README: Lead-3 R1 on the full 100-document CNN/DM subset

_PTB = {"-lrb-": "(", "-rrb-": ")", "-lsb-": "[", "-rsb-": "]", "-lcb-": "{", "-rcb-": "}"}


def restore_cnndm(text: str) -> str:
    """Undo CNN/DM's tokenisation: brackets, spaces before punctuation, sentence-initial capitals."""
    for token, char in _PTB.items():
        text = text.replace(token, char)
    text = re.sub(r" ([.,;:!?%)\]}])", r"\1", text)
    text = re.sub(r"([(\[{]) ", r"\1", text)
    text = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", text)
    text = re.sub(r"\bi\b", "I", text)
    # A capital after a full stop is what tells a splitter a new sentence starts.
    text = re.sub(r"(^|[.!?]['’\"]? +['‘\"]?)([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)
    return text


@dataclass
class Doc:
    id: str
    article: Article
    reference: list[str]


def load(path: Path, limit: int | None, facts: bool) -> list[Doc]:
    resources = default_resources()
    skip = frozenset({"salience"} | (set() if facts else {"facts"}))
    docs = []
    cnndm = path.name.startswith("cnndm")
    for line in path.open(encoding="utf-8"):
        item = json.loads(line)
        text = restore_cnndm(item["text"]) if cnndm else item["text"]
        article = read_raw(RawPage(data=text.encode("utf-8"), path=item["id"]), resources,
                           Options(format="clean", language="en", skip=skip))
        if item.get("title"):
            article.title = item["title"]  # the dataset keeps the headline apart from the text
        if cnndm:
            reference = [s for s in item["summary"].split("\n") if s.strip()]
        else:
            # BBC summaries glue sentences ("said.The"); split them back for ROUGE-Lsum.
            summary = re.sub(r"([.!?])(?=[A-Z\"])", r"\1 ", item["summary"])
            reference = [summary[s:e] for s, e in split_sentences(summary, "en")]
        docs.append(Doc(item["id"], article, reference))
        if limit and len(docs) >= limit:
            break
    return docs


# ---------------------------------------------------------------------------- methods

def texts(article: Article, indices: list[int]) -> list[str]:
    return [article.sentence_text(i) for i in sorted(indices)]


def body(article: Article) -> list[int]:
    kinds = [article.blocks[s.block].kind for s in article.sentences]
    return [i for i, kind in enumerate(kinds) if kind not in ("title", "heading")]


def lead3(article: Article) -> list[int]:
    return body(article)[:TOP]


class _Words:
    """sumy tokenizer over our sentences (sumy's default needs NLTK data we do not download)."""

    language = "english"

    @staticmethod
    def to_words(sentence: str) -> list[str]:
        return re.findall(r"\w+", sentence)

    @staticmethod
    def to_sentences(paragraph: str) -> list[str]:
        return [paragraph]


def _sumy(article: Article, summarizer_class) -> list[int]:
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.utils import get_stop_words

    indices = body(article)
    sentences = [Sentence(article.sentence_text(i), _Words()) for i in indices]
    summarizer = summarizer_class(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    picked = summarizer(ObjectDocumentModel([Paragraph(sentences)]), TOP)
    position = {id(s): i for s, i in zip(sentences, indices)}
    return [position[id(s)] for s in picked]


def lexrank(article: Article) -> list[int]:
    from sumy.summarizers.lex_rank import LexRankSummarizer

    return _sumy(article, LexRankSummarizer)


def textrank(article: Article) -> list[int]:
    from sumy.summarizers.text_rank import TextRankSummarizer

    return _sumy(article, TextRankSummarizer)


def newsdesk_top(article: Article, weights: Weights = DEFAULT_WEIGHTS) -> list[int]:
    score_sentences(article, None, important=TOP, weights=weights)
    return [i for i, s in enumerate(article.sentences) if s.important]


# ---------------------------------------------------------------------------- scoring

_SCORER = None
_SCORED: dict[tuple[str, tuple[int, ...]], tuple[float, float, float]] = {}  # weight search revisits picks


def rouge(docs: list[Doc], picks: list[list[int]]) -> tuple[float, float, float]:
    global _SCORER
    if _SCORER is None:
        from rouge_score import rouge_scorer

        _SCORER = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
    totals = [0.0, 0.0, 0.0]
    for doc, indices in zip(docs, picks):
        key = (doc.id, tuple(sorted(indices)))
        if key not in _SCORED:
            result = _SCORER.score("\n".join(doc.reference), "\n".join(texts(doc.article, indices)))
            _SCORED[key] = tuple(result[k].fmeasure for k in ("rouge1", "rouge2", "rougeLsum"))
        for k in range(3):
            totals[k] += _SCORED[key][k]
    return tuple(100 * t / max(len(docs), 1) for t in totals)


def speed(docs: list[Doc], repeat: int = 7) -> tuple[float, float]:
    """Sentences per second of score_sentences alone, in CPU time of this process (the machine
    may be shared): (first pass, best of `repeat` later passes). The first pass is slower only
    because stems are cached per word."""
    count = sum(len(d.article.sentences) for d in docs)
    _STEM_CACHE["en"].clear()
    _STEM_IDS["en"].clear()
    passes = []
    for _ in range(repeat + 1):
        start = time.process_time()
        for d in docs:
            score_sentences(d.article, None)
        passes.append(time.process_time() - start)
    return count / passes[0], count / min(passes[1:])


def report(name: str, docs: list[Doc], folds: int) -> dict[str, tuple[float, float, float]]:
    results = {
        "Lead-3": rouge(docs, [lead3(d.article) for d in docs]),
        "LexRank (sumy)": rouge(docs, [lexrank(d.article) for d in docs]),
        "TextRank (sumy)": rouge(docs, [textrank(d.article) for d in docs]),
        "newsdesk": rouge(docs, [newsdesk_top(d.article) for d in docs]),
    }
    lead = results["Lead-3"][0]
    sentences = sum(len(d.article.sentences) for d in docs)
    print(f"\n{name}: {len(docs)} documents, {sentences} sentences, top {TOP}")
    print(f"  {'method':<18} {'R1':>6} {'R2':>6} {'RLsum':>6}  R1 vs Lead-3")
    for method, (r1, r2, rl) in results.items():
        print(f"  {method:<18} {r1:6.2f} {r2:6.2f} {rl:6.2f}  {r1 - lead:+.2f}")
    if folds > 1:
        cross_check(docs, folds)
    cold, warm = speed(docs)
    print(f"  scoring speed: {warm:,.0f} sentences/s, first pass {cold:,.0f} (goal 10,000; "
          f"score_sentences only, CPU time)")
    return results


# ---------------------------------------------------------------------------- tuning check

GRID = {
    "position_scale": [1.5, 2.5, 4.0],
    "centrality": [0.3, 0.6, 1.0],
    "textrank": [0.0, 0.2, 0.4],
    "lead": [0.0, 0.1, 0.3],
    "mmr_lambda": [0.45, 0.55, 0.7],
}


def cross_check(docs: list[Doc], folds: int) -> None:
    """Tune the few weights in GRID on k-1 folds, score the held-out fold: is the default overfit?"""
    import itertools

    keys = list(GRID)
    grid = [replace(DEFAULT_WEIGHTS, **dict(zip(keys, values)))
            for values in itertools.product(*GRID.values())]
    held_out, default_scores = [], []
    for k in range(folds):
        train = [d for i, d in enumerate(docs) if i % folds != k]
        test = [d for i, d in enumerate(docs) if i % folds == k]
        best = max(grid, key=lambda w: rouge(train, [newsdesk_top(d.article, w) for d in train])[0])
        held_out.append(rouge(test, [newsdesk_top(d.article, best) for d in test])[0])
        default_scores.append(rouge(test, [newsdesk_top(d.article) for d in test])[0])
        lead = rouge(test, [lead3(d.article) for d in test])[0]
        tuned = {key: getattr(best, key) for key in keys}
        print(f"  fold {k + 1}/{folds}: tuned on {len(train)} docs {tuned}; held-out R1 {held_out[-1]:.2f} "
              f"(defaults {default_scores[-1]:.2f}, Lead-3 {lead:.2f})")


# Settings from our ranking (TextRank weight 0.2, position 1.0) to TextRank's (position 0).
FRONTIER = [(0.2, 1.0), (0.5, 1.0), (1.0, 1.0), (2.0, 1.0), (3.0, 1.0), (1.0, 2.0), (3.0, 2.0), (5.0, 1.0),
            (1.0, 0.0)]


def frontier(cnndm: list[Doc], bbc: list[Doc]) -> None:
    """Both goals at once? Move the ranking from position towards TextRank centrality and print
    CNN/DM R1 over Lead-3 next to BBC R1 over TextRank for each setting: the two references pull
    in opposite directions (human highlights follow the lead; BBC's extracts follow centrality)."""
    lead = rouge(cnndm, [lead3(d.article) for d in cnndm])[0]
    sumy = rouge(bbc, [textrank(d.article) for d in bbc])[0]
    print(f"\nfrontier: CNN/DM vs Lead-3 ({lead:.2f}, goal +2) and BBC vs TextRank ({sumy:.2f}, goal > 0)")
    print(f"  {'textrank':>8} {'position':>8} {'CNN/DM':>7} {'vs L3':>6} {'BBC':>6} {'vs TR':>6}  both?")
    for tr, position in FRONTIER:
        weights = replace(DEFAULT_WEIGHTS, textrank=tr, position=position)
        c = rouge(cnndm, [newsdesk_top(d.article, weights) for d in cnndm])[0]
        b = rouge(bbc, [newsdesk_top(d.article, weights) for d in bbc])[0]
        both = "yes" if c - lead >= 2 and b > sumy else "no"
        print(f"  {tr:8.1f} {position:8.1f} {c:7.2f} {c - lead:+6.2f} {b:6.2f} {b - sumy:+6.2f}  {both}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--limit", type=int, default=None, help="documents per set (default: all)")
    parser.add_argument("--facts", action="store_true",
                        help="run the facts stage too (names, quotes, pledges)")
    parser.add_argument("--folds", type=int, default=2,
                        help="k-fold check of the tuned weights on CNN/DM (0: off)")
    parser.add_argument("--frontier", action="store_true",
                        help="only sweep position vs TextRank weight and print both goals per setting")
    args = parser.parse_args(argv)
    data = args.shared / "bench" / "summarization"
    if not data.is_dir():
        print(f"skipped: {data} is not present")
        return 0
    t0 = time.perf_counter()
    if args.frontier:
        frontier(load(data / "cnndm_dev.jsonl", args.limit, args.facts),
                 load(data / "bbc_dev.jsonl", args.limit, args.facts))
        print(f"({time.perf_counter() - t0:.0f}s)")
        return 0
    cnndm = report("CNN/DM dev", load(data / "cnndm_dev.jsonl", args.limit, args.facts), args.folds)
    bbc = report("BBC dev", load(data / "bbc_dev.jsonl", args.limit, args.facts), 0)
    print(f"\nnewsdesk R1 vs Lead-3 on CNN/DM: {cnndm['newsdesk'][0] - cnndm['Lead-3'][0]:+.2f} (goal +2.00; "
          f"Lead-3 here {cnndm['Lead-3'][0]:.2f}, anchor {LEAD3_ANCHOR} on the 100-doc subset)")
    print(f"newsdesk R1 vs TextRank on BBC: {bbc['newsdesk'][0] - bbc['TextRank (sumy)'][0]:+.2f} (goal > 0); "
          f"vs Lead-3 {bbc['newsdesk'][0] - bbc['Lead-3'][0]:+.2f}")
    print(f"({time.perf_counter() - t0:.0f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
