"""`ingest` on real files and real SQLite: the sample corpus, WARCs, feeds, bad pages, kill -9."""
from __future__ import annotations

import io
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsdesk.ingest import ingest
from newsdesk.nlp import default_resources
from newsdesk.pipeline import Options
from newsdesk.sample import sample_manifest, sample_paths
from newsdesk.store import Store

ROOT = Path(__file__).resolve().parent.parent


def page_html(title: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head><title>{title}</title></head><body><nav>Home | World | Sport</nav>"
            f"<article><h1>{title}</h1>{body}</article><footer>All rights reserved</footer></body></html>")


def story(i: int) -> list[str]:
    return [f"The council of Marlow met for the {i}th time on Tuesday to discuss repairs to the harbour wall "
            f"and the ferry line that links the island to the mainland.",
            f"Council member Ilse Marten said that {i} crews would start work before the storms arrive, "
            "and that the ferry would run on a reduced timetable until the end of the month.",
            "Residents said they had waited years for the repairs and welcomed the decision."]


@pytest.fixture(scope="module")
def resources():
    return default_resources()


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory, resources):
    """The bundled sample corpus ingested once through the real pipeline."""
    path = tmp_path_factory.mktemp("sample") / "sample.db"
    with Store(path) as store:
        report = ingest(sample_paths(), store, progress=False, resources=resources)
    return path, report


def test_sample_corpus_ingests_every_page(sample_db):
    path, report = sample_db
    expected = len(sample_manifest()["articles"])
    assert (report.added, report.failed) == (expected, 0)
    with Store(path) as store:
        rows = store.list_articles(limit=100)
        assert len(rows) == expected
        assert {r.language for r in rows} == {"en", "ru"}
        titles = {r.title for r in rows}
        assert "Москва предложила восстановить железную дорогу между Кестрией и Дорваном" in titles


def test_reingest_is_a_noop(sample_db, resources):
    path, _ = sample_db
    with Store(path) as store:
        snapshot = [(r.id, r.title, r.added_at) for r in store.list_articles(limit=100)]
        started = time.perf_counter()
        report = ingest(sample_paths(), store, progress=False, resources=resources)
        elapsed = time.perf_counter() - started
        assert (report.added, report.updated, report.failed) == (0, 0, 0)
        assert report.unchanged == len(snapshot)
        assert [(r.id, r.title, r.added_at) for r in store.list_articles(limit=100)] == snapshot
    assert elapsed < 5, "known pages must be skipped before they are read"


def test_search_sample_in_both_languages_with_inflections(sample_db):
    path, _ = sample_db
    with Store(path) as store:
        # «восстановления» occurs nowhere verbatim; «восстановление», «восстановлении» do
        ru = store.search("восстановления железной дороги", lang="ru")
        assert ru and ru[0].title == "Москва предложила восстановить железную дорогу между Кестрией и Дорваном"
        en = store.search("observer patrolling")
        assert en and all(h.language == "en" for h in en)
        assert any("observers" in h.snippet and "patrol" in h.snippet for h in en)
        assert store.search("Дорвана") and store.search("Дорвана", lang="en") == []


