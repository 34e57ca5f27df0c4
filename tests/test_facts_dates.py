"""Date expressions resolved against the publication date (a Thursday: 2026-03-12)."""
from __future__ import annotations

import datetime as dt

import pytest

from newsdesk.facts.dates import find_dates, resolve_date

PUBLISHED = "2026-03-12"  # Thursday


@pytest.mark.parametrize("text, expected", [
    ("On March 10, the mayor said", "2026-03-10"),
    ("on 9 March 2026", "2026-03-09"),
    ("On December 30, the council voted", "2025-12-30"),  # last winter, not next
    ("on Monday the talks resumed", "2026-03-09"),
    ("The minister will arrive on Monday", "2026-03-16"),
    ("last Thursday", "2026-03-05"),
    ("next month", "2026-04"),
    ("last month", "2026-02"),
    ("until the end of 2027", "2027-12-31"),
    ("in 2027", "2027"),
    ("Since 2021, the fund has grown", "2021"),
    ("the 2019 agreement", "2019"),
    ("before the end of the week", "2026-03-09/2026-03-15"),
    ("yesterday", "2026-03-11"),
    ("three days ago", "2026-03-09"),
    ("in January", "2026-01"),
])
def test_english_expressions(text, expected):
    assert resolve_date(text, PUBLISHED, "en") == expected


@pytest.mark.parametrize("text, expected", [
    ("10 марта мэр заявил", "2026-03-10"),
    ("1 февраля 2025 г.", "2025-02-01"),
    ("в понедельник совет принял решение", "2026-03-09"),
    ("в прошлом месяце", "2026-02"),
    ("до конца 2027 года", "2027-12-31"),
    ("в 2027 году", "2027"),
    ("с 2021 года", "2021"),
    ("до конца недели", "2026-03-09/2026-03-15"),
    ("на прошлой неделе", "2026-03-02/2026-03-08"),
    ("в прошлый четверг", "2026-03-05"),
    ("в августе", "2025-08"),
])
def test_russian_expressions(text, expected):
    assert resolve_date(text, PUBLISHED, "ru") == expected


def test_relative_days_lean_on_the_date_just_mentioned():
    anchor = dt.date(2026, 2, 20)
    assert resolve_date("The day before, he called", PUBLISHED, "en", anchor) == "2026-02-19"
    assert resolve_date("Накануне он позвонил", PUBLISHED, "ru", anchor) == "2026-02-19"
    assert resolve_date("On the 22nd, they met", PUBLISHED, "en", anchor) == "2026-02-22"
    # without an anchor, "the 5th" is this month's
    assert resolve_date("On the 5th, they met", PUBLISHED, "en") == "2026-03-05"


def test_without_a_publication_date_only_absolute_dates_resolve():
    found = find_dates("On Monday, the plan for 2027 was approved on March 3, 2026.", "en", None)
    assert [(d.text, d.value) for d in found] == [("for 2027", "2027"), ("March 3, 2026", "2026-03-03")]


def test_mentions_carry_offsets_and_relation():
    text = "The programme runs until the end of 2028."
    (mention,) = find_dates(text, "en", PUBLISHED, offset=100)
    assert (mention.start - 100, mention.end - 100) == (text.index("until"), text.index("."))
    assert mention.relation == "until"


def test_the_tense_is_that_of_the_dates_own_clause():
    said = "The city will open two schools, the mayor said on Monday."
    assert resolve_date(said, PUBLISHED, "en") == "2026-03-09"
    assert resolve_date("On Monday, the mayor will open two schools.", PUBLISHED, "en") == "2026-03-16"
    quoted = '"We will open the schools next winter," the mayor said on Monday.'
    assert resolve_date(quoted, PUBLISHED, "en") == "2026-03-09"


def test_an_ordinal_that_is_not_a_day_is_no_date():
    assert find_dates("The 25th anniversary of the treaty was marked.", "en", PUBLISHED) == []
    assert resolve_date("The mayor met them on the 5th in the town hall.", PUBLISHED, "en") == "2026-03-05"


