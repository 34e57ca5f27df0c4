"""The SQLite corpus on real files: round trips, idempotence, stemmed search, merged names, tracker sums."""
from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest

from newsdesk.errors import InputError
from newsdesk.model import Amount, Article, Block, Entity, Event, Mention, Pledge, Quote, Sentence, Source
from newsdesk.store import MIGRATIONS, Store, default_db_path, name_key


def make_article(title: str, sentences: list[str], *, language: str = "en", published: str | None = "2031-03-02",
                 entities=(), quotes=(), pledges=(), events=()) -> Article:
    """A small fictional article whose sentences are one paragraph each."""
    text = title
    blocks = [Block("title", 0, len(title))]
    spans = []
    for s in sentences:
        text += "\n\n"
        start = len(text)
        text += s
        blocks.append(Block("paragraph", start, len(text)))
        spans.append(Sentence(start, len(text), len(blocks) - 1, score=0.5))
    sha = hashlib.sha256(text.encode()).hexdigest()
    article = Article(source=Source(path=f"{sha[:8]}.txt", url=None, format="text", sha256=sha), language=language,
                      text=text, blocks=blocks, title=title, published=published, sentences=spans)
    article.entities = list(entities)
    article.quotes = list(quotes)
    article.pledges = list(pledges)
    article.events = list(events)
    return article


def pledge(donor, value, currency, sentence=0, recipient="Veldoria"):
    return Pledge(donor=donor, recipient=recipient, amount=Amount(text=f"{value} {currency}", value=value,
                                                                  currency=currency), purpose=None, period=None,
                  sentence=sentence)


@pytest.fixture
def db(tmp_path):
    with Store(tmp_path / "corpus.db") as store:
        yield store


def test_default_db_path_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("NEWSDESK_DB", raising=False)
    assert default_db_path().name == "newsdesk.db"
    monkeypatch.setenv("NEWSDESK_DB", str(tmp_path / "x.db"))
    assert default_db_path() == tmp_path / "x.db"


def test_article_round_trips_and_readding_is_a_noop(db):
    article = make_article("Harbour talks resume in Marlow", ["The ministers met on Tuesday.", "Talks go on."],
                           entities=[Entity("e1", "Ilse Marten", "PERSON", role="minister",
                                            mentions=[Mention(32, 43, 0)])],
                           quotes=[Quote("Ilse Marten", "e1", "said", "direct", "Talks go on.", 40, 52, 1)])
    article_id, created = db.add_article(article)
    assert created
    again_id, again = db.add_article(article)
    assert (again_id, again) == (article_id, False)
    assert db.count_articles() == 1
    assert db.get_article(article_id).to_dict() == article.to_dict()
    assert db.get_article(article_id + 99) is None
    assert len(db.quotes()) == 1


def test_each_fact_is_stored_once_with_every_field(db, tmp_path):
    """Quotes, pledges and events live in their tables only, with the fields of the contract (a Russian
    donor's own name, an upper bound, an event's people), and come back exactly."""
    article = make_article("Grants for Marlow", ["Germany will give up to €5 million.", "Talks go on."],
                           entities=[Entity("e1", "Germany", "GPE", aliases=["Германия"], mentions=[Mention(18, 25, 0)])],
                           quotes=[Quote("Germany (Германия)", "e1", "said", "reported", "Talks go on.", 54, 66, 1,
                                         speaker_native="Германия")],
                           pledges=[Pledge("Germany (Германия)", None, Amount("up to €5 million", 5e6, "EUR",
                                                                               upper_bound=True),
                                           None, None, 0, donor_entity="e1", donor_native="Германия")],
                           events=[Event("announcement", "2026-03-02", "on Monday", ["Germany"], "Marlow", 0)])
    article_id, _ = db.add_article(article)
    doc = json.loads(db.db.execute("SELECT doc FROM articles WHERE id = ?", (article_id,)).fetchone()[0])
    assert not {"quotes", "pledges", "events"} & set(doc)
    assert db.get_article(article_id).to_dict() == article.to_dict()
    assert [r.donor for r in db.pledges()] == ["Germany"]  # linked by entity, not by the shown name


