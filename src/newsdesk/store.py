"""SQLite (FTS5) corpus of Articles: the only module that writes SQL.

One file holds articles (with the full article JSON, so `get_article` round-trips exactly),
entities merged across articles (Sergey Lavrov = Sergei Lavrov = Сергей Лавров), their mentions,
quotations, pledges, events, the pages that failed, and a full-text index over article text and
quotation content. The index stores word stems (Snowball, Russian and English) in a shadow column,
and queries are stemmed the same way, so «гарантии» finds «гарантий» and "pledged" finds "pledges".

Safety: WAL mode, one transaction per article, so a process killed at any moment leaves every
article either fully stored or absent; readers (the web app) never block the writer.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .errors import InputError, NewsdeskError
from .model import Article

DB_ENV = "NEWSDESK_DB"
RANK_WINDOW = 2000  # matches scored per search at most (the newest), before widening for filters
DEFAULT_DB_NAME = "newsdesk.db"


def default_db_path() -> Path:
    """Where every command finds the corpus: $NEWSDESK_DB, else ./newsdesk.db."""
    return Path(os.environ.get(DB_ENV) or DEFAULT_DB_NAME)


def pipeline_version() -> str:
    """The version stored with each article; a different one makes ingest extract the page again."""
    from . import __version__

    return __version__


# ---------------------------------------------------------------------------------------------
# Rows handed to the CLI and the web (plain dataclasses; dicts only at the JSON edge)
# ---------------------------------------------------------------------------------------------

@dataclass
class ArticleRow:
    id: int
    title: str | None
    snippet: str
    language: str
    published: str | None
    source: str | None  # path or URL
    added_at: str
    n_quotes: int
    n_pledges: int


@dataclass
class SearchHit:
    article_id: int
    title: str | None
    snippet: str
    score: float  # higher = better (negated bm25)
    language: str
    published: str | None
    kind: str  # "article" | "quote"
    marks: list[tuple[int, int]] = field(default_factory=list)  # matched words, offsets into snippet


@dataclass
class PledgeRow:
    article_id: int
    sentence: int
    sentence_text: str
    donor: str  # canonical across articles when the donor is a known entity
    recipient: str | None
    amount_text: str | None
    value: float | None
    currency: str | None
    approximate: bool
    purpose: str | None
    period: str | None
    published: str | None


@dataclass
class TotalRow:
    key: str
    currency: str
    total: float
    count: int  # distinct pledges summed (the same pledge reported twice counts once)
    converted: float | None = None  # in the rate table's base currency, only with --rates
    base: str | None = None


@dataclass
class QuoteRow:
    article_id: int
    sentence: int
    speaker: str | None  # canonical across articles
    cue: str | None
    type: str
    content: str
    published: str | None


@dataclass
class EventRow:
    article_id: int
    sentence: int
    sentence_text: str
    type: str
    date: str | None
    date_text: str | None
    who: list[str]
    where: str | None
    published: str | None


@dataclass
class FailureRow:
    source: str
    reason: str
    at: str


# ---------------------------------------------------------------------------------------------
# Stems for the full-text index
# ---------------------------------------------------------------------------------------------

_WORD = re.compile(r"\w+", re.UNICODE)
_CYR = re.compile(r"[а-яё]")


@lru_cache(maxsize=None)
def _stemmer(language: str):
    import snowballstemmer

    return snowballstemmer.stemmer(language)


def _stem(word: str) -> str:
    if _CYR.search(word):
        return _stemmer("russian").stemWord(word)
    if word.isascii() and word.isalpha():
        return _stemmer("english").stemWord(word)
    return word


_STEMS: dict[str, str] = {}  # lower-cased word -> stem; news reuses words, so this saves most stemming


def stem_word(word: str) -> str:
    """One word -> its Snowball stem (lower-cased, ё = е); the script picks Russian or English."""
    word = word.lower().replace("ё", "е")
    stem = _STEMS.get(word)
    if stem is None:
        if len(_STEMS) > 1_000_000:
            _STEMS.clear()
        stem = _STEMS[word] = _stem(word)
    return stem


def stem_text(text: str) -> str:
    """Text -> space-separated stems, the shadow column the index searches."""
    get, out = _STEMS.get, []
    for word in _WORD.findall(text.lower().replace("ё", "е")):
        stem = get(word)
        if stem is None:
            stem = stem_word(word)
        out.append(stem)
    return " ".join(out)


def fts_query(query: str) -> str:
    """A user's query -> an FTS5 MATCH expression over stems.

    Words are ANDed; "double quotes" keep a phrase; OR between words is kept; a trailing * is a
    prefix search. Everything else is literal, so no user input is an FTS5 syntax error.
    """
    parts: list[str] = []
    for m in re.finditer(r'"([^"]*)"|(\S+)', query):
        if m.group(1) is not None:
            stems = [stem_word(w) for w in _WORD.findall(m.group(1))]
            if stems:
                parts.append('"' + " ".join(stems) + '"')
            continue
        token = m.group(2)
        if token == "OR" and parts and parts[-1] != "OR":
            parts.append("OR")
            continue
        prefix = token.endswith("*")
        for word in _WORD.findall(token):
            stem = stem_word(word)
            parts.append(f'"{stem}"*' if prefix else f'"{stem}"')
    while parts and parts[-1] == "OR":
        parts.pop()
    if not parts:
        raise InputError(f"{query!r}: nothing to search for (give a word)")
    return " ".join(parts)


def _match_stems(match: str) -> set[str]:
    """The stems in an FTS5 expression made by fts_query ('stem*' for a prefix)."""
    out: set[str] = set()
    for m in re.finditer(r'"([^"]*)"(\*?)', match):
        out.update(word + m.group(2) for word in m.group(1).split())
    return out


def _head(stem: str) -> str:
    return stem if _CYR.search(stem) or len(stem) <= 3 else stem[:-1]


def _matcher(query_stems: set[str]):
    """A function finding the words of a text whose stem matches the query, fast: a regex of the
    stems' first letters finds candidates (a stem is nearly a prefix of its word), stemming confirms."""
    exact = {q for q in query_stems if not q.endswith("*")}
    prefixes = tuple(q[:-1] for q in query_stems if q.endswith("*"))
    # Russian stems are prefixes of their words; English ones may differ in the last letter
    # (happy -> happi, possibility -> possibl)
    heads = sorted({_head(q.rstrip("*")) for q in query_stems if q.rstrip("*")}, key=len, reverse=True)
    if not heads:
        return lambda text: []
    anycase = re.compile(r"\b(?:" + "|".join(re.escape(h) for h in heads) + r")\w*", re.IGNORECASE)

    def confirm(word: str) -> bool:
        stem = stem_word(word)
        return stem in exact or bool(prefixes and stem.startswith(prefixes))

    def find(text: str) -> list[tuple[int, int]]:
        low = text.lower().replace("ё", "е")
        if len(low) != len(text):  # lower-casing moved offsets (rare scripts): the slower regex
            return [(m.start(), m.end()) for m in anycase.finditer(text) if confirm(m.group())]
        out = set()
        for head in heads:  # str.find is a C scan; a regex alternation with \b is ten times slower
            pos = low.find(head)
            while pos >= 0:
                if pos == 0 or not (low[pos - 1].isalnum() or low[pos - 1] == "_"):
                    word = _WORD.match(low, pos)
                    if confirm(word.group()):
                        out.add((pos, word.end()))
                pos = low.find(head, pos + 1)
        return sorted(out)

    return find


