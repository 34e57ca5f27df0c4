"""The gazetteer's own tables: every row names a country the maintained sources know, codes count only as
written, a union of states has one name in both languages, the entity ruler skips people's names."""
from __future__ import annotations

import pytest
from countryinfo import CountryInfo

from newsdesk.facts.lexicon import lexicon
from newsdesk.facts.places import (GOVERNMENT_RU, body_of, country_of, english_place_names,
                                   government_words)

CANONICAL = {info["name"] for info in CountryInfo.all().values()}


@pytest.mark.parametrize("language, table", [("en", "places"), ("ru", "places"), ("en", "codes"), ("ru", "codes")])
def test_every_row_names_a_canonical_country(language, table):
    for row in lexicon(language).rows(table):
        assert row["country"] is None or row["country"] in CANONICAL, \
            f"{language}/{table}.tsv:{row.line}: '{row['country']}' is not a countryinfo name"


@pytest.mark.parametrize("name, language, country", [
    ("Kyiv", "en", "Ukraine"), ("the Elysee", "en", "France"), ("Downing Street", "en", "United Kingdom"),
    ("US", "en", "United States"), ("США", "en", "United States"), ("РФ", "ru", "Russia"),
    ("Пекина", "ru", "China"), ("Елисейского дворца", "ru", "France"),
    ("the government in Chisinau", "en", "Moldova"), ("authorities of Kyiv", "en", "Ukraine"),
    ("Britain's cabinet", "en", "United Kingdom"), ("МИД Норвегии", "ru", "Norway"),
])
def test_extra_names_codes_and_metonyms(name, language, country):
    assert country_of(name, language) == country


@pytest.mark.parametrize("name, language", [("us", "en"), ("EU", "en"), ("Britain's analyst", "en"),
                                            ("британский эксперт", "ru")])
def test_codes_are_as_written_and_a_person_is_no_state(name, language):
    assert country_of(name, language) is None


def test_a_union_has_one_name_in_both_languages():
    assert {body_of(n) for n in ("EU", "the EU's", "European Union", "ЕС", "Евросоюза", "Европейского союза")} \
        == {"European Union"}
    assert body_of("NATO") == body_of("НАТО") == body_of("Североатлантического альянса") == "NATO"
    assert body_of("eu") is None  # a code counts as written
    assert body_of("the UN secretariat") is None


def test_the_entity_ruler_adds_its_names_and_skips_peoples_names():
    names = set(english_place_names())
    assert lexicon("en").words("ruler", use="add") <= names
    assert not names & lexicon("en").words("ruler", use="skip")
    assert {"Oslo", "Kyiv", "The Hague", "UK"} <= names


def test_government_words_by_language():
    assert government_words("ru") is GOVERNMENT_RU and "правительство" in GOVERNMENT_RU
    assert "government" in government_words("en") and government_words("pt") == government_words("en")