def test_facts_stored_before_schema_2_are_still_read(tmp_path):
    """A corpus written when articles.doc carried the facts opens, migrates, and loses none of them."""
    path = tmp_path / "old.db"
    raw = sqlite3.connect(path)
    raw.executescript(MIGRATIONS[0] + "\nPRAGMA user_version = 1;")
    article = make_article("Old page", ["Talks go on."],
                           quotes=[Quote("Ilse Marten", None, "said", "direct", "Talks go on.", 10, 22, 0)])
    data = article.to_dict()
    data.pop("schema")
    text, blocks, sentences = data.pop("text"), data.pop("blocks"), data.pop("sentences")
    raw.execute("INSERT INTO articles (sha256, pipeline_version, language, title, text, blocks, sentences, doc,"
                " added_at) VALUES (?,?,?,?,?,?,?,?,?)",
                (article.source.sha256, "old", "en", article.title, text, json.dumps(blocks), json.dumps(sentences),
                 json.dumps(data), "2026-01-01T00:00:00+00:00"))
    raw.commit()
    raw.close()
    with Store(path) as store:
        assert store.schema_version == len(MIGRATIONS)
        (article_id, stored), = list(store.iter_articles())
        assert stored.to_dict() == article.to_dict()


def test_newer_pipeline_version_reextracts_in_place(db):
    article = make_article("Bridge reopens", ["The bridge reopened on Friday."],
                           quotes=[Quote(None, None, "said", "reported", "reopened", 0, 5, 0)])
    article_id, _ = db.add_article(article, version="0.0.1")
    assert len(db.quotes()) == 1
    assert sorted(h.kind for h in db.search("reopening")) == ["article", "quote"]
    article.quotes = []
    article.pledges = [pledge("Norland", 5.0, "EUR")]
    again_id, created = db.add_article(article)  # current version differs from 0.0.1
    assert (again_id, created) == (article_id, False)
    assert db.quotes() == [] and len(db.pledges()) == 1
    assert db.count_articles() == 1
    assert db.get_article(article_id).pledges[0].donor == "Norland"
    assert [(h.kind, h.article_id) for h in db.search("reopening")] == [("article", article_id)]
    # the index itself forgot the old quotation (not just hidden by a join)
    indexed = db.db.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH 'reopen'").fetchone()[0]
    assert indexed == 1


def test_search_finds_inflected_forms_in_english_and_russian(db):
    en = make_article("Norland pledges air defence", ["Norland pledged two batteries to Veldoria on Monday."])
    ru = make_article("Гарантии для Вельдории", ["Министр обсудил гарантии безопасности для Вельдории."],
                      language="ru")
    other = make_article("Weather in Marlow", ["Rain is expected over the harbour."])
    for a in (en, ru, other):
        db.add_article(a)
    assert [h.title for h in db.search("pledge")] == ["Norland pledges air defence"]
    assert [h.title for h in db.search("pledging batteries")] == ["Norland pledges air defence"]
    hits = db.search("гарантий")
    assert [h.title for h in hits] == ["Гарантии для Вельдории"]
    assert hits[0].language == "ru"
    snippet = hits[0].snippet
    assert any(snippet[s:e].lower() == "гарантии" for s, e in hits[0].marks)
    assert db.search("гарантий", lang="en") == []
    assert db.search("rain", since="2031-04-01") == []
    assert db.search("harbour")[0].title == "Weather in Marlow"


def test_search_ranks_title_matches_first_and_reports_quotes(db):
    db.add_article(make_article("Ferry strike ends", ["Crews returned to work."]))
    db.add_article(make_article("Port news", ["A ferry was late again.", "Nothing else happened."],
                                quotes=[Quote("Ilse Marten", None, "said", "direct",
                                              "the ferry strike hurt everyone", 0, 10, 0)]))
    hits = db.search("ferry")
    assert hits[0].title == "Ferry strike ends"
    assert {h.kind for h in hits} == {"article", "quote"}
    quote_hit = next(h for h in hits if h.kind == "quote")
    assert "ferry strike hurt" in quote_hit.snippet


