"""Money amounts: currency, normalised value and the approximate / upper-bound flags, en + ru."""
from __future__ import annotations

import pytest

from newsdesk.facts.money import find_amounts, parse_amount


@pytest.mark.parametrize("text, value, currency", [
    ("roughly $4.75 billion", 4.75e9, "USD"),
    ("$ 3 billion", 3e9, "USD"),
    ("€7 billion annually", 7e9, "EUR"),
    ("£2.6bn", 2.6e9, "GBP"),
    ("CHF 25 million", 25e6, "CHF"),
    ("US$3.5m", 3.5e6, "USD"),
    ("$1,250,000", 1.25e6, "USD"),
    ("EUR 1.2 billion", 1.2e9, "EUR"),
    ("half a billion dollars", 5e8, "USD"),
    ("two billion euros", 2e9, "EUR"),
    ("60 млрд рублей", 60e9, "RUB"),
    ("$2,5 млрд", 2.5e9, "USD"),
    ("около 4 млн евро", 4e6, "EUR"),
    ("полтора миллиарда рублей", 1.5e9, "RUB"),
    ("полмиллиарда рублей", 5e8, "RUB"),
    ("10 000 евро", 1e4, "EUR"),
])
def test_amounts_are_normalised(text, value, currency):
    amount = parse_amount(text, "ru" if any("а" <= c <= "я" for c in text) else "en")
    assert amount is not None, text
    assert amount.value == pytest.approx(value)
    assert amount.currency == currency


def test_krone_follows_the_country_the_text_is_about():
    assert parse_amount("Oslo adds 40 billion kroner").currency == "NOK"
    assert find_amounts("Stockholm adds 40 billion kronor", context="Sweden and its capital Stockholm")[0] \
        .amount.currency == "SEK"
    assert find_amounts("a grant of 40 million kroner", context="The Danish parliament voted")[0] \
        .amount.currency == "DKK"


@pytest.mark.parametrize("text, approximate, upper", [
    ("about $5 million", True, False),
    ("more than €2 billion", True, False),
    ("almost $300 million", True, True),
    ("up to £40m", False, True),
    ("$70 million", False, False),
    ("почти 3 млрд рублей", True, True),
    ("до 2 млн евро", False, True),
    ("более 1 млрд долларов", True, False),
])
def test_qualifiers_set_the_flags(text, approximate, upper):
    amount = parse_amount(text)
    assert (amount.approximate, amount.upper_bound) == (approximate, upper)
    assert amount.text == text


def test_quantities_that_are_not_money_are_ignored():
    assert find_amounts("more than 20,000 soldiers and 1,200 drones arrived in 2024") == []


def test_offsets_point_at_the_amount():
    text = "The city will get €12 million for schools and $4m for roads."
    spans = find_amounts(text)
    assert [text[s.start:s.end] for s in spans] == ["€12 million", "$4m"]


def test_words_that_are_currencies_only_after_a_scale():
    amounts = find_amounts("Seoul announced 30 billion won in grants.", "en", "")
    assert [(a.amount.value, a.amount.currency) for a in amounts] == [(3e10, "KRW")]
    assert not find_amounts("The home side won 3 matches and 2 million fans watched.", "en", "")
