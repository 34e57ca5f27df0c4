"""Date expressions in English and Russian news text, resolved against the publication date.

Values follow the contract: "YYYY-MM-DD", "YYYY-MM", "YYYY" or an interval "YYYY-MM-DD/YYYY-MM-DD".
Relative expressions ("the day before", «накануне», "On the 25th") lean on the date the article
last mentioned (`anchor`), as a reader does; absolute ones ("August 25") take the year that puts
them nearest to publication.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from .morph import grammemes

# -- vocabulary -------------------------------------------------------------------------------
_EN_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_EN_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_EN_MONTHS["sept"] = 9
_RU_MONTHS = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7, "август": 8,
    "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
}
_EN_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_RU_WEEKDAYS = {"понедельник": 0, "вторник": 1, "среду": 2, "среда": 2, "четверг": 3, "пятницу": 4, "пятница": 4,
                "субботу": 5, "суббота": 5, "воскресенье": 6}
_EN_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
               "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": None, "few": None}
_RU_NUMBERS = {"двое": 2, "трое": 3, "четверо": 4, "один": 1, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7,
               "восемь": 8, "девять": 9, "десять": 10}

_EN_MONTH = r"(?P<month>" + "|".join(sorted(_EN_MONTHS, key=len, reverse=True)) + r")\.?"
_RU_MONTH = (r"(?P<month>январ[яье]|феврал[яье]|март(?:а|е)?|апрел[яье]|ма[яйе]|июн[яье]|июл[яье]|август(?:а|е)?|"
             r"сентябр[яье]|октябр[яье]|ноябр[яье]|декабр[яье])")
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)"
_EN_WEEKDAY = r"(?P<weekday>" + "|".join(_EN_WEEKDAYS) + r")"
_RU_WEEKDAY = r"(?P<weekday>" + "|".join(_RU_WEEKDAYS) + r")"
# "plans to", not "agreed the plan on Monday"
_EN_FUTURE = re.compile(r"\b(?:will|would|shall|could|may|might|is to|are to|plans?\s+(?:to|for)|planned|scheduled|"
                        r"expected|intends?|"
                        r"going to)\b", re.I)
_RU_FUTURE = re.compile(r"\b(?:будет|будут|буду|планиру\w*|намерен\w*|рассчитыва\w*|собира\w*ся|состоится|пройд[её]т|ожидается|"
                        r"следующ\w*|предстоящ\w*)\b|\w+(?:ит|ят|ет|ут|ют)ся\b", re.I)

# "the second quarter of", «в первом полугодии»: the year follows, written out or relative
_EN_QUARTER = (r"\b(?:in\s+|during\s+|by\s+)?the\s+(?P<nth>first|second|third|fourth|1st|2nd|3rd|4th|last)\s+"
               r"(?P<part>quarter|half)\s+(?:of\s+)?")
_RU_QUARTER = r"\b(?:в|во)\s+(?P<nth>перв|втор|трет|четв[её]рт|последн)\w*\s+(?P<part>квартал|полугоди)\w*\s+"

_WEEKDAY_WORD = re.compile(r"(?i)\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|понедельник|вторник|"
                           r"сред[ау]|четверг|пятниц[ау]|суббот[ау]|воскресенье)\b")
_EN_SAID_BEFORE = re.compile(r"\b(?:said|announced|told\s+[\w ]{1,30}?|stated|confirmed|added|declared|wrote|"
                             r"reported|promised|pledged)\s+$", re.I)
_RU_SAID_BEFORE = re.compile(r"(?:заявил|сообщил|сказал|объявил|подтвердил|отметил|написал|рассказал|пообещал|"
                             r"добавил)\w*\s+$", re.I)
_EN_SAID_WORD = re.compile(r"\b(?:said|announced|told|stated|confirmed|declared|wrote|reported|promised|pledged)\b", re.I)
_RU_SAID_WORD = re.compile(r"(?:заявил|сообщил|сказал|объявил|подтвердил|написал|рассказал|пообещал)\w*", re.I)
_SUBORDINATE = re.compile(r"\b(?:that|which|whether|because|although|while|что|чтобы|котор\w+|хотя|пока)\b",
                          re.I)
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|«[^»]*»|„[^“”]*[“”]")


@dataclass
class DateMention:
    """A date expression in text with its resolved value (None when it cannot be resolved)."""

    start: int
    end: int
    text: str
    value: str | None
    kind: str  # "day" | "month" | "year" | "interval" | "period"
    relation: str | None = None  # "until", "since", "before", "after" when the text bounds a period


# -- helpers ----------------------------------------------------------------------------------
def _iso(day: dt.date) -> str:
    return day.isoformat()


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(day: dt.date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _nearest_year(month: int, day: int | None, published: dt.date, future: bool) -> int:
    """The year that puts month/day nearest publication; a stated future leans forward."""
    best = None
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidate = dt.date(year, month, day or 15)
        except ValueError:
            continue
        distance = (candidate - published).days
        # news mostly reports the past: a date more than a few weeks ahead needs a future verb, and
        # with one ("is planned in October") a month already gone is next year's
        penalty = abs(distance) + (0 if future or distance <= 31 else 200) + \
            (400 if future and day is None and (year, month) < (published.year, published.month) else 0)
        if best is None or penalty < best[0]:
            best = (penalty, year)
    return best[1] if best else published.year


def _weekday(published: dt.date, weekday: int, direction: int) -> dt.date:
    """Nearest `weekday` before (direction -1) or after (+1) publication; the same day counts before."""
    if direction < 0:
        delta = (published.weekday() - weekday) % 7
        return published - dt.timedelta(days=delta)
    delta = (weekday - published.weekday()) % 7 or 7
    return published + dt.timedelta(days=delta)


def _number(word: str, language: str) -> int | None:
    if word.isdigit():
        return int(word)
    table = _RU_NUMBERS if language == "ru" else _EN_NUMBERS
    return table.get(word.lower())


def _ru_month(word: str) -> int | None:
    word = word.lower()
    if word.startswith("мар"):
        return 3
    if word.startswith("ма"):
        return 5
    for stem, number in _RU_MONTHS.items():
        if word.startswith(stem) and stem != "ма":
            return number
    return None


def _month_of(word: str, language: str) -> int | None:
    return _ru_month(word) if language == "ru" else _EN_MONTHS.get(word.lower().rstrip("."))


# -- rules ------------------------------------------------------------------------------------
# Each rule: (compiled pattern, resolver(match, published, anchor, future) -> (value, kind, relation)).
def _rules(language: str):
    I = re.I
    if language == "ru":
        return [
            (re.compile(rf"\b(?:до|к)\s+конц[ауе]\s+{_YEAR}\s+год[ауе]?", I), _end_of_year, "until"),
            (re.compile(rf"\b(?:до|к)\s+конц[ауе]\s+{_RU_MONTH}(?:\s+{_YEAR}\s+год[ауе]?)?", I), _end_of_month, "until"),
            (re.compile(r"\b(?:до|к)\s+конц[ауе]\s+(?P<unit>недели|месяца|года)", I), _end_of_unit, "until"),
            (re.compile(rf"\b{_DAY}\s*[-–—]\s*(?P<day2>[0-3]?\d)\s+{_RU_MONTH}(?:\s+{_YEAR}(?:\s+г(?:ода|\.))?)?", I),
             _day_range, None),
            (re.compile(rf"\b{_DAY}\s+{_RU_MONTH}(?:\s+{_YEAR}(?:\s+г(?:ода|\.))?)?", I), _day_month, None),
            (re.compile(rf"\b(?:в|во)\s+(?P<part>начале|середине|конце)\s+{_RU_MONTH}(?:\s+{_YEAR}\s+год[ауе]?)?", I),
             _month_part, None),
            (re.compile(rf"\b(?:(?:в|во)\s+(?:начале|середине|конце)\s+|в|во|с|до|к)\s*{_RU_MONTH}"
                        rf"(?:\s+{_YEAR}\s+год[ауе]?)?", I), _month_only, None),
            (re.compile(rf"{_RU_QUARTER}{_YEAR}\s+год[ауе]?", I), _quarter, None),
            (re.compile(rf"{_RU_QUARTER}(?P<rel>следующ|прошл|этого|текущ)\w*\s+год[ауе]?", I), _quarter, None),
            (re.compile(rf"\b(?P<rel>с|до|после|к)\s+{_YEAR}\s+год[ауе]?", I), _year_relation, None),
            (re.compile(rf"\b(?:в|во)\s+{_YEAR}\s+год(?:у|ах)", I), _year, None),
            (re.compile(rf"\b{_YEAR}\s+год[ауе]?\b", I), _year, None),
            (re.compile(rf"\b(?P<rel>в\s+прошл\w+|в\s+минувш\w+|в\s+прошедш\w+|в\s+следующ\w+|в\s+эт\w+|в|во|"
                        rf"на\s+прошл\w+|на\s+следующ\w+|на\s+эт\w+)"
                        rf"\s+{_RU_WEEKDAY}\b", I), _weekday_rule, None),
            (re.compile(r"(?<![\w-])(?P<word>накануне|вчера|позавчера|сегодня|завтра|послезавтра|дн[её]м\s+(?:ранее|раньше|"
                        r"позже|позднее)|на\s+следующий\s+день|на\s+другой\s+день)(?![\w-])", I), _relative_day, None),
            (re.compile(r"\b(?P<rel>в\s+прошлом|в\s+следующем|в\s+этом|в\s+текущем)\s+(?P<unit>месяце|году)\b", I),
             _relative_unit, None),
            (re.compile(r"\b(?P<rel>на\s+прошлой|на\s+следующей|на\s+этой|на\s+текущей)\s+(?P<unit>неделе)\b", I),
             _relative_unit, None),
            (re.compile(r"\b(?P<n>\d+|один|два|две|три|четыре|пять|шесть|семь|восемь|девять|десять)\s+"
                        r"(?P<unit>дн(?:я|ей)|день|недел[иья]|недель|месяц(?:а|ев)?)\s+(?P<rel>назад|спустя)", I),
             _ago, None),
            # «Через два дня в город прибыла комиссия»: counted from the day the article just gave
            (re.compile(r"(?<![\w-])(?P<rel>через|спустя)\s+(?P<n>\d+|один|два|две|три|четыре|пять|шесть|семь|восемь|"
                        r"девять|десять|двое|трое|четверо)\s+(?P<unit>дн(?:я|ей)|день|суток|сутки|недел[иья]|недель)"
                        r"(?!\s+(?:после|до)\b)", I), _ago, None),
        ]
    return [
        (re.compile(rf"\b(?:until|by|before|to|till)\s+the\s+end\s+of\s+{_YEAR}\b", I), _end_of_year, "until"),
        (re.compile(rf"\b(?:until|by|before|to|till)\s+the\s+end\s+of\s+{_EN_MONTH}(?:,?\s+{_YEAR})?\b", I),
         _end_of_month, "until"),
        (re.compile(r"\b(?:until|by|before|till)\s+the\s+end\s+of\s+(?:the|this)\s+(?P<unit>week|month|year)\b", I),
         _end_of_unit, "until"),
        (re.compile(rf"\b(?:the\s+end\s+of\s+){_YEAR}\b", I), _end_of_year, None),
        (re.compile(rf"\b{_EN_MONTH}\s+{_DAY}\s*[-–—]\s*(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?(?:,?\s+{_YEAR})?\b", I),
         _day_range, None),
        (re.compile(rf"\b{_EN_MONTH}\s+{_DAY}(?:st|nd|rd|th)?(?!\d)(?:,?\s+{_YEAR})?\b", I), _day_month, None),
        (re.compile(rf"\b{_DAY}(?:st|nd|rd|th)?\s+(?:of\s+)?{_EN_MONTH}(?:,?\s+{_YEAR})?\b", I), _day_month, None),
        # "On the 25th, ..." but not "the 25th anniversary": a day of the month ends its phrase
        (re.compile(r"\b(?:on\s+)?the\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)\b"
                    r"(?=\s*(?:[,.;:)—–]|$)|\s+(?:he|she|they|it|we|i|the|a|an|when|at|in|on|and|of\s+(?:this|that|the)"
                    r"\s+month)\b)", I), _day_only, None),
        (re.compile(rf"\b(?:in\s+)?(?P<part>early|late|mid)\s*-?\s*{_EN_MONTH}(?:,?\s+{_YEAR})?\b", I), _month_part, None),
        (re.compile(rf"\b(?:at\s+|in\s+)?the\s+(?P<part>beginning|start|middle|end)\s+of\s+{_EN_MONTH}(?:,?\s+{_YEAR})?\b", I),
         _month_part, None),
        (re.compile(rf"\b(?:in|during|since|by|until|from)\s*{_EN_MONTH}(?:,?\s+{_YEAR})?\b", I),
         _month_only, None),
        (re.compile(rf"{_EN_QUARTER}{_YEAR}\b", I), _quarter, None),
        (re.compile(rf"{_EN_QUARTER}(?P<rel>next|this|last)\s+year\b", I), _quarter, None),
        (re.compile(rf"\b(?P<rel>since|until|till|from|after|before|by)\s+{_YEAR}\b", I), _year_relation, None),
        (re.compile(rf"\b(?:in|during|of|for|from)\s+{_YEAR}\b", I), _year, None),
        (re.compile(rf"\b(?:the|a|its|his|her|their)\s+{_YEAR}\s+(?=[a-z])", I), _year, None),
        (re.compile(rf"\b(?P<rel>last|next|this|on|coming|past|by)\s+{_EN_WEEKDAY}\b", I), _weekday_rule, None),
        (re.compile(rf"(?P<rel>)\b{_EN_WEEKDAY}\b", I), _weekday_rule, None),
        (re.compile(r"\b(?P<word>the\s+day\s+before|the\s+previous\s+day|the\s+next\s+day|the\s+following\s+day|"
                    r"the\s+day\s+after|yesterday|today|tomorrow|the\s+eve)\b", I), _relative_day, None),
        (re.compile(r"\b(?P<rel>last|next|this|the\s+following|the\s+previous|the\s+coming|earlier\s+this|"
                    r"later\s+this)\s+(?P<unit>week|month|year)\b", I), _relative_unit, None),
        (re.compile(r"\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
                    r"(?P<unit>days?|weeks?|months?|years?)\s+(?P<rel>ago|earlier|later)\b", I), _ago, None),
    ]


_NTH = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": 0,
        "перв": 1, "втор": 2, "трет": 3, "четв": 4, "последн": 0}


def _quarter(m, published, anchor, future):
    """"the second quarter of 2027", "in the first half of next year", «в первом квартале 2027 года»."""
    groups = m.groupdict()
    rel = (groups.get("rel") or "").lower()
    step = 1 if rel.startswith(("next", "следующ")) else -1 if rel.startswith(("last", "прошл")) else 0
    year = int(groups["year"]) if groups.get("year") else published.year + step
    nth = next(v for k, v in _NTH.items() if m["nth"].lower().startswith(k))
    months = 3 if m["part"].lower().startswith(("quarter", "квартал")) else 6
    count = 12 // months
    index = (nth or count) - 1
    if not 0 <= index < count:
        return None, "interval"
    first = index * months + 1
    return f"{year}-{first:02d}-01/{_iso(_month_end(year, first + months - 1))}", "interval"


def _end_of_year(m, published, anchor, future):
    return f"{m['year']}-12-31", "day"


def _end_of_month(m, published, anchor, future, language="en"):
    month = _month_of(m["month"], language)
    # "had been disbursed by the end of September" looks back; "until the end of May" with a future verb ahead
    year = int(m["year"]) if m["year"] else _nearest_year(month, None, published, future)
    return _iso(_month_end(year, month)), "day"


def _end_of_unit(m, published, anchor, future):
    """"before the end of the week": the whole week (month, year) it is said in, Monday to Sunday."""
    ref = anchor or published
    unit = m["unit"].lower()
    if unit.startswith(("week", "недел")):
        monday = ref - dt.timedelta(days=ref.weekday())
        return f"{_iso(monday)}/{_iso(monday + dt.timedelta(days=6))}", "interval"
    if unit.startswith(("month", "месяц")):
        return f"{ref.year}-{ref.month:02d}-01/{_iso(_month_end(ref.year, ref.month))}", "interval"
    return f"{ref.year}-01-01/{ref.year}-12-31", "interval"


def _day_range(m, published, anchor, future, language="en"):
    month = _month_of(m["month"], language)
    day, day2 = int(m["day"]), int(m["day2"])
    year = int(m["year"]) if m["year"] else _nearest_year(month, day, published, future)
    try:
        return f"{_iso(dt.date(year, month, day))}/{_iso(dt.date(year, month, day2))}", "interval"
    except ValueError:
        return None, "interval"


def _day_month(m, published, anchor, future, language="en"):
    month = _month_of(m["month"], language)
    day = int(m["day"])
    year = int(m["year"]) if m["year"] else _nearest_year(month, day, published, future)
    try:
        return _iso(dt.date(year, month, day)), "day"
    except ValueError:
        return None, "day"


def _day_only(m, published, anchor, future):
    """"On the 25th": the month the article was just talking about, else the publication month."""
    ref = anchor or published
    day = int(m["day"])
    year, month = ref.year, ref.month
    if not anchor and day > published.day and not future:
        year, month = _shift_month(published, -1)
    try:
        return _iso(dt.date(year, month, day)), "day"
    except ValueError:
        return None, "day"


def _month_only(m, published, anchor, future, language="en"):
    month = _month_of(m["month"], language)
    if month is None:
        return None, "month"
    year = int(m["year"]) if m["year"] else _nearest_year(month, None, published, future)
    return f"{year}-{month:02d}", "month"


def _month_part(m, published, anchor, future, language="en"):
    """"late October", «в конце октября»: the month's last third (days 21 to the end); early, the first ten
    days; mid, the 11th to the 20th."""
    month = _month_of(m["month"], language)
    if month is None:
        return None, "interval"
    year = int(m["year"]) if m["year"] else _nearest_year(month, None, published, future)
    part = m["part"].lower()
    if part in ("early", "beginning", "start", "начале"):
        lo, hi = 1, 10
    elif part in ("mid", "middle", "середине"):
        lo, hi = 11, 20
    else:
        lo, hi = 21, _month_end(year, month).day
    return f"{_iso(dt.date(year, month, lo))}/{_iso(dt.date(year, month, hi))}", "interval"


def _year(m, published, anchor, future):
    return m["year"], "year"


def _year_relation(m, published, anchor, future):
    return m["year"], "year"


def _weekday_rule(m, published, anchor, future, language="en"):
    table = _RU_WEEKDAYS if language == "ru" else _EN_WEEKDAYS
    weekday = table[m["weekday"].lower()]
    rel = (m["rel"] or "").lower()
    if re.match(r"(?:next|coming|by|в\s+следующ|на\s+следующ)", rel):  # "by Thursday": a deadline ahead
        direction = 1
    elif re.match(r"(?:last|past|в\s+прошл|в\s+минувш|в\s+прошедш|на\s+прошл)", rel):
        # "last Thursday" said on a Thursday is a week back
        day = _weekday(published - dt.timedelta(days=1), weekday, -1)
        return _iso(day), "day"
    else:
        direction = 1 if future else -1
    return _iso(_weekday(published, weekday, direction)), "day"


def _relative_day(m, published, anchor, future):
    word = re.sub(r"\s+", " ", m["word"].lower()).replace("ё", "е")
    ref = anchor or published
    offsets = {"the day before": -1, "the previous day": -1, "the eve": -1, "накануне": -1, "днем ранее": -1,
               "днем раньше": -1, "днем позже": 1, "днем позднее": 1, "на следующий день": 1, "на другой день": 1,
               "the next day": 1, "the following day": 1, "the day after": 1,
               "yesterday": -1, "вчера": -1, "позавчера": -2, "today": 0, "сегодня": 0,
               "tomorrow": 1, "завтра": 1, "послезавтра": 2}
    # yesterday/today/tomorrow count from publication; the others from the event just mentioned
    base = published if word in ("yesterday", "today", "tomorrow", "вчера", "позавчера", "сегодня", "завтра",
                                 "послезавтра") else ref
    if word == "накануне" and anchor is None:
        base = published
    return _iso(base + dt.timedelta(days=offsets[word])), "day"


def _relative_unit(m, published, anchor, future):
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    unit = m["unit"].lower()
    step = -1 if re.match(r"(?:last|the previous|в прошл|на прошл)", rel) else \
        1 if re.match(r"(?:next|the following|the coming|в следующ|на следующ)", rel) else 0
    if unit.startswith(("month", "месяц")):
        year, month = _shift_month(published, step)
        if rel == "earlier this" and published.day > 1:  # from the first to the day before publication
            return f"{year}-{month:02d}-01/{_iso(published - dt.timedelta(days=1))}", "interval"
        if rel == "later this" and published < _month_end(year, month):
            return f"{_iso(published + dt.timedelta(days=1))}/{_iso(_month_end(year, month))}", "interval"
        return f"{year}-{month:02d}", "month"
    if unit.startswith(("year", "год")):
        # "earlier this year": from New Year's day to the day before publication, like the month
        if rel == "earlier this" and (published.month, published.day) != (1, 1):
            return f"{published.year}-01-01/{_iso(published - dt.timedelta(days=1))}", "interval"
        if rel == "later this" and (published.month, published.day) != (12, 31):
            return f"{_iso(published + dt.timedelta(days=1))}/{published.year}-12-31", "interval"
        return str(published.year + step), "year"
    monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=step)
    return f"{_iso(monday)}/{_iso(monday + dt.timedelta(days=6))}", "interval"


def _ago(m, published, anchor, future, language="en"):
    n = _number(m["n"], language)
    if n is None:
        return None, "day"
    unit = m["unit"].lower()
    rel = m["rel"].lower()
    sign = 1 if rel in ("later", "спустя", "через") else -1
    if rel == "через" and not anchor:
        return None, "day"  # «через два дня» with no day before it: from publication it is a forecast
    base = anchor if rel in ("later", "earlier", "спустя", "через") and anchor else published
    if unit.startswith(("day", "дн", "ден", "сут")):
        return _iso(base + dt.timedelta(days=sign * n)), "day"
    if unit.startswith(("week", "недел")):
        return _iso(base + dt.timedelta(weeks=sign * n)), "day"
    if unit.startswith(("month", "месяц")):
        year, month = _shift_month(base, sign * n)
        return f"{year}-{month:02d}", "month"
    return str(base.year + sign * n), "year"


_LANGUAGE_AWARE = {_end_of_month, _day_range, _day_month, _month_only, _month_part, _weekday_rule, _ago}
_COMPILED: dict[str, list] = {}


def _relation(text: str) -> str | None:
    lowered = text.lower()
    for cue, relation in (("until", "until"), ("till", "until"), ("by the end", "until"), ("до конца", "until"),
                          ("к концу", "until"), ("since", "since"), ("с ", "since"), ("after", "after"),
                          ("после", "after"), ("before", "before"), ("by ", "until"), ("до ", "until"),
                          ("from", "since")):
        if lowered.startswith(cue):
            return relation
    return None


# Cheap word tests that gate the rules: a rule runs only when the sentence has every feature it
# needs, and a sentence with none (most of them) costs one word scan.
_WORDS = re.compile(r"\w+")
_EN_MONTH_WORDS = frozenset(_EN_MONTHS)
_EN_WEEKDAY_WORDS = frozenset(_EN_WEEKDAYS)
_RU_MONTH_STEMS = ("январ", "феврал", "март", "апрел", "мая", "мае", "май", "июн", "июл", "август", "сентябр",
                   "октябр", "ноябр", "декабр")
_RU_WEEKDAY_STEMS = ("понедельник", "вторник", "сред", "четверг", "пятниц", "суббот", "воскресень")
_UNIT_WORDS = frozenset({"day", "days", "week", "weeks", "month", "months", "year", "years"})
_RU_UNIT_STEMS = ("дн", "день", "недел", "месяц", "год", "сут")
_RELDAY_WORDS = frozenset({"day", "yesterday", "today", "tomorrow", "eve", "накануне", "вчера", "позавчера",
                           "сегодня", "завтра", "послезавтра", "днём", "днем", "день"})


def _features(text: str, language: str) -> frozenset[str]:
    found: set[str] = set()
    ru = language == "ru"
    for word in _WORDS.findall(text.lower()):
        if word[0].isdigit():
            if len(word) == 4 and word[:2] in ("19", "20"):
                found.add("year")
            elif word.endswith(("st", "nd", "rd", "th")):
                found.add("ordinal")
            found.add("digit")
            continue
        if word in _RELDAY_WORDS:
            found.add("relday")
        if ru:
            if word.startswith(_RU_MONTH_STEMS):
                found.add("month")
            if word.startswith(_RU_WEEKDAY_STEMS):
                found.add("weekday")
            if word.startswith(_RU_UNIT_STEMS):
                found.add("unit")
            if word.startswith("конц"):
                found.add("end")
            continue
        if word in _EN_MONTH_WORDS:
            found.add("month")
        if word in _EN_WEEKDAY_WORDS:
            found.add("weekday")
        if word in _UNIT_WORDS:
            found.add("unit")
        if word == "end":
            found.add("end")
    return frozenset(found)


def _gate(pattern: re.Pattern) -> frozenset[str]:
    """What a rule's pattern cannot match without."""
    source = pattern.pattern
    need = set()
    if "(?P<month>" in source:
        need.add("month")
    if "(?P<weekday>" in source:
        need.add("weekday")
    if "(?P<year>" in source and "(?:,?\\s+(?P<year>" not in source and "(?:\\s+(?P<year>" not in source:
        need.add("year")
    if "end\\s+of" in source or "конц[ауе]" in source:
        need.add("end")
    if "(?:st|nd|rd|th)\\b(?!" in source:
        need.add("ordinal")
    if "(?P<unit>" in source and "недели|месяца|года" not in source:
        need.add("unit")
    if "(?P<word>" in source:
        need.add("relday")
    return frozenset(need)


