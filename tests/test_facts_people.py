"""Entity mentions keep their offsets inside their sentence (shape of the output, on our fixtures).

What entities are found, with which roles, aliases and countries, is stated row by row in
tests/facts/cases/{en,ru}/entities.tsv.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.pipeline import read

FACTS = Path(__file__).resolve().parent / "fixtures" / "facts"


@pytest.fixture(scope="module")
def articles():
    return {name: read(FACTS / name, published="2026-04-16")
            for name in ("en_gas_talks.txt", "en_grid_pledges.txt", "en_geneva_briefing.txt", "en_summit.html",
                         "ru_aid_tranches.txt", "ru_grain_talks.txt")}


def test_mentions_point_at_their_sentence(articles):
    for article in articles.values():
        for entity in article.entities:
            for m in entity.mentions:
                sentence = article.sentences[m.sentence]
                assert sentence.start <= m.start < m.end <= sentence.end, (entity.name, m)
