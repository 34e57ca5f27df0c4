"""Quotations link to their speaker's entity and never come from a title or heading (shape of the
output, on our fixtures).

Which quotations are found, with which speaker, type, cue and content, is stated row by row in
tests/facts/cases/{en,ru}/quotes.tsv.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.pipeline import read

FACTS = Path(__file__).resolve().parent / "fixtures" / "facts"


@pytest.fixture(scope="module")
def articles():
    pages = [FACTS / name for name in ("en_gas_talks.txt", "en_grid_pledges.txt", "en_geneva_briefing.txt",
                                       "ru_grain_talks.txt", "ru_aid_tranches.txt")]
    pages += sorted((FACTS / "quotes").glob("*.txt"))
    return {page.name: read(page, published="2026-04-16") for page in pages}


def test_speakers_link_to_entities_and_nothing_comes_from_a_heading(articles):
    for article in articles.values():
        ids = {e.id: e.name for e in article.entities}
        for q in article.quotes:
            if q.speaker_entity is not None:  # "Norway (Норвегия)": the entity's name, then the article's own
                shown = f"{ids[q.speaker_entity]} ({q.speaker_native})" if q.speaker_native else ids[q.speaker_entity]
                assert shown == q.speaker
            assert article.blocks[article.sentences[q.sentence].block].kind not in ("title", "heading")
            assert q.start < q.end and article.sentence_text(q.sentence)
