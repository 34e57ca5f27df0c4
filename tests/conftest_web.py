"""Fictional articles for the web tests, stored in a real SQLite corpus (helpers, not tests)."""
from __future__ import annotations

from pathlib import Path

import newsdesk
from newsdesk.model import Amount, Article, Credit, Entity, Event, Mention, Pledge, Quote
from newsdesk.store import Store

# Article text (already clean): the layers the reader draws are set below, so these tests check the
# page, not the cleaner or the fact extractors (tested elsewhere). Every name and number is invented.
LIGHTHOUSE = """The Eldmoor lighthouse museum will reopen next spring after a storm damaged its roof, the town council said on Tuesday.

Repairs

The regional council pledged 2 million euros for repairs. Mayor Petra Lund thanked the council.

"Every fisher knows this light," Lund said. "We will keep it burning."

The museum board will meet on March 14 to choose a builder. Tickets stay free for children."""
CREDIT = "Translated by the Quillbridge translation service"

# Text that carries markup: it must show as text and never run.
HOSTILE = """<script>window.__pwned = "script";</script> Harbour news with markup in it.

The ferry company said <img src=x onerror="window.__pwned='img'"> nothing about prices.

Readers may <a href="javascript:window.__pwned='link'">click here</a> for more. <svg onload="window.__pwned='svg'"></svg>

An officer said "<b onmouseover=\\"window.__pwned='b'\\">calm</b>" was the word of the day."""

# sentence index -> (how it starts, "Select important" reason or None)
SENTENCES = {
    0: ("The Eldmoor lighthouse museum", "Opening sentence: what happened"),
    1: ("Repairs", None),
    2: ("The regional council pledged", "A pledge: money promised"),
    3: ("Mayor Petra Lund", None),
    4: ('"Every fisher', None),
    5: ('"We will keep', None),
    6: ("The museum board will meet", "A dated event ahead"),
    7: ("Tickets stay free", None),
}
PLEDGE_SENTENCE = 2
IMPORTANT = {i: reason for i, (_, reason) in SENTENCES.items() if reason}


def lighthouse_article(published: str = "2026-03-03") -> Article:
    """The lighthouse page read by newsdesk, with its fact and salience layers set to known values,
    so the web tests check what the page shows for them (other stages are tested elsewhere)."""
    article = newsdesk.read(LIGHTHOUSE, published=published, format="clean", lang="en", facts=False)
    texts = [article.sentence_text(i) for i in range(len(article.sentences))]
    assert [t.startswith(SENTENCES[i][0]) for i, t in enumerate(texts)] == [True] * len(SENTENCES), texts
    article.blocks[1].kind = "heading"
    article.credits = [Credit(kind="translation", text=CREDIT, to_language="en")]
    for i, s in enumerate(article.sentences):
        s.important = i in IMPORTANT
        s.reason = IMPORTANT.get(i)
        s.score = 1.0 if s.important else 0.1
    lund = article.text.index("Petra Lund")
    article.entities = [Entity(id="e1", name="Petra Lund", type="PERSON", role="Mayor", affiliation="Eldmoor",
                               mentions=[Mention(lund, lund + 10, 3)])]
    q_start = article.text.index("Every fisher")
    article.quotes = [Quote(speaker="Petra Lund", speaker_entity="e1", cue="said", type="direct",
                            content="Every fisher knows this light", start=q_start, end=q_start + 29, sentence=4)]
    article.pledges = [Pledge(donor="Regional council", recipient="Eldmoor lighthouse museum",
                              amount=Amount(text="2 million euros", value=2_000_000.0, currency="EUR"),
                              purpose="repairs", period=None, sentence=PLEDGE_SENTENCE)]
    article.events = [Event(type="meeting", date="2026-03-14", date_text="March 14", who=["museum board"],
                            where="Eldmoor", sentence=6)]
    return article


