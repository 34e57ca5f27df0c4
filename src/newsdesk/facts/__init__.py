"""Facts with provenance: entities, quotations, pledges and dated events, each tied to a sentence.

Order matters: people first (quotes and pledges resolve speakers and donors against the
article's entities), then quotes, pledges, events.
"""
from __future__ import annotations

from typing import Any

from ..model import Article
from ..nlp import Resources
from .events import find_events
from .parse import parse
from .people import find_entities
from .pledges import find_pledges
from .quotes import find_quotes


def extract_facts(article: Article, resources: Resources, spacy_doc: Any | None = None) -> None:
    """Fill article.entities, quotes, pledges and events."""
    parsed = parse(article, resources, spacy_doc)
    find_entities(article, parsed, resources)
    find_quotes(article, parsed)
    find_pledges(article, parsed)
    find_events(article, parsed)
