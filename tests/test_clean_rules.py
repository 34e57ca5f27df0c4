"""Cleaning rules kept as data: every example line in data/site_policy.tsv is caught, story sentences
that mention the same words are not; bylines give names, not text."""
from __future__ import annotations

import re
from importlib import resources

import pytest

from newsdesk.clean import clean_page
from newsdesk.clean.credits import parse_byline
from newsdesk.clean.rules import ends_story, site_policy
from newsdesk.sources import RawPage


def _examples(name: str) -> list[str]:
    """The quoted examples in the comment lines of a data file of newsdesk.clean."""
    text = (resources.files("newsdesk.clean") / "data" / name).read_text(encoding="utf-8")
    return [m for line in text.splitlines() if line.startswith("#") for m in re.findall(r'"([^"]+)"', line)]


@pytest.mark.parametrize("line", _examples("site_policy.tsv"))
def test_every_example_of_the_policy_table_is_caught(line):
    assert site_policy(line), line


@pytest.mark.parametrize("line", _examples("story_end.txt"))
def test_every_story_end_label_ends_the_story(line):
    assert ends_story(line), line


@pytest.mark.parametrize("line", ["Related: Ferry fares frozen for the winter", "More from Ilse Marten",
                                  "Comments from the mayor came later in the day.", "Популярное кафе закрылось"])
def test_an_inline_link_or_a_sentence_does_not_end_the_story(line):
    assert not ends_story(line)


@pytest.mark.parametrize("line", [
    "The company changed its privacy policy after the regulator fined it in March.",
    "He entered the building without permission, the court heard.",
    "The council said the new cookies factory would employ 40 people.",
    "Закон об обработке персональных данных вступит в силу в сентябре.",
    "В компании отказались от комментариев.",
    "The newspaper was registered in 1898 and printed its last edition on Friday.",
])
def test_a_story_sentence_with_the_same_words_is_not_a_site_notice(line):
    assert site_policy(line) is None


@pytest.mark.parametrize("line, names", [
    ("By Nora Vance and Ilse Marr", "Nora Vance, Ilse Marr"),
    ("By Ada Finch, Health Correspondent", "Ada Finch"),
    ("Posted on 18.03.2026 12:02 by Hal Brennan", "Hal Brennan"),
    ("Текст: Олег Сомов", "Олег Сомов"),
    ("Автор: Ирина Лебедева", "Ирина Лебедева"),
    ("By clicking Accept you agree to our terms", None),
    ("Фото: пресс-служба музея", None),
])
def test_a_byline_gives_the_names(line, names):
    assert parse_byline(line) == names


def test_a_name_line_only_counts_where_the_caller_knows_it_is_a_byline():
    assert parse_byline("Мария Гордеева, корреспондент") is None
    assert parse_byline("Мария Гордеева, корреспондент", bare=True) == "Мария Гордеева"
    assert parse_byline("Mill Road gets protected cycle lanes", bare=True) is None


def test_scrape_byline_above_the_headline_and_a_bare_date_stamp_are_metadata():
    page = "\n".join([
        "HARBOUR NEWS", "News", "Sport", "Lina Park", "04.05.2031 09:15",
        "Night buses return to the harbour line",
        "The night bus between the harbour and the station will run again from Friday, the transport office said.",
        "It was cut two years ago when the depot lost half its drivers to the new tram line.",
    ])
    article = clean_page(RawPage(data=page.encode("utf-8"), path="night-bus.txt"))
    assert article.title == "Night buses return to the harbour line"
    assert article.author == "Lina Park" and article.published == "2031-05-04"
    assert "Lina Park" not in article.text and "04.05.2031" not in article.text


def test_confidence_is_in_the_article_json():
    page = ("<html><head><title>Ferry fares frozen</title></head><body><article><h1>Ferry fares frozen</h1>"
            "<p>Fares on the island ferry will not rise this winter, the operator said on Monday, after a year "
            "of complaints from islanders about the cost of the crossing.</p><p>The freeze covers cars, foot "
            "passengers and the night service until the end of March, when the operator reviews its prices.</p>"
            "</article></body></html>")
    data = clean_page(RawPage(data=page.encode("utf-8"), path="ferry.html")).to_dict()
    assert 0.0 <= data["confidence"] <= 1.0 and "author" in data
