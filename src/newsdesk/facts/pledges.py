"""Fills article.pledges (work in progress)."""
from __future__ import annotations

from ..model import Article
from .parse import Parsed


def find_pledges(article: Article, parsed: Parsed) -> None:
    """Fill article.pledges."""
