"""Facts with provenance: entities, quotations, pledges and dated events, each tied to a sentence.

Order matters: people first (quotes and pledges resolve speakers and donors against the
article's entities), then quotes, pledges, events.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from ..model import Article
from ..nlp import Resources
from .events import find_events
from .native import add_native_names, link_donors
from .parse import parse, prepare_spacy
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
    link_donors(article)
    add_native_names(article)


def spacy_docs(articles: list[Article], resources: Resources, batch_size: int = 16) -> list[Any | None]:
    """spaCy docs for the English articles of a batch (None for the others), made by one
    nlp.pipe call: batching saves a fifth of the parse time, and the parse is most of it."""
    english = [a for a in articles if a.language != "ru"]
    if not english:
        return [None] * len(articles)
    nlp = resources.spacy_en
    prepare_spacy(nlp)
    docs = iter(nlp.pipe([a.text for a in english], batch_size=batch_size))
    return [None if a.language == "ru" else next(docs) for a in articles]


def extract_facts_many(articles: Iterable[Article], resources: Resources, batch_size: int = 16) -> Iterator[Article]:
    """Fill the facts of many articles, in order, parsing each batch's English texts together."""
    iterator = iter(articles)
    while chunk := list(islice(iterator, batch_size)):
        for article, doc in zip(chunk, spacy_docs(chunk, resources, batch_size)):
            extract_facts(article, resources, doc)
            yield article
