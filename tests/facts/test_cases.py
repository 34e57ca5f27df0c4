"""Behaviour of the facts extractor as tables: every row of tests/facts/cases/{en,ru}/*.tsv is one test.

A row gives a short text we wrote, the fact kind (the file's name) and the fields one fact of that
kind must have in `newsdesk.read(text, format="clean", lang=..., published=...)`; the format and the
matching rules are in tests/facts/cases/README.md. Only the public API is used, so the rows survive
any re-layering of `newsdesk.facts`: they say what the extractor finds, not how.
"""
from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import newsdesk
from newsdesk.facts.lexicon import table_lines

CASES = Path(__file__).resolve().parent / "cases"
LANGUAGES = ("en", "ru")
COLUMNS = ("id", "text", "expect", "published", "note")
REQUIRED = ("id", "text", "expect")
_ID = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_CONDITION = re.compile(r"\s*([a-z_]+)\s*(!=|\^=|\$=|\*=|=)(.*)\Z", re.S)

# field -> kind of value: str, name (str compared on its part before " (" unless the row gives one),
# num (float, relative tolerance), bool, int, list (of str: some element must match), names (a list of names)
_QUOTE_FIELDS = {"speaker": "name", "speaker_entity": "name", "type": "str", "cue": "str", "content": "str",
                 "sentence": "str", "block": "str"}
_PLEDGE_FIELDS = {"donor": "name", "recipient": "name", "value": "num", "currency": "str", "approximate": "bool",
                  "upper_bound": "bool", "amount": "str", "purpose": "str", "period": "str", "sentence": "str",
                  "block": "str"}
_EVENT_FIELDS = {"type": "str", "date": "str", "date_text": "str", "who": "names", "where": "str", "sentence": "str",
                 "block": "str"}
FIELDS: dict[str, dict[str, str]] = {
    "entities": {"name": "str", "type": "str", "role": "str", "affiliation": "name", "alias": "list",
                 "mention": "list", "mention_count": "int"},
    "quotes": _QUOTE_FIELDS,
    "pledges": _PLEDGE_FIELDS,
    "events": _EVENT_FIELDS,
    "dates": _EVENT_FIELDS,  # dates are checked on the events that carry them: read() exposes them there
    "amounts": _PLEDGE_FIELDS,  # amounts likewise on the pledges that carry them
}
NULL = "null"
REL_TOL = 1e-6


class MalformedRow(ValueError):
    pass


@dataclass(frozen=True)
class Condition:
    field: str
    op: str  # "=", "!=", "^=" (starts with), "$=" (ends with), "*=" (contains)
    value: str

    def __str__(self) -> str:
        return f"{self.field}{self.op}{self.value}"


@dataclass
class Case:
    path: Path
    line: int
    id: str
    lang: str
    kind: str
    text: str
    published: str | None
    negative: bool = False  # "no: ..." - no fact of the kind matches the conditions
    count: int | None = None  # "count=N; ..." - exactly N facts match the conditions
    conditions: list[Condition] = field(default_factory=list)
    note: str = ""
    error: str | None = None  # a malformed row: the test fails with this message

    @property
    def test_id(self) -> str:
        return f"{self.lang}/{self.path.name}::{self.id}"

    @property
    def where(self) -> str:
        root = CASES.parent.parent.parent
        path = self.path.relative_to(root) if self.path.is_relative_to(root) else self.path
        return f"{path}:{self.line}"


# -- loading ----------------------------------------------------------------------------------------

def unescape(text: str) -> str:
    r"""`\n` newline, `\t` tab, `\\` backslash; any other backslash is an error."""
    out, i = [], 0
    while i < len(text):
        c = text[i]
        if c == "\\":
            nxt = text[i + 1:i + 2]
            if nxt not in ("n", "t", "\\"):
                raise MalformedRow(f"unknown escape \\{nxt or '<end>'} (use \\n, \\t or \\\\)")
            out.append({"n": "\n", "t": "\t", "\\": "\\"}[nxt])
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _split_expect(expect: str) -> list[str]:
    r"""Split on ';' that is not escaped as '\;'."""
    parts, current, i = [], [], 0
    while i < len(expect):
        if expect.startswith("\\;", i):
            current.append(";")
            i += 2
        elif expect[i] == ";":
            parts.append("".join(current))
            current = []
            i += 1
        else:
            current.append(expect[i])
            i += 1
    parts.append("".join(current))
    return [p for p in (p.strip() for p in parts) if p]


