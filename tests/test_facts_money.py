"""The money finder on its own: offsets of each amount, and words that are currencies only after a scale.

How amounts are read (currency, value, approximate / upper bound, krone by country) is stated row by
row, on the pledges that carry them, in tests/facts/cases/{en,ru}/amounts.tsv.
"""
from __future__ import annotations

from newsdesk.facts.money import find_amounts


def test_offsets_point_at_the_amount():
    text = "The city will get €12 million for schools and $4m for roads."
    spans = find_amounts(text)
    assert [text[s.start:s.end] for s in spans] == ["€12 million", "$4m"]


def test_words_that_are_currencies_only_after_a_scale():
    # Through read() no pledge comes of "Seoul announced 30 billion won in grants", so the finder is
    # checked directly; "won 3 matches" is a row of en/amounts.tsv too.
    amounts = find_amounts("Seoul announced 30 billion won in grants.", "en", "")
    assert [(a.amount.value, a.amount.currency) for a in amounts] == [(3e10, "KRW")]
    assert not find_amounts("The home side won 3 matches and 2 million fans watched.", "en", "")
