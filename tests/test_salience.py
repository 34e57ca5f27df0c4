"""Select important: the highlights a reader sees, on fictional articles written for these tests."""
from __future__ import annotations

import json

import pytest

from newsdesk.model import Amount, Article, Entity, Mention, Pledge, Quote
from newsdesk.pipeline import read
from newsdesk.salience import score_sentences

from conftest import run_cli

# A feature-style opening: the news (the pledge) only arrives in the third paragraph.
AID_TITLE = "Norlandia pledges $450 million to rebuild flood-hit Vessany"
AID = """The water has gone down in Vessany, but the bridges have not come back. In the river town of Korrel, children still cross to school on a raft made of oil drums.

Residents say the repairs have barely started. Many families spent the winter in tents next to their old houses.

On Tuesday, Norlandia pledged $450 million over three years to rebuild the province's bridges, schools and water lines, the largest foreign aid package since the floods. Foreign minister Ilsa Marven said the first $120 million would arrive before the end of 2026.

"We cannot ask children to row to school," Marven told reporters in the capital. The provincial governor welcomed the money.

Engineers put the total damage at $2.1 billion. Follow us on social media for more updates."""

# Hard news: the main statement is the first sentence, and the second paragraph repeats it.
STRIKE = """Dock workers at the port of Halvard will strike for 48 hours from Monday after talks over pay collapsed, their union said on Friday.

The union said dock workers at Halvard port would strike for 48 hours starting on Monday because the pay talks had collapsed.

The port handles about a third of the country's grain exports. Shipping agents warned that vessels could queue for days.

Union leader Petra Sollen said members had rejected an offer of a 3% rise. The port operator said it remained open to talks.

Click here to read more about the port."""

RU = """Правительство Заречной области выделит 3 млрд рублей на ремонт сельских школ в 2026 году, сообщил губернатор Олег Ветров во вторник.

По его словам, деньги пойдут прежде всего на замену крыш и окон. «Дети не должны учиться в холодных классах», — сказал Ветров журналистам.

В области около двухсот сельских школ. Многие из них построены в шестидесятых годах, и ремонт в них не проводился десятилетиями.

Ремонт школ начнётся весной. Подписывайтесь на наш канал, чтобы не пропустить новости."""
RU_TITLE = "Заречная область выделит 3 млрд рублей на ремонт школ"


def _article(text: str, title: str | None = None, important: float | None = None) -> Article:
    article = read(text, format="clean", facts=False)
    if title:
        article.title = title
    score_sentences(article, None, important=important)
    return article


def _highlighted(article: Article) -> list[str]:
    return [article.sentence_text(i) for i, s in enumerate(article.sentences) if s.important]


def test_pledge_sentence_is_highlighted_even_when_it_is_not_the_lead():
    article = _article(AID, AID_TITLE)
    highlighted = _highlighted(article)
    assert any("pledged $450 million" in s for s in highlighted), highlighted
    assert not any("Follow us" in s for s in highlighted)


def test_pledge_from_facts_layer_gives_the_reason():
    article = read(AID, format="clean", facts=False)
    pledge_sentence = next(i for i in range(len(article.sentences)) if "pledged" in article.sentence_text(i))
    article.pledges = [Pledge(donor="Norlandia", recipient="Vessany",
                              amount=Amount(text="$450 million", value=450e6, currency="USD"),
                              purpose="reconstruction", period="2026-2028", sentence=pledge_sentence)]
    quote_sentence = next(i for i in range(len(article.sentences)) if "row to school" in article.sentence_text(i))
    article.quotes = [Quote(speaker="Ilsa Marven", speaker_entity=None, cue="told", type="direct",
                            content="We cannot ask children to row to school", start=0, end=0,
                            sentence=quote_sentence)]
    score_sentences(article, None, important=0.6)
    sentence = article.sentences[pledge_sentence]
    assert sentence.important
    assert sentence.reason.startswith("pledge: Norlandia, $450 million, 2026-2028")
    if article.sentences[quote_sentence].important:
        assert "quote: Ilsa Marven" in article.sentences[quote_sentence].reason


def test_main_statement_is_highlighted_and_its_repeat_is_not():
    article = _article(STRIKE, important=2)
    highlighted = _highlighted(article)
    assert highlighted[0].startswith("Dock workers at the port of Halvard will strike")
    assert len(highlighted) == 2
    # The second paragraph says the same thing again: redundancy control skips it.
    assert not any(s.startswith("The union said dock workers") for s in highlighted)
    assert "lead" in article.sentences[0].reason


@pytest.mark.parametrize("text,title", [(AID, AID_TITLE), (STRIKE, None), (RU, RU_TITLE)])
def test_larger_settings_highlight_supersets(text, title):
    settings = [1, 2, 3, 5, 0.05, 0.1, 0.2, 0.35, 0.5, 0.8, None]
    chosen = {}
    for setting in settings:
        article = _article(text, title, important=setting)
        chosen[setting] = {i for i, s in enumerate(article.sentences) if s.important}
    by_size = sorted(chosen.values(), key=len)
    for smaller, larger in zip(by_size, by_size[1:]):
        assert smaller <= larger
    assert len(chosen[1]) == 1 and len(chosen[3]) == 3
    assert len(chosen[0.5]) > len(chosen[0.1])


def test_scores_order_the_highlights():
    """Sorting by score gives the order in which highlights are added, so top-N by score is the N highlighted."""
    article = _article(AID, AID_TITLE, important=3)
    top3 = sorted(range(len(article.sentences)), key=lambda i: -article.sentences[i].score)[:3]
    assert {i for i, s in enumerate(article.sentences) if s.important} == set(top3)