def parse_expect(expect: str, kind: str) -> tuple[bool, int | None, list[Condition]]:
    text = expect.strip()
    negative = text.startswith("no:")
    if negative:
        text = text[3:]
    elif not text:
        raise MalformedRow("empty expect (write 'no:' for 'no fact of this kind')")
    count, conditions = None, []
    for part in _split_expect(text):
        m = _CONDITION.match(part)
        if not m:
            raise MalformedRow(f"not field=value: {part!r}")
        name, op, value = m.group(1), m.group(2), m.group(3).strip()
        if name == "count":
            if op != "=" or not value.isdigit() or negative or count is not None:
                raise MalformedRow(f"count takes '=N' once, and not in a 'no:' row: {part!r}")
            count = int(value)
            continue
        kinds = FIELDS[kind]
        if name not in kinds:
            raise MalformedRow(f"unknown field {name!r} for {kind} (known: {', '.join(sorted(kinds))})")
        value_kind = kinds[name]
        if value_kind in ("num", "bool", "int") and op not in ("=", "!="):
            raise MalformedRow(f"{name} is a {value_kind}: only = and != apply")
        if value != NULL:
            if value_kind == "num":
                try:
                    float(value)
                except ValueError:
                    raise MalformedRow(f"{name} is a number, not {value!r}") from None
            elif value_kind == "bool" and value not in ("true", "false"):
                raise MalformedRow(f"{name} is true or false, not {value!r}")
            elif value_kind == "int" and not value.isdigit():
                raise MalformedRow(f"{name} is a whole number, not {value!r}")
        if not value and op != "=":
            raise MalformedRow(f"empty value in {part!r}")
        conditions.append(Condition(name, op, unescape(value)))
    if not conditions and not negative and count is None:
        raise MalformedRow("no conditions")
    return negative, count, conditions


def load_file(path: Path, lang: str) -> list[Case]:
    """Every row of one TSV file; a malformed row becomes a Case with `error` set (it fails, naming its line)."""
    kind = path.stem
    cases: list[Case] = []

    def broken(line: int, ident: str, message: str) -> None:
        cases.append(Case(path, line, ident, lang, kind, "", None, error=message))

    if kind not in FIELDS:
        broken(1, "file", f"unknown fact kind {kind!r} (file names: {', '.join(FIELDS)})")
        return cases
    header: list[str] | None = None
    rows: dict[str, Case] = {}
    for number, cells in table_lines(path):
        if header is None:
            header = [c.strip() for c in cells]
            unknown = [c for c in header if c not in COLUMNS]
            missing = [c for c in REQUIRED if c not in header]
            if unknown or missing or len(set(header)) != len(header):
                broken(number, "header", f"bad header {header}: unknown {unknown}, missing {missing}")
                return cases
            continue
        ident = cells[0].strip() if cells else ""
        try:
            if len(cells) > len(header):
                raise MalformedRow(f"{len(cells)} tab-separated cells, the header has {len(header)}")
            row = dict(zip(header, cells + [""] * (len(header) - len(cells))))
            ident = row["id"].strip()
            if not _ID.match(ident):
                raise MalformedRow(f"id {ident!r} is not lower-case words joined by '-'")
            if ident in rows:
                raise MalformedRow(f"id {ident!r} already used on line {rows[ident].line}")
            text = row["text"].strip()
            if text.startswith("@"):
                ref = rows.get(text[1:])
                if ref is None:
                    raise MalformedRow(f"{text!r} names no earlier row of this file")
                text = ref.text
            else:
                text = unescape(text)
            if not text.strip():
                raise MalformedRow("empty text")
            published = row.get("published", "").strip() or None
            if published is not None and not _DATE.match(published):
                raise MalformedRow(f"published {published!r} is not YYYY-MM-DD")
            negative, count, conditions = parse_expect(row["expect"], kind)
        except MalformedRow as exc:
            broken(number, ident if _ID.match(ident or "") else f"line-{number}", str(exc))
            continue
        case = Case(path, number, ident, lang, kind, text, published, negative, count, conditions,
                    row.get("note", "").strip())
        rows[ident] = case
        cases.append(case)
    if header is None:
        broken(1, "header", "no header line")
    return cases


def load_all(root: Path = CASES) -> list[Case]:
    cases = []
    for lang in LANGUAGES:
        for path in sorted((root / lang).glob("*.tsv")):
            cases.extend(load_file(path, lang))
    return cases


# -- matching -------------------------------------------------------------------------------------

