"""Facts with provenance: entities, quotations, pledges and dated events, each tied to a sentence."""
from __future__ import annotations

from ..model import Article
from ..nlp import Resources


def extract_facts(article: Article, resources: Resources) -> None:
    """Fill article.entities, quotes, pledges and events."""
    # Layers land in the facts issue; until then the article carries them as empty lists.