def test_default_covers_about_a_fifth_of_the_words_and_at_least_two_sentences():
    article = _article(AID, AID_TITLE)
    words = [len(article.sentence_text(i).split()) for i in range(len(article.sentences))]
    picked = [w for w, s in zip(words, article.sentences) if s.important]
    assert len(picked) >= 2
    assert 0.2 <= sum(picked) / sum(words) < 0.5
    short = _article("The bridge reopened on Monday. Traffic was light.")
    assert sum(s.important for s in short.sentences) == 2


def test_every_highlight_has_a_reason_and_others_have_none():
    for text, title in [(AID, AID_TITLE), (STRIKE, None), (RU, RU_TITLE)]:
        article = _article(text, title, important=0.5)
        for s in article.sentences:
            assert bool(s.reason) == s.important


def test_russian_article():
    article = _article(RU, RU_TITLE)
    assert article.language == "ru"
    highlighted = _highlighted(article)
    assert len(highlighted) >= 2
    assert highlighted[0].startswith("Правительство Заречной области выделит 3 млрд рублей")
    assert not any("Подписывайтесь" in s for s in highlighted)
    # Inflected forms meet: "школ" in the title, "школ"/"школы" in the text.
    assert article.sentences[0].reason and "echoes the title" in article.sentences[0].reason


def test_pipeline_fills_scores_without_facts_and_with_them():
    fast = read(STRIKE, format="clean", facts=False)
    assert sum(s.important for s in fast.sentences) >= 2
    full = read(STRIKE, format="clean")
    assert sum(s.important for s in full.sentences) >= 2
    assert all(isinstance(s.score, float) for s in full.sentences)


def test_cli_skim_prints_the_highlights_with_reasons(tmp_path):
    page = tmp_path / "strike.txt"
    page.write_text(STRIKE, encoding="utf-8")
    result = run_cli("read", "--skim", "--important", "2", "--format", "clean", "--no-facts", str(page))
    assert result.returncode == 0, result.stderr
    output = result.stdout.decode()
    assert output.count("•") == 2
    assert "Dock workers at the port of Halvard" in output and "(lead" in output
    assert "Click here" not in output
    data = json.loads(run_cli("read", "--json", "--important", "0.3", "--format", "clean", "--no-facts",
                              str(page)).stdout)
    marked = [s for s in data["sentences"] if s["important"]]
    assert marked and all(s["reason"] for s in marked)


def _with_entities(text: str, sentence_start: str, words: list[str],
                   important: float = 2) -> tuple[list[float], Article]:
    """Scores after tagging `words` in one sentence as entities, as the facts stage would."""
    article = read(text, format="clean", facts=False)
    index = next(i for i in range(len(article.sentences))
                 if article.sentence_text(i).lower().startswith(sentence_start))
    base = article.sentences[index].start
    sentence = article.sentence_text(index)
    article.entities = []
    for n, word in enumerate(words):
        at = base + sentence.index(word)
        article.entities.append(Entity(id=f"e{n}", name=word, type="ORG",
                                       mentions=[Mention(start=at, end=at + len(word), sentence=index)]))
    score_sentences(article, None, important=important)
    return [s.score for s in article.sentences], article


def test_entities_from_the_facts_stage_name_the_reason_but_do_not_move_scores():
    """Names count as the text shows them, facts stage or not (NER guesses on lowercased text)."""
    lower = STRIKE.lower()
    plain = [s.score for s in _article(lower, important=2).sentences]
    guessed, _ = _with_entities(lower, "the port handles", ["port", "grain", "exports", "country"])
    assert guessed == plain
    text = STRIKE.replace("Union leader Petra Sollen", "Union leader Petra Sollen of Dockhands United")
    plain = _article(text, important=0.8)
    scores, article = _with_entities(text, "union leader", ["Petra Sollen", "Dockhands United"], 0.8)
    assert scores == [s.score for s in plain.sentences]
    index = next(i for i in range(len(article.sentences)) if article.sentence_text(i).startswith("Union leader"))
    assert article.sentences[index].important
    assert "names: Petra Sollen, Dockhands United" in article.sentences[index].reason


def test_a_pledge_counts_where_it_is_first_stated():
    """A later sentence about the same donor's pledge is detail: only the first statement gains."""
    article = read(AID, format="clean", facts=False)
    starts = [article.sentence_text(i) for i in range(len(article.sentences))]
    first = next(i for i, s in enumerate(starts) if s.startswith("On Tuesday"))
    later = next(i for i, s in enumerate(starts) if s.startswith("Engineers"))
    amount = Amount(text="$450 million", value=450e6, currency="USD")

    def scores(*sentences: int) -> list[float]:
        article.pledges = [Pledge(donor="Norlandia", recipient="Vessany", amount=amount, purpose=None,
                                  period=None, sentence=i) for i in sentences]
        score_sentences(article, None, important=2)
        return [s.score for s in article.sentences]

    plain, once, twice = scores(), scores(first), scores(later, first)
    assert once[first] > plain[first]
    assert twice == once
    assert article.sentences[first].important and not article.sentences[later].important
    assert article.sentences[later].reason is None


def test_a_photo_caption_left_in_the_text_is_not_highlighted():
    story = ("A ferry carrying 40 passengers caught fire off the coast of Korrel on Sunday, the coast guard said. "
             "{second} All passengers were rescued by fishing boats within an hour. "
             "The cause of the fire is not yet known, officials said.")
    caption = "The burning ferry, pictured above, drifted towards the harbour of Korrel."
    placed = "The burning ferry (left) drifted towards the harbour of Korrel."
    plain = "The burning ferry drifted towards the harbour of Korrel."
    for second, expected in [(plain, True), (caption, False), (placed, False)]:
        article = _article(story.format(second=second), important=2)
        assert any(s.startswith("The burning ferry") for s in _highlighted(article)) is expected
