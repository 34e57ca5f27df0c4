"""Fills article.events (work in progress)."""
from __future__ import annotations

from ..model import Article
from .parse import Parsed


def find_events(article: Article, parsed: Parsed) -> None:
    """Fill article.events."""
