"""Facts on unseen articles: quotes, pledges and events of `read` scored against hand-written gold, per article and micro-averaged.

    .venv/bin/python bench/facts_unseen.py [--dir tests/fixtures/facts_unseen] [--shared ../shared] [--json] [--details]

Every `<name>.<ext>` with a `<name>.json` gold file in --dir is read with
`newsdesk.read(path, published=gold["assumed_publication_date"])` (language and format detected, as
a user would run it) and scored by the shared rules: ../shared/eval/score_facts.py when present
(run on the article's JSON, as the issue's command does), else tests/facts_scoring.py, our
reimplementation of the same rules. Micro averages add up true positives, predictions and gold
items over all articles. The issue's anchor is F1 >= 0.85 per kind on unseen articles; the ratio
printed is micro F1 / 0.85. --details lists every miss and false positive with the nearest
prediction or gold item of the same sentence, the raw material of the set's BLIND.md.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

import facts_scoring  # noqa: E402
from newsdesk import NewsdeskError, read  # noqa: E402

KINDS = ("quotes", "pledges", "events")
GOAL = 0.85  # the "Done when" for unseen articles


@dataclass
class Counts:
    tp: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.predicted += other.predicted
        self.gold += other.gold

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / self.predicted if self.predicted else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def articles(folder: Path) -> list[tuple[Path, Path]]:
    """(page, gold) pairs: every non-JSON file with a gold file of the same stem."""
    pairs = []
    for page in sorted(folder.iterdir()):
        gold = page.with_suffix(".json")
        if page.suffix not in (".json", ".md") and page.is_file() and gold.exists():
            pairs.append((page, gold))
    return pairs


def score_shared(script: Path, article: dict[str, Any], gold_path: Path) -> dict[str, Counts]:
    """The shared scorer on the article's JSON, exactly as the issue's command runs it."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as tmp:
        json.dump(article, tmp, ensure_ascii=False)
    try:
        out = subprocess.run([sys.executable, str(script), tmp.name, str(gold_path), "--json"],
                             capture_output=True, text=True, check=True).stdout
    finally:
        Path(tmp.name).unlink()
    result = json.loads(out)
    return {k: Counts(result[k]["tp"], result[k]["predicted"], result[k]["gold"]) for k in KINDS}


def score_ours(article: dict[str, Any], gold: dict[str, Any]) -> dict[str, Counts]:
    scores = facts_scoring.score_facts(article, gold)
    return {k: Counts(scores[k].tp, scores[k].predicted, scores[k].gold) for k in KINDS}


# --details: which items went unmatched (same greedy one-to-one rules as the scorers).
_GOLD_KEY = {"quotes": "quotations", "pledges": "aid_commitments", "events": "dated_events"}
_KEY_OK = {"quotes": facts_scoring._speaker_ok, "pledges": facts_scoring._pledge_ok, "events": facts_scoring._date_ok}
_COUNTS = {"quotes": lambda g: g.get("tier") == "core",
           "pledges": lambda g: g.get("tier", "core") == "core",
           "events": lambda g: g.get("resolved") is not None and not g.get("optional")}


def _pred_summary(kind: str, p: dict[str, Any]) -> str:
    if kind == "quotes":
        return f"speaker={p.get('speaker')!r} cue={p.get('cue')!r} type={p.get('type')}"
    if kind == "pledges":
        amount = p.get("amount") or {}
        return f"donor={p.get('donor')!r} amount={amount.get('value')} {amount.get('currency')}"
    return f"date={p.get('date')!r} ({p.get('date_text')!r}) type={p.get('type')}"


def _gold_summary(kind: str, g: dict[str, Any]) -> str:
    if kind == "quotes":
        return f"speaker={g.get('speaker')!r} cue={g.get('cue')!r} type={g.get('type')}"
    if kind == "pledges":
        return f"donor={g.get('donor')!r} amount={g.get('amount_normalized')} {g.get('currency')}"
    return f"resolved={g.get('resolved')!r} ({g.get('date_as_written')!r})"


