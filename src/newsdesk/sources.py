"""Raw inputs (files, stdin, directories) -> RawPage: bytes plus where they came from."""
from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .errors import InputError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass
class RawPage:
    data: bytes
    path: str | None = None
    url: str | None = None
    format_hint: str | None = None  # "html" when the container says so (WARC, HTTP headers)
    container: str | None = None  # "warc" when the page came out of an archive
    published_hint: str | None = None  # a date the container knows (WARC-Date, feed pubDate)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def label(self) -> str:
        return self.path or self.url or "<input>"


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> RawPage:
    """Read one file (or `-` for stdin) into a RawPage, refusing what is missing or too large."""
    if path == "-":
        if sys.stdin.isatty():
            raise InputError("<stdin>: nothing piped in (give a file, or pipe a page into `-`)")
        data = sys.stdin.buffer.read(max_bytes + 1)
        label = "<stdin>"
    else:
        p = Path(path)
        if not p.exists():
            raise InputError(f"{path}: no such file")
        if p.is_dir():
            raise InputError(f"{path}: is a directory")
        try:
            size = p.stat().st_size
            if size > max_bytes:
                raise InputError(f"{path}: file is {size} bytes, over the limit of {max_bytes} (--max-bytes)")
            data = p.read_bytes()
        except PermissionError:
            raise InputError(f"{path}: permission denied") from None
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
        label = path
    if len(data) > max_bytes:
        raise InputError(f"{label}: input is over the limit of {max_bytes} bytes (--max-bytes)")
    if not data.strip():
        raise InputError(f"{label}: file is empty")
    return RawPage(data=data, path=label)


def expand_paths(paths: list[str]) -> list[str]:
    """Files as given; a directory becomes every file in it (recursively), sorted."""
    out: list[str] = []
    for path in paths:
        p = Path(path)
        if path != "-" and p.is_dir():
            out.extend(str(f) for f in sorted(p.rglob("*")) if f.is_file() and not f.name.startswith("."))
        else:
            out.append(path)
    return out


def iter_pages(paths: list[str], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawPage | InputError]:
    """Every page behind `paths`; a page that cannot be read is yielded as its InputError."""
    for given in paths:
        files = expand_paths([given])
        if not files:
            yield InputError(f"{given}: directory has no files")
        for path in files:
            try:
                yield read_bytes(path, max_bytes)
            except InputError as exc:
                yield exc


# -- archives and feeds (for `newsdesk ingest`) -------------------------------------------------

_WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
_FEED_SUFFIXES = (".rss", ".atom", ".xml")
_GZIP_MAGIC = b"\x1f\x8b\x08"


def is_warc(path: str) -> bool:
    return path.lower().endswith(_WARC_SUFFIXES)


def is_feed(path: str) -> bool:
    """An RSS or Atom file: by name (.rss, .atom) or, for .xml, by its root element."""
    lower = path.lower()
    if not lower.endswith(_FEED_SUFFIXES):
        return False
    if not lower.endswith(".xml"):
        return True
    try:
        with open(path, "rb") as fh:
            head = fh.read(2048).lower()
    except OSError:
        return False
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def _next_warc_record(fh, after: int, gzipped: bool) -> int | None:
    """Offset of the first record start after `after` (resynchronising past a broken record)."""
    import mmap
    import zlib

    sig = _GZIP_MAGIC if gzipped else b"WARC/1."
    with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
        pos = after
        while True:
            pos = data.find(sig, pos)
            if pos < 0:
                return None
            if not gzipped:
                return pos
            try:  # the gzip magic can occur inside compressed data: check the member opens a record
                head = zlib.decompressobj(31).decompress(data[pos:pos + 4096], 16)
            except zlib.error:
                head = b""
            if head.startswith((b"WARC/", b"filedesc://")):
                return pos
            pos += 1


