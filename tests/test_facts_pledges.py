"""Batched fact extraction gives what one-by-one extraction gives (on two short fictional articles).

Which pledges are found, with which donor, amount, purpose and period, and which traps are no
pledge, is stated row by row in tests/facts/cases/{en,ru}/pledges.tsv and amounts.tsv.
"""
from __future__ import annotations

from newsdesk.pipeline import read

EN = """Donors gather for the flood relief conference

Lisbon will allocate about €320 million for the reconstruction of flooded villages in Mozambique in 2027. \
The amount (roughly $350 million) is the largest in the fund's history.

Portuguese Finance Minister Rui Andrade visited Maputo on Tuesday. He promised to provide Mozambique \
with €40 million in budget support annually. Andrade added that Lisbon's €320 million would be paid in tranches.

In addition, the country's Defence Ministry said it would co-finance the purchase of four rescue helicopters.

Since 2019, Portugal has provided a total of €900 million to Mozambique. Mozambique asked Spain for a \
loan of $500 million, but Madrid has not yet replied. Spain will extend its naval training mission until \
the end of 2027. More than 3,000 volunteers joined the clean-up.

Read also: Italy approves €75 million for dams
"""

RU = """Токио выделит Монголии около 2 млрд иен на строительство школ. Кроме того, японское правительство \
профинансирует закупку трёх снегоуборочных машин.

Всего с 2015 года Япония предоставила Монголии 40 млрд иен. Улан-Батор попросил у Сеула кредит в \
размере $100 млн, но Сеул пока не ответил.
"""


def test_batched_facts_equal_one_by_one():
    """extract_facts_many (spaCy's nlp.pipe over a batch) gives what extract_facts gives per article."""
    from newsdesk.facts import extract_facts, extract_facts_many
    from newsdesk.nlp import default_resources

    pages = [(EN, "en"), (RU, "ru"), (EN.replace("Lisbon", "Madrid"), "en")]
    one = [read(t, published="2026-03-12", format="clean", lang=lang, facts=False) for t, lang in pages]
    many = [read(t, published="2026-03-12", format="clean", lang=lang, facts=False) for t, lang in pages]
    for article in one:
        extract_facts(article, default_resources())
    batched = list(extract_facts_many(many, default_resources(), batch_size=2))
    assert [a.to_dict() for a in batched] == [a.to_dict() for a in one]
    assert batched[2].pledges[0].donor == "Spain"