def details(article: dict[str, Any], gold: dict[str, Any]) -> list[dict[str, str]]:
    """Misses (core gold unmatched) and false positives (predictions matching no gold item)."""
    rows = []
    for kind in KINDS:
        preds = article.get(kind) or []
        if kind == "events":
            preds = [e for e in preds if e.get("date")]
        golds = gold.get(_GOLD_KEY[kind]) or []
        sents = [facts_scoring._sentence(article, p.get("sentence")) for p in preds]
        taken: dict[int, int] = {}
        for i, p in enumerate(preds):
            for j, g in enumerate(golds):
                if j not in taken.values() and facts_scoring.same_sentence(sents[i], g["sentence"]["text"]) \
                        and _KEY_OK[kind](p, g):
                    taken[i] = j
                    break
        for j, g in enumerate(golds):
            if j in taken.values() or not _COUNTS[kind](g):
                continue
            near = [_pred_summary(kind, p) for i, p in enumerate(preds)
                    if facts_scoring.same_sentence(sents[i], g["sentence"]["text"])]
            rows.append({"kind": kind, "what": "miss", "sentence": g["sentence"]["text"],
                         "expected": _gold_summary(kind, g), "got": "; ".join(near) or "nothing in this sentence"})
        for i, p in enumerate(preds):
            if i in taken:
                continue
            near = [_gold_summary(kind, g) for g in golds if facts_scoring.same_sentence(sents[i], g["sentence"]["text"])]
            rows.append({"kind": kind, "what": "false positive", "sentence": sents[i],
                         "expected": "; ".join(near) or "nothing in this sentence", "got": _pred_summary(kind, p)})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=ROOT / "tests" / "fixtures" / "facts_unseen")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--details", action="store_true", help="list every miss and false positive")
    args = parser.parse_args(argv)

    script = args.shared / "eval" / "score_facts.py"
    scorer = "shared eval/score_facts.py" if script.exists() else "tests/facts_scoring.py"
    pairs = articles(args.dir) if args.dir.is_dir() else []
    if not pairs:
        print(f"no article with a gold .json in {args.dir}", file=sys.stderr)
        return 2
    per_article: dict[str, dict[str, Counts]] = {}
    problems: dict[str, list[dict[str, str]]] = {}
    total = {k: Counts() for k in KINDS}
    for page, gold_path in pairs:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        try:
            article = read(page, published=gold.get("assumed_publication_date")).to_dict()
        except NewsdeskError as exc:  # a page that fails to read scores as nothing found, and we go on
            print(f"{page.name}: {exc}", file=sys.stderr)
            article = {"text": "", "sentences": [], "quotes": [], "pledges": [], "events": []}
        scores = score_shared(script, article, gold_path) if script.exists() else score_ours(article, gold)
        per_article[page.name] = scores
        for kind in KINDS:
            total[kind].add(scores[kind])
        if args.details:
            problems[page.name] = details(article, gold)

    if args.json:
        out = {"scorer": scorer, "goal_f1": GOAL,
               "micro": {k: dict(zip(("precision", "recall", "f1"), map(lambda x: round(x, 3), total[k].prf())),
                                 **asdict(total[k])) for k in KINDS},
               "articles": {name: {k: dict(zip(("precision", "recall", "f1"), map(lambda x: round(x, 3), s[k].prf())),
                                           **asdict(s[k])) for k in KINDS} for name, s in per_article.items()}}
        if args.details:
            out["details"] = problems
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0

    print(f"{len(pairs)} unseen articles in {args.dir}, scored by {scorer}")
    print(f"{'article':28s} " + " ".join(f"{k + ' P/R/F1':>20s}" for k in KINDS))
    for name, scores in per_article.items():
        cells = []
        for kind in KINDS:
            p, r, f = scores[kind].prf()
            cells.append(f"{p:.2f}/{r:.2f}/{f:.2f}" if scores[kind].gold or scores[kind].predicted else "-")
        print(f"{name:28s} " + " ".join(f"{c:>20s}" for c in cells))
    print()
    for kind in KINDS:
        p, r, f = total[kind].prf()
        c = total[kind]
        print(f"micro {kind:8s} P={p:.3f} R={r:.3f} F1={f:.3f} (tp={c.tp} predicted={c.predicted} gold={c.gold})"
              f"  F1/goal {f / GOAL:.2f}x")
    if args.details:
        for name, rows in problems.items():
            print(f"\n# {name}")
            for row in rows:
                print(f"  [{row['kind']} {row['what']}] {row['sentence'][:110]!r}\n"
                      f"      expected: {row['expected']}\n      got:      {row['got']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