def write_warc(path: Path, pages: list[tuple[str, bytes, str]], corrupt: int | None = None) -> None:
    """A gzipped WARC of HTTP responses (url, body, content type); `corrupt` garbles one record."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    offsets = []
    for url, body, ctype in pages:
        offsets.append(buf.tell())
        http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), length=len(body),
                                                      http_headers=http))
    offsets.append(buf.tell())
    data = bytearray(buf.getvalue())
    if corrupt is not None:
        middle = (offsets[corrupt] + offsets[corrupt + 1]) // 2
        data[middle:middle + 24] = b"\x00" * 24
    path.write_bytes(bytes(data))


def test_warc_broken_record_and_binary_file_land_in_failures(tmp_path, resources):
    folder = tmp_path / "crawl"
    folder.mkdir()
    pages = [(f"https://marlow.example/news/{i}", page_html(f"Harbour repairs, day {i}", story(i)).encode(),
              "text/html; charset=utf-8") for i in range(4)]
    pages.insert(2, ("https://marlow.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "image/png"))
    pages.append(("https://marlow.example/broken-page", bytes(range(256)) * 8, "text/html"))
    write_warc(folder / "crawl.warc.gz", pages, corrupt=1)
    (folder / "photo.bin").write_bytes(b"\x00\xff\xfe" + os.urandom(2000))
    with Store(tmp_path / "c.db") as store:
        report = ingest([folder], store, progress=False, resources=resources)
        urls = {row.source for row in store.list_articles()}
        failures = {f.source: f.reason for f in store.failures()}
        article = store.get_article(store.list_articles()[0].id)
    # records 0, 2 and 3 of the story survive the broken record 1; the image is not a page
    assert urls == {f"{folder}/crawl.warc.gz#https://marlow.example/news/{i}" for i in (0, 2, 3)}
    assert article.source.format == "warc" and article.source.url.startswith("https://marlow.example/news/")
    assert any("broken WARC record" in reason for reason in failures.values())
    assert any(source.endswith("photo.bin") for source in failures)
    assert any(source.endswith("broken-page") for source in failures)
    assert report.added == 3 and report.failed == 3


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Marlow Courier</title><link>https://courier.example/</link><description>News</description>
<item><title>Ferry timetable cut</title><link>https://courier.example/ferry</link>
<pubDate>Tue, 04 Mar 2031 09:15:00 +0000</pubDate><description>Short teaser.</description>
<content:encoded><![CDATA[{first}]]></content:encoded></item>
<item><title>Harbour wall repairs start</title><link>https://courier.example/wall</link>
<pubDate>Wed, 05 Mar 2031 17:40:00 +0000</pubDate>
<content:encoded><![CDATA[{second}]]></content:encoded></item>
<item><title>Only a headline</title><link>https://courier.example/teaser</link>
<pubDate>Thu, 06 Mar 2031 08:00:00 +0000</pubDate><description>Read more on our site.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Северный вестник</title><id>urn:x</id>
<updated>2031-03-07T10:00:00Z</updated>
<entry><title>Паром будет ходить реже</title><id>urn:x:1</id><link href="https://vestnik.example/1"/>
<published>2031-03-07T10:00:00Z</published><updated>2031-03-07T10:00:00Z</updated>
<content type="html">{body}</content></entry></feed>"""


def test_rss_and_atom_entries_become_articles_with_their_dates(tmp_path, resources):
    from html import escape

    first = "".join(f"<p>{p}</p>" for p in story(1))
    second = "".join(f"<p>{p}</p>" for p in story(2))
    (tmp_path / "courier.rss").write_text(RSS.format(first=first, second=second), encoding="utf-8")
    ru = ["Городской совет Марлоу во вторник решил сократить расписание парома до конца месяца.",
          "По словам члена совета Ильзе Мартен, ремонт волнолома начнётся до прихода штормов.",
          "Жители заявили, что давно ждали этого решения и поддерживают его."]
    (tmp_path / "vestnik.xml").write_text(ATOM.format(body=escape("".join(f"<p>{p}</p>" for p in ru))),
                                          encoding="utf-8")
    with Store(tmp_path / "c.db") as store:
        report = ingest([tmp_path / "courier.rss", tmp_path / "vestnik.xml"], store, progress=False,
                        resources=resources)
        rows = {r.title: r for r in store.list_articles()}
        assert report.failed == 0
        assert set(rows) == {"Ferry timetable cut", "Harbour wall repairs start", "Паром будет ходить реже"}
        assert rows["Ferry timetable cut"].published == "2031-03-04"
        assert rows["Паром будет ходить реже"].published == "2031-03-07"
        assert rows["Паром будет ходить реже"].language == "ru"
        assert [h.title for h in store.search("паромы")] == ["Паром будет ходить реже"]


def test_published_option_overrides_and_broken_pages_do_not_stop_the_run(tmp_path, resources):
    (tmp_path / "a.html").write_text(page_html("Storm closes the port", story(3)), encoding="utf-8")
    (tmp_path / "a-copy.html").write_text(page_html("Storm closes the port", story(3)), encoding="utf-8")
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "manifest.json").write_text('{"pages": ["a.html"]}', encoding="utf-8")  # data, not a page
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 owners on the quay said the storm closed the port. "
                                          .encode("latin-1") * 5)
    with Store(tmp_path / "c.db") as store:
        report = ingest([tmp_path], store, published="2031-02-01", progress=False, resources=resources)
        assert report.added >= 1 and report.unchanged == 1  # the copy: same bytes, same article
        assert [r.title for r in store.list_articles()].count("Storm closes the port") == 1
        assert {r.published for r in store.list_articles()} == {"2031-02-01"}
        assert any(f.source.endswith("empty.txt") for f in store.failures())
        assert not any("manifest" in (r.source or "") for r in store.list_articles())
        assert not any("manifest" in f.source for f in store.failures())


