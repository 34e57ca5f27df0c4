"""Dated events on short fictional articles: typed, with who and where, dates from publication."""
from __future__ import annotations

import pytest

from newsdesk.pipeline import read

EN = """The harbour authority met shipping firms in Rotterdam on Tuesday. On March 5, port director \
Helena Vos visited Antwerp. On the 6th, she held a meeting with Mayor Pieter Lambrecht. The day before, \
Lambrecht had phoned the Dutch transport minister. Vos said a deal would be signed before the end of the week.

The new terminal will operate until the end of 2029. Since 2020, traffic has doubled. Recently, prices rose.
"""

RU = """В понедельник министр транспорта Ольга Мельникова посетила Казань. 3 марта она встретилась с \
губернатором. Накануне Мельникова заявила, что мост достроят до конца 2027 года.
"""


@pytest.fixture(scope="module")
def en():
    return read(EN, published="2026-03-12", format="clean", lang="en")  # a Thursday


@pytest.fixture(scope="module")
def ru():
    return read(RU, published="2026-03-12", format="clean", lang="ru")


def _dated(article):
    return [(article.sentence_text(e.sentence).split()[0:2], e.date) for e in article.events]


def test_every_date_resolves_against_publication_and_context(en):
    assert [e.date for e in en.events] == [
        "2026-03-10", "2026-03-05", "2026-03-06", "2026-03-05",
        "2026-03-02/2026-03-08",  # the week the article was just narrating
        "2029-12-31", "2020"]


def test_events_are_typed_with_who_and_where(en):
    by_date = {e.date_text: e for e in en.events}
    visit = by_date["March 5"]
    assert visit.type == "visit" and visit.where == "Antwerp" and "Helena Vos" in visit.who
    meeting = by_date["On the 6th"]
    assert meeting.type == "meeting"
    assert {"Helena Vos", "Pieter Lambrecht"} <= set(meeting.who)  # "she" resolved to the person just named
    assert by_date["The day before"].type == "call"
    assert by_date["until the end of 2029"].type == "period_end"
    assert by_date["Since 2020"].type == "period_start"
    assert by_date["on Tuesday"].where == "Rotterdam"


def test_each_event_points_at_its_sentence(en):
    for event in en.events:
        assert event.date_text in en.sentence_text(event.sentence)


def test_russian_events(ru):
    assert [(e.type, e.date) for e in ru.events] == [
        ("visit", "2026-03-09"), ("meeting", "2026-03-03"), ("statement", "2026-03-02"), ("period_end", "2027-12-31")]
    assert ru.events[0].where and ru.events[0].where.startswith("Казан")


AFTER_EN = """Ministers of the river states met in Linz for a summit on March 3. Three days after the summit, \
the transport ministers signed the dredging plan. After the summit, the delegations toured the locks. \
A week after the referendum, the parliament approved the loan. After meeting Chancellor Orla Brenn, \
the mayor announced new ferries.
"""

AFTER_RU = """Министры прибрежных стран собрались на саммит в Линце 3 марта. Через три дня после саммита \
министры транспорта подписали план дноуглубления. Спустя неделю после референдума парламент одобрил кредит.
"""


def _dated_sentence(article, words):
    index = next(i for i in range(len(article.sentences)) if words in article.sentence_text(i))
    return [e.date for e in article.events if e.sentence == index]


def test_after_an_event_the_article_dates_counts_from_that_date():
    en = read(AFTER_EN, published="2026-03-12", format="clean", lang="en")
    assert _dated_sentence(en, "Three days after the summit") == ["2026-03-06"]
    assert _dated_sentence(en, "After the summit, the delegations") == ["2026-03-03/2026-03-12"]
    # the referendum and the meeting with Brenn are dated nowhere in the article: no date is invented
    assert _dated_sentence(en, "A week after the referendum") == []
    assert _dated_sentence(en, "After meeting Chancellor") == []
    ru = read(AFTER_RU, published="2026-03-12", format="clean", lang="ru")
    assert _dated_sentence(ru, "Через три дня после саммита") == ["2026-03-06"]
    assert _dated_sentence(ru, "Спустя неделю после референдума") == []


WIRE_EN = """LINZ, March 11 (Rivernews) - Austria said on Tuesday it would give €5 million to dredge the Danube, \
the finance ministry said.

Austria and Slovakia agreed the plan on Monday. The day before the Slovak announcement, engineers inspected \
the locks. The canal will stay open until the end of 2029. The ministers met in Bratislava on the 25th.
"""

WIRE_RU = """ЛИНЦ, 11 марта. Австрия и Словакия в понедельник завершили переговоры о дноуглублении Дуная.

Накануне переговоров, в воскресенье, инженеры осмотрели шлюзы. Днём ранее министр прибыл в Братиславу.
"""


def test_wire_datelines_past_sayings_and_days_counted_from_named_events():
    en = read(WIRE_EN, published="2026-03-12", format="clean", lang="en")  # a Thursday
    assert _dated_sentence(en, "LINZ") == ["2026-03-10"]  # the dateline is no event; "said on Tuesday" is past
    assert _dated_sentence(en, "The day before the Slovak") == ["2026-03-08"]  # the day before Monday's agreement
    # "until the end of 2029" anchors no later day of the month
    assert _dated_sentence(en, "on the 25th") == ["2026-02-25"]
    ru = read(WIRE_RU, published="2026-03-12", format="clean", lang="ru")
    assert not [e for e in ru.events if "ЛИНЦ" in ru.sentence_text(e.sentence) and "11 марта" in (e.date_text or "")]
    assert _dated_sentence(ru, "в понедельник завершили") == ["2026-03-09"]
    assert _dated_sentence(ru, "Накануне переговоров") == ["2026-03-08"]  # two phrases, one day, one event
    assert _dated_sentence(ru, "Днём ранее") == ["2026-03-07"]


def test_after_dates_nothing_in_a_headline_a_vague_phrase_or_a_future_sentence():
    text = ("Harbour reopens after the summit\n\nLeaders met for a summit in Varna on March 3. The market moved "
            "after a decade on Pier Street. After the summit, the old ferry will close for repairs.")
    article = read(text, published="2026-03-12", format="clean", lang="en")
    assert [(e.sentence, e.date) for e in article.events] == [(1, "2026-03-03")]
    ru = read("Мэрия открыла мост 3 марта. После открытия моста старую переправу закроют на ремонт.",
              published="2026-03-12", format="clean", lang="ru")
    assert [e.date for e in ru.events] == ["2026-03-03"]
