"""Fills article.entities (work in progress)."""
from __future__ import annotations

from ..model import Article
from ..nlp import Resources
from .parse import Parsed


def find_entities(article: Article, parsed: Parsed, resources: Resources) -> None:
    """Fill article.entities."""