def test_a_subordinate_clause_does_not_lend_its_tense():
    assert resolve_date("The president said Tuesday that talks would continue.", PUBLISHED, "en") == "2026-03-10"
    assert resolve_date("Он сказал, что в пятницу состоится встреча.", PUBLISHED, "ru") == "2026-03-13"
    assert resolve_date("в минувший вторник", PUBLISHED, "ru") == "2026-03-10"
    assert resolve_date("в начале марта", PUBLISHED, "ru") == "2026-03-01/2026-03-10"  # the first ten days


def test_parts_of_a_month_and_of_this_month_are_intervals():
    assert resolve_date("Piles will be driven in late October.", PUBLISHED, "en") == "2026-10-21/2026-10-31"
    assert resolve_date("сваи начнут забивать в конце октября", PUBLISHED, "ru") == "2026-10-21/2026-10-31"
    assert resolve_date("in mid-February", PUBLISHED, "en") == "2026-02-11/2026-02-20"
    assert resolve_date("Earlier this month, the agency said", PUBLISHED, "en") == "2026-03-01/2026-03-11"
    assert resolve_date("later this month", PUBLISHED, "en") == "2026-03-13/2026-03-31"


def test_a_future_month_already_gone_this_year_is_next_years():
    assert resolve_date("A follow-up meeting is planned in Colombo in January.", PUBLISHED, "en") == "2027-01"
    assert resolve_date("A new round could take place in February.", PUBLISHED, "en") == "2027-02"
    assert resolve_date("The talks took place in January.", PUBLISHED, "en") == "2026-01"


def test_a_weekday_before_its_date_is_one_date_and_by_a_weekday_is_ahead():
    from newsdesk.facts.dates import find_dates

    found = find_dates("Переправа заработает в среду, 18 марта.", "ru", PUBLISHED)
    assert [d.value for d in found] == ["2026-03-18"]
    assert resolve_date("The storm should weaken by Saturday.", PUBLISHED, "en") == "2026-03-14"


def test_a_saying_before_the_promise_keeps_its_day_in_the_past():
    assert resolve_date("On Tuesday, the bank said it would lend $5 million.", PUBLISHED, "en") == "2026-03-10"
    assert resolve_date("Германия во вторник заявила, что направит насосы.", PUBLISHED, "ru") == "2026-03-10"
    assert resolve_date("Only $4 million had been paid by the end of February.", PUBLISHED, "en") == "2026-02-28"


def test_russian_days_counted_from_the_day_just_named():
    from newsdesk.facts.dates import find_dates

    anchor = dt.date(2026, 3, 3)
    assert [d.value for d in find_dates("Через два дня в город прибыла комиссия.", "ru", PUBLISHED, anchor)] == \
        ["2026-03-05"]
    assert [d.value for d in find_dates("Спустя двое суток власти попросили помощи.", "ru", PUBLISHED, anchor)] == \
        ["2026-03-05"]


def test_a_day_after_the_promise_is_the_promises():
    assert resolve_date("He told reporters that he expected an agreement on Tuesday.", PUBLISHED, "en") == "2026-03-17"
    assert resolve_date("She said the schools would open in September.", PUBLISHED, "en") == "2026-09"


@pytest.mark.parametrize("text, language, expected", [
    ("Works should begin in the second quarter of 2027.", "en", "2027-04-01/2027-06-30"),
    ("The board expects to decide in the first half of next year.", "en", "2027-01-01/2027-06-30"),
    ("It adds to the 120 million euros provided earlier this year.", "en", "2026-01-01/2026-11-25"),
    ("Решение ожидается в первом квартале 2027 года.", "ru", "2027-01-01/2027-03-31"),
    ("Стройка завершится во втором полугодии следующего года.", "ru", "2027-07-01/2027-12-31"),
])
def test_quarters_halves_and_earlier_this_year_are_intervals(text, language, expected):
    assert [m.value for m in find_dates(text, language, "2026-11-26")] == [expected]
