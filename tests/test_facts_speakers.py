"""Speakers the parse alone misses: long titles, trailing attributions, bodies, impersonal Russian cues."""
from __future__ import annotations

import pytest

from newsdesk.pipeline import read

EN = """Ferry link across the lake gets a date

Portugal will build a new ferry terminal in Faro, Infrastructure Secretary Paulo Reis announced on Monday. \
The Portuguese transport ministry said the works would start in May. The first hull is already ordered, \
the ministry said in a statement.

Senior Researcher of the Institute of Coastal Studies Marina Duarte drew attention to the fact that the \
harbour has not been dredged for decades. She expects the dredging to cost more than planned. "The silt \
moves every winter," the researcher said.

Deputy Minister of Fisheries and Maritime Affairs of Spain Jorge Almeida stressed that Madrid supports the \
link. At the same time, he doubted that the ferries would be ready on time. Lisbon, which paid for the old \
pier, has not said whether it will pay for the new one.
"""

RU = """Паромы на Ладоге пустят к лету

Министр транспорта Карелии Ольга Вирта назвала проект «долгожданным». Правда, она сомневается, что \
подрядчик успеет к сроку.

Новый причал построят к июню. Об этом в среду сообщил глава комитета по транспорту Павел Седов.

Строительство оплатит региональный бюджет, сообщили в пресс-службе правительства республики. \
Первые суда уже заказаны, говорится в сообщении министерства транспорта. По данным министерства, \
на линии будут работать три парома.
"""


@pytest.fixture(scope="module")
def en():
    return read(EN, published="2026-03-12", format="clean", lang="en")


@pytest.fixture(scope="module")
def ru():
    return read(RU, published="2026-03-12", format="clean", lang="ru")


def _speaker(article, words):
    found = [q.speaker for q in article.quotes if words in article.sentence_text(q.sentence)]
    assert len(found) == 1, [(q.speaker, article.sentence_text(q.sentence)) for q in article.quotes]
    return found[0]


def test_trailing_title_and_name_and_a_bare_ministry(en):
    assert _speaker(en, "build a new ferry terminal") == "Paulo Reis"
    assert _speaker(en, "hull is already ordered") == "Portuguese transport ministry"  # the one that spoke before


def test_a_name_after_a_long_title_or_run_into_an_institute_is_the_speaker(en):
    assert _speaker(en, "drew attention") == "Marina Duarte"
    assert _speaker(en, "She expects") == "Marina Duarte"
    assert _speaker(en, "the researcher said") == "Marina Duarte"
    assert _speaker(en, "Jorge Almeida stressed") == "Jorge Almeida"
    assert _speaker(en, "he doubted") == "Jorge Almeida"


def test_what_was_not_said_is_no_quote(en):
    assert not [q for q in en.quotes if "has not said" in en.sentence_text(q.sentence)]


def test_russian_calling_something_by_quoted_words_and_doubting(ru):
    q = next(q for q in ru.quotes if "назвала" in ru.sentence_text(q.sentence))
    assert (q.speaker, q.type) == ("Ольга Вирта", "mixed")
    assert _speaker(ru, "она сомневается") == "Ольга Вирта"


def test_russian_about_this_said_x_takes_the_sentence_before(ru):
    q = next(q for q in ru.quotes if "Об этом" in ru.sentence_text(q.sentence))
    assert q.speaker == "Павел Седов" and "Новый причал построят" in q.content


def test_russian_bodies_speak_without_a_subject(ru):
    assert "пресс-служб" in _speaker(ru, "сообщили в пресс-службе")
    assert "министерств" in _speaker(ru, "говорится в сообщении")
    assert "министерств" in _speaker(ru, "По данным министерства")


def test_a_spokesperson_speaks_for_the_body_not_the_city_it_sits_in():
    article = read("A spokesperson for the World Bank office in Lima told reporters the loan would be signed soon. "
                   "President Rosa Lima declared a state of emergency on Tuesday.",
                   published="2026-03-12", format="clean", lang="en")
    assert [q.speaker for q in article.quotes] == ["World Bank"]  # an emergency declared is no message


def test_russian_dialogue_verbs_coordinated_cues_and_surnames_the_tagger_missed():
    text = ("Капитан сейнера Олег Вяземский и инженер Дарья Лыкова ждут решения.\n\n"
            "— Мы стояли на рейде двое суток, — вспоминает капитан.\n\n"
            "— Рыба не читает проектов, — усмехается она.\n\n"
            "Директор порта Елена Сабурова поблагодарила министерство и сообщила, что работы согласованы. "
            "Сабурова возражает: по ее данным, рыба не пострадает. Как сообщили ТАСС в пресс-службе порта, "
            "причал откроют в мае.")
    article = read(text, published="2026-03-12", format="clean", lang="ru")
    assert _speaker(article, "вспоминает капитан") == "Олег Вяземский"
    assert _speaker(article, "усмехается она") == "Дарья Лыкова"
    assert _speaker(article, "и сообщила") == "Елена Сабурова"
    assert _speaker(article, "по ее данным") == "Елена Сабурова"
    assert "пресс-служб" in _speaker(article, "сообщили ТАСС")


def test_a_countrys_possessive_opens_a_role_and_the_ministry_is_that_ministers_country():
    article = read("Chile's mining minister, Rosa Vidal, said the quota was fair.\n\nA spokesperson for the ministry "
                   "told reporters that talks would resume.", published="2026-03-12", format="clean", lang="en")
    person = next(e for e in article.entities if e.name == "Rosa Vidal")
    assert (person.role, person.affiliation) == ("Chile's mining minister", "Chile")
    assert _speaker(article, "spokesperson for the ministry") == "Chile"


def test_the_name_after_a_role_in_according_to_and_no_trailing_attribution_with_an_object():
    article = read("According to the head of the regional energy department, Anna Petrova, the grid will be repaired "
                   "by May. Two days later, the government declared a state of emergency in three districts.",
                   published="2026-03-12", format="clean", lang="en")
    assert [q.speaker for q in article.quotes] == ["Anna Petrova"]


def test_a_first_name_that_is_also_a_capital_and_a_name_in_apposition():
    article = read("The bank's regional director, Sofia Lindqvist, said the money would come as a grant. "
                   "The summit in Sofia ended on Monday.", published="2026-03-12", format="clean", lang="en")
    assert [q.speaker for q in article.quotes] == ["Sofia Lindqvist"]
    assert {e.name: e.type for e in article.entities}["Bulgaria"] == "GPE"  # the city is still a place