def _clause(text: str, start: int, end: int) -> str:
    """The clause around a mention, for its tense: "X will give $1bn, the minister said on Tuesday"
    is past on Tuesday. A bare opener ("On Monday,") takes the clause after it. Quotations inside
    the sentence do not count."""
    # punctuation and subordinators end a clause: "said Tuesday that talks would go on" is past
    punct = [m.end() for m in re.finditer(r"[,;:—–]\s", text)]
    subordinate = [m.start() for m in _SUBORDINATE.finditer(text) if m.start() >= end]
    bounds = sorted([0, len(text)] + punct + subordinate)
    lo = max(b for b in bounds if b <= start)
    hi = min(b for b in bounds if b >= end)
    clause = text[lo:hi]
    if hi in punct and len(re.findall(r"\w+", clause)) <= 4:
        # a bare opener ("On Monday,") takes its tense from the clause after it
        later = [b for b in bounds if b > hi]
        clause = text[lo:later[0] if later else len(text)]
    return _QUOTED.sub(" ", clause) or clause


def _ru_future_verb(clause: str) -> int:
    """Where «начнут», «поступит» stands (a perfective verb in the present form speaks of the future), or -1."""
    for m in re.finditer(r"[а-яё]{4,}", clause.lower()):
        if m.group().endswith(("ет", "ит", "ут", "ют", "ат", "ят", "ёт")) and "futr" in grammemes(m.group()):
            return m.start()
    return -1