def hostile_article() -> Article:
    # published well before the others, so the dashboard screenshot (since February) leaves it out
    article = newsdesk.read(HOSTILE, format="clean", lang="en", facts=False, published="2026-01-10")
    article.title = '<script>window.__pwned="title"</script>Markup <i>title</i>'
    article.source.url = "javascript:window.__pwned='source'"
    for s in article.sentences:
        s.important = True
        s.reason = '<img src=x onerror="window.__pwned=\'reason\'">'
    article.quotes = [Quote(speaker='<img src=x onerror="window.__pwned=\'speaker\'">', speaker_entity=None,
                            cue="said", type="direct", content="<script>window.__pwned='quote'</script>",
                            start=0, end=5, sentence=0)]
    article.pledges = [Pledge(donor="<b onclick=\"window.__pwned='donor'\">Donor</b>", recipient=None,
                              amount=Amount(text="=cmd|' /C calc'!A0", value=5.0, currency="USD"),
                              purpose="javascript:alert(1)", period=None, sentence=1)]
    return article


# Very short sentences: read aloud moves from one to the next within a second or two.
SHORT = "Boats wait.\n\nGulls cry. Rain falls. Nets dry."

# Several donors, speakers and dates, so the dashboard has something to draw.
DONORS = """The harbour fund grew again this week as four donors made new promises.

The Northvale government pledged 40 million euros for new breakwaters. The Osterby council promised 12 million euros for dredging. Kestrel Shipping pledged 25 million dollars for a training school. The Lindqvist Foundation will give 3 million euros for the museum.

"The harbour is the town's front door," said Mira Solberg, the fund's chair.

Harbour master Tomas Vell said the first stones would be laid in May."""


def donors_article() -> Article:
    article = newsdesk.read(DONORS, format="clean", lang="en", facts=False, published="2026-03-05")
    texts = [article.sentence_text(i) for i in range(len(article.sentences))]
    at = {key: next(i for i, t in enumerate(texts) if key in t) for key in
          ("Northvale", "Osterby", "Kestrel", "Lindqvist", "front door", "first stones")}

    def pledge(donor, text, value, currency, purpose, key):
        return Pledge(donor=donor, recipient="Harbour fund", amount=Amount(text=text, value=value, currency=currency),
                      purpose=purpose, period=None, sentence=at[key])

    article.pledges = [
        pledge("Northvale", "40 million euros", 40e6, "EUR", "new breakwaters", "Northvale"),
        pledge("Osterby council", "12 million euros", 12e6, "EUR", "dredging", "Osterby"),
        pledge("Kestrel Shipping", "25 million dollars", 25e6, "USD", "a training school", "Kestrel"),
        pledge("Lindqvist Foundation", "3 million euros", 3e6, "EUR", "the museum", "Lindqvist"),
    ]
    start = article.text.index("The harbour is")
    article.quotes = [Quote(speaker="Mira Solberg", speaker_entity=None, cue="said", type="direct",
                            content="The harbour is the town's front door", start=start, end=start + 36,
                            sentence=at["front door"]),
                      Quote(speaker="Tomas Vell", speaker_entity=None, cue="said", type="reported",
                            content="the first stones would be laid in May", start=0, end=1, sentence=at["first stones"])]
    article.events = [Event(type="construction start", date="2026-05", date_text="in May", who=["Tomas Vell"],
                            where="harbour", sentence=at["first stones"])]
    return article


def build_corpus(path: Path) -> dict[str, int]:
    """A corpus file with the lighthouse page (English), a Russian page and the hostile page."""
    ru = newsdesk.read("Маяк в Эльдмуре откроется весной. Совет выделил средства на ремонт крыши.\n\n"
                       "Смотритель маяка сказал, что работы начнутся в апреле.",
                       format="clean", lang="ru", facts=False, published="2026-02-20")
    with Store(path) as store:
        ids = {
            "ru": store.add_article(ru)[0],
            "lighthouse": store.add_article(lighthouse_article())[0],
            "hostile": store.add_article(hostile_article())[0],
            "donors": store.add_article(donors_article())[0],
            "short": store.add_article(newsdesk.read(SHORT, format="clean", lang="en", facts=False))[0],
        }
    return ids
