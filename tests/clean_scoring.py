"""The shared article scorer's block rule, for our cleaning tests and bench/clean_unseen.py: blocks
match one-to-one on whitespace-folded text (as ../shared/eval/score_article.py does)."""
from __future__ import annotations

import re

SPACE = re.compile(r"\s+")


def norm(text: str | None) -> str:
    return SPACE.sub(" ", (text or "").replace("\u00a0", " ")).strip()


def block_hits(predicted: list[str], expected: list[str]) -> int:
    """How many predicted blocks equal an expected one (each expected block counts once)."""
    remaining, hits = [norm(t) for t in expected], 0
    for text in predicted:
        if norm(text) in remaining:
            remaining.remove(norm(text))
            hits += 1
    return hits