def make_snippet(text: str, query_stems: set[str], width: int = 220) -> tuple[str, list[tuple[int, int]]]:
    """A window of `text` around the densest run of query words, with the words' offsets."""
    find = _matcher(query_stems)
    hits = find(text)
    if not hits:
        start = 0
    else:
        best, best_count = hits[0][0], 0
        for s, _ in hits:
            count = sum(1 for h, _ in hits if s <= h < s + width)
            if count > best_count:
                best, best_count = s, count
        start = max(0, best - width // 4)
        # begin on a word boundary
        while start > 0 and not text[start - 1].isspace():
            start -= 1
    end = min(len(text), start + width)
    while end < len(text) and not text[end].isspace() and end - start < width + 30:
        end += 1
    body = " ".join(text[start:end].split())
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    snippet = prefix + body + suffix
    marks = find(snippet)
    return snippet, marks


# ---------------------------------------------------------------------------------------------
# Names merged across articles
# ---------------------------------------------------------------------------------------------

_FOLDS = [("kh", "h"), ("zh", "j"), ("ts", "c"), ("ks", "x"), ("y", "i"), ("ii", "i"), ("ie", "e")]


@lru_cache(maxsize=50_000)
def name_key(name: str) -> str:
    """A spelling-independent key: 'Sergey Lavrov', 'Sergei Lavrov' and «Сергей Лавров» agree.

    Transliterate to ASCII (anyascii), lower-case, then fold the spellings that romanisations of
    the same Russian name disagree on (y/i, kh/h, doubled letters, a word-initial Ye/E).
    """
    from anyascii import anyascii

    words = []
    for word in re.findall(r"[a-z]+", anyascii(name).lower()):
        for a, b in _FOLDS:
            word = word.replace(a, b)
        word = re.sub(r"(.)\1+", r"\1", word)
        if word.startswith("ie"):
            word = word[1:]
        words.append(word)
    return " ".join(words)


def _surname_key(name: str) -> str:
    key = name_key(name)
    return key.rsplit(" ", 1)[-1] if key else ""


def _has_cyrillic(text: str) -> bool:
    return bool(re.search(r"[А-Яа-яЁё]", text))


def _better_name(current: str, new: str) -> bool:
    """Prefer more words (a full name over a surname), then Latin script for a shared display."""
    cw, nw = len(current.split()), len(new.split())
    if nw != cw:
        return nw > cw
    return _has_cyrillic(current) and not _has_cyrillic(new)


# ---------------------------------------------------------------------------------------------
# Schema: versioned migrations (PRAGMA user_version = number of migrations applied)
# ---------------------------------------------------------------------------------------------

MIGRATIONS: list[str] = [
    # 1: the corpus
    """
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL UNIQUE,
        pipeline_version TEXT NOT NULL,
        source_path TEXT,
        source_url TEXT,
        source_format TEXT,
        language TEXT NOT NULL,
        title TEXT,
        published TEXT,
        text TEXT NOT NULL,
        blocks TEXT NOT NULL,        -- JSON list, as in the article contract
        sentences TEXT NOT NULL,     -- JSON list
        doc TEXT NOT NULL,           -- the article JSON less text, blocks, sentences (columns above):
                                     -- together they round-trip to_dict exactly
        n_quotes INTEGER NOT NULL DEFAULT 0,
        n_pledges INTEGER NOT NULL DEFAULT 0,
        added_at TEXT NOT NULL
    );
    CREATE INDEX articles_published ON articles(published);
    CREATE INDEX articles_language ON articles(language, id);

    CREATE TABLE entities (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,          -- canonical display name
        type TEXT NOT NULL,
        key TEXT NOT NULL,           -- name_key(name)
        surname_key TEXT NOT NULL,
        role TEXT,
        affiliation TEXT
    );
    CREATE INDEX entities_key ON entities(type, key);
    CREATE INDEX entities_surname ON entities(type, surname_key);
    CREATE TABLE entity_aliases (
        entity_id INTEGER NOT NULL REFERENCES entities(id),
        alias TEXT NOT NULL,
        key TEXT NOT NULL,
        UNIQUE (entity_id, alias)
    );
    CREATE INDEX entity_aliases_key ON entity_aliases(key);

    CREATE TABLE mentions (
        article_id INTEGER NOT NULL REFERENCES articles(id),
        entity_id INTEGER NOT NULL REFERENCES entities(id),
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        sentence INTEGER
    );
    CREATE INDEX mentions_article ON mentions(article_id);
    CREATE INDEX mentions_entity ON mentions(entity_id);

    CREATE TABLE quotes (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id),
        sentence INTEGER NOT NULL,
        speaker TEXT,
        speaker_entity INTEGER REFERENCES entities(id),
        cue TEXT,
        type TEXT NOT NULL,
        content TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL
    );
    CREATE INDEX quotes_article ON quotes(article_id);
    CREATE INDEX quotes_speaker ON quotes(speaker_entity);

    CREATE TABLE pledges (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id),
        sentence INTEGER NOT NULL,
        sentence_text TEXT NOT NULL, -- provenance, copied so the tracker never parses sentence lists
        donor TEXT NOT NULL,
        donor_entity INTEGER REFERENCES entities(id),
        recipient TEXT,
        recipient_entity INTEGER REFERENCES entities(id),
        amount_text TEXT,
        value REAL,
        currency TEXT,
        approximate INTEGER NOT NULL DEFAULT 0,
        purpose TEXT,
        period TEXT
    );
    CREATE INDEX pledges_article ON pledges(article_id);
    CREATE INDEX pledges_donor ON pledges(donor_entity);

    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id),
        sentence INTEGER NOT NULL,
        sentence_text TEXT NOT NULL,
        type TEXT NOT NULL,
        date TEXT,
        date_text TEXT,
        who TEXT NOT NULL,           -- JSON list of names
        place TEXT
    );
    CREATE INDEX events_article ON events(article_id);
    CREATE INDEX events_date ON events(date);

    CREATE TABLE failures (
        source TEXT NOT NULL,
        reason TEXT NOT NULL,
        at TEXT NOT NULL,
        UNIQUE (source, reason)
    );

    -- one row per searchable thing (an article, a quotation); its id is the FTS rowid
    CREATE TABLE search_docs (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id),
        kind TEXT NOT NULL,          -- 'article' | 'quote'
        quote_id INTEGER
    );
    CREATE INDEX search_docs_article ON search_docs(article_id);
    -- contentless: the stems are derived from stored text, so storing them again would double the file
    -- lang: the article's language as one token, so a language filter is part of the match
    CREATE VIRTUAL TABLE search_fts USING fts5(title, body, lang, content = '',
                                               tokenize = 'unicode61 remove_diacritics 0');
    """,
    # 2: each fact kept once. Quotes, pledges and events live only in their tables, with every field of
    # the contract; articles.doc no longer repeats them (rows written before keep theirs in doc, and are
    # read from it).
    """
    ALTER TABLE quotes ADD COLUMN speaker_ref TEXT;      -- the article's own entity id ("e3")
    ALTER TABLE quotes ADD COLUMN speaker_native TEXT;
    ALTER TABLE pledges ADD COLUMN donor_ref TEXT;       -- the article's own entity id
    ALTER TABLE pledges ADD COLUMN donor_native TEXT;
    ALTER TABLE pledges ADD COLUMN upper_bound INTEGER NOT NULL DEFAULT 0;
    """,
]

# The fact kinds kept in their own tables only (not in articles.doc).
FACT_TABLES = ("quotes", "pledges", "events")


# ---------------------------------------------------------------------------------------------
# The store
# ---------------------------------------------------------------------------------------------

def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def _since(since: str | None) -> str | None:
    if since is None:
        return None
    try:
        return dt.date.fromisoformat(str(since)[:10]).isoformat()
    except ValueError:
        raise InputError(f"{since!r} is not a date like 2025-08-26") from None


class Store:
    """One SQLite corpus file. Opens or creates it (WAL, migrations); a context manager."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_db_path()
        if self.path.is_dir():
            raise InputError(f"{self.path}: is a directory, not a database file")
        if self.path.parent and not self.path.parent.exists():
            raise InputError(f"{self.path}: folder {self.path.parent} does not exist")
        try:
            # check_same_thread=False: the web app shares one Store across worker threads; the
            # lock below serialises writers, SQLite serialises the rest.
            self.db = sqlite3.connect(str(self.path), timeout=30, check_same_thread=False,
                                      isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
        except sqlite3.DatabaseError as exc:
            raise InputError(f"{self.path}: not a newsdesk database ({exc})") from None
        # NORMAL in WAL survives a killed process (only power loss may drop the last commits).
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.execute("PRAGMA busy_timeout=30000")
        self._lock = threading.RLock()
        self._migrate()

    # -- lifecycle -------------------------------------------------------------------------
    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _migrate(self) -> None:
        with self._lock:
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
            if version > len(MIGRATIONS):
                raise NewsdeskError(f"{self.path}: written by a newer newsdesk (schema {version}); upgrade newsdesk")
            for number in range(version, len(MIGRATIONS)):
                try:
                    self.db.execute("BEGIN IMMEDIATE")
                    for statement in _statements(MIGRATIONS[number]):
                        self.db.execute(statement)
                    self.db.execute(f"PRAGMA user_version = {number + 1}")
                    self.db.execute("COMMIT")
                except sqlite3.DatabaseError as exc:
                    if self.db.in_transaction:
                        self.db.execute("ROLLBACK")
                    raise InputError(f"{self.path}: cannot set up the database ({exc})") from None

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    # -- writing ---------------------------------------------------------------------------
    def known(self, sha256: str, version: str | None = None) -> bool:
        """True when this page content is stored by this pipeline version (ingest can skip it)."""
        row = self.db.execute("SELECT pipeline_version FROM articles WHERE sha256 = ?", (sha256,)).fetchone()
        return row is not None and row[0] == (version or pipeline_version())

    def add_article(self, article: Article, version: str | None = None) -> tuple[int, bool]:
        """Store one article in one transaction -> (article_id, created).

        Idempotent by content hash: the same page stored by the same pipeline version is a no-op
        (created False); stored by another version, its row is kept (same id) and every layer is
        replaced by this extraction.
        """
        with self._transaction() as db:
            return self._add(db, article, version or pipeline_version())

    def add_many(self, articles: Iterable[Article], batch: int = 500, version: str | None = None) -> int:
        """Bulk load (benchmarks, imports): `batch` articles per transaction -> number added."""
        added = 0
        version = version or pipeline_version()
        for chunk in _chunks(articles, batch):
            with self._transaction() as db:
                added += sum(self._add(db, article, version)[1] for article in chunk)
        return added

    def _add(self, db: sqlite3.Connection, article: Article, version: str) -> tuple[int, bool]:
        sha = article.source.sha256
        row = db.execute("SELECT id, pipeline_version FROM articles WHERE sha256 = ?", (sha,)).fetchone()
        if row is not None and row[1] == version:
            return row[0], False
        data = _plain(article)
        text, blocks, sentences = data.pop("text"), data.pop("blocks"), data.pop("sentences")
        for kind in FACT_TABLES:
            del data[kind]  # kept once, in its table (_insert_layers)
        values = dict(
            sha256=sha, pipeline_version=version, source_path=article.source.path,
            source_url=article.source.url, source_format=article.source.format,
            language=article.language, title=article.title, published=article.published, text=text,
            blocks=json.dumps(blocks, ensure_ascii=False), sentences=json.dumps(sentences, ensure_ascii=False),
            doc=json.dumps(data, ensure_ascii=False), n_quotes=len(article.quotes), n_pledges=len(article.pledges),
            added_at=_now(),
        )
        if row is None:
            cols = ", ".join(values)
            marks = ", ".join(f":{k}" for k in values)
            article_id = db.execute(f"INSERT INTO articles ({cols}) VALUES ({marks})", values).lastrowid
            created = True
        else:
            article_id = row[0]
            self._delete_layers(db, article_id)
            sets = ", ".join(f"{k} = :{k}" for k in values if k != "added_at")
            db.execute(f"UPDATE articles SET {sets} WHERE id = :id", {**values, "id": article_id})
            created = False
        self._insert_layers(db, article_id, article)
        # a page that failed before and reads now (a fixed file, a newer pipeline) is no failure
        db.execute("DELETE FROM failures WHERE source IN (?, ?)", (article.source.path or "", article.source.url or ""))
        return article_id, created

    def _delete_layers(self, db: sqlite3.Connection, article_id: int) -> None:
        # A contentless FTS5 row is deleted by giving back the values it was indexed with.
        title, text, lang = db.execute("SELECT title, text, language FROM articles WHERE id = ?",
                                       (article_id,)).fetchone()
        for doc_id, kind, content in db.execute(
                "SELECT d.id, d.kind, q.content FROM search_docs d LEFT JOIN quotes q ON q.id = d.quote_id"
                " WHERE d.article_id = ?", (article_id,)).fetchall():
            values = _article_index(title, text) if kind == "article" else ("", stem_text(content or ""))
            db.execute("INSERT INTO search_fts (search_fts, rowid, title, body, lang)"
                       " VALUES ('delete', ?, ?, ?, ?)", (doc_id, *values, lang))
        for table in ("search_docs", "mentions", "quotes", "pledges", "events"):
            db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))

    def _insert_layers(self, db: sqlite3.Connection, article_id: int, article: Article) -> None:
        local: dict[str, int] = {}  # the article's entity id -> the corpus entity id
        for entity in article.entities:
            global_id = self._resolve_entity(db, entity.name, entity.type, entity.aliases,
                                             entity.role, entity.affiliation)
            local[entity.id] = global_id
            db.executemany("INSERT INTO mentions (article_id, entity_id, start, end, sentence) VALUES (?,?,?,?,?)",
                           [(article_id, global_id, m.start, m.end, m.sentence) for m in entity.mentions])

        def entity_for(name: str | None, local_id: str | None = None) -> int | None:
            if local_id and local_id in local:
                return local[local_id]
            if not name:
                return None
            for entity in article.entities:
                if name == entity.name or name in entity.aliases:
                    return local[entity.id]
            return self._find_entity(db, name)

        doc_id = db.execute("INSERT INTO search_docs (article_id, kind) VALUES (?, 'article')",
                            (article_id,)).lastrowid
        db.execute("INSERT INTO search_fts (rowid, title, body, lang) VALUES (?, ?, ?, ?)",
                   (doc_id, *_article_index(article.title, article.text), article.language))

        for quote in article.quotes:
            quote_id = db.execute(
                "INSERT INTO quotes (article_id, sentence, speaker, speaker_entity, speaker_ref, speaker_native, cue,"
                " type, content, start, end) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (article_id, quote.sentence, quote.speaker, entity_for(quote.speaker, quote.speaker_entity),
                 quote.speaker_entity, quote.speaker_native, quote.cue, quote.type, quote.content, quote.start,
                 quote.end)).lastrowid
            doc_id = db.execute("INSERT INTO search_docs (article_id, kind, quote_id) VALUES (?, 'quote', ?)",
                                (article_id, quote_id)).lastrowid
            db.execute("INSERT INTO search_fts (rowid, title, body, lang) VALUES (?, '', ?, ?)",
                       (doc_id, stem_text(quote.content), article.language))

        def sentence_text(index: int) -> str:
            return article.sentence_text(index) if 0 <= index < len(article.sentences) else ""

        for pledge in article.pledges:
            amount = pledge.amount
            db.execute(
                "INSERT INTO pledges (article_id, sentence, sentence_text, donor, donor_entity, donor_ref, donor_native,"
                " recipient, recipient_entity, amount_text, value, currency, approximate, upper_bound, purpose, period)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (article_id, pledge.sentence, sentence_text(pledge.sentence), pledge.donor,
                 entity_for(pledge.donor, pledge.donor_entity), pledge.donor_entity, pledge.donor_native,
                 pledge.recipient, entity_for(pledge.recipient), amount.text if amount else None,
                 amount.value if amount else None, amount.currency if amount else None,
                 int(bool(amount and amount.approximate)), int(bool(amount and amount.upper_bound)),
                 pledge.purpose, pledge.period))

        db.executemany(
            "INSERT INTO events (article_id, sentence, sentence_text, type, date, date_text, who, place)"
            " VALUES (?,?,?,?,?,?,?,?)",
            [(article_id, e.sentence, sentence_text(e.sentence), e.type, e.date, e.date_text,
              json.dumps(e.who, ensure_ascii=False), e.where) for e in article.events])

    def _find_entity(self, db: sqlite3.Connection, name: str, type: str | None = None) -> int | None:
        """The corpus entity a name refers to, by spelling-independent key, or None."""
        key = name_key(name)
        if not key:
            return None
        sql = ("SELECT e.id FROM entity_aliases a JOIN entities e ON e.id = a.entity_id WHERE a.key = ?"
               + (" AND e.type = ?" if type else "") + " ORDER BY e.id LIMIT 1")
        row = db.execute(sql, (key, type) if type else (key,)).fetchone()
        return row[0] if row else None

    def _resolve_entity(self, db: sqlite3.Connection, name: str, type: str, aliases: list[str],
                        role: str | None, affiliation: str | None) -> int:
        """Find or create the corpus entity for one article entity; record its spellings."""
        names = [name] + [a for a in aliases if a and a != name]
        entity_id = None
        for candidate in names:
            entity_id = self._find_entity(db, candidate, type)
            if entity_id:
                break
        if entity_id is None and type == "PERSON":
            # "Lavrov" alone, or "S. Lavrov": the same person when exactly one known person has
            # that surname and the first names (or initials) do not disagree.
            surname = _surname_key(name)
            first = name_key(name).split(" ")[0] if " " in name_key(name) else ""
            rows = db.execute("SELECT id, key FROM entities WHERE type = 'PERSON' AND surname_key = ?",
                              (surname,)).fetchall()
            compatible = [r[0] for r in rows if not first or " " not in r[1] or r[1].split(" ")[0][:1] == first[:1]]
            if surname and len(compatible) == 1:
                entity_id = compatible[0]
        if entity_id is None:
            entity_id = db.execute(
                "INSERT INTO entities (name, type, key, surname_key, role, affiliation) VALUES (?,?,?,?,?,?)",
                (name, type, name_key(name), _surname_key(name), role, affiliation)).lastrowid
        else:
            current, cur_role, cur_aff = db.execute(
                "SELECT name, role, affiliation FROM entities WHERE id = ?", (entity_id,)).fetchone()
            if _better_name(current, name):
                db.execute("UPDATE entities SET name = ?, key = ?, surname_key = ? WHERE id = ?",
                           (name, name_key(name), _surname_key(name), entity_id))
            if (role and not cur_role) or (affiliation and not cur_aff):
                db.execute("UPDATE entities SET role = COALESCE(role, ?), affiliation = COALESCE(affiliation, ?)"
                           " WHERE id = ?", (role, affiliation, entity_id))
        db.executemany("INSERT OR IGNORE INTO entity_aliases (entity_id, alias, key) VALUES (?,?,?)",
                       [(entity_id, n, name_key(n)) for n in names if name_key(n)])
        return entity_id

    def record_failure(self, source: str, reason: str) -> None:
        """A page that could not be read or stored; the same failure again only updates its time."""
        with self._transaction() as db:
            db.execute("INSERT INTO failures (source, reason, at) VALUES (?, ?, ?)"
                       " ON CONFLICT (source, reason) DO UPDATE SET at = excluded.at", (source, reason, _now()))

    # -- reading ---------------------------------------------------------------------------
    def get_article(self, article_id: int) -> Article | None:
        row = self.db.execute("SELECT doc, text, blocks, sentences FROM articles WHERE id = ?",
                              (article_id,)).fetchone()
        return self._article(article_id, *row) if row else None

    def _article(self, article_id: int, doc: str, text: str, blocks: str, sentences: str) -> Article:
        """The article as stored: its columns, then each fact kind from its table (from doc for rows
        stored before the facts had all their fields there)."""
        data = json.loads(doc)
        data["text"], data["blocks"], data["sentences"] = text, json.loads(blocks), json.loads(sentences)
        for kind in FACT_TABLES:
            if kind not in data:
                data[kind] = self._facts(kind, article_id)
        return Article.from_dict(data)

    def _facts(self, kind: str, article_id: int) -> list[dict]:
        """One article's facts of a kind, in the article's order, as contract dicts."""
        sql, build = _FACT_READERS[kind]
        return [build(row) for row in self.db.execute(sql, (article_id,)).fetchall()]

    def iter_articles(self, batch: int = 500) -> Iterator[tuple[int, Article]]:
        """Every stored article, oldest id first, read in batches (exports of any size)."""
        last = 0
        while True:
            rows = self.db.execute("SELECT id, doc, text, blocks, sentences FROM articles WHERE id > ?"
                                   " ORDER BY id LIMIT ?", (last, batch)).fetchall()
            if not rows:
                return
            for article_id, *columns in rows:
                yield article_id, self._article(article_id, *columns)
            last = rows[-1][0]

    def article_id(self, sha256: str) -> int | None:
        row = self.db.execute("SELECT id FROM articles WHERE sha256 = ?", (sha256,)).fetchone()
        return row[0] if row else None

    def count_articles(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def max_article_id(self) -> int:
        return self.db.execute("SELECT COALESCE(max(id), 0) FROM articles").fetchone()[0]

    def list_articles(self, limit: int = 50, offset: int = 0, lang: str | None = None, since: str | None = None,
                      after_id: int | None = None) -> list[ArticleRow]:
        """Newest first (by id). after_id: only articles stored after that one (the live feed)."""
        where, args = self._filters(lang=lang, since=since)
        if after_id is not None:
            where.append("a.id > ?")
            args.append(after_id)
        sql = ("SELECT a.id, a.title, a.text, a.blocks, a.language, a.published, COALESCE(a.source_path, a.source_url),"
               " a.added_at, a.n_quotes, a.n_pledges FROM articles a"
               + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY a.id DESC LIMIT ? OFFSET ?")
        rows = self.db.execute(sql, [*args, limit, offset]).fetchall()
        return [ArticleRow(id=r[0], title=r[1], snippet=_lead(r[2], r[3]), language=r[4], published=r[5],
                           source=r[6], added_at=r[7], n_quotes=r[8], n_pledges=r[9]) for r in rows]

    @staticmethod
    def _filters(lang: str | None = None, since: str | None = None, table: str = "a") -> tuple[list[str], list]:
        where, args = [], []
        if lang:
            where.append(f"{table}.language = ?")
            args.append(lang)
        if since:
            where.append(f"{table}.published >= ?")
            args.append(_since(since))
        return where, args

    def search(self, query: str, lang: str | None = None, since: str | None = None, limit: int = 20) -> list[SearchHit]:
        """Articles and quotations matching every word of `query` (stemmed), best bm25 first.

        Scoring every match of a word found in most articles would make search time grow with the
        corpus, so bm25 ranks the newest RANK_WINDOW matches (by storage order); the window widens
        until `limit` hits pass the filters. Rarer queries, almost all of them, rank every match.
        """
        match = fts_query(query)
        stems = _match_stems(match)
        if lang:  # inside the match: a language filter after ranking could discard every ranked row
            if not re.fullmatch(r"[a-z]{2,3}", lang):
                raise InputError(f"{lang!r} is not a language code like en or ru")
            match = f"({match}) AND lang : {lang}"
        where, args = self._filters(since=since)
        ranked_sql = ("SELECT rowid, bm25(search_fts, 4.0, 1.0, 0.0) AS rank FROM search_fts"
                      " WHERE search_fts MATCH ? AND rowid >= ? ORDER BY rank LIMIT ?")
        try:
            rows = None
            window, ranked = RANK_WINDOW, limit * (10 if where else 1)
            for _ in range(2):  # the newest matches, then a window 8 times wider
                # the rowid of the window-th newest match (cheap: no scoring), or none when fewer
                floor = self.db.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH ?"
                                        " ORDER BY rowid DESC LIMIT 1 OFFSET ?", (match, window - 1)).fetchone()
                if floor is None:
                    ranked = max(ranked, window)  # every match fits: rank them all
                best = self.db.execute(ranked_sql, (match, floor[0] if floor else 0, ranked)).fetchall()
                candidates = self._hit_rows(best, where, args)
                if len(candidates) >= limit or floor is None:
                    rows = candidates[:limit]
                    break
                window, ranked = window * 8, ranked * 8
            if rows is None:  # a selective --since: rank every match that passes it
                rows = self.db.execute(
                    "SELECT d.kind, d.article_id, d.quote_id, bm25(search_fts, 4.0, 1.0, 0.0) AS rank, a.title,"
                    " a.language, a.published FROM search_fts JOIN search_docs d ON d.id = search_fts.rowid"
                    " JOIN articles a ON a.id = d.article_id WHERE search_fts MATCH ?"
                    + "".join(" AND " + w for w in where) + " ORDER BY rank LIMIT ?", [match, *args, limit]).fetchall()
        except sqlite3.OperationalError as exc:
            raise InputError(f"{query!r}: cannot search for this ({exc})") from None
        article_ids = [r[1] for r in rows if r[0] == "article"]
        quote_ids = [r[2] for r in rows if r[0] == "quote"]
        texts = dict(self.db.execute(f"SELECT id, text FROM articles WHERE id IN ({','.join('?' * len(article_ids))})",
                                     article_ids)) if article_ids else {}
        quotes = dict(self.db.execute(f"SELECT id, content FROM quotes WHERE id IN ({','.join('?' * len(quote_ids))})",
                                      quote_ids)) if quote_ids else {}
        hits = []
        for kind, article_id, quote_id, rank, title, language, published in rows:
            if kind == "quote":
                text = quotes[quote_id]
            else:
                text = texts[article_id]
                if title and text.startswith(title):
                    text = text[len(title):].lstrip()
            snippet, marks = make_snippet(text, stems)
            hits.append(SearchHit(article_id=article_id, title=title, snippet=snippet, score=-rank,
                                  language=language, published=published, kind=kind, marks=marks))
        return hits

    def _hit_rows(self, best: list[tuple[int, float]], where: list[str], args: list) -> list[tuple]:
        """(kind, article_id, quote_id, rank, title, language, published) for ranked FTS rows that
        pass the filters, best first (one join for the few rows ranking kept)."""
        if not best:
            return []
        rank_of = dict(best)
        rows = []
        for start in range(0, len(best), 5000):  # under SQLite's limit on bound parameters
            chunk = [doc_id for doc_id, _ in best[start:start + 5000]]
            sql = ("SELECT d.id, d.kind, d.article_id, d.quote_id, a.title, a.language, a.published"
                   " FROM search_docs d JOIN articles a ON a.id = d.article_id WHERE d.id IN ("
                   + ",".join("?" * len(chunk)) + ")" + "".join(" AND " + w for w in where))
            rows += [(kind, article_id, quote_id, rank_of[doc_id], title, language, published)
                     for doc_id, kind, article_id, quote_id, title, language, published
                     in self.db.execute(sql, chunk + args)]
        return sorted(rows, key=lambda r: r[3])

    # -- the tracker -----------------------------------------------------------------------
    def _entity_ids(self, name: str) -> list[int]:
        """Corpus entities a user's name refers to: full key, else surname."""
        key = name_key(name)
        rows = self.db.execute("SELECT DISTINCT entity_id FROM entity_aliases WHERE key = ?", (key,)).fetchall()
        if not rows and key:
            rows = self.db.execute("SELECT id FROM entities WHERE surname_key = ? OR key = ?",
                                   (key.rsplit(" ", 1)[-1], key)).fetchall()
        return [r[0] for r in rows]

    def _name_filter(self, column: str, entity_column: str, name: str | None, where: list[str], args: list) -> None:
        if not name:
            return
        ids = self._entity_ids(name)
        clause = f"({column} LIKE ? COLLATE NOCASE"
        args.append(f"%{name}%")
        if ids:
            clause += f" OR {entity_column} IN ({','.join('?' * len(ids))})"
            args.extend(ids)
        where.append(clause + ")")

    def pledges(self, donor: str | None = None, recipient: str | None = None,
                since: str | None = None) -> list[PledgeRow]:
        """Every pledge as reported, oldest article first."""
        where, args = self._filters(since=since)
        self._name_filter("p.donor", "p.donor_entity", donor, where, args)
        self._name_filter("p.recipient", "p.recipient_entity", recipient, where, args)
        sql = ("SELECT p.article_id, p.sentence, p.sentence_text, COALESCE(de.name, p.donor),"
               " COALESCE(re.name, p.recipient), p.amount_text, p.value, p.currency, p.approximate, p.purpose,"
               " p.period, a.published FROM pledges p JOIN articles a ON a.id = p.article_id"
               " LEFT JOIN entities de ON de.id = p.donor_entity LEFT JOIN entities re ON re.id = p.recipient_entity"
               + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY a.published IS NULL, a.published, p.article_id, p.id")
        return [PledgeRow(article_id=r[0], sentence=r[1], sentence_text=r[2], donor=r[3], recipient=r[4],
                          amount_text=r[5], value=r[6], currency=r[7], approximate=bool(r[8]), purpose=r[9],
                          period=r[10], published=r[11])
                for r in self.db.execute(sql, args)]

    def pledge_totals(self, by: str = "donor", donor: str | None = None, recipient: str | None = None,
                      since: str | None = None, rates: dict[str, float] | None = None,
                      base: str | None = None) -> list[TotalRow]:
        """Sums per (key, currency), never across currencies.

        The same pledge reported by several articles (same donor, recipient, amount and currency)
        counts once. With `rates` (currency -> units of `base` per unit), each row also carries
        its value converted to `base`; a currency missing from the table is an error, never skipped.
        """
        if by not in ("donor", "month", "currency", "recipient"):
            raise InputError(f"cannot total pledges by {by!r} (use donor, month, currency or recipient)")
        where, args = self._filters(since=since)
        self._name_filter("p.donor", "p.donor_entity", donor, where, args)
        self._name_filter("p.recipient", "p.recipient_entity", recipient, where, args)
        where.append("p.value IS NOT NULL AND p.currency IS NOT NULL")
        key = {"donor": "donor", "recipient": "COALESCE(recipient, '(unknown)')", "currency": "currency",
               "month": "COALESCE(substr(published, 1, 7), '(undated)')"}[by]
        # one row per distinct pledge (donor and recipient by corpus entity, else by name; amount;
        # currency), dated by its first report, then summed
        sql = ("WITH distinct_pledges AS (SELECT COALESCE(de.name, p.donor) AS donor,"
               " COALESCE(re.name, p.recipient) AS recipient, p.value AS value, p.currency AS currency,"
               " min(a.published) AS published FROM pledges p JOIN articles a ON a.id = p.article_id"
               " LEFT JOIN entities de ON de.id = p.donor_entity LEFT JOIN entities re ON re.id = p.recipient_entity"
               " WHERE " + " AND ".join(where) +
               " GROUP BY COALESCE('#' || p.donor_entity, lower(p.donor)),"
               " COALESCE('#' || p.recipient_entity, lower(COALESCE(p.recipient, ''))), round(p.value, 2), p.currency)"
               f" SELECT {key} AS k, currency, sum(value), count(*) FROM distinct_pledges GROUP BY k, currency")
        totals = {(k, c): TotalRow(key=k, currency=c, total=t, count=n) for k, c, t, n in self.db.execute(sql, args)}
        rows = sorted(totals.values(), key=lambda r: (r.key, r.currency) if by == "month" else (-r.total, r.key))
        if rates is not None:
            missing = sorted({r.currency for r in rows if r.currency not in rates})
            if missing:
                raise InputError(f"the rate table has no rate for {', '.join(missing)}")
            for row in rows:
                row.converted = row.total * rates[row.currency]
                row.base = base
        return rows

    def quotes(self, speaker: str | None = None, since: str | None = None) -> list[QuoteRow]:
        where, args = self._filters(since=since)
        self._name_filter("q.speaker", "q.speaker_entity", speaker, where, args)
        sql = ("SELECT q.article_id, q.sentence, COALESCE(e.name, q.speaker), q.cue, q.type, q.content, a.published"
               " FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN entities e ON e.id = q.speaker_entity"
               + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY a.published IS NULL, a.published, q.article_id, q.start")
        return [QuoteRow(*r) for r in self.db.execute(sql, args)]

    def events(self, since: str | None = None) -> list[EventRow]:
        """The timeline: dated events first in date order, undated ones after by publication."""
        where, args = [], []
        if since:
            where.append("COALESCE(substr(e.date, 1, 10), a.published) >= ?")
            args.append(_since(since))
        sql = ("SELECT e.article_id, e.sentence, e.sentence_text, e.type, e.date, e.date_text, e.who, e.place,"
               " a.published FROM events e JOIN articles a ON a.id = e.article_id"
               + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY e.date IS NULL, e.date, a.published, e.article_id, e.sentence")
        return [EventRow(article_id=r[0], sentence=r[1], sentence_text=r[2], type=r[3], date=r[4], date_text=r[5],
                         who=json.loads(r[6]), where=r[7], published=r[8])
                for r in self.db.execute(sql, args)]

    def failures(self) -> list[FailureRow]:
        return [FailureRow(*r) for r in self.db.execute("SELECT source, reason, at FROM failures ORDER BY at, rowid")]

    def entities(self, type: str | None = None) -> list[tuple[int, str, str, list[str]]]:
        """(id, canonical name, type, spellings) of every corpus entity."""
        sql = "SELECT e.id, e.name, e.type, group_concat(a.alias, '\x1f') FROM entities e" \
              " LEFT JOIN entity_aliases a ON a.entity_id = e.id" + (" WHERE e.type = ?" if type else "") + \
              " GROUP BY e.id ORDER BY e.id"
        return [(r[0], r[1], r[2], sorted((r[3] or "").split("\x1f")))
                for r in self.db.execute(sql, (type,) if type else ())]


def _plain(value):
    """dataclasses.asdict without its deep copies (5x faster on a big article); same result."""
    if hasattr(value, "__dataclass_fields__"):
        return {name: _plain(getattr(value, name)) for name in value.__dataclass_fields__}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _quote(row: tuple) -> dict:
    keys = ("speaker", "speaker_entity", "speaker_native", "cue", "type", "content", "start", "end", "sentence")
    return dict(zip(keys, row))


def _pledge(row: tuple) -> dict:
    donor, donor_entity, donor_native, recipient, text, value, currency, approximate, upper, purpose, period, \
        sentence = row
    amount = None if text is None else {"text": text, "value": value, "currency": currency,
                                        "approximate": bool(approximate), "upper_bound": bool(upper)}
    return {"donor": donor, "donor_entity": donor_entity, "donor_native": donor_native, "recipient": recipient,
            "amount": amount, "purpose": purpose, "period": period, "sentence": sentence}


def _event(row: tuple) -> dict:
    type_, date, date_text, who, where, sentence = row
    return {"type": type_, "date": date, "date_text": date_text, "who": json.loads(who), "where": where,
            "sentence": sentence}


# kind -> (the query of one article's rows in stored order, the row -> contract dict)
_FACT_READERS = {
    "quotes": ("SELECT speaker, speaker_ref, speaker_native, cue, type, content, start, end, sentence FROM quotes"
               " WHERE article_id = ? ORDER BY id", _quote),
    "pledges": ("SELECT donor, donor_ref, donor_native, recipient, amount_text, value, currency, approximate,"
                " upper_bound, purpose, period, sentence FROM pledges WHERE article_id = ? ORDER BY id", _pledge),
    "events": ("SELECT type, date, date_text, who, place, sentence FROM events WHERE article_id = ? ORDER BY id",
               _event),
}


def _article_index(title: str | None, text: str) -> tuple[str, str]:
    """(title stems, body stems) for the index; the title is indexed (and weighted) on its own."""
    body = text[len(title):] if title and text.startswith(title) else text
    return stem_text(title or ""), stem_text(body)


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (none of ours has ';' inside a literal)."""
    script = re.sub(r"--[^\n]*", "", script)
    return [s.strip() for s in script.split(";") if s.strip()]


def _lead(text: str, blocks_json: str, width: int = 240) -> str:
    """The first non-title block, cut at a word boundary: the list view's snippet."""
    for block in json.loads(blocks_json):
        if block["kind"] != "title":
            body = text[block["start"]:block["end"]]
            break
    else:
        body = text
    if len(body) <= width:
        return body
    return body[:width].rsplit(" ", 1)[0] + "…"