def _plain(name: str) -> str:
    """'Germany (Германия)' -> 'Germany': a Russian article's own name may follow in brackets."""
    return name.split(" (")[0].strip()


def field_values(article: newsdesk.Article, kind: str, fact: Any) -> dict[str, Any]:
    """The fields a row can name, for one fact."""
    if kind == "entities":
        return {"name": fact.name, "type": fact.type, "role": fact.role, "affiliation": fact.affiliation,
                "alias": list(fact.aliases), "mention": [article.text[m.start:m.end] for m in fact.mentions],
                "mention_count": len(fact.mentions)}
    values: dict[str, Any] = {"sentence": article.sentence_text(fact.sentence),
                              "block": article.blocks[article.sentences[fact.sentence].block].kind}
    if kind == "quotes":
        names = {e.id: e.name for e in article.entities}
        values.update(speaker=fact.speaker, speaker_entity=names.get(fact.speaker_entity), type=fact.type,
                      cue=fact.cue, content=fact.content)
    elif kind in ("pledges", "amounts"):
        amount = fact.amount
        values.update(donor=fact.donor, recipient=fact.recipient, purpose=fact.purpose, period=fact.period,
                      amount=amount.text if amount else None, value=amount.value if amount else None,
                      currency=amount.currency if amount else None,
                      approximate=amount.approximate if amount else None,
                      upper_bound=amount.upper_bound if amount else None)
    else:
        values.update(type=fact.type, date=fact.date, date_text=fact.date_text, who=list(fact.who),
                      where=fact.where)
    return values


def _one_matches(actual: Any, op: str, expected: str, value_kind: str) -> bool:
    """One actual scalar against one expected value (op is never '!=' here)."""
    if expected == NULL:
        return actual is None
    if actual is None:
        return False
    if value_kind == "num":
        return math.isclose(float(actual), float(expected), rel_tol=REL_TOL)
    if value_kind == "bool":
        return bool(actual) == (expected == "true")
    if value_kind == "int":
        return int(actual) == int(expected)
    actual = str(actual).strip()
    if value_kind == "name" and " (" not in expected:
        actual = _plain(actual)
    if op == "=":
        return actual == expected
    if op == "^=":
        return actual.startswith(expected)
    if op == "$=":
        return actual.endswith(expected)
    return expected in actual  # "*="


def condition_holds(values: dict[str, Any], condition: Condition, kind: str) -> bool:
    value_kind = FIELDS[kind][condition.field]
    actual = values[condition.field]
    positive = "=" if condition.op == "!=" else condition.op
    if value_kind in ("list", "names"):
        if condition.value == NULL:
            hit = not actual
        else:
            each = "name" if value_kind == "names" else "str"
            hit = any(_one_matches(a, positive, condition.value, each) for a in actual)
    else:
        hit = _one_matches(actual, positive, condition.value, value_kind)
    return not hit if condition.op == "!=" else hit


def facts_of(article: newsdesk.Article, kind: str) -> list[Any]:
    return {"entities": article.entities, "quotes": article.quotes, "pledges": article.pledges,
            "events": article.events, "dates": article.events, "amounts": article.pledges}[kind]


def check(case: Case, article: newsdesk.Article) -> str | None:
    """None when the row holds, else what went wrong (with every fact of the kind, to fix it fast)."""
    all_values = [field_values(article, case.kind, f) for f in facts_of(article, case.kind)]
    matching = [v for v in all_values if all(condition_holds(v, c, case.kind) for c in case.conditions)]
    wanted = "; ".join(map(str, case.conditions)) or "(any)"
    if case.negative:
        if not matching:
            return None
        problem = f"expected no {case.kind} fact with {wanted}, found {len(matching)}"
    elif case.count is not None:
        if len(matching) == case.count:
            return None
        problem = f"expected exactly {case.count} {case.kind} facts with {wanted}, found {len(matching)}"
    else:
        if matching:
            return None
        problem = f"no {case.kind} fact has {wanted}"
    shown = "\n".join(f"  - {_short(v)}" for v in all_values) or "  (none)"
    return f"{case.where} [{case.test_id}]: {problem}\n{case.kind} found:\n{shown}"


def _short(values: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v!r}" for k, v in values.items() if k not in ("block",) and v not in (None, [], ""))


@functools.lru_cache(maxsize=None)
def read_cached(text: str, lang: str, published: str | None) -> newsdesk.Article:
    """One parse per unique (text, language, publication date): rows sharing a text share a read."""
    return newsdesk.read(text, format="clean", lang=lang, published=published)


