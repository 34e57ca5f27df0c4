"""People and places: entities with roles and aliases, capitals and demonyms mapped to countries."""
from __future__ import annotations

import pytest

from newsdesk.facts.places import country_of


@pytest.mark.parametrize("name, language, country", [
    ("Oslo", "en", "Norway"), ("the Norwegian government", "en", "Norway"), ("Norwegian", "en", "Norway"),
    ("Kiev", "en", "Ukraine"), ("Kyiv's", "en", "Ukraine"), ("U.S.", "en", "United States"),
    ("the UK", "en", "United Kingdom"), ("Germany's Defense Ministry", "en", "Germany"),
    ("the Kremlin", "en", "Russia"), ("Ottawa", "en", "Canada"),
    ("Осло", "ru", "Norway"), ("Берлине", "ru", "Germany"), ("норвежское правительство", "ru", "Norway"),
    ("правительство Норвегии", "ru", "Norway"), ("США", "ru", "United States"), ("Москвы", "ru", "Russia"),
])
def test_places_map_to_countries(name, language, country):
    assert country_of(name, language) == country


@pytest.mark.parametrize("name, language", [
    ("the Norwegian analyst", "en"), ("us", "en"), ("Harlan Brook", "en"), ("немецкий министр", "ru"),
    ("Андреас Келлер", "ru"),
])
def test_people_and_pronouns_are_not_countries(name, language):
    assert country_of(name, language) is None