def test_search_survives_fts_syntax_in_user_input(db):
    db.add_article(make_article("Quotes and stars", ["A NEAR miss (again) at the port."]))
    for query in ['"unbalanced', "NEAR(", "port AND", "*", "a-b:c"]:
        try:
            db.search(query)
        except InputError:
            pass  # a one-line refusal is fine; an sqlite error is not
    assert db.search('"near miss"')[0].title == "Quotes and stars"
    with pytest.raises(InputError):
        db.search("  ")


def test_names_merge_across_spellings_and_scripts(db):
    db.add_article(make_article("One", ["Sergey Orlov spoke."], entities=[Entity("e1", "Sergey Orlov", "PERSON")],
                                quotes=[Quote("Sergey Orlov", "e1", "said", "direct", "We will wait.", 0, 5, 0)]))
    db.add_article(make_article("Two", ["Sergei Orlov spoke."], entities=[Entity("e1", "Sergei Orlov", "PERSON")],
                                quotes=[Quote("Sergei Orlov", "e1", "said", "direct", "We are ready.", 0, 5, 0)]))
    db.add_article(make_article("Три", ["Сергей Орлов выступил."], language="ru",
                                entities=[Entity("e1", "Сергей Орлов", "PERSON")],
                                quotes=[Quote("Сергей Орлов", "e1", "заявил", "direct", "Мы готовы.", 0, 5, 0)]))
    db.add_article(make_article("Four", ["Orlov left."], entities=[Entity("e1", "Orlov", "PERSON")],
                                quotes=[Quote("Orlov", "e1", "said", "reported", "he left", 0, 5, 0)]))
    db.add_article(make_article("Five", ["Orlov Bay is cold."], entities=[Entity("e1", "Orlov", "LOC")]))
    people = db.entities("PERSON")
    assert len(people) == 1
    assert people[0][1] in ("Sergey Orlov", "Sergei Orlov")
    assert len(db.quotes(speaker="Сергей Орлов")) == 4
    assert len(db.quotes(speaker="Sergei Orlov")) == 4
    assert {q.speaker for q in db.quotes()} == {people[0][1]}
    assert len(db.entities("LOC")) == 1
    assert name_key("Сергей Орлов") == name_key("Sergey Orlov") == name_key("Sergei Orlov")


def test_pledge_totals_per_currency_and_dedupe(db):
    db.add_article(make_article("A", ["Norland pledged."], published="2031-03-02",
                                entities=[Entity("e1", "Norland", "GPE")],
                                pledges=[pledge("Norland", 100.0, "EUR"), pledge("Norland", 40.0, "USD")]))
    # another outlet repeats the same EUR pledge and adds a new one a month later
    db.add_article(make_article("B", ["Norland again."], published="2031-04-10",
                                pledges=[pledge("Norland", 100.0, "EUR"), pledge("Norland", 25.5, "EUR"),
                                         pledge("Kestria", 7.0, "EUR")]))
    rows = {(r.key, r.currency): (r.total, r.count) for r in db.pledge_totals()}
    assert rows == {("Norland", "EUR"): (125.5, 2), ("Norland", "USD"): (40.0, 1), ("Kestria", "EUR"): (7.0, 1)}
    months = {(r.key, r.currency): r.total for r in db.pledge_totals(by="month")}
    assert months == {("2031-03", "EUR"): 100.0, ("2031-03", "USD"): 40.0, ("2031-04", "EUR"): 32.5}
    assert {(r.key, r.total) for r in db.pledge_totals(by="currency")} == {("EUR", 132.5), ("USD", 40.0)}
    assert len(db.pledges(donor="norland")) == 4
    assert len(db.pledges(since="2031-04-01")) == 3
    converted = db.pledge_totals(by="currency", rates={"EUR": 1.0, "USD": 0.5}, base="EUR")
    assert sum(r.converted for r in converted) == pytest.approx(152.5)
    with pytest.raises(InputError, match="USD"):
        db.pledge_totals(rates={"EUR": 1.0}, base="EUR")
    assert db.pledges()[0].sentence_text == "Norland pledged."


