"""The web reader through its ASGI app over a real SQLite corpus: pages, escaping, headers, add."""
from __future__ import annotations

import csv
import importlib.util
import io
import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from conftest import run_cli
from conftest_web import PLEDGE_SENTENCE, build_corpus

from newsdesk.store import Store
from newsdesk.web import create_app

HAS_SPEECH = importlib.util.find_spec("newsdesk.speech") is not None


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    path = tmp_path_factory.mktemp("web") / "corpus.db"
    return path, build_corpus(path)


@pytest.fixture(scope="module")
def client(corpus):
    app = create_app(corpus[0], max_upload_bytes=64 * 1024)
    with TestClient(app, base_url="http://127.0.0.1") as c:
        yield c


class Tags(HTMLParser):
    """Every start tag of a page as (name, attributes): what a browser would build from it."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def active_markup(html: str) -> list[str]:
    """Tags or attributes that could run script or inline style."""
    found = []
    for tag, attrs in Tags(html).tags:
        if tag == "script" and not (attrs.get("src") or "").startswith("/static/"):
            found.append("inline <script>")
        if tag in ("style", "iframe", "object", "embed", "base"):
            found.append(f"<{tag}>")
        for name, value in attrs.items():
            if name.startswith("on") or name == "style" or name == "srcdoc":
                found.append(f"<{tag} {name}=>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(("javascript:", "data:")):
                found.append(f"<{tag} {name}={value}>")
    return found


def sentence_spans(html: str) -> dict[int, str]:
    """sentence index -> the class attribute of its span."""
    return {int(i): cls for cls, i in re.findall(r'<span class="(s[^"]*)" id="s(\d+)"', html)}


def test_article_page_shows_the_clean_article_with_its_layers(client, corpus):
    html = client.get(f"/article/{corpus[1]['lighthouse']}").text
    # no title on the page: the lead's sentence is the headline, the heading and paragraphs follow
    assert re.search(r'<h1 id="headline" class="from-lead">.*The Eldmoor lighthouse museum will reopen', html)
    assert '<h2 class="block heading"><span class="s" id="s1" data-i="1">Repairs</span></h2>' in html
    assert "Mayor Petra Lund thanked the council." in html
    assert '<p class="credit credit-translation">Translated by the Quillbridge translation service</p>' in html
    assert "1 min read" in html
    spans = sentence_spans(html)
    assert sorted(i for i, cls in spans.items() if "important" in cls) == [0, 2, 6]
    assert 'id="why2" role="tooltip">A pledge: money promised</span>' in html
    # facts panel: each fact points at its sentence
    facts = html[html.index('<aside class="facts"'):]
    assert f'href="#s{PLEDGE_SENTENCE}" data-sentence="{PLEDGE_SENTENCE}"' in facts and "2 million euros" in facts
    assert "Petra Lund" in facts and "Mayor" in facts
    assert '“Every fisher knows this light”' in facts
    assert '<time datetime="2026-03-14">2026-03-14</time>' in facts


def test_markup_in_article_text_is_shown_as_text(client, corpus):
    html = client.get(f"/article/{corpus[1]['hostile']}").text
    assert active_markup(html) == []
    assert {tag for tag, _ in Tags(html).tags} <= {"html", "head", "meta", "title", "link", "script", "body", "a",
                                                    "header", "nav", "div", "button", "span", "main", "article",
                                                    "label", "select", "option", "h1", "h2", "h3", "h4", "p",
                                                    "time", "aside", "section", "ul", "ol", "li", "strong", "footer",
                                                    "svg", "path"}
    # the markup is there, as text a reader can see
    assert "&lt;script&gt;window.__pwned" in html and "&lt;img src=x onerror=" in html
    assert "&lt;i&gt;title&lt;/i&gt;" in html  # the title, escaped


def test_every_response_carries_the_security_headers(client, corpus):
    for url in ("/", f"/article/{corpus[1]['lighthouse']}", "/tracker", "/add", "/static/app.css",
                "/article/999999", "/tracker/pledges.json"):
        response = client.get(url)
        csp = response.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "same-origin"
    assert client.get("/article/999999").status_code == 404


def test_no_inline_script_or_style_in_any_page(client, corpus):
    for url in ("/", f"/article/{corpus[1]['lighthouse']}", "/tracker", "/add", "/?q=lighthouse"):
        assert active_markup(client.get(url).text) == [], url


def test_a_foreign_host_name_is_refused(client):
    assert client.get("/", headers={"host": "attacker.example"}).status_code == 400


def test_index_lists_filters_and_searches(client, corpus):
    html = client.get("/").text
    for key in ("ru", "lighthouse", "hostile"):
        assert f'href="/article/{corpus[1][key]}"' in html
    ru_only = client.get("/?lang=ru").text
    assert f'href="/article/{corpus[1]["ru"]}"' in ru_only and f'href="/article/{corpus[1]["lighthouse"]}"' not in ru_only
    recent = client.get("/?since=2026-03-01").text
    assert f'href="/article/{corpus[1]["ru"]}"' not in recent and f'href="/article/{corpus[1]["lighthouse"]}"' in recent
    found = client.get("/?q=lighthouses").text  # stemmed: the plural finds the singular
    assert f'href="/article/{corpus[1]["lighthouse"]}"' in found and "<mark>lighthouse</mark>" in found
    assert "Nothing found" in client.get("/?q=zeppelin").text
    bad_date = client.get("/?since=yesterday")
    assert bad_date.status_code == 200 and "is not a date like" in bad_date.text


@pytest.mark.parametrize("query", ['"', "AND OR NOT", "foo*(", "NEAR(", "' OR 1=1 --"])
def test_search_survives_malformed_queries(client, query):
    response = client.get("/", params={"q": query})
    assert response.status_code == 200


def test_tracker_shows_and_exports_every_table(client, corpus):
    lighthouse = corpus[1]["lighthouse"]
    html = client.get("/tracker").text
    assert "Regional council" in html and "EUR 2 m" in html
    euro_chart = html[html.index('aria-label="Pledges in EUR by donor"'):]
    euro_chart = euro_chart[:euro_chart.index("</ul>")]
    assert "USD" not in euro_chart  # dollars are charted apart, never against euros
    widths = [float(w) for w in re.findall(r'<rect class="bar-fill"[^>]* width="([\d.]+)"', euro_chart)]
    assert widths[0] == 100 and widths == sorted(widths, reverse=True) and len(widths) == 4
    assert f'href="/article/{lighthouse}#s{PLEDGE_SENTENCE}"' in html
    assert f'href="/article/{lighthouse}#s4"' in html  # the quotation
    assert f'href="/article/{lighthouse}#s6"' in html  # the event on the timeline
    for table in ("pledges-by-donor", "pledges-by-month", "pledges", "quotes", "events"):
        assert f'href="/tracker/{table}.csv"' in html and f'href="/tracker/{table}.json"' in html
        records = client.get(f"/tracker/{table}.json").json()
        rows = list(csv.DictReader(io.StringIO(client.get(f"/tracker/{table}.csv").text)))
        assert records and len(rows) == len(records), table
    pledges = client.get("/tracker/pledges.json").json()
    ours = [p for p in pledges if p["article_id"] == lighthouse]
    assert ours[0]["url"] == f"/article/{lighthouse}#s{PLEDGE_SENTENCE}" and ours[0]["currency"] == "EUR"
    # a cell starting with "=" must not become a spreadsheet formula
    cells = client.get("/tracker/pledges.csv").text
    assert "'=cmd" in cells and ",=cmd" not in cells
    assert client.get("/tracker/nothing.csv").status_code == 404


def test_add_pasted_text_reads_stores_and_shows_it(client, corpus):
    text = ("The Quillby ferry will run twice a day from May, the operator said on Monday.\n\n"
            "Tickets will cost four crowns. The first boat leaves at seven.")
    response = client.post("/add", data={"text": text, "published": "2026-04-01"}, follow_redirects=False)
    assert response.status_code == 303
    page = client.get(response.headers["location"])
    assert "Quillby ferry will run twice a day" in page.text and "Tickets will cost four crowns." in page.text
    article_id = int(response.headers["location"].rsplit("/", 1)[1])
    with Store(corpus[0]) as store:
        assert store.get_article(article_id).published == "2026-04-01"


def test_add_upload_of_html(client):
    page = (b"<html><head><title>Ferry timetable changes</title></head><body><nav>Home | News</nav>"
            b"<article><h1>Ferry timetable changes</h1><p>The Quillby ferry will add an evening crossing "
            b"from June, the operator announced on Friday. The change follows a rise in summer visitors, "
            b"who filled every boat last year.</p><p>The operator said the last boat would leave at ten.</p>"
            b"</article></body></html>")
    response = client.post("/add", files={"file": ("ferry.html", page, "text/html")}, follow_redirects=False)
    assert response.status_code == 303, response.text
    assert "evening crossing" in client.get(response.headers["location"]).text


@pytest.mark.parametrize("data,files,status,message", [
    ({"text": "   "}, None, 400, "Nothing to add"),
    ({"text": "x", "published": "soon"}, None, 400, "is not a date like"),
    ({}, {"file": ("blob.bin", b"\x00\x01\x02\xff" * 100, "application/octet-stream")}, 400, "blob.bin"),
    ({"text": "word " * 20000}, None, 413, "over the limit"),
])
def test_add_refuses_bad_input_with_one_line(client, data, files, status, message):
    response = client.post("/add", data=data, files=files)
    assert response.status_code == status
    error = re.search(r'<p class="error" role="alert" id="add-error">([^<]*)</p>', response.text)
    assert error and message in error.group(1) and "\n" not in error.group(1)


def test_add_refuses_a_post_from_another_site(client):
    response = client.post("/add", data={"text": "Some article text here."},
                           headers={"origin": "https://attacker.example"})
    assert response.status_code == 403


@pytest.mark.skipif(not HAS_SPEECH, reason="newsdesk.speech (read aloud, issue 6 item 3) has not landed yet")
def test_sentence_audio_and_whole_article_mp3(client, corpus):
    lighthouse = corpus[1]["lighthouse"]
    wav = client.get(f"/article/{lighthouse}/sentence/2.wav")
    assert wav.status_code == 200 and wav.headers["content-type"] == "audio/wav" and wav.content[:4] == b"RIFF"
    assert client.get(f"/article/{lighthouse}/sentence/99.wav").status_code == 404
    mp3 = client.get(f"/article/{lighthouse}/audio.mp3")
    assert mp3.status_code == 200 and mp3.headers["content-type"] == "audio/mpeg"
    assert mp3.content[:3] == b"ID3" or mp3.content[0] == 0xFF
    assert len(mp3.content) > len(wav.content) / 20


def test_serve_refuses_a_database_in_a_missing_folder(tmp_path):
    result = run_cli("serve", "--db", str(tmp_path / "missing" / "corpus.db"), "--port", "0")
    assert result.returncode == 2
    assert result.stderr.decode().count("\n") == 1 and "does not exist" in result.stderr.decode()
