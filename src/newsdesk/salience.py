""""Select important": a score per sentence and the highlighted set, with a reason for each."""
from __future__ import annotations

from .model import Article
from .nlp import Resources


def score_sentences(article: Article, resources: Resources, important: float | None = None) -> None:
    """Score every sentence and mark the important ones."""
    # Scoring lands in the "Select important" issue.