def _warc_page(record, path: str, offset: int) -> RawPage | InputError | None:
    """A response record -> RawPage; other record kinds and non-documents -> None."""
    if record.rec_type not in ("response", "resource"):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    label = f"{path}#{url or offset}"
    if record.rec_type == "response":
        http = record.http_headers
        status = http.get_statuscode() if http else None
        if status and not status.startswith("2"):
            return None  # redirects and errors hold no article
        ctype = (http.get_header("Content-Type") if http else None) or ""
    else:
        ctype = record.rec_headers.get_header("Content-Type") or ""
    if ctype and not any(kind in ctype.lower() for kind in ("html", "text/plain", "xml")):
        return None  # images, scripts, stylesheets
    data = record.content_stream().read()
    if not data.strip():
        return InputError(f"{label}: empty response")
    return RawPage(data=data, path=label, url=url, format_hint="html" if "html" in ctype.lower() or not ctype else None,
                   container="warc")


def iter_warc(path: str) -> Iterator[RawPage | InputError]:
    """Every document in a WARC (.warc or .warc.gz, via warcio); a broken record is yielded as
    its InputError and reading resumes at the next record."""
    from warcio.archiveiterator import ArchiveIterator

    try:
        fh = open(path, "rb")
    except OSError as exc:
        yield InputError(f"{path}: cannot read ({exc.strerror or exc})")
        return
    with fh:
        gzipped = fh.read(3) == _GZIP_MAGIC
        start = 0
        while start is not None:
            fh.seek(start)
            records = ArchiveIterator(fh)
            # warcio's offset is the current record's start: 0-based for the first record after a
            # seek, absolute in the file after that (get_record_offset() would consume the record)
            where = lambda: records.offset if records.offset >= start else start + records.offset  # noqa: E731
            try:
                for record in records:
                    page = _warc_page(record, path, where())
                    if page is not None:
                        yield page
                return
            except Exception as exc:  # noqa: BLE001 - warcio raises many kinds on a damaged record
                bad = where()
                reason = " ".join(str(exc).split())[:80] or type(exc).__name__
                yield InputError(f"{path}@{bad}: broken WARC record ({type(exc).__name__}: {reason})")
                start = _next_warc_record(fh, bad + 1, gzipped)


def iter_feed(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawPage | InputError]:
    """Entries of an RSS/Atom file that carry the article (content, or a long summary) -> pages;
    the entry's pubDate becomes the page's published hint."""
    import html
    import time

    import feedparser

    try:
        raw = read_bytes(path, max_bytes)
    except InputError as exc:
        yield exc
        return
    feed = feedparser.parse(raw.data)
    if feed.bozo and not feed.entries:
        yield InputError(f"{path}: not a readable RSS/Atom feed ({feed.get('bozo_exception')})")
        return
    for i, entry in enumerate(feed.entries):
        label = f"{path}#{entry.get('link') or entry.get('id') or i}"
        body = ""
        if entry.get("content"):
            body = max((c.get("value", "") for c in entry.content), key=len)
        elif len(entry.get("summary", "")) >= 400:
            body = entry.summary
        if not body.strip():
            continue  # a headline with a teaser: the article is elsewhere
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = time.strftime("%Y-%m-%d", stamp) if stamp else None
        title = html.escape(entry.get("title", ""))
        page = (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}"
                f"</article></body></html>")
        yield RawPage(data=page.encode("utf-8"), path=label, url=entry.get("link"), format_hint="html",
                      published_hint=published)


# Found in a folder, these are data beside the pages (manifests, exports, databases), not pages;
# named on the command line they are read like any file.
_NOT_PAGES = (".json", ".jsonl", ".csv", ".parquet", ".db", ".sqlite", ".db-wal", ".db-shm")


def source_files(paths: list[str]) -> list[str]:
    """The files behind `paths` that may hold pages (folders expanded, data files in them skipped)."""
    named = set(paths)
    return [p for p in expand_paths(paths) if p in named or not p.lower().endswith(_NOT_PAGES)]


def iter_sources(paths: list[str], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawPage | InputError]:
    """Like iter_pages, but a WARC yields each of its documents and a feed each of its entries."""
    for path in source_files(paths):
        if path != "-" and is_warc(path):
            yield from iter_warc(path)
        elif path != "-" and is_feed(path):
            yield from iter_feed(path, max_bytes)
        else:
            try:
                yield read_bytes(path, max_bytes)
            except InputError as exc:
                yield exc