def test_ingest_summary_lists_the_low_confidence_pages(tmp_path):
    (tmp_path / "port.html").write_text(page_html("Storm closes the port", story(4)), encoding="utf-8")
    # One sentence of prose and two scraps: the cleaner keeps them, but is not sure they are the story.
    (tmp_path / "crane.txt").write_text("Harbour crane repaired\nThe harbour crane that broke in March was repaired "
                                        "on Tuesday and will load its first ship on Friday, the port said.\n"
                                        "It cost 40,000 pounds.\nWork took a week.\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "newsdesk", "ingest", str(tmp_path), "--db", str(tmp_path / "c.db"),
                             "--no-facts", "--no-progress"], capture_output=True, timeout=600)
    err = result.stderr.decode()
    assert result.returncode == 0, err
    assert "2 new" in err and "1 low-confidence pages" in err
    low = err.split("low-confidence pages", 1)[1]
    assert "crane.txt" in low and "port.html" not in low
    with Store(tmp_path / "c.db") as store:  # the figure is stored with the article, as in its JSON
        confidences = {r.title: store.get_article(r.id).confidence for r in store.list_articles()}
    assert confidences["Storm closes the port"] == 1.0 and confidences["Harbour crane repaired"] < 0.5


KILL_SCRIPT = """
import sys
from newsdesk.ingest import ingest
from newsdesk.pipeline import Options
from newsdesk.store import Store
with Store(sys.argv[1]) as store:
    ingest([sys.argv[2]], store, progress=False, options=Options(skip=frozenset({"facts"})))
"""


def test_sigkill_mid_batch_then_rerun_stores_each_page_once(tmp_path, resources):
    folder = tmp_path / "pages"
    folder.mkdir()
    n = 40
    for i in range(n):
        (folder / f"p{i:02}.html").write_text(page_html(f"Harbour repairs, report {i}", story(i)), encoding="utf-8")
    db = tmp_path / "kill.db"
    proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(db), str(folder)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stored = 0
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as raw:
                    stored = raw.execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                stored = 0  # the schema is still being created
            if stored >= 3:
                break
        time.sleep(0.02)
    assert proc.poll() is None, f"the ingest finished before it could be killed: {proc.stderr.read()[-500:]}"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with Store(db) as store:
        partial = store.count_articles()
        assert 3 <= partial < n
        report = ingest([folder], store, progress=False, options=Options(skip=frozenset({"facts"})),
                        resources=resources)
        assert report.unchanged == partial and report.added == n - partial
        assert store.count_articles() == n
        titles = [r.title for r in store.list_articles(limit=1000)]
        assert sorted(titles) == sorted(f"Harbour repairs, report {i}" for i in range(n))
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        search_rows = store.db.execute("SELECT count(*) FROM search_docs WHERE kind = 'article'").fetchone()[0]
        assert search_rows == n


def test_a_stage_crash_on_one_page_is_recorded_and_the_rest_ingest(tmp_path, resources, monkeypatch):
    """Fault injection: a stage with a bug (not an InputError) on one page must not end the run."""
    import newsdesk.pipeline as pipeline

    def buggy_stage(article, resources):
        if "poison" in (article.title or ""):
            raise RuntimeError("stage bug")

    monkeypatch.setattr(pipeline, "STAGES", [*pipeline.STAGES, ("buggy", buggy_stage)])
    for i, title in enumerate(["Harbour opens", "Harbour poison report", "Harbour closes"]):
        (tmp_path / f"{i}.html").write_text(page_html(title, story(i)), encoding="utf-8")
    with Store(tmp_path / "c.db") as store:
        report = ingest([tmp_path], store, progress=False, resources=resources,
                        options=Options(skip=frozenset({"facts"})))
        assert sorted(r.title for r in store.list_articles()) == ["Harbour closes", "Harbour opens"]
        failures = store.failures()
    assert (report.added, report.failed) == (2, 1)
    assert failures[0].source.endswith("1.html") and "RuntimeError: stage bug" in failures[0].reason
