"""The money words of lexicon/{en,ru}: every row does in an amount what its table says."""
from __future__ import annotations

import re

import pytest

from newsdesk.facts.lexicon import LANGUAGES, lexicon
from newsdesk.facts.money import find_amounts, parse_amount


def _rows(name: str) -> list[tuple[str, dict]]:
    return [(language, row) for language in LANGUAGES if name in lexicon(language).tables
            for row in lexicon(language).rows(name)]


def _key(item: tuple[str, dict]) -> str:
    return f"{item[0]}:{item[1].key}"


@pytest.mark.parametrize("item", _rows("currencies"), ids=_key)
def test_a_currency_example_is_an_amount_in_that_currency(item):
    _, row = item
    amount = parse_amount(row["example"])
    assert amount is not None, row["example"]
    # an empty code is a krone whose country the text names: none named here, so Norway's
    assert amount.currency == (row["currency"] or "NOK")


@pytest.mark.parametrize("item", _rows("scales"), ids=_key)
def test_a_scale_multiplies_the_figure_before_it(item):
    _, row = item
    figure = re.search(r"\d+", row["example"])
    amount = parse_amount(row["example"])
    assert amount is not None and amount.value == pytest.approx((float(figure.group()) if figure else 1) * row["factor"])


@pytest.mark.parametrize("item", _rows("number_words"), ids=_key)
def test_a_number_word_counts_before_a_scale(item):
    language, row = item
    text = f"{row.key} million euros" if language == "en" else f"{row.key} млн евро"
    assert parse_amount(text).value == pytest.approx(row["value"] * 1e6)


@pytest.mark.parametrize("item", _rows("qualifiers"), ids=_key)
def test_a_qualifier_sets_its_flags(item):
    language, row = item
    amount = parse_amount(f"{row.key} 5 million euros" if language == "en" else f"{row.key} 5 млн евро")
    assert (amount.approximate, amount.upper_bound) == (row["approximate"] == "yes", row["upper"] == "yes")


@pytest.mark.parametrize("item", _rows("kroner"), ids=_key)
def test_the_krone_is_the_country_the_text_names(item):
    _, row = item
    assert find_amounts("a grant of 40 million kroner", context=row["example"])[0].amount.currency == row.key


@pytest.mark.parametrize("item", _rows("currency_signs"), ids=_key)
def test_a_sign_before_a_figure_names_its_currency(item):
    _, row = item
    assert parse_amount(f"a grant of {row.key} 5 million").currency == (row["currency"] or row.key)


@pytest.mark.parametrize("item", [i for i in _rows("currency_iso_skip") if i[1]["why"] != "listed"], ids=_key)
def test_a_word_left_out_of_the_iso_names_is_no_currency(item):
    _, row = item
    assert find_amounts(f"they paid 3 {row.key} on Monday") == []
