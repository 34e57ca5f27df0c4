"""The date finder on its own: offsets and relation of a mention.

How date expressions resolve against the publication date and the dates around them ("on Monday",
"the day before", «до конца 2027 года», quarters, parts of a month) is stated row by row, on the
events that carry them, in tests/facts/cases/{en,ru}/dates.tsv.
"""
from __future__ import annotations

from newsdesk.facts.dates import find_dates

PUBLISHED = "2026-03-12"  # Thursday


def test_mentions_carry_offsets_and_relation():
    text = "The programme runs until the end of 2028."
    (mention,) = find_dates(text, "en", PUBLISHED, offset=100)
    assert (mention.start - 100, mention.end - 100) == (text.index("until"), text.index("."))
    assert mention.relation == "until"
