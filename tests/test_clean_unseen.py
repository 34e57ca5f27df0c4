"""Pages of sites nobody tuned on (tests/fixtures/clean_unseen, scored blind first: BLIND.md): every
title right, no related-article or site-policy line kept, bylines and date stamps as metadata."""
from __future__ import annotations

import json
import sys

import pytest

from conftest import FIXTURES

sys.path.insert(0, str(FIXTURES.parent.parent / "bench"))
import clean_unseen  # noqa: E402

UNSEEN = FIXTURES / "clean_unseen"
PAGES = sorted(p.stem for p in UNSEEN.glob("*.json"))


@pytest.fixture(scope="module")
def scores() -> dict[str, clean_unseen.PageScore]:
    return {s.name: s for s in clean_unseen.score_dir(UNSEEN)}


def test_ten_or_more_pages_html_and_scrapes_in_both_languages():
    names = set(PAGES)
    assert len(names) >= 10
    assert {n.split("_")[0] for n in names} == {"en", "ru"}
    assert any("_html_" in n for n in names) and any("_scrape_" in n for n in names)


@pytest.mark.parametrize("name", PAGES)
def test_title_is_the_headline(scores, name):
    score = scores[name]
    gold = json.loads((UNSEEN / f"{name}.json").read_text(encoding="utf-8"))
    assert score.title_right, (score.got_title, gold["title"])


@pytest.mark.parametrize("name", PAGES)
def test_no_related_article_or_site_policy_line_is_kept(scores, name):
    score = scores[name]
    assert not score.related_kept and not score.policy_kept, score.related_kept + score.policy_kept


@pytest.mark.parametrize("name", [n for n in PAGES if "author" in json.loads((UNSEEN / f"{n}.json").read_text())])
def test_the_byline_is_the_author_not_text(scores, name):
    score = scores[name]
    gold = json.loads((UNSEEN / f"{name}.json").read_text(encoding="utf-8"))
    assert score.author_right, (score.got_author, gold["author"])


@pytest.mark.parametrize("name", [n for n in PAGES if "_scrape_" in n])
def test_a_scrape_date_stamp_is_the_publication_date(scores, name):
    assert scores[name].published_right, scores[name].got_published
