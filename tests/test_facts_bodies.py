"""A Russian article's donor shows the canonical English name, then the article's own in the nominative.

That display form ("Germany (Германия)") is pinned here only; the rows of
tests/facts/cases/*/pledges.tsv compare donors on the part before " (", and entities.tsv states that
unions and unknown countries are no people.
"""
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


@pytest.fixture(scope="module")
def ru():
    return read(RU, published="2026-03-12", format="clean", lang="ru")


def test_russian_donors_come_out_under_one_canonical_name(ru):
    # The English name leads (the tracker adds up across languages); the article's own name, in
    # the nominative, follows in brackets for the reader of a Russian article.
    donors = {(p.donor, p.amount.value if p.amount else None) for p in ru.pledges}
    assert ("European Union (Евросоюз)", 40e6) in donors
    assert ("European Union (Евросоюз)", None) in donors  # «Евросоюз … профинансирует закупку»
    assert ("Germany (Германия)", 15e6) in donors and ("Germany (Германия)", None) in donors  # «Германия», «Берлин»
    assert not {d for d, _ in donors} - {"European Union (Евросоюз)", "Germany (Германия)"}