def test_events_are_a_timeline(db):
    db.add_article(make_article("A", ["The summit opens.", "Later."], events=[
        Event("summit", "2031-05-01", "on May 1", ["Ilse Marten"], "Marlow", 0),
        Event("visit", None, None, [], None, 1)]))
    db.add_article(make_article("B", ["Talks began."], events=[Event("talks", "2031-04-20", "April 20", [], None, 0)]))
    timeline = db.events()
    assert [e.type for e in timeline] == ["talks", "summit", "visit"]
    assert timeline[1].who == ["Ilse Marten"] and timeline[1].where == "Marlow"
    assert timeline[1].sentence_text == "The summit opens."


def test_list_articles_live_feed_and_failures(db):
    ids = [db.add_article(make_article(f"Story {i}", [f"Body {i}."], language="ru" if i % 2 else "en"))[0]
           for i in range(5)]
    rows = db.list_articles()
    assert [r.id for r in rows] == ids[::-1]
    assert rows[0].snippet == "Body 4." and rows[0].n_quotes == 0
    assert [r.id for r in db.list_articles(after_id=ids[2])] == ids[:2:-1]
    assert {r.language for r in db.list_articles(lang="ru")} == {"ru"}
    assert len(db.list_articles(limit=2, offset=1)) == 2
    assert db.max_article_id() == ids[-1]
    db.record_failure("bad.bin", "binary file")
    db.record_failure("bad.bin", "binary file")
    assert [(f.source, f.reason) for f in db.failures()] == [("bad.bin", "binary file")]
    fixed = make_article("Fixed page", ["It reads now."])
    fixed.source.path = "bad.bin"
    db.add_article(fixed)
    assert db.failures() == []


def test_migrations_and_reopening(tmp_path):
    path = tmp_path / "c.db"
    with Store(path) as store:
        store.add_article(make_article("Kept", ["Still here."]))
        assert store.schema_version == len(MIGRATIONS)
    with Store(path) as store:
        assert store.count_articles() == 1
        assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    raw.commit()
    raw.close()
    with pytest.raises(Exception, match="newer newsdesk"):
        Store(path)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(InputError):
        Store(junk)


def test_search_rank_window_widens_for_filters(db, monkeypatch):
    import newsdesk.store as store_module

    monkeypatch.setattr(store_module, "RANK_WINDOW", 4)
    # stored first but published last: outside the newest-4 window of "harbour" matches
    for i in range(3):
        db.add_article(make_article(f"Late harbour report {i}", ["The harbour froze."], published="2032-01-0" + str(i + 1)))
    for i in range(20):
        db.add_article(make_article(f"Daily note {i}", [f"The harbour was calm on day {i}."], published="2031-05-01"))
    assert len(db.search("harbour", limit=50)) == 23
    recent = db.search("harbour", since="2032-01-01")
    assert sorted(h.title for h in recent) == [f"Late harbour report {i}" for i in range(3)]
    assert len(db.search("harbour", limit=5)) == 5
    # one Russian article, stored first, among many English ones sharing a word
    db.add_article(make_article("Порт Марлоу", ["В порту Marlow тихо."], language="ru"))
    for i in range(12):
        db.add_article(make_article(f"Marlow note {i}", [f"Marlow was calm on day {i}."]))
    assert [h.title for h in db.search("Marlow", lang="ru")] == ["Порт Марлоу"]
    # more matches than even the widened window (4 x 8): a selective --since ranks every match
    for i in range(20):
        db.add_article(make_article(f"Evening note {i}", [f"The harbour was busy on evening {i}."]))
    recent = db.search("harbour", since="2032-01-01")
    assert sorted(h.title for h in recent) == [f"Late harbour report {i}" for i in range(3)]
