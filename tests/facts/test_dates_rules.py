"""The date rule tables: each rule finds its own example, and every word of the value tables resolves."""
from __future__ import annotations

import datetime as dt

import pytest

from newsdesk.facts.dates import event_offset, find_dates, number_of, resolve_date, unit_of
from newsdesk.facts.lexicon import LANGUAGES, lexicon

PUBLISHED = dt.date(2026, 3, 12)  # a Thursday
ANCHOR = dt.date(2026, 3, 2)


def _rules(language):
    return [(language, row) for row in lexicon(language).rows("date_rules")]


@pytest.mark.parametrize("language,row", [r for lang in LANGUAGES for r in _rules(lang)],
                         ids=lambda r: getattr(r, "key", r))
def test_each_rule_finds_its_example_in_order(language, row):
    """No rule above it takes the example's date from it: the rule's own match is a mention."""
    match = lexicon(language).pattern(row.key, "date_rules").search(row["example"])
    spans = [(d.start, d.end) for d in find_dates(row["example"], language, PUBLISHED, ANCHOR)]
    assert (match.start(), match.end()) in spans, f"{language}/date_rules.tsv:{row.line} '{row.key}'"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_month_form_resolves(language):
    for word, month in lexicon(language).mapping("months", "month").items():
        text = f"in {word} 2026" if language == "en" else f"в {word} 2026 года"
        assert resolve_date(text, PUBLISHED, language) == f"2026-{month:02d}", word


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_weekday_form_resolves_to_its_day(language):
    for word, weekday in lexicon(language).mapping("weekdays", "weekday").items():
        text = f"last {word}" if language == "en" else f"в прошлый {word}"
        value = dt.date.fromisoformat(resolve_date(text, PUBLISHED, language))
        assert value.weekday() == weekday and value < PUBLISHED, word


def test_number_words_count_back_from_publication():
    for word, n in lexicon("en").mapping("numbers", "value").items():
        assert resolve_date(f"{word} days ago", PUBLISHED, "en") == (PUBLISHED - dt.timedelta(days=n)).isoformat()
    for word, n in lexicon("ru").mapping("numbers", "value", form="cardinal").items():
        assert resolve_date(f"{word} дня назад", PUBLISHED, "ru") == (PUBLISHED - dt.timedelta(days=n)).isoformat()
    assert resolve_date("спустя трое суток", PUBLISHED, "ru", ANCHOR) == "2026-03-05"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_relative_day_phrase_is_found_and_counted(language):
    """The relative_day rule and relative_days.tsv list the same phrases."""
    for row in lexicon(language).rows("relative_days"):
        base = PUBLISHED if row["from"] == "publication" else ANCHOR
        (mention,) = find_dates(row.key, language, PUBLISHED, ANCHOR)
        assert mention.value == (base + dt.timedelta(days=row["offset"])).isoformat(), row.key


def test_quarters_and_relations():
    assert resolve_date("in the last quarter of 2026", PUBLISHED, "en") == "2026-10-01/2026-12-31"
    assert resolve_date("в четвёртом квартале следующего года", PUBLISHED, "ru") == "2027-10-01/2027-12-31"
    assert [d.relation for d in find_dates("since May, until 2030, after 2020", "en", PUBLISHED)] == \
        ["since", "until", "after"]
    assert [d.relation for d in find_dates("с марта до 2030 года", "ru", PUBLISHED)] == ["since", "until"]


def test_the_helpers_events_count_with():
    assert unit_of("weeks", "en") == "week" and unit_of("дней", "ru") == "day" and unit_of("суток", "ru") == "day"
    assert unit_of("неделю", "ru") == "week" and unit_of("kilometres", "en") is None
    assert number_of("12", "en") == 12 and number_of("twelve", "en") == 12 and number_of("одну", "ru") == 1
    assert event_offset("The day  before", "en") == -1 and event_offset("накануне", "ru") == -1
    assert event_offset("yesterday", "en") is None and event_offset("днём ранее", "ru") is None
