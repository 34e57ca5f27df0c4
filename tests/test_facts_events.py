"""Each event points at the sentence that holds its date phrase (shape of the output, on a short article).

Which events are found, typed, with who and where and which date, is stated row by row in
tests/facts/cases/{en,ru}/events.tsv and dates.tsv.
"""
from __future__ import annotations

import pytest

from newsdesk.pipeline import read

EN = """The harbour authority met shipping firms in Rotterdam on Tuesday. On March 5, port director \
Helena Vos visited Antwerp. On the 6th, she held a meeting with Mayor Pieter Lambrecht. The day before, \
Lambrecht had phoned the Dutch transport minister. Vos said a deal would be signed before the end of the week.

The new terminal will operate until the end of 2029. Since 2020, traffic has doubled. Recently, prices rose.
"""


@pytest.fixture(scope="module")
def en():
    return read(EN, published="2026-03-12", format="clean", lang="en")  # a Thursday


def test_each_event_points_at_its_sentence(en):
    for event in en.events:
        assert event.date_text in en.sentence_text(event.sentence)

