"""People's rules as data: the place-evidence rows fill their slots, and what the rows say shows in read()."""
from __future__ import annotations

import re

import pytest

from newsdesk.facts.lexicon import LANGUAGES, lexicon
from newsdesk.pipeline import read

SLOTS = {"word", "Stem", "places", "Places"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_place_evidence_rule_has_the_words_slot_and_no_unknown_one(language):
    for row in lexicon(language).rows("place_evidence"):
        slots = set(re.findall(r"\(\?P<(\w+)>", row["pattern"]))
        assert slots <= SLOTS and slots & {"word", "Stem"}, f"{language}/place_evidence.tsv:{row.line}"


def _people(text: str, language: str) -> dict[str, object]:
    article = read(text, format="clean", lang=language, published="2026-01-01")
    return {e.name: e for e in article.entities if e.type == "PERSON"}


def test_a_lone_word_used_as_a_place_is_no_person():
    people = _people("Aid for the bridge\n\nThe talks in Valmora ended on Monday. Valmora's government thanked "
                     "the donors, and aid flights to Valmora resumed.", "en")
    assert "Valmora" not in people
    people = _people("Помощь мосту\n\nПереговоры в Дорване завершились в понедельник. Правительство Дорвана "
                     "поблагодарило доноров.", "ru")
    assert not [n for n in people if n.startswith("Дорван")]


def test_pronouns_and_courtesy_titles_give_a_gender():
    people = _people("Grid talks\n\nAnna Mercer, the energy minister, said the grid would hold. She added that "
                     "repairs would start in May. Ms. Dorn, an engineer, agreed with Mr. Halloway.", "en")
    assert people["Anna Mercer"].gender == "f"
    assert people["Anna Mercer"].role == "the energy minister"


def test_a_russian_role_before_and_after_the_name():
    people = _people("Мост\n\nМинистр транспорта Мирела Костин подчеркнула, что мост построят. Олег Лапин, бывший "
                     "посол в Кестрии, считает, что денег хватит.", "ru")
    assert people["Мирела Костин"].gender == "f"
    assert people["Мирела Костин"].role == "министр транспорта"
    assert people["Олег Лапин"].role == "бывший посол в Кестрии"
