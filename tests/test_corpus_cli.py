"""The corpus commands as a user runs them: tracker sums against the sample manifest, exports that round-trip."""
from __future__ import annotations

import csv
import hashlib
import json
from collections import defaultdict
from dataclasses import asdict

import pyarrow.parquet as pq
import pytest

from newsdesk.export import columns, export, load_rates
from newsdesk.errors import InputError
from newsdesk.model import Amount, Article, Block, Entity, Event, Pledge, Quote, Sentence, Source
from newsdesk.sample import sample_manifest
from newsdesk.store import Store

from conftest import run_cli

MANIFEST = sample_manifest()


def manifest_article(item: dict) -> Article:
    """The sample article reduced to its title and pledge sentences, with the manifest's pledges as facts."""
    text, blocks, sentences, pledges = item["title"], [Block("title", 0, len(item["title"]))], [], []
    for p in item["pledges"]:
        start = len(text) + 2
        text += "\n\n" + p["sentence"]
        blocks.append(Block("paragraph", start, len(text)))
        sentences.append(Sentence(start, len(text), len(blocks) - 1))
        amount = Amount(p["amount_text"], p["value"], p["currency"]) if p["value"] is not None else None
        pledges.append(Pledge(p["donor"], p["recipient"], amount, None, p["period"], len(sentences) - 1))
    sha = hashlib.sha256(item["file"].encode()).hexdigest()
    return Article(source=Source(item["file"], None, "text", sha), language=item["language"], text=text,
                   blocks=blocks, title=item["title"], published=item["published"], sentences=sentences,
                   pledges=pledges)


def expected_totals(by: str = "donor") -> dict[tuple[str, str], float]:
    """New money per (key, currency) straight from the manifest: restated pledges are not new."""
    totals: dict[tuple[str, str], float] = defaultdict(float)
    for item in MANIFEST["articles"]:
        for p in item["pledges"]:
            if p["value"] is None or p["restated"]:
                continue
            key = {"donor": p["donor"], "currency": p["currency"], "month": item["published"][:7]}[by]
            totals[(key, p["currency"])] += p["value"]
    return dict(totals)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    path = tmp_path_factory.mktemp("corpus") / "tracker.db"
    with Store(path) as store:
        for item in MANIFEST["articles"]:
            store.add_article(manifest_article(item))
        # quotations and events in three spellings of one (fictional) speaker
        for i, (name, lang) in enumerate([("Gennady Rostovtsev", "en"), ("Gennadiy Rostovtsev", "en"),
                                          ("Геннадий Ростовцев", "ru")]):
            title = f"Statement {i}"
            sentence = f"{name} spoke about the railway corridor on day {i}."
            text = f"{title}\n\n{sentence}"
            start = len(title) + 2
            store.add_article(Article(
                source=Source(f"q{i}.txt", None, "text", hashlib.sha256(text.encode()).hexdigest()), language=lang,
                text=text, blocks=[Block("title", 0, len(title)), Block("paragraph", start, len(text))],
                title=title, published=f"2026-03-{10 + i:02}", sentences=[Sentence(start, len(text), 1)],
                entities=[Entity("e1", name, "PERSON")],
                quotes=[Quote(name, "e1", "said", "reported", f"railway corridor {i}", start, len(text), 0)],
                events=[Event("talks", f"2026-04-{20 - i:02}", f"April {20 - i}", [name], "Vienna", 0)]))
    return path


def cli_json(*args):
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr.decode()
    return json.loads(result.stdout)


def test_tracker_sums_equal_the_manifest(corpus):
    rows = cli_json("tracker", "pledges", "--db", str(corpus), "--by", "donor", "--json")
    assert {(r["key"], r["currency"]): r["total"] for r in rows} == pytest.approx(expected_totals("donor"))
    with Store(corpus) as store:
        for by in ("currency", "month"):
            got = {(r.key, r.currency): r.total for r in store.pledge_totals(by=by)}
            assert got == pytest.approx(expected_totals(by)), by


def test_tracker_filters_and_lists_every_report(corpus):
    with Store(corpus) as store:
        every = store.pledges()
        assert len(every) == sum(len(item["pledges"]) for item in MANIFEST["articles"])
        germany = store.pledges(donor="Germany")
        assert {p.donor for p in germany} == {"Germany"} and len(germany) == 4
        manifest_sentences = {p["sentence"] for item in MANIFEST["articles"] for p in item["pledges"]}
        assert all(p.sentence_text in manifest_sentences for p in germany)
        assert all(p.published >= "2026-03-16" for p in store.pledges(since="2026-03-16"))
        canada = {(r.key, r.currency): r.total for r in store.pledge_totals(donor="Canada")}
        assert canada == {("Canada", "CAD"): pytest.approx(135_000_000)}


