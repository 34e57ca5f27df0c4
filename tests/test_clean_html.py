"""HTML pages we wrote ourselves -> Articles: the blocks a reader expects, the title, no chrome leaked."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from clean_scoring import block_hits
import newsdesk
from newsdesk.clean.detect import detect_format
from newsdesk.clean.html import clean_html, decode_declared

from conftest import FIXTURES, run_cli

HTML = FIXTURES / "html"
PAGES = sorted(p.stem for p in HTML.glob("*.html"))
SPACE = re.compile(r"\s+")


def norm(text: str) -> str:
    # The rule of ../shared/eval/score_article.py: blocks match when their folded text is equal.
    return SPACE.sub(" ", (text or "").replace("\u00a0", " ")).strip()


def block_scores(article: newsdesk.model.Article, expected: dict) -> tuple[float, float]:
    predicted = [norm(article.block_text(i)) for i, b in enumerate(article.blocks) if b.kind != "title"]
    gold = [norm(b["text"]) for b in expected["blocks"]]
    hits = block_hits(predicted, gold)
    return hits / max(len(predicted), 1), hits / len(gold)


@pytest.fixture(scope="module")
def articles() -> dict[str, tuple[newsdesk.model.Article, dict]]:
    out = {}
    for name in PAGES:
        expected = json.loads((HTML / f"{name}.json").read_text(encoding="utf-8"))
        article = newsdesk.read(HTML / f"{name}.html", facts=False)
        out[name] = (article, expected)
    return out


def test_at_least_six_pages_in_both_languages():
    languages = {json.loads((HTML / f"{n}.json").read_text(encoding="utf-8"))["language"] for n in PAGES}
    assert len(PAGES) >= 6 and languages == {"en", "ru"}


@pytest.mark.parametrize("name", PAGES)
def test_blocks_match_what_a_reader_sees(articles, name):
    article, expected = articles[name]
    precision, recall = block_scores(article, expected)
    assert (precision, recall) == (1.0, 1.0), [article.block_text(i) for i in range(len(article.blocks))]


@pytest.mark.parametrize("name", PAGES)
def test_headings_lead_and_quotes_keep_their_kind(articles, name):
    article, expected = articles[name]
    kinds = {norm(article.block_text(i)): b.kind for i, b in enumerate(article.blocks)}
    for block in expected["blocks"]:
        want = block["kind"]
        assert kinds[norm(block["text"])] == want, block["text"]
    # The first body block is the lead, and there is exactly one.
    body = [b.kind for b in article.blocks if b.kind != "title"]
    assert body[0] == "lead" and body.count("lead") == 1


@pytest.mark.parametrize("name", PAGES)
def test_title_is_the_headline_not_the_site_name(articles, name):
    article, expected = articles[name]
    assert article.title == expected["title"]
    assert article.blocks[0].kind == "title" and article.block_text(0) == expected["title"]
    # The headline is not repeated as a heading in the body.
    assert sum(norm(article.block_text(i)) == expected["title"] for i in range(len(article.blocks))) == 1


@pytest.mark.parametrize("name", PAGES)
def test_no_chrome_leaks_and_chrome_is_reported(articles, name):
    article, expected = articles[name]
    for line in expected["boilerplate_lines"]:
        assert not re.search(r"(^|\n)\s*" + re.escape(line) + r"\s*(\n|$)", article.text), line
        assert line not in article.text, line
    credit_texts = {c.text for c in article.credits}
    reported = [line for line in expected["boilerplate_lines"] if line in article.removed or line in credit_texts]
    assert len(reported) >= 0.8 * len(expected["boilerplate_lines"]), set(expected["boilerplate_lines"]) - set(reported)


@pytest.mark.parametrize("name", PAGES)
def test_translation_credit_moves_to_credits(articles, name):
    article, expected = articles[name]
    assert [c.text for c in article.credits] == [c["text"] for c in expected["credits"]]
    for got, want in zip(article.credits, expected["credits"]):
        assert got.kind == "translation"
        for key in ("service", "from_language"):
            if key in want:
                assert getattr(got, key) == want[key]


@pytest.mark.parametrize("name", PAGES)
def test_language_and_date(articles, name):
    article, expected = articles[name]
    assert article.language == expected["language"]
    assert article.source.format == "html"
    if "published" in expected:
        assert article.published == expected["published"]


def test_declared_single_byte_charsets_are_honoured():
    for name, charset in [("ru_bridge_cp1251", "cp1251"), ("ru_flax_koi8r", "koi8-r")]:
        data = (HTML / f"{name}.html").read_bytes()
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")
        assert decode_declared(data) == data.decode(charset)
    # A UTF-8 page, or one that declares nothing, is left to the generic decoder.
    assert decode_declared((HTML / "en_harbour_bridge.html").read_bytes()) is None
    assert decode_declared("<p>привет</p>".encode("cp1251")) is None


def test_a_short_koi8r_page_is_not_read_as_cp1251():
    # Too little text for a statistical guess to be safe: the <meta> declaration decides.
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'
            "<title>Мост открыт</title></head><body><article><h1>Мост открыт</h1>"
            "<p>Новый мост через реку открыли утром, по нему уже идут машины и автобусы.</p>"
            "<p>Старый мост закроют на ремонт до осени, сообщили в мэрии города.</p>"
            "</article></body></html>").encode("koi8-r")
    result = clean_html(page)
    assert result.title == "Мост открыт"
    assert result.blocks[0] == ("lead", "Новый мост через реку открыли утром, по нему уже идут машины и автобусы.")


def test_fragment_without_html_element_is_html_and_keeps_headings():
    fragment = (HTML / "en_fragment_library.html").read_text(encoding="utf-8")
    assert "<html" not in fragment
    assert detect_format(fragment) == "html"


def test_text_scrape_that_mentions_tags_is_not_html():
    scrape = "\n".join([
        "Skip to content",
        "Menu",
        "Web designers in the town say the old council site was a tangle of nested <div> elements.",
        "The new one replaces <table> layouts with a simple grid, and every <p> has a clear style.",
        "Advertisement",
        "The rebuild took three weeks and cost less than the annual hosting bill, officials said.",
        "Read also",
    ])
    assert detect_format(scrape) == "scrape"
    assert detect_format("<!-- saved page -->\n<!DOCTYPE html><html><body><p>x</p></body></html>") == "html"
    assert detect_format("<p>One short paragraph.</p>\n<p>Another one.</p>\n<p>A third.</p>") == "html"


def test_cli_reads_an_html_page_to_json():
    result = run_cli("read", str(HTML / "en_harbour_bridge.html"), "--json")
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)
    assert data["title"] == "Harbour bridge vote splits Port Alder council"
    assert data["source"]["format"] == "html"
    assert [c["service"] for c in data["credits"]] == ["DeepL"]
    assert "We use cookies" not in data["text"]


def test_page_with_no_article_text_is_a_clean_error(tmp_path: Path):
    page = tmp_path / "menu.html"
    page.write_text("<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>")
    result = run_cli("read", str(page))
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr and str(page).encode() in result.stderr


def test_title_is_the_visible_headline_when_og_title_carries_the_site():
    body = ("<body><nav><a href='/'>Home</a></nav><article><h1>Ferry fares frozen for the winter</h1>"
            "<p>Fares on the island ferry will not rise this winter, the operator said on Monday.</p>"
            "<p>The freeze covers cars, foot passengers and the night service until the end of March.</p>"
            "</article></body>")
    for meta in ('<meta property="og:title" content="Ferry fares frozen for the winter - Island Post">',
                 '<meta property="og:title" content="Ferry fares frozen">'):
        result = clean_html(f"<html><head>{meta}<title>Island Post</title></head>{body}</html>")
        assert result.title == "Ferry fares frozen for the winter"
        assert all(text != result.title for _, text in result.blocks)
    # A page without any headline gets none: the title is never made up from the text.
    bare = clean_html("<html><body><p>Fares on the island ferry will not rise this winter, the operator "
                      "said on Monday, after a year of complaints.</p><p>The freeze covers cars and foot "
                      "passengers until the end of March.</p></body></html>")
    assert bare.title is None and bare.blocks


@pytest.mark.parametrize("stamp, expected", [
    ('<span class="article-date">3 октября 2023, 14:05</span>', "2023-10-03"),
    ("<time>14 марта 2031</time>", "2031-03-14"),
    ('<div class="byline">Иван Петров</div>', None),
])
def test_a_russian_written_date_in_the_page_stamp_is_the_publication_date(stamp: str, expected: str | None):
    # htmldate knows no Russian month names; the page's own date stamp does.
    page = ("<html><head><meta charset='utf-8'><title>Мост через Ладу откроют весной</title></head><body>"
            f"<article><h1>Мост через Ладу откроют весной</h1><div class='meta'>{stamp}</div>"
            "<p>Строительство нового моста через реку Ладу в городе Верхнеречье завершится весной, "
            "сообщили в администрации области. Работы идут по графику, несмотря на дожди.</p>"
            "<p>Мост длиной 400 метров соединит два района города, где живёт около 80 тысяч человек.</p>"
            "</article></body></html>")
    article = newsdesk.read(page.encode("utf-8"))
    assert article.published == expected
    assert "октября" not in article.text and "марта" not in article.text


def _feed_page(posts: list[str], teasers: list[str]) -> bytes:
    body = "".join(f"<article class='post' id='post-{i}'><header><time>1{i}:00 GMT</time> <span>By Ana Lenz</span>"
                   f"</header><h2>Update {i}</h2><div class='post-body'><p>{text}</p><p>More on this to follow "
                   f"from our reporters on both banks of the river.</p></div><footer><button>Share</button> "
                   f"<a href='#post-{i}'>Copy link</a></footer></article>" for i, text in enumerate(posts))
    cards = "".join(f"<article class='card'><h3><a href='/s{i}'>{t}</a></h3></article>" for i, t in enumerate(teasers))
    return ("<html><head><meta charset='utf-8'><title>Flood on the Varna river: live</title></head><body>"
            f"<main><h1>Flood on the Varna river: live</h1><section class='feed'>{body}</section></main>"
            f"<aside><section class='more'>{cards}</section></aside></body></html>").encode("utf-8")


def test_every_post_of_a_live_blog_is_read_not_only_the_first():
    posts = ["The river rose another forty centimetres overnight and the lower town was evacuated, the mayor said.",
             "Rescue boats from two neighbouring towns arrived at noon and began ferrying families to the school.",
             "The regional government said it would pay for temporary housing for everyone who lost a home.",
             "Rail traffic between the two banks was suspended until the bridge is inspected, the operator said."]
    teasers = ["Harvest festival postponed by a week", "Council votes on the new bus depot",
               "Local team wins the regional cup"]
    article = newsdesk.read(_feed_page(posts, teasers))
    for post in posts:
        assert post in article.text
    for teaser in teasers:  # the site's other stories are cards of links, not posts
        assert teaser not in article.text


def test_a_live_blog_page_keeps_all_its_posts():
    # A fuller live-blog template (timestamps, authors, share bars, JSON-LD LiveBlogPosting): here
    # trafilatura alone keeps only the newest post.
    page = FIXTURES / "facts_heldout" / "en_liveblog_cyclone.html"
    tree = __import__("lxml.html").html.fromstring(page.read_bytes())
    posts = [" ".join(p.text_content().split()) for post in tree.iter("article") for p in post.iter("p")]
    article = newsdesk.read(page)
    assert len(posts) >= 8 and all(p in " ".join(article.text.split()) for p in posts)
    # JSON-LD shortens the headline ("... live"); the reader sees the page's <h1>.
    assert article.title == " ".join(next(tree.iter("h1")).text_content().split())
    # The "Key events" box is a list of links to the posts: its heading heads nothing once they go.
    assert "Key events" not in article.text
