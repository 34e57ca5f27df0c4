"""Date expressions in English and Russian news text, resolved against the publication date.

Values follow the contract: "YYYY-MM-DD", "YYYY-MM", "YYYY" or an interval "YYYY-MM-DD/YYYY-MM-DD".
Relative expressions ("the day before", «накануне», "On the 25th") lean on the date the article
last mentioned (`anchor`), as a reader does; absolute ones ("August 25") take the year that puts
them nearest to publication. The rules are lexicon tables (lexicon/<language>/date_rules.tsv and the
lists it names); this module is their interpreter: one resolver per kind of value.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from .lexicon import Lexicon, LexiconError, Row, lexicon
from .morph import grammemes

_WORD = re.compile(r"\w+")
_FEATURES = frozenset({"month", "weekday", "unit", "end", "relday", "year"})  # what a rule may need


@dataclass
class DateMention:
    """A date expression in text with its resolved value (None when it cannot be resolved)."""

    start: int
    end: int
    text: str
    value: str | None
    kind: str  # "day" | "month" | "year" | "interval" | "period"
    relation: str | None = None  # "until", "since", "before", "after" when the text bounds a period


# -- one language's tables --------------------------------------------------------------------
def _phrase(text: str) -> str:
    """The lookup key of a phrase: lower case, runs of spaces made one."""
    return " ".join(text.lower().split())


def _by_prefix(table: dict[str, object]) -> tuple[tuple[str, object], ...]:
    return tuple(sorted(table.items(), key=lambda kv: -len(kv[0])))


@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: re.Pattern
    value: str  # the resolver's name
    relation: str | None
    needs: frozenset[str]


class _Tables:
    """The date words and patterns of one language, read once from its lexicon."""

    def __init__(self, lex: Lexicon) -> None:
        self.months = lex.mapping("months", "month")
        self.weekdays = lex.mapping("weekdays", "weekday")
        self.numbers = lex.mapping("numbers", "value")
        self.ordinals = lex.mapping("ordinals", "value")
        self.parts = lex.mapping("month_parts", "third")
        self.units = _by_prefix(lex.mapping("units", "unit"))
        self.steps = _by_prefix({r.key: (r["step"], r.get("span")) for r in lex.rows("date_steps")})
        self.relative_days = {r.key: (r["offset"], r["from"], r["event"]) for r in lex.rows("relative_days")}
        self.counting = {r.key: (r["sign"], r["from"]) for r in lex.rows("counting")}
        self.relations = [(lex.pattern(r.key, "date_relations"), r.key) for r in lex.rows("date_relations")]
        self.patterns = {r.key: lex.pattern(r.key, "date_patterns") for r in lex.rows("date_patterns")}
        self.cues, self.prefixed = _cues(lex)
        self.stems = tuple(stem for _feature, stems in self.prefixed for stem in stems)
        self.rules = [_rule(lex, row) for row in lex.rows("date_rules")]

    def unit(self, word: str) -> str | None:
        return next((unit for prefix, unit in self.units if word.lower().startswith(prefix)), None)

    def step(self, phrase: str) -> tuple[int, str | None]:
        phrase = _phrase(phrase)
        return next((value for prefix, value in self.steps if phrase.startswith(prefix)), (0, None))

    def number(self, word: str) -> int | None:
        return int(word) if word.isdigit() else self.numbers.get(word.lower())

    def month(self, word: str) -> int | None:
        return self.months.get(word.lower().rstrip("."))

    def features(self, text: str) -> frozenset[str]:
        """What of a date the sentence has words for: the rules it can feed."""
        found: set[str] = set()
        cues, stems = self.cues, self.stems
        for word in _WORD.findall(text.lower()):
            if word[0].isdigit():
                if len(word) == 4 and word[:2] in ("19", "20"):
                    found.add("year")
                elif word.endswith(("st", "nd", "rd", "th")):
                    found.add("ordinal")
                found.add("digit")
                continue
            cue = cues.get(word)
            if cue is not None:
                found.update(cue)
            if stems and word.startswith(stems):
                found.update(feature for feature, prefixes in self.prefixed if word.startswith(prefixes))
        return frozenset(found)


def _cues(lex: Lexicon) -> tuple[dict[str, set[str]], tuple[tuple[str, tuple[str, ...]], ...]]:
    """Words that give a feature, and per feature the prefixes that do (date_cues.tsv)."""
    words: dict[str, set[str]] = {}
    prefixes: dict[str, list[str]] = {}
    for name, feature in (("months", "month"), ("weekdays", "weekday")):
        for word in lex.words(name):
            words.setdefault(word, set()).add(feature)
    for row in lex.rows("date_cues"):
        for feature in _FEATURES & {column for column, value in row.items() if value == "yes"}:
            if row["prefix"]:
                prefixes.setdefault(feature, []).append(row.key)
            else:
                words.setdefault(row.key, set()).add(feature)
    return words, tuple((feature, tuple(stems)) for feature, stems in prefixes.items())


def _rule(lex: Lexicon, row: Row) -> _Rule:
    needs = frozenset((row["needs"] or "").split())
    if not needs <= _FEATURES:
        raise LexiconError(f"{lex.language}/{row.file}:{row.line}: needs '{' '.join(sorted(needs - _FEATURES))}' "
                           f"is not a feature (one of {', '.join(sorted(_FEATURES))})")
    if row["value"] not in _RESOLVERS:
        raise LexiconError(f"{lex.language}/{row.file}:{row.line}: no resolver for value '{row['value']}'")
    return _Rule(row.key, lex.pattern(row.key, "date_rules"), row["value"], row["relation"], needs)


@lru_cache(maxsize=4)
def _tables_of(language: str) -> _Tables:
    return _Tables(lexicon(language))


def _tables(language: str | None) -> _Tables:
    return _tables_of(lexicon(language).language)


# -- calendar helpers -------------------------------------------------------------------------
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


def _span(first: dt.date, last: dt.date) -> str:
    return f"{_iso(first)}/{_iso(last)}"


# -- resolvers: (match, context) -> (value, kind) ----------------------------------------------
_Value = tuple[str | None, str]  # a resolved value (None: it cannot be) and its kind


@dataclass(frozen=True)
class _Context:
    tables: _Tables
    published: dt.date
    anchor: dt.date | None
    future: bool

    def year(self, m: re.Match, month: int, day: int | None = None) -> int:
        """The year written, else the one nearest publication."""
        return int(m["year"]) if m["year"] else _nearest_year(month, day, self.published, self.future)


def _end_of_year(m: re.Match, c: _Context) -> _Value:
    return f"{m['year']}-12-31", "day"


def _year(m: re.Match, c: _Context) -> _Value:
    return m["year"], "year"


def _end_of_month(m: re.Match, c: _Context) -> _Value:
    # "had been disbursed by the end of September" looks back; "until the end of May" with a future verb ahead
    month = c.tables.month(m["month"])
    return _iso(_month_end(c.year(m, month), month)), "day"


def _end_of_unit(m: re.Match, c: _Context) -> _Value:
    """"before the end of the week": the whole week (month, year) it is said in, Monday to Sunday."""
    ref = c.anchor or c.published
    unit = c.tables.unit(m["unit"])
    if unit == "week":
        monday = ref - dt.timedelta(days=ref.weekday())
        return _span(monday, monday + dt.timedelta(days=6)), "interval"
    if unit == "month":
        return _span(dt.date(ref.year, ref.month, 1), _month_end(ref.year, ref.month)), "interval"
    return f"{ref.year}-01-01/{ref.year}-12-31", "interval"


def _day_range(m: re.Match, c: _Context) -> _Value:
    month = c.tables.month(m["month"])
    day, day2 = int(m["day"]), int(m["day2"])
    year = c.year(m, month, day)
    try:
        return _span(dt.date(year, month, day), dt.date(year, month, day2)), "interval"
    except ValueError:
        return None, "interval"


def _day_month(m: re.Match, c: _Context) -> _Value:
    month = c.tables.month(m["month"])
    day = int(m["day"])
    try:
        return _iso(dt.date(c.year(m, month, day), month, day)), "day"
    except ValueError:
        return None, "day"


def _day_only(m: re.Match, c: _Context) -> _Value:
    """"On the 25th": the month the article was just talking about, else the publication month."""
    ref = c.anchor or c.published
    day = int(m["day"])
    year, month = ref.year, ref.month
    if not c.anchor and day > c.published.day and not c.future:
        year, month = _shift_month(c.published, -1)
    try:
        return _iso(dt.date(year, month, day)), "day"
    except ValueError:
        return None, "day"


def _month_only(m: re.Match, c: _Context) -> _Value:
    month = c.tables.month(m["month"])
    if month is None:
        return None, "month"
    return f"{c.year(m, month)}-{month:02d}", "month"


def _month_part(m: re.Match, c: _Context) -> _Value:
    """"late October", «в конце октября»: the month's last third (days 21 to the end); early, the first ten
    days; mid, the 11th to the 20th."""
    month = c.tables.month(m["month"])
    if month is None:
        return None, "interval"
    year = c.year(m, month)
    third = c.tables.parts[m["part"].lower()]
    lo, hi = {1: (1, 10), 2: (11, 20)}.get(third, (21, _month_end(year, month).day))
    return _span(dt.date(year, month, lo), dt.date(year, month, hi)), "interval"


def _quarter(m: re.Match, c: _Context) -> _Value:
    """"the second quarter of 2027", "in the first half of next year", «в первом квартале 2027 года»."""
    groups = m.groupdict()
    year = int(groups["year"]) if groups.get("year") else c.published.year + c.tables.step(groups.get("rel") or "")[0]
    nth = c.tables.ordinals[m["nth"].lower()]
    months = 3 if c.tables.unit(m["part"]) == "quarter" else 6
    count = 12 // months
    index = (nth or count) - 1  # 0: the last one
    if not 0 <= index < count:
        return None, "interval"
    first = index * months + 1
    return f"{year}-{first:02d}-01/{_iso(_month_end(year, first + months - 1))}", "interval"


def _weekday_rule(m: re.Match, c: _Context) -> _Value:
    weekday = c.tables.weekdays[m["weekday"].lower()]
    step = c.tables.step(m["rel"] or "")[0]
    if step < 0:
        # "last Thursday" said on a Thursday is a week back
        return _iso(_weekday(c.published - dt.timedelta(days=1), weekday, -1)), "day"
    direction = 1 if step > 0 or c.future else -1  # "by Thursday": a deadline ahead
    return _iso(_weekday(c.published, weekday, direction)), "day"


def _relative_day(m: re.Match, c: _Context) -> _Value:
    offset, origin, _event = c.tables.relative_days[_phrase(m["word"]).replace("ё", "е")]
    # yesterday/today/tomorrow count from publication; the others from the event just mentioned
    base = c.published if origin == "publication" else c.anchor or c.published
    return _iso(base + dt.timedelta(days=offset)), "day"


def _relative_unit(m: re.Match, c: _Context) -> _Value:
    step, span = c.tables.step(m["rel"])
    unit = c.tables.unit(m["unit"])
    published = c.published
    if unit == "month":
        year, month = _shift_month(published, step)
        if span == "before" and published.day > 1:  # from the first to the day before publication
            return f"{year}-{month:02d}-01/{_iso(published - dt.timedelta(days=1))}", "interval"
        if span == "after" and published < _month_end(year, month):
            return _span(published + dt.timedelta(days=1), _month_end(year, month)), "interval"
        return f"{year}-{month:02d}", "month"
    if unit == "year":
        # "earlier this year": from New Year's day to the day before publication, like the month
        if span == "before" and (published.month, published.day) != (1, 1):
            return f"{published.year}-01-01/{_iso(published - dt.timedelta(days=1))}", "interval"
        if span == "after" and (published.month, published.day) != (12, 31):
            return f"{_iso(published + dt.timedelta(days=1))}/{published.year}-12-31", "interval"
        return str(published.year + step), "year"
    monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=step)
    return _span(monday, monday + dt.timedelta(days=6)), "interval"


def _counted(m: re.Match, c: _Context) -> _Value:
    """"three days ago", "two weeks later", «через два дня»."""
    n = c.tables.number(m["n"])
    if n is None:
        return None, "day"
    sign, origin = c.tables.counting[m["rel"].lower()]
    if origin == "mention_only" and not c.anchor:
        return None, "day"  # «через два дня» with no day before it: from publication it is a forecast
    base = c.anchor if origin != "publication" and c.anchor else c.published
    unit = c.tables.unit(m["unit"])
    if unit in ("day", "week"):
        return _iso(base + dt.timedelta(days=sign * n * (7 if unit == "week" else 1))), "day"
    if unit == "month":
        year, month = _shift_month(base, sign * n)
        return f"{year}-{month:02d}", "month"
    return str(base.year + sign * n), "year"


# resolver by the `value` of date_rules.tsv, and what it can resolve without a publication date:
# "always", "year" (when the year is written) or "never"
_RESOLVERS: dict[str, tuple[Callable, str]] = {
    "end_of_year": (_end_of_year, "always"), "year": (_year, "always"),
    "end_of_month": (_end_of_month, "year"), "day_range": (_day_range, "year"),
    "day_month": (_day_month, "year"), "month_only": (_month_only, "year"), "month_part": (_month_part, "year"),
    "end_of_unit": (_end_of_unit, "never"), "day_only": (_day_only, "never"), "quarter": (_quarter, "never"),
    "weekday": (_weekday_rule, "never"), "relative_day": (_relative_day, "never"),
    "relative_unit": (_relative_unit, "never"), "counted": (_counted, "never"),
}


# -- tense: is the date ahead? -----------------------------------------------------------------
def _clause(text: str, start: int, end: int, t: _Tables) -> str:
    """The clause around a mention, for its tense: "X will give $1bn, the minister said on Tuesday"
    is past on Tuesday. A bare opener ("On Monday,") takes the clause after it. Quotations inside
    the sentence do not count."""
    # punctuation and subordinators end a clause: "said Tuesday that talks would go on" is past
    punct = [m.end() for m in t.patterns["clause_break"].finditer(text)]
    subordinate = [m.start() for m in t.patterns["subordinate"].finditer(text) if m.start() >= end]
    bounds = sorted([0, len(text)] + punct + subordinate)
    lo = max(b for b in bounds if b <= start)
    hi = min(b for b in bounds if b >= end)
    clause = text[lo:hi]
    if hi in punct and len(_WORD.findall(clause)) <= 4:
        # a bare opener ("On Monday,") takes its tense from the clause after it
        later = [b for b in bounds if b > hi]
        clause = text[lo:later[0] if later else len(text)]
    return t.patterns["quoted"].sub(" ", clause) or clause


def _future_at(clause: str, t: _Tables) -> int:
    """Where the clause speaks of the future, or -1: a future word, else (Russian) a perfective verb in
    the present form («начнут», «поступит»), as pymorphy tags it."""
    ahead = t.patterns["future"].search(clause)
    if ahead:
        return ahead.start()
    verbs = t.patterns.get("future_verb")
    for m in verbs.finditer(clause.lower()) if verbs else ():
        if "futr" in grammemes(m.group()):
            return m.start()
    return -1


def _is_future(text: str, m: re.Match, t: _Tables) -> bool:
    # "said on Tuesday it would give": the day is the saying's, whatever the clause promises
    clause = _clause(text, m.start(), m.end(), t)
    at = _future_at(clause, t)
    # "On Tuesday, X said it would …": a day before the saying is the saying's; not "X said the
    # schools would open in September", where the day comes after the promise
    spoken = t.patterns["said_word"].search(clause, 0, at) if at >= 0 else None
    opener = spoken is not None and text.find(clause) >= 0 and m.start() < text.find(clause) + spoken.start()
    return at >= 0 and not t.patterns["said_before"].search(text, 0, m.start()) and not opener


# -- finding ------------------------------------------------------------------------------------
def _relation(text: str, t: _Tables) -> str | None:
    return next((relation for pattern, relation in t.relations if pattern.match(text)), None)


def _mention(rule: _Rule, m: re.Match, text: str, t: _Tables, published: dt.date | None,
             anchor: dt.date | None, offset: int) -> DateMention | None:
    """The match resolved, or None when it cannot be (no publication date to lean on, a bad day)."""
    resolve, alone = _RESOLVERS[rule.value]
    if published is None and not (alone == "always" or alone == "year" and m["year"]):
        return None
    context = _Context(t, published or dt.date.today(), anchor, _is_future(text, m, t))
    try:
        value, kind = resolve(m, context)
    except (ValueError, KeyError, TypeError):
        return None
    return DateMention(offset + m.start(), offset + m.end(), m.group(0).strip(), value, kind,
                       rule.relation or _relation(m.group(0), t))


def _named_by_weekday(found: list[DateMention], text: str, offset: int, t: _Tables) -> list[DateMention]:
    """«в среду, 9 сентября», "on Wednesday, September 9": the weekday names the date after it, one mention."""
    weekday, glue = t.patterns["weekday_word"], t.patterns["weekday_glue"]
    days = [d for d in found if d.kind == "day" and not weekday.search(d.text)]
    return [d for d in found if not (weekday.search(d.text) and any(
        0 <= e.start - d.end <= 3 and glue.fullmatch(text[d.end - offset:e.start - offset]) for e in days))]


def find_dates(text: str, language: str, published: str | dt.date | None,
               anchor: dt.date | None = None, offset: int = 0) -> list[DateMention]:
    """Date mentions in `text` (one sentence, usually), resolved; offsets shifted by `offset`.

    Without a publication date only self-contained expressions ("August 25, 2025", "in 2026") resolve.
    """
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    t = _tables(language)
    features = t.features(text)
    if not features - {"digit"}:
        return []  # most sentences name no date: one word scan instead of every rule
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for rule in t.rules:
        if not rule.needs <= features:
            continue
        for m in rule.pattern.finditer(text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            mention = _mention(rule, m, text, t, published, anchor, offset)
            if mention is not None:
                taken.append((m.start(), m.end()))
                found.append(mention)
    found.sort(key=lambda d: d.start)
    return _named_by_weekday(found, text, offset, t)


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


def unit_of(word: str, language: str | None) -> str | None:
    """The time unit a word names ("weeks", «дней»): day, week, month, year, quarter or half; None if none."""
    return _tables(language).unit(word)


def number_of(word: str, language: str | None) -> int | None:
    """A count written in digits or words ("12", "two", «две»), or None."""
    return _tables(language).number(word)


def event_offset(phrase: str, language: str | None) -> int | None:
    """The days a relative day counts from an event named right after it ("the day before the signing": -1),
    or None when the phrase is not one that can."""
    row = _tables(language).relative_days.get(_phrase(phrase).replace("ё", "е"))
    return row[0] if row is not None and row[2] else None
