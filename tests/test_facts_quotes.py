"""Quotations: direct, dash dialogue, mixed and reported speech, with the right speaker and cue."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.pipeline import read

FACTS = Path(__file__).resolve().parent / "fixtures" / "facts"


@pytest.fixture(scope="module")
def articles():
    return {name: read(FACTS / name, published="2026-04-16")
            for name in ("en_gas_talks.txt", "en_grid_pledges.txt", "en_geneva_briefing.txt", "ru_grain_talks.txt",
                         "ru_aid_tranches.txt")}


def _quote_in(article, words):
    """The one quote whose sentence contains `words`."""
    found = [q for q in article.quotes if words in article.sentence_text(q.sentence)]
    assert len(found) == 1, [(q.speaker, article.sentence_text(q.sentence)) for q in article.quotes]
    return found[0]


def test_english_dash_dialogue_is_direct_and_spans_its_sentences(articles):
    article = articles["en_gas_talks.txt"]
    q = _quote_in(article, "she told Newsdesk Weekly")
    assert (q.speaker, q.type, q.cue) == ("Marta Ilves", "direct", "told Newsdesk Weekly")
    assert q.content.startswith("The suppliers are waiting") and "Nobody wants to move first" in q.content


def test_russian_dash_dialogue_resolves_she_by_gender(articles):
    article = articles["ru_grain_talks.txt"]
    q = _quote_in(article, "заявила она")
    assert (q.speaker, q.type, q.cue) == ("Ирина Соколова", "direct", "заявила")
    assert q.content.startswith("Анкара хочет гарантий")
    # «Она … напомнила» skips the man named just before her.
    assert _quote_in(article, "Она, однако, напомнила").speaker == "Ирина Соколова"


def test_quotation_running_across_paragraphs_is_joined(articles):
    article = articles["en_gas_talks.txt"]
    q = _quote_in(article, "every molecule has to pass")
    assert q.speaker == "Viktor Lange" and q.type == "direct"
    assert q.content.startswith("Gas is only half of the problem.") and q.content.endswith("through one pipe,")
    assert "\n" not in q.content
    ru = _quote_in(articles["ru_grain_talks.txt"], "сказал Громов")
    assert ru.content.startswith("Если коридор закроется") and "Поэтому всем сторонам" in ru.content


def test_mixed_and_reported_speech_keep_their_cue(articles):
    article = articles["en_gas_talks.txt"]
    mixed = _quote_in(article, "closer than it looks")
    assert (mixed.speaker, mixed.type, mixed.cue) == ("Sergey Oprea", "mixed", "said")
    according = _quote_in(article, "According to Oprea")
    assert (according.type, according.cue) == ("reported", "according to")
    assert according.content == "a final text could be signed next month"
    colon = _quote_in(articles["en_geneva_briefing.txt"], "said: the administration")
    assert (colon.speaker, colon.type) == ("Ruth Calloway", "reported")


def test_pronouns_and_role_nouns_find_the_right_person(articles):
    article = articles["en_gas_talks.txt"]
    assert _quote_in(article, "The analyst noted").speaker == "Marta Ilves"
    assert _quote_in(article, "She also warned").speaker == "Marta Ilves"
    assert _quote_in(article, "The expert stressed").speaker == "Viktor Lange"
    assert _quote_in(article, "He said a second round").speaker == "Sergey Oprea"
    assert _quote_in(articles["ru_grain_talks.txt"], "Эксперт подчеркнул").speaker == "Павел Громов"


def test_russian_po_slovam_names_the_nominative(articles):
    article = articles["ru_aid_tranches.txt"]
    q = _quote_in(article, "По словам Томаса Вебера")
    assert (q.speaker, q.cue, q.type) == ("Томас Вебер", "по словам", "reported")
    assert _quote_in(article, "По его словам").speaker == "Игорь Савин"


def test_governments_speak_as_their_country(articles):
    article = articles["en_grid_pledges.txt"]
    assert _quote_in(article, "The Danish government announced").speaker == "Denmark"
    assert _quote_in(article, "Norway's Defense Ministry said").speaker == "Norway"
    # The English name leads; a Russian article's own name follows in brackets ("Norway (Норвегия)").
    assert _quote_in(articles["ru_aid_tranches.txt"], "Норвежское правительство").speaker.split(" (")[0] == "Norway"


def test_speakers_link_to_entities_and_nothing_is_invented(articles):
    for article in articles.values():
        ids = {e.id: e.name for e in article.entities}
        for q in article.quotes:
            if q.speaker_entity is not None:  # "Norway (Норвегия)": the entity's name, then the article's own
                shown = f"{ids[q.speaker_entity]} ({q.speaker_native})" if q.speaker_native else ids[q.speaker_entity]
                assert shown == q.speaker
            assert article.blocks[article.sentences[q.sentence].block].kind not in ("title", "heading")
    grid = articles["en_grid_pledges.txt"]
    assert not [q for q in grid.quotes if "Kyiv welcomed" in grid.sentence_text(q.sentence)]


# -- more sites and styles: quotes-only gold (tests/fixtures/facts/quotes) -------------------------

QUOTES_ONLY = sorted((FACTS / "quotes").glob("*.txt"))


@pytest.mark.parametrize("page", QUOTES_ONLY, ids=lambda p: p.name)
def test_quotes_on_other_styles(page: Path):
    import json

    from facts_scoring import score_facts

    gold = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    article = read(page, published=gold["assumed_publication_date"]).to_dict()
    score = score_facts(article, gold)["quotes"]
    assert score.f1 >= 0.9, f"{score} F1={score.f1:.3f}"


def test_split_quotation_is_one_quote():
    article = read(FACTS / "quotes" / "en_flood_split_quotes.txt", published="2026-11-13")
    lang = [q for q in article.quotes if q.speaker == "Rupert Lang" and q.cue == "said"]
    assert [q.content for q in lang] == ["The money for new barriers is there, but the work takes time."]
    assert [q.cue for q in article.quotes if q.speaker == "Priya Nair" and q.type == "direct"] == ["continued"]


def test_polls_newcomers_and_descriptions_are_not_earlier_people():
    text = ("Carmaker Veloxa unveiled its first electric van on Tuesday. Chief executive Dana Holt presented it.\n\n"
            "The German automaker says the van will reach dealers in May.\n\n"
            "A company spokesperson said that prices would be announced later.\n\n"
            "About 60 percent of Germans say they would consider an electric van.\n")
    article = read(text, published="2026-04-01")
    speakers = {article.sentence_text(q.sentence)[:20]: q.speaker for q in article.quotes}
    assert "Veloxa" in speakers.get("The German automaker", "")
    assert speakers.get("A company spokespers") not in ("Dana Holt", None)
    assert "About 60 percent of G" not in speakers


def test_he_prefers_the_subject_to_the_person_he_met():
    text = ("Envoy Marcus Dale arrived in Tallinn on Sunday. On Monday, he held talks with Paul Rehn.\n\n"
            "He said that a second round would follow in June.\n")
    article = read(text, published="2026-06-03")
    assert [q.speaker for q in article.quotes] == ["Marcus Dale"]


# -- press dialogue and role nouns on a fictional interview of our own -----------------------------

RU_INTERVIEW = """Тарвиния ждёт ответа