# -- the tests ------------------------------------------------------------------------------------

ALL_CASES = load_all()


@pytest.mark.parametrize("case", ALL_CASES, ids=[c.test_id for c in ALL_CASES])
def test_case(case: Case):
    if case.error:
        pytest.fail(f"{case.where}: malformed row: {case.error}", pytrace=False)
    problem = check(case, read_cached(case.text, case.lang, case.published))
    if problem:
        pytest.fail(problem + (f"\nnote: {case.note}" if case.note else ""), pytrace=False)


def test_the_table_is_broad():
    """The tables cover both languages and every kind, and no row is silently lost."""
    ok = [c for c in ALL_CASES if not c.error]
    by_lang = {lang: sum(1 for c in ok if c.lang == lang) for lang in LANGUAGES}
    assert sum(by_lang.values()) >= 150 and by_lang["ru"] * 3 >= sum(by_lang.values()), by_lang
    for lang in LANGUAGES:
        assert {"entities", "quotes", "pledges", "events"} <= {c.kind for c in ok if c.lang == lang}, lang


def test_malformed_rows_fail_naming_file_and_line(tmp_path):
    folder = tmp_path / "cases" / "en"
    folder.mkdir(parents=True)
    (folder / "pledges.tsv").write_text(
        "# a comment\n"
        "id\ttext\texpect\tpublished\tnote\n"
        "good\tChile will give $5 million.\tdonor=Chile; value=5e6\t2026-03-12\n"
        "good\tdup id.\tdonor=Chile\n"
        "typo\tChile gives.\tdonr=Chile\n"
        "Bad Id\tChile gives.\tdonor=Chile\n"
        "badnum\tChile gives.\tvalue=five\n"
        "baddate\tChile gives.\tdonor=Chile\t12.03.2026\n"
        "ref\t@nowhere\tdonor=Chile\n"
        "esc\tChile\\q gives.\tdonor=Chile\n"
        "empty\tChile gives.\t\n"
        "toomany\ta\tdonor=Chile\t\t\textra\n", encoding="utf-8")
    (folder / "gossip.tsv").write_text("id\ttext\texpect\n", encoding="utf-8")
    cases = load_all(tmp_path / "cases")
    errors = {(c.path.name, c.line): c.error for c in cases if c.error}
    assert [c.id for c in cases if not c.error] == ["good"]
    assert set(errors) == {("gossip.tsv", 1), *(("pledges.tsv", n) for n in range(4, 13))}
    assert "already used on line 3" in errors[("pledges.tsv", 4)]
    assert "unknown field 'donr'" in errors[("pledges.tsv", 5)]
    good = next(c for c in cases if c.id == "good")
    assert good.test_id == "en/pledges.tsv::good" and good.published == "2026-03-12"


def test_the_matcher_is_strict_enough_to_lose_a_fact():
    """Matching rules on a hand-built article: a changed amount, donor or date fails the row."""
    from newsdesk.model import Amount, Article, Block, Event, Pledge, Sentence, Source

    text = "Berlin will give €5 million."
    article = Article(source=Source(None, None, "text", ""), language="ru", text=text, blocks=[Block("lead", 0, 28)],
                      sentences=[Sentence(0, 28, 0)],
                      pledges=[Pledge("Germany (Германия)", None, Amount("€5 million", 5e6, "EUR"), None, None, 0)],
                      events=[Event("pledge", "2026", "in 2026", ["Germany"], None, 0)])

    def holds(kind: str, expect: str) -> bool:
        negative, count, conditions = parse_expect(expect, kind)
        case = Case(Path("x.tsv"), 1, "x", "ru", kind, text, None, negative, count, conditions)
        return check(case, article) is None

    assert holds("pledges", "donor=Germany; value=5000000; currency=EUR; recipient=null; approximate=false")
    assert holds("pledges", "donor=Germany (Германия)") and not holds("pledges", "donor=Germany (Berlin)")
    assert not holds("pledges", "donor=Germany; value=5100000")
    assert not holds("pledges", "donor=Germ") and holds("pledges", "donor^=Germ")
    assert holds("pledges", "count=1; currency=EUR") and not holds("pledges", "count=2; currency=EUR")
    assert holds("pledges", "no: donor=France") and not holds("pledges", "no:")
    assert holds("pledges", "no: donor!=Germany") and holds("pledges", "sentence*=will give")
    assert holds("dates", "date=2026; who=Germany") and not holds("dates", "date=2026-01")
    assert holds("dates", "who!=France") and not holds("dates", "who=null")
