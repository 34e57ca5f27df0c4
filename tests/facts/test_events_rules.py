"""Events read with the lexicon tables: dates counted from a named event, and who took part."""
from __future__ import annotations

import pytest

from newsdesk.facts.lexicon import LANGUAGES, lexicon
from newsdesk.pipeline import read

EN = ("The grid summit took place in Riga on March 3. Three days after the summit, the ferry company cut prices. "
      "Two days before the summit, union leaders met in Tallinn.")
EN_SIGNING = ("Anna Berg signed the treaty in Oslo on March 3. The day before the signing, she told Baltic News "
              "the deal was close. We met the mayor on March 6.")
RU = ("Саммит по энергосетям прошёл в Риге 3 марта. Через три дня после саммита паромная компания снизила цены. "
      "За два дня до саммита профсоюзы вышли на митинг в Таллине.")
RU_EVE = "Саммит по энергосетям прошёл в Риге 3 марта. Накануне саммита министр позвонил послу."


def _events(text, language):
    return {e["date_text"]: e for e in read(text, published="2026-03-12", format="clean", lang=language).to_dict()["events"]}


def test_english_dates_counted_from_the_summit():
    events = _events(EN, "en")
    assert events["Three days after the summit"]["date"] == "2026-03-06"
    assert events["Two days before the summit"]["date"] == "2026-03-01"
    assert events["Two days before the summit"]["where"] == "Tallinn"


def test_the_day_before_a_named_event_and_who():
    events = _events(EN_SIGNING, "en")
    # "she" is the person named before; the outlet she spoke to takes no part; "we" is the writer
    assert events["The day before the signing"]["date"] == "2026-03-02"
    assert events["The day before the signing"]["who"] == ["Anna Berg"]
    assert events["March 6"]["who"] == []


def test_russian_dates_counted_from_the_summit():
    events = _events(RU, "ru")
    assert events["3 марта"]["where"] == "Рига"
    assert [e["date"] for t, e in events.items() if t.startswith("Через три дня")] == ["2026-03-06"]
    assert [e["date"] for t, e in events.items() if t.startswith("За два дня")] == ["2026-03-01"]
    events = _events(RU_EVE, "ru")
    assert [e["date"] for t, e in events.items() if t.startswith("Накануне саммита")] == ["2026-03-02"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_event_anaphors_are_third_person_subjects(language):
    """The pronouns that stand for a person named before: the shared subject pronouns, less «оно»/"it"
    and the speaker's own (event_words.tsv self)."""
    lex = lexicon(language)
    anaphors = lex.words("pronouns", subject="yes") - lex.words("pronouns", gender="n") \
        - lex.words("event_words", use="self")
    assert anaphors == ({"he", "she", "they"} if language == "en" else {"он", "она", "они"})