Министр иностранных дел Тарвинии Инга Соловей заявила, что переговоры в Мелгарде зашли в тупик.

— Почему Мелгард отказывается от наблюдателей?

— Потому что там боятся проверок, — ответила Соловей. — Мы готовы к любым проверкам.

Глава МИД подчеркнула, что Тарвиния не станет ждать.

— Время работает против нас, — сказала она.
"""


@pytest.fixture(scope="module")
def interview():
    from newsdesk.pipeline import read

    return read(RU_INTERVIEW.encode())


def test_dialogue_ends_at_its_attribution_and_goes_on_after_it(interview):
    answer = [q for q in interview.quotes if q.content.startswith("Потому что")]
    assert len(answer) == 1, [(q.speaker, q.content) for q in interview.quotes]
    assert answer[0].speaker == "Инга Соловей" and answer[0].cue == "ответила"
    assert "ответила" not in answer[0].content and answer[0].content.endswith("Мы готовы к любым проверкам.")


def test_every_speaker_of_the_interview_is_the_minister(interview):
    # A country in the interviewer's question is no antecedent for «глава МИД» or «она».
    assert len(interview.quotes) == 4
    assert {q.speaker for q in interview.quotes} == {"Инга Соловей"}


EN_TALKS = """Talks resume in Halden

Foreign Minister Oskar Velde of Torvania and Foreign Minister Luca Sorin of Selmira met in Halden on Monday.

"Nobody signs a map they cannot read," Velde said after the session.

Sorin insisted that his government wanted a settlement this spring. He argued that foreign observers would only \
slow the talks.
"""


def test_a_surname_the_tagger_calls_a_nationality_still_speaks_and_takes_the_next_he():
    from newsdesk.pipeline import read

    article = read(EN_TALKS.encode())
    by_cue = {q.cue: q for q in article.quotes}
    sorin = next(e for e in article.entities if e.name == "Luca Sorin")
    assert by_cue["insisted"].speaker == "Luca Sorin" and by_cue["insisted"].speaker_entity == sorin.id
    assert by_cue["argued"].speaker == "Luca Sorin"
