"""Question-and-answer interviews: answers with no attribution line are the interviewee's quotations."""
from __future__ import annotations

import pytest

from newsdesk.pipeline import read

RU = """Мост через Велесу откроют к зиме

Об этом в интервью «Северному вестнику» рассказал министр транспорта Кестрии Арвид Лоусен. Беседу вела \
корреспондент Нина Орлова.

— Когда начнётся движение по мосту?

— Мы рассчитываем запустить движение в декабре. Подрядчик уже закончил опоры, осталось уложить полотно.

— Хватит ли денег?

— Денег достаточно. Остальное добавят местные власти.

Ранее глава комитета по транспорту Марта Вейс заявила, что сроки нереальны.
"""

EN = """Bridge over the Velesa to open by winter

Kestrian Transport Minister Arvid Lousen spoke to the Northern Herald about the new bridge.

Q: When will traffic start?

A: We expect the first cars in December. The contractor has finished the piers, and only the deck is left.

We poured the first pillars in a cold spring, and the crews worked through the night.

Q: Is there enough money?

A: There is. The regional council will cover the rest.

Earlier, committee chair Marta Weiss said the timetable was unrealistic.
"""

# Dialogue with its own attribution lines is no interview: each line keeps its speaker.
RU_DIALOGUE = """Переговоры о зерне продолжатся

— Мы готовы продолжать переговоры, — заявила министр сельского хозяйства Ирина Соколова.

— Пока рано говорить о сроках, — добавил её заместитель Павел Громов.
"""


@pytest.fixture(scope="module")
def ru():
    return read(RU, published="2026-03-12", format="clean", lang="ru")


@pytest.fixture(scope="module")
def en():
    return read(EN, published="2026-03-12", format="clean", lang="en")


def _quotes_starting(article, words):
    return [q for q in article.quotes if q.content.startswith(words)]


def test_russian_dash_answers_go_to_the_interviewee_not_the_interviewer(ru):
    for words in ("Мы рассчитываем", "Денег достаточно"):
        found = _quotes_starting(ru, words)
        assert [(q.speaker, q.type) for q in found] == [("Арвид Лоусен", "direct")], words
    assert not [q for q in ru.quotes if "Когда начнётся" in q.content or "Хватит ли" in q.content]
    assert all(q.speaker != "Нина Орлова" for q in ru.quotes)


def test_russian_first_name_the_tagger_left_out_stays_in_the_name(ru):
    quote = next(q for q in ru.quotes if "сроки нереальны" in q.content)
    assert quote.speaker == "Марта Вейс"


def test_english_answers_are_the_interviewees_and_run_over_the_next_paragraph(en):
    first = _quotes_starting(en, "We expect the first cars")
    assert [(q.speaker, q.type) for q in first] == [("Arvid Lousen", "direct")]
    assert "worked through the night" in first[0].content  # the answer goes on until the next question
    assert [q.speaker for q in _quotes_starting(en, "There is.")] == ["Arvid Lousen"]
    assert next(q for q in en.quotes if "unrealistic" in q.content).speaker == "Marta Weiss"


def test_attributed_dialogue_is_not_taken_for_an_interview():
    article = read(RU_DIALOGUE, published="2026-03-12", format="clean", lang="ru")
    assert sorted(q.speaker for q in article.quotes) == ["Ирина Соколова", "Павел Громов"]
    assert all(q.cue != "interview" for q in article.quotes)
