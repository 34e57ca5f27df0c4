"""One way to merge names: the entity layer and the parser-only fallback both use names.merge_names."""
from __future__ import annotations

import pytest

from newsdesk.facts.names import NameMention, merge_names
from newsdesk.facts.parse import parse
from newsdesk.facts.syntax import fallback_entities
from newsdesk.nlp import default_resources
from newsdesk.pipeline import read


def _person(start: int, name: str, **kw) -> NameMention:
    return NameMention(start, start + len(name), name, "PERSON", name, **kw)


def _people(clusters) -> dict[str, int]:
    return {c.entity.name: len(c.entity.mentions) for c in clusters if c.entity.type == "PERSON"}


def test_a_surname_written_before_the_full_name_joins_it():
    clusters = merge_names([_person(0, "Mercer"), _person(40, "Anna Mercer"), _person(90, "Mercer")], [0], "en")
    assert _people(clusters) == {"Anna Mercer": 3}
    assert clusters[0].entity.aliases == ["Mercer"]


def test_two_people_sharing_a_surname_stay_two_and_a_surname_alone_goes_to_the_latest():
    clusters = merge_names([_person(0, "Anna Mercer"), _person(30, "Boris Mercer"), _person(60, "Mercer"),
                            _person(90, "A. Mercer")], [0, 50], "en")
    assert _people(clusters) == {"Anna Mercer": 2, "Boris Mercer": 2}
    assert [m.sentence for m in clusters[0].entity.mentions] == [0, 1]


def test_a_russian_case_form_joins_the_nominative_which_names_the_person():
    clusters = merge_names([_person(0, "Олег Лапина", nominative=False), _person(40, "Олег Лапин"),
                            _person(80, "Лапину", nominative=False)], [0], "ru")
    assert _people(clusters) == {"Олег Лапин": 3}


def test_places_merge_by_country_and_organisations_by_name():
    mentions = [NameMention(0, 4, "Oslo", "GPE", "Oslo", country="Norway"),
                NameMention(10, 16, "Norway", "GPE", "Norway", country="Norway"),
                NameMention(20, 27, "Council", "ORG", "Council"), NameMention(30, 37, "council", "ORG", "council")]
    clusters = merge_names(mentions, [0], "en")
    assert [(c.entity.name, c.entity.type, len(c.entity.mentions)) for c in clusters] == \
        [("Norway", "GPE", 2), ("Council", "ORG", 2)]


@pytest.mark.parametrize("text, language", [
    ("Talks on the bridge\n\nMercer said the deal was close. Later Anna Mercer told reporters that the "
     "Kestrian side would pay. Mercer's aide agreed.", "en"),
    ("Переговоры о мосте\n\nСабуровой не было на встрече. Министр Ольга Сабурова заявила, что мост "
     "построят. Сабурова добавила, что денег хватит.", "ru"),
])
def test_the_fallback_merges_people_as_the_entity_layer_does(text, language):
    article = read(text, format="clean", lang=language, published="2026-01-01")
    fallback = fallback_entities(article, parse(article, default_resources()))
    full = [e.name for e in article.entities if e.type == "PERSON" and len(e.name.split()) == 2]
    assert full and full == [e.name for e in fallback if e.type == "PERSON" and len(e.name.split()) == 2]
    assert not [e for e in fallback if e.type == "PERSON" and len(e.name.split()) == 1]