def test_rates_convert_only_when_asked_and_never_silently(corpus, tmp_path):
    rates = tmp_path / "rates.json"
    currencies = {k[1] for k in expected_totals()}
    rates.write_text(json.dumps({"base": "EUR", "rates": {c: 0.5 for c in currencies if c != "EUR"}}))
    base, table = load_rates(rates)
    with Store(corpus) as store:
        rows = store.pledge_totals(by="currency", rates=table, base=base)
        plain = store.pledge_totals(by="currency")
    converted = {r.currency: r.converted for r in rows}
    assert converted["EUR"] == pytest.approx(expected_totals("currency")[("EUR", "EUR")])
    assert converted["USD"] == pytest.approx(expected_totals("currency")[("USD", "USD")] * 0.5)
    assert all(r.base == "EUR" for r in rows)
    assert all(r.converted is None for r in plain)
    rates.write_text(json.dumps({"EUR": 1.0, "USD": 0.9}))
    result = run_cli("tracker", "pledges", "--db", str(corpus), "--by", "donor", "--rates", str(rates))
    assert result.returncode == 2
    assert b"no rate for" in result.stderr and b"Traceback" not in result.stderr
    with pytest.raises(InputError):
        rates.write_text('{"USD": "lots"}')
        load_rates(rates)


def test_quotes_by_speaker_in_any_spelling_and_timeline(corpus):
    rows = cli_json("tracker", "quotes", "--db", str(corpus), "--speaker", "Геннадий Ростовцев", "--json")
    assert sorted(r["content"] for r in rows) == [f"railway corridor {i}" for i in range(3)]
    assert len({r["speaker"] for r in rows}) == 1
    with Store(corpus) as store:
        for spelling in ("Gennadi Rostovtsev", "rostovtsev", "Ростовцев"):
            assert len(store.quotes(speaker=spelling)) == 3, spelling
    timeline = cli_json("tracker", "timeline", "--db", str(corpus), "--json")
    assert [e["date"] for e in timeline] == ["2026-04-18", "2026-04-19", "2026-04-20"]
    assert timeline[0]["where"] == "Vienna" and timeline[0]["sentence_text"].endswith("on day 2.")


@pytest.mark.parametrize("what", ["articles", "quotes", "pledges", "events"])
def test_exports_round_trip(corpus, tmp_path, what):
    with Store(corpus) as store:
        expected = {"quotes": lambda: [asdict(r) for r in store.quotes()],
                    "pledges": lambda: [asdict(r) for r in store.pledges()],
                    "events": lambda: [asdict(r) for r in store.events()],
                    "articles": lambda: [{"id": i, **a.to_dict()} for i, a in store.iter_articles()]}[what]()
        for fmt in ("jsonl", "csv", "parquet"):
            out = tmp_path / f"{what}.{fmt}"
            assert export(store, what, fmt, out) == len(expected)
            assert not list(tmp_path.glob(".*.part")), "no temporary file may be left behind"
            if fmt == "jsonl":
                back = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
                assert back == expected
                if what == "articles":
                    assert [Article.from_dict(b).to_dict() for b in back] == [
                        {k: v for k, v in e.items() if k != "id"} for e in expected]
                continue
            if fmt == "parquet":
                back = pq.read_table(out).to_pylist()
            else:
                with out.open(encoding="utf-8", newline="") as fh:
                    back = list(csv.DictReader(fh))
            assert len(back) == len(expected)
            if what == "articles":
                assert [b["title"] for b in back] == [e["title"] for e in expected]
                assert [b["text"] for b in back] == [e["text"] for e in expected]
                continue
            assert list(back[0]) == columns(what) if back else True
            for got, want in zip(back, expected):
                for key, value in want.items():
                    if fmt == "parquet":
                        assert got[key] == value, key
                    else:
                        cell = json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value
                        assert got[key] == ("" if cell is None else str(cell)), key


def test_export_cli_writes_parquet_and_refuses_binary_to_stdout(corpus, tmp_path):
    out = tmp_path / "pledges.parquet"
    result = run_cli("export", "--db", str(corpus), "--what", "pledges", "--format", "parquet", "-o", str(out))
    assert result.returncode == 0, result.stderr.decode()
    assert pq.read_table(out).num_rows == sum(len(item["pledges"]) for item in MANIFEST["articles"])
    result = run_cli("export", "--db", str(corpus), "--what", "pledges", "--format", "parquet")
    assert result.returncode == 2 and b"Traceback" not in result.stderr


def test_ingest_from_stdin_then_search_json(tmp_path):
    db = tmp_path / "cli.db"
    page = ("Ferry crews end their strike in Marlow\n\n"
            "Ferry crews in Marlow ended a week-long strike on Thursday after the harbour authority "
            "promised higher pay and safer timetables for the winter months.\n\n"
            "The authority's chair, Ilse Marten, said the agreement would hold until the spring.\n")
    result = run_cli("ingest", "-", "--db", str(db), "--published", "2031-03-06", "--no-facts",
                     input=page.encode())
    assert result.returncode == 0, result.stderr.decode()
    assert b"1 new" in result.stderr
    hits = cli_json("search", "striking ferries", "--db", str(db), "--json")
    assert len(hits) == 1 and hits[0]["published"] == "2031-03-06"
    assert "strike" in hits[0]["snippet"]
    again = run_cli("ingest", "-", "--db", str(db), "--no-facts", input=page.encode())
    assert b"0 new" in again.stderr and b"1 unchanged" in again.stderr
    assert cli_json("search", "strike", "--db", str(db), "--since", "2031-04-01", "--json") == []


def test_reading_commands_refuse_a_missing_database(tmp_path, monkeypatch):
    missing = tmp_path / "none.db"
    for args in (("search", "x"), ("export", "--what", "quotes")):
        result = run_cli(*args, "--db", str(missing))
        assert result.returncode == 2, args
        assert b"no corpus here yet" in result.stderr and b"Traceback" not in result.stderr
        assert not missing.exists()
