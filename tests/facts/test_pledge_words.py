"""The pledge words and patterns of lexicon/{en,ru}/pledge_*.tsv: one sentence a verb, and the tables as the code reads them.

Adding a pledge verb is a line in pledge_verbs.tsv and a sentence in pledge_sentences.tsv beside this file.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsdesk import read
from newsdesk.facts.lexicon import LANGUAGES, lexicon

PLEDGES_PY = Path(__file__).resolve().parents[2] / "src" / "newsdesk" / "facts" / "pledges.py"

SENTENCES = Path(__file__).with_name("pledge_sentences.tsv")


def _sentences() -> list[tuple[str, str, str, float | None]]:
    """(language, sentence, giver or "" for no pledge, amount or None) from pledge_sentences.tsv."""
    rows = [line.split("\t") for line in SENTENCES.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")][1:]
    return [(language, sentence, giver, float(amount) if amount else None) for language, sentence, giver, amount in rows]


def _pledges(sentence: str, language: str) -> list[tuple[str, float | None]]:
    article = read(sentence, published="2026-03-12", format="clean", lang=language)
    return [(p.donor.split(" (")[0], p.amount.value if p.amount else None) for p in article.pledges]


@pytest.mark.parametrize("language, sentence, giver, amount", _sentences())
def test_a_pledge_verb_makes_its_pledge_and_a_request_none(language, sentence, giver, amount):
    assert _pledges(sentence, language) == ([(giver, amount)] if giver else [])


def _asked_for() -> set[str]:
    """The pattern names pledges.py asks for: pattern("name"), and no_amount_<kind> for each kind but quantity."""
    source = PLEDGES_PY.read_text(encoding="utf-8")
    names = set(re.findall(r'pattern\("([a-z_]+)"\)', source))
    kinds = next(c for c in lexicon("en").table("pledge_verbs").columns if c.name == "no_amount").choices
    return names | {f"no_amount_{kind}" for kind in kinds if kind != "quantity"}


def test_every_pattern_the_code_asks_for_is_in_some_language_and_every_row_is_asked_for():
    # a missing row silently never fires: a name misspelt in the code or in a table would go unnoticed
    rows = {row.key for language in LANGUAGES for row in lexicon(language).rows("pledge_patterns")}
    assert _asked_for() - rows == set()
    assert rows - _asked_for() == set()


def test_the_languages_read_pledge_tables_with_the_same_columns():
    for table in ("pledge_verbs", "pledge_words", "pledge_patterns"):
        en, ru = (lexicon(language).table(table).columns for language in LANGUAGES)
        assert [c.name for c in en][1:] == [c.name for c in ru][1:], table


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_pledge_verb_has_a_use(language):
    table = lexicon(language).table("pledge_verbs")
    for row in table.rows:
        assert any(row[c.name] for c in table.columns[1:]), f"{language}/pledge_verbs.tsv:{row.line}: '{row.key}'"
