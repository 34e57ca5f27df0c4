"""Unions of states and countries are no people, and a donor gets one canonical name in both languages."""
from __future__ import annotations

import pytest

from newsdesk.pipeline import read

RU = """ЕС выделит Дорвании еще 40 млн евро

ЕС выделит Дорвании 40 млн евро на строительство моста, сообщила Еврокомиссия в понедельник. Евросоюз также \
профинансирует закупку двух паромов.

Дорвания приветствовала это решение. Кестрия заявила, что поддерживает проект. «Это хороший день», — сказал \
министр транспорта Дорвании Ильзе Брандт.

Германия выделит 15 млн евро, сообщил Берлин. Берлин также передаст Дорвании два парома.

Мария Лунд из Кестрии назвала мост «долгожданным».
"""

EN = """EU pledges more for Dorvanian bridge

The EU will provide €40 million for the new bridge in Dorvania, the European Commission said on Monday. \
Berlin will add €15 million, German officials said.
"""


@pytest.fixture(scope="module")
def ru():
    return read(RU, published="2026-03-12", format="clean", lang="ru")


@pytest.fixture(scope="module")
def en():
    return read(EN, published="2026-03-12", format="clean", lang="en")


def _types(article):
    return {alias: e.type for e in article.entities for alias in [e.name, *e.aliases]}


def test_russian_union_and_unknown_country_are_not_people(ru):
    types = _types(ru)
    assert types["ЕС"] == types["Евросоюз"] == "ORG"
    assert types["Кестрия"] == "GPE"  # «Кестрия заявила»: a country that speaks, not a woman
    assert types["Мария Лунд"] == "PERSON"  # a first name the dictionary knows stays a person's
    assert not [e for e in ru.entities if e.type == "PERSON" and e.name.startswith(("Кестри", "Дорван", "ЕС"))]


def test_russian_donors_come_out_under_one_canonical_name(ru):
    # The English name leads (the tracker adds up across languages); the article's own name, in
    # the nominative, follows in brackets for the reader of a Russian article.
    donors = {(p.donor, p.amount.value if p.amount else None) for p in ru.pledges}
    assert ("European Union (Евросоюз)", 40e6) in donors
    assert ("European Union (Евросоюз)", None) in donors  # «Евросоюз … профинансирует закупку»
    assert ("Germany (Германия)", 15e6) in donors and ("Germany (Германия)", None) in donors  # «Германия», «Берлин»
    assert not {d for d, _ in donors} - {"European Union (Евросоюз)", "Germany (Германия)"}


def test_english_union_has_the_same_name_as_in_russian(en, ru):
    assert {p.donor for p in en.pledges} == {"European Union", "Germany"}
    assert {e.name for e in en.entities if e.type == "ORG"} >= {"European Union", "European Commission"}
    assert "European Commission" in {e.name for e in ru.entities}
