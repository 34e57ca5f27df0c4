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
def articles():
    return {"en": read(EN, published="2026-04-16"), "ru": read(RU, published="2026-04-16")}


# (article, words of the sentence, speaker, cue, how the message starts)
SHAPES = [
    ("en", "According to the harbour master", "Olav Brekke", "according to", "the first ferry will sail"),
    ("en", "In the view of Ada Lind", "Ada Lind", "in the view of ada lind", "the repairs to the pier"),
    ("en", "Transport Secretary Ada Lind said", "Ada Lind", "said", "The bridge over the sound"),
    ("ru", "По словам директора порта", "Иван Волков", "по словам", "первый паром отправится"),
    ("ru", "Как сообщил глава района", "Олег Лапин", "сообщил", "мост через пролив"),
    ("ru", "Об этом сообщил", "Олег Лапин", "сообщил", "Мост закроют на ремонт"),  # the sentence before
    ("ru", "сообщили в администрации порта", "администрация порта", "сообщили", "Паром задержится"),
]


@pytest.mark.parametrize("language, words, speaker, cue, message", SHAPES)
def test_quote_shape(articles, language, words, speaker, cue, message):
    article = articles[language]
    found = [q for q in article.quotes if words in article.sentence_text(q.sentence)]
    assert len(found) == 1, [(q.speaker, q.cue, article.sentence_text(q.sentence)) for q in article.quotes]
    assert (found[0].speaker.lower(), found[0].cue) == (speaker.lower(), cue)
    assert found[0].content.startswith(message)


def test_a_share_of_people_is_no_speaker(articles):
    article = articles["en"]
    assert not [q for q in article.quotes if "islanders" in article.sentence_text(q.sentence)]


def test_russian_cue_lemmas_are_written_as_morph_lemma_writes_them():
    assert RU_CUE_LEMMAS
    assert [v for v in sorted(RU_CUE_LEMMAS) if lemma(v) != v] == []


def test_every_russian_speech_stem_has_its_verbs_or_is_a_belief_adjective():
    rows = lexicon("ru").rows("speech")
    assert [r.key for r in rows if not r["lemmas"] and r["belief"] != "yes"] == []


def test_the_quote_word_tables_read_alike_in_both_languages():
    en, ru = (lexicon(lang).table("quote_words") for lang in ("en", "ru"))
    assert [c.name for c in en.columns] == [c.name for c in ru.columns]