def find_dates(text: str, language: str, published: str | dt.date | None,
               anchor: dt.date | None = None, offset: int = 0) -> list[DateMention]:
    """Date mentions in `text` (one sentence, usually), resolved; offsets shifted by `offset`.

    Without a publication date only self-contained expressions ("August 25, 2025", "in 2026") resolve.
    """
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    features = _features(text, language)
    if not features - {"digit"}:
        return []  # most sentences name no date: one word scan instead of every rule
    rules = _COMPILED.get(language)
    if rules is None:
        rules = _COMPILED[language] = [(p, r, rel, _gate(p)) for p, r, rel in _rules(
            "ru" if language == "ru" else "en")]
    tense = _RU_FUTURE if language == "ru" else _EN_FUTURE
    said = _RU_SAID_BEFORE if language == "ru" else _EN_SAID_BEFORE
    said_word = _RU_SAID_WORD if language == "ru" else _EN_SAID_WORD
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for pattern, resolver, relation, gate in rules:
        if not gate <= features:
            continue
        for m in pattern.finditer(text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            needs_published = resolver not in (_end_of_year, _year, _year_relation) and not (
                resolver in (_day_month, _month_only, _month_part, _end_of_month, _day_range) and m["year"])
            if published is None and needs_published:
                continue
            ref = published or dt.date.today()
            # "said on Tuesday it would give": the day is the saying's, whatever the clause promises
            clause = _clause(text, m.start(), m.end())
            ahead = tense.search(clause)
            at = ahead.start() if ahead else _ru_future_verb(clause) if language == "ru" else -1
            # "On Tuesday, X said it would …": a day before the saying is the saying's; not "X said the
            # schools would open in September", where the day comes after the promise
            spoken = said_word.search(clause, 0, at) if at >= 0 else None
            opener = spoken is not None and text.find(clause) >= 0 and m.start() < text.find(clause) + spoken.start()
            future = at >= 0 and not said.search(text, 0, m.start()) and not opener
            try:
                if resolver in _LANGUAGE_AWARE:
                    value, kind = resolver(m, ref, anchor, future, language)
                else:
                    value, kind = resolver(m, ref, anchor, future)
            except (ValueError, KeyError, TypeError):
                continue
            taken.append((m.start(), m.end()))
            found.append(DateMention(offset + m.start(), offset + m.end(), m.group(0).strip(), value, kind,
                                     relation or _relation(m.group(0))))
    found.sort(key=lambda d: d.start)
    # «в среду, 9 сентября», "on Wednesday, September 9": the weekday names the date after it
    days = [d for d in found if d.kind == "day" and not _WEEKDAY_WORD.search(d.text)]
    found = [d for d in found if not (_WEEKDAY_WORD.search(d.text) and any(
        0 <= e.start - d.end <= 3 and re.fullmatch(r"\s*,\s*", text[d.end - offset:e.start - offset]) for e in days))]
    return found


def resolve_date(text: str, published: str | dt.date | None, language: str = "en",
                 anchor: dt.date | None = None) -> str | None:
    """The value of the first date expression in `text` ("On August 25" -> "2025-08-25"), or None."""
    mentions = find_dates(text, language, published, anchor)
    return mentions[0].value if mentions else None


def shift(day: dt.date, n: int, unit: str) -> dt.date:
    """`day` moved by n days, weeks or months ("three days after", «через месяц после»)."""
    if unit == "month":
        year, month = _shift_month(day, n)
        return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
    return day + dt.timedelta(days=n * (7 if unit == "week" else 1))


def day_of(value: str | None) -> dt.date | None:
    """A resolved value as a day, for anchoring what follows (intervals anchor at their start)."""
    if not value:
        return None
    head = value.split("/")[0]
    if len(head) == 10:
        return dt.date.fromisoformat(head)
    return None
