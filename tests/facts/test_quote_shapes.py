"""Quote shapes and speaker rules read from the lexicon (quote_patterns, quote_words, source_nouns, speech)."""
from __future__ import annotations

import pytest

from newsdesk.facts.lexicon import lexicon
from newsdesk.facts.morph import lemma
from newsdesk.facts.quotes import RU_CUE_LEMMAS
from newsdesk.pipeline import read

EN = """Ferry to Vessby sails again

The harbour of Vessby reopened on Friday after a week of storms.

According to the harbour master, Olav Brekke, the first ferry will sail on Monday morning.

In the view of Ada Lind, the repairs to the pier need another month of work.

The bridge over the sound will reopen next spring, Transport Secretary Ada Lind said on Friday.

Seventy percent of islanders say the timetable is too thin.
"""

RU = """Паром в Вессбю снова ходит

Гавань Вессбю открылась в пятницу после недели штормов.

По словам директора порта Ивана Волкова, первый паром отправится в понедельник утром.

Как сообщил глава района Олег Лапин, мост через пролив починят к осени.

Мост закроют на ремонт в июне. Об этом сообщил глава района Олег Лапин.

Паром задержится на два часа, сообщили в администрации порта.
"""


@pytest.fixture(scope="module")
def english():
    return read(EN, published="2026-04-16")


@pytest.fixture(scope="module")
def russian():
    return read(RU, published="2026-04-16")


def _quote_in(article, words):
    found = [q for q in article.quotes if words in article.sentence_text(q.sentence)]
    assert len(found) == 1, [(q.speaker, q.cue, article.sentence_text(q.sentence)) for q in article.quotes]
    return found[0]


def test_according_to_takes_the_name_after_the_role(english):
    q = _quote_in(english, "According to the harbour master")
    assert (q.speaker, q.cue, q.type) == ("Olav Brekke", "according to", "reported")
    assert q.content.startswith("the first ferry will sail")


def test_in_the_view_of_is_an_according_to_row(english):
    q = _quote_in(english, "In the view of Ada Lind")
    assert q.speaker == "Ada Lind" and q.cue.startswith("in the view of")
    assert q.content.startswith("the repairs to the pier")


def test_an_attribution_closing_the_sentence(english):
    q = _quote_in(english, "Transport Secretary Ada Lind said")
    assert (q.speaker, q.cue) == ("Ada Lind", "said")
    assert q.content.startswith("The bridge over the sound")


def test_a_share_of_people_is_no_speaker(english):
    assert not [q for q in english.quotes if "islanders" in english.sentence_text(q.sentence)]


def test_po_slovam_and_kak_soobshchil(russian):
    q = _quote_in(russian, "По словам директора порта")
    assert (q.speaker, q.cue) == ("Иван Волков", "по словам")
    assert q.content.startswith("первый паром отправится")
    q = _quote_in(russian, "Как сообщил глава района")
    assert (q.speaker, q.cue) == ("Олег Лапин", "сообщил")
    assert q.content.startswith("мост через пролив")


def test_ob_etom_points_to_the_sentence_before(russian):
    q = _quote_in(russian, "Об этом сообщил")
    assert (q.speaker, q.cue) == ("Олег Лапин", "сообщил")
    assert q.content.startswith("Мост закроют на ремонт")


def test_a_body_speaks_with_no_subject(russian):
    q = _quote_in(russian, "сообщили в администрации порта")
    assert q.cue == "сообщили" and q.speaker.lower().startswith("администрация порта")
    assert q.content.startswith("Паром задержится")


def test_russian_cue_lemmas_are_written_as_morph_lemma_writes_them():
    assert RU_CUE_LEMMAS
    assert [v for v in sorted(RU_CUE_LEMMAS) if lemma(v) != v] == []


def test_every_russian_speech_stem_has_its_verbs_or_is_a_belief_adjective():
    rows = lexicon("ru").rows("speech")
    assert [r.key for r in rows if not r["lemmas"] and r["belief"] != "yes"] == []


def test_the_quote_word_tables_read_alike_in_both_languages():
    en, ru = (lexicon(lang).table("quote_words") for lang in ("en", "ru"))
    assert [c.name for c in en.columns] == [c.name for c in ru.columns]
