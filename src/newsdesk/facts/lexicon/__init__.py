"""The words the fact rules use, as data: `lexicon/<language>/<name>.tsv`, loaded once, validated on load.

A file is a table. Lines starting with `#` and blank lines are skipped. The first other line is the
header: tab-separated column names, each with an optional type after a colon and a `?` when the
column may be left empty:

    word            free text
    frame:report|announce|deny      one of the listed values
    month:int       an integer;  weight:float  a number
    pattern:regex   a regular expression, compiled on load; it may name other lists of the same
                    language as `%name` (every key of name.tsv) or `%name.column=value` (the keys whose
                    column holds that value), which become a group of alternatives, longest first

The first column is the key: unique within the file. A row has at most as many fields as the header;
missing trailing fields count as empty. A mistake (an unknown value, a bad number, a regex that does
not compile, a duplicate key, a list that does not exist) is a LexiconError naming the file and line.

    from newsdesk.facts.lexicon import lexicon
    en = lexicon("en")
    en.words("speech", frame="report")     # frozenset of keys
    en.mapping("months", "number")         # key -> value of a column
    en.rows("speech")                      # every row, as Row (a mapping with .line)
    en.pattern("said_before")              # a compiled regex of patterns.tsv, by its key
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ...errors import NewsdeskError

ROOT = Path(__file__).resolve().parent
_REFERENCE = re.compile(r"%([a-z_]+)(?:\.([a-z_]+)=([\w-]+))?")
_FLAGS = {"i": re.IGNORECASE, "x": re.VERBOSE, "m": re.MULTILINE, "s": re.DOTALL}


class LexiconError(NewsdeskError):
    """A lexicon file that cannot be read as written."""


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # "text" | "choice" | "int" | "float" | "regex"
    choices: frozenset[str] = frozenset()
    optional: bool = False

    @classmethod
    def parse(cls, spec: str) -> "Column":
        optional = spec.endswith("?")
        name, _, kind = spec.rstrip("?").partition(":")
        if kind in ("", "text"):
            return cls(name, "text", optional=optional)
        if kind in ("int", "float", "regex"):
            return cls(name, kind, optional=optional)
        return cls(name, "choice", frozenset(kind.split("|")), optional)


class Row(dict):
    """One entry: column name -> value (str, int, float, a regex's source; None where left empty)."""

    __slots__ = ("file", "line")  # two thousand rows: no per-row attribute dict

    @property
    def key(self) -> str:
        return next(iter(self.values()))


@dataclass
class Table:
    name: str
    path: Path
    columns: list[Column]
    rows: list[Row]


def _where(path: Path, line: int) -> str:
    try:
        return f"{path.relative_to(ROOT.parent.parent.parent)}:{line}"
    except ValueError:
        return f"{path}:{line}"


def _value(column: Column, raw: str, path: Path, line: int) -> Any:
    if raw == "":
        if not column.optional:
            raise LexiconError(f"{_where(path, line)}: column '{column.name}' is empty")
        return None
    if column.kind == "choice" and raw not in column.choices:
        raise LexiconError(f"{_where(path, line)}: '{raw}' is not a {column.name} "
                           f"(one of {', '.join(sorted(column.choices))})")
    if column.kind in ("int", "float"):
        try:
            return int(raw) if column.kind == "int" else float(raw)
        except ValueError:
            raise LexiconError(f"{_where(path, line)}: {column.name} '{raw}' is not a number") from None
    return raw


def table_lines(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(line number, tab-separated fields) of every line of a TSV table that is not blank or a comment;
    the lexicons and the test-case tables are both read this way."""
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text.strip() and not text.lstrip().startswith("#"):
            yield number, text.split("\t")


def read_table(path: Path) -> Table:
    """One file, checked line by line (regexes are checked once every list of the language is read)."""
    columns: list[Column] | None = None
    rows: list[Row] = []
    keys: dict[str, int] = {}
    for number, fields in table_lines(path):
        if columns is None:
            columns = [Column.parse(spec.strip()) for spec in fields]
            continue
        if len(fields) > len(columns):
            raise LexiconError(f"{_where(path, number)}: {len(fields)} fields, the header has {len(columns)}")
        fields += [""] * (len(columns) - len(fields))
        row = Row((c.name, _value(c, f.strip(), path, number)) for c, f in zip(columns, fields))
        row.file, row.line = path.name, number
        if row.key in keys:
            raise LexiconError(f"{_where(path, number)}: '{row.key}' is already on line {keys[row.key]}")
        keys[row.key] = number
        rows.append(row)
    if columns is None:
        raise LexiconError(f"{_where(path, 1)}: no header line")
    return Table(path.stem, path, columns, rows)


def alternation(words: list[str]) -> str:
    """A group matching any of the words, longest first (so "prime minister" wins over "prime")."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w))) + ")"


class Lexicon:
    """Every table of one language, with one way to ask for words, values and patterns."""

    def __init__(self, language: str, folder: Path) -> None:
        if not folder.is_dir():
            raise LexiconError(f"no lexicon for language '{language}' ({folder})")
        self.language = language
        self.tables = {p.stem: read_table(p) for p in sorted(folder.glob("*.tsv"))}
        self._patterns: dict[tuple[str, str, str], re.Pattern] = {}  # (table, key, column) -> regex
        for table in self.tables.values():
            for column in (c for c in table.columns if c.kind == "regex"):
                for row in table.rows:
                    if row[column.name] is not None:
                        self._compile(table, row, column.name)

    def table(self, name: str) -> Table:
        try:
            return self.tables[name]
        except KeyError:
            raise LexiconError(f"no lexicon list '{name}' for language '{self.language}'") from None

    def rows(self, name: str, **where: Any) -> list[Row]:
        table = self.table(name)
        for column in where:
            if column not in {c.name for c in table.columns}:
                raise LexiconError(f"{_where(table.path, 1)}: no column '{column}'")
        return [r for r in table.rows if all(r[c] == v for c, v in where.items())]

    def words(self, name: str, **where: Any) -> frozenset[str]:
        return frozenset(r.key for r in self.rows(name, **where))

    def mapping(self, name: str, column: str, **where: Any) -> dict[str, Any]:
        rows = self.rows(name, **where)
        if rows and column not in rows[0]:
            raise LexiconError(f"{_where(self.table(name).path, 1)}: no column '{column}'")
        return {r.key: r[column] for r in rows}

    def alternation(self, name: str, **where: Any) -> str:
        return alternation(list(self.words(name, **where)))

    def pattern(self, key: str, table: str = "patterns", column: str = "pattern") -> re.Pattern:
        """The compiled regex of a row (by its key) of a table with a regex column."""
        compiled = self._patterns.get((table, key, column))
        if compiled is None:
            row = next((r for r in self.table(table).rows if r.key == key), None)
            if row is None:
                raise LexiconError(f"no pattern '{key}' in {self.language}/{table}.tsv")
            compiled = self._compile(self.table(table), row, column)
        return compiled

    def _compile(self, table: Table, row: Row, column: str) -> re.Pattern:
        where = _where(table.path, row.line)

        def expand(m: re.Match) -> str:
            name, col, value = m.groups()
            if name not in self.tables:
                raise LexiconError(f"{where}: the pattern names a list '%{name}' that does not exist")
            words = self.words(name, **({col: value} if col else {}))
            if not words:
                raise LexiconError(f"{where}: '%{m.group(0)[1:]}' is an empty list")
            return alternation(list(words))

        flags = 0
        for letter in row.get("flags") or "":
            if letter not in _FLAGS:
                raise LexiconError(f"{where}: unknown regex flag '{letter}' (one of {''.join(_FLAGS)})")
            flags |= _FLAGS[letter]
        try:
            compiled = re.compile(_REFERENCE.sub(expand, row[column]), flags)
        except re.error as exc:
            raise LexiconError(f"{where}: the pattern does not compile: {exc}") from None
        self._patterns[(table.name, row.key, column)] = compiled
        return compiled


LANGUAGES = ("en", "ru")


@lru_cache(maxsize=4)
def _load(language: str) -> Lexicon:
    return Lexicon(language, ROOT / language)


def lexicon(language: str | None) -> Lexicon:
    """The lexicon of a language, loaded and validated once per process. Pages in a language with no
    lexicon of its own are read with the English rules, as the parse of them is."""
    return _load(language if language in LANGUAGES else "en")
