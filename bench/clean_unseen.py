"""Cleaning on pages nobody tuned on: title, blocks, byline, date and chrome of our own unseen pages.

    .venv/bin/python bench/clean_unseen.py [--dir tests/fixtures/clean_unseen] [--json] [--details]

Every `<name>.html|txt` with a `<name>.json` gold file in --dir goes through
`newsdesk.clean.clean_page` (format detected, as `newsdesk read` does) and is scored by the rule
of ../shared/eval/score_article.py: a block matches when its whitespace-folded text is equal
(precision over predicted body blocks, recall over gold blocks). Also counted per page: the title
right, the byline (`author`) and date (`published`) right where the gold gives them, and gold
chrome lines found in the text — related-article headlines and site-policy lines apart, since the
issue's goal is none of those kept. The set's BLIND.md keeps the figure scored before any fix.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from newsdesk import NewsdeskError  # noqa: E402
from clean_scoring import block_hits  # noqa: E402
from newsdesk.clean import clean_page  # noqa: E402
from newsdesk.sources import read_bytes  # noqa: E402

SPACE = re.compile(r"\s+")
DEFAULT_DIR = ROOT / "tests" / "fixtures" / "clean_unseen"


def norm(text: str | None) -> str:
    return SPACE.sub(" ", (text or "").replace("\u00a0", " ")).strip()


def kept(line: str, text: str) -> bool:
    """A chrome line counts as kept when it stands in the text as a block of its own or inside one."""
    return norm(line) in norm(text)


@dataclass
class PageScore:
    name: str
    title_right: bool
    precision: float
    recall: float
    author_right: bool | None  # None: the gold names no author
    published_right: bool | None
    related_kept: list[str] = field(default_factory=list)
    policy_kept: list[str] = field(default_factory=list)
    chrome_kept: list[str] = field(default_factory=list)
    error: str | None = None
    got_title: str | None = None
    got_author: str | None = None
    got_published: str | None = None


def score_page(path: Path, gold: dict) -> PageScore:
    try:
        article = clean_page(read_bytes(str(path)))
    except NewsdeskError as exc:
        return PageScore(path.stem, False, 0.0, 0.0, None if "author" not in gold else False,
                         None if "published" not in gold else False, error=str(exc))
    predicted = [norm(article.block_text(i)) for i, b in enumerate(article.blocks) if b.kind != "title"]
    wanted = [norm(b["text"]) for b in gold["blocks"]]
    hits = block_hits(predicted, wanted)
    author = getattr(article, "author", None)
    body = "\n".join(predicted)
    return PageScore(
        name=path.stem,
        title_right=norm(article.title) == norm(gold["title"]),
        precision=hits / max(len(predicted), 1),
        recall=hits / max(len(wanted), 1),
        author_right=None if "author" not in gold else norm(author) == norm(gold["author"]),
        published_right=None if "published" not in gold else article.published == gold["published"],
        related_kept=[line for line in gold.get("related_lines", []) if kept(line, body)],
        policy_kept=[line for line in gold.get("policy_lines", []) if kept(line, body)],
        chrome_kept=[line for line in gold.get("boilerplate_lines", []) if kept(line, body)],
        got_title=article.title, got_author=author, got_published=article.published,
    )


def score_dir(folder: Path) -> list[PageScore]:
    scores = []
    for gold_path in sorted(folder.glob("*.json")):
        page = next((p for p in (gold_path.with_suffix(".html"), gold_path.with_suffix(".txt")) if p.is_file()), None)
        if page is not None:
            scores.append(score_page(page, json.loads(gold_path.read_text(encoding="utf-8"))))
    return scores


def summary(scores: list[PageScore]) -> dict:
    def share(values: list[bool | None]) -> str:
        known = [v for v in values if v is not None]
        return f"{sum(known)}/{len(known)}"

    return {
        "pages": len(scores),
        "titles_right": share([s.title_right for s in scores]),
        "block_precision": round(sum(s.precision for s in scores) / max(len(scores), 1), 3),
        "block_recall": round(sum(s.recall for s in scores) / max(len(scores), 1), 3),
        "authors_right": share([s.author_right for s in scores]),
        "dates_right": share([s.published_right for s in scores]),
        "related_lines_kept": sum(len(s.related_kept) for s in scores),
        "policy_lines_kept": sum(len(s.policy_kept) for s in scores),
        "chrome_lines_kept": sum(len(s.chrome_kept) for s in scores),
        "rejected": sum(s.error is not None for s in scores),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", default=str(DEFAULT_DIR))
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--details", action="store_true", help="what each page got wrong")
    args = parser.parse_args(argv)
    scores = score_dir(Path(args.dir))
    if args.json:
        print(json.dumps({"summary": summary(scores), "pages": [asdict(s) for s in scores]}, ensure_ascii=False,
                         indent=1))
        return 0
    print(f"{'page':32} {'title':>5} {'P':>5} {'R':>5} {'author':>6} {'date':>5} {'related':>7} {'policy':>6}")
    for s in scores:
        def mark(value: bool | None) -> str:
            return "-" if value is None else ("ok" if value else "WRONG")

        print(f"{s.name:32} {mark(s.title_right):>5} {s.precision:5.2f} {s.recall:5.2f} {mark(s.author_right):>6} "
              f"{mark(s.published_right):>5} {len(s.related_kept):7d} {len(s.policy_kept):6d}"
              + (f"  [{s.error}]" if s.error else ""))
        if args.details:
            if not s.title_right:
                print(f"    title: {s.got_title!r}")
            if s.author_right is False:
                print(f"    author: {s.got_author!r}")
            if s.published_right is False:
                print(f"    published: {s.got_published!r}")
            for line in s.chrome_kept:
                print(f"    kept chrome: {line!r}")
    print(json.dumps(summary(scores), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
