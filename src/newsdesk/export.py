"""Corpus tables out to files (JSON lines, CSV, Parquet) and currency rate tables in."""
from __future__ import annotations

import csv
import io
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from .errors import InputError
from .store import EventRow, PledgeRow, QuoteRow, Store

WHAT = ("articles", "quotes", "pledges", "events")
FORMATS = ("jsonl", "csv", "parquet")

# Columns of the flat (CSV, Parquet) article table; JSON lines carry the full article instead.
ARTICLE_COLUMNS = ["id", "sha256", "path", "url", "format", "language", "title", "published", "text",
                   "n_sentences", "n_entities", "n_quotes", "n_pledges", "n_events"]


def columns(what: str) -> list[str]:
    if what == "articles":
        return ARTICLE_COLUMNS
    row_type = {"quotes": QuoteRow, "pledges": PledgeRow, "events": EventRow}[what]
    return [f.name for f in fields(row_type)]


def rows(store: Store, what: str, full: bool = False) -> Iterator[dict[str, Any]]:
    """One table of the corpus as dicts; `full` articles are the whole article JSON plus its id."""
    if what not in WHAT:
        raise InputError(f"cannot export {what!r} (use one of {', '.join(WHAT)})")
    if what == "articles":
        for article_id, article in store.iter_articles():
            if full:
                yield {"id": article_id, **article.to_dict()}
                continue
            yield {"id": article_id, "sha256": article.source.sha256, "path": article.source.path,
                   "url": article.source.url, "format": article.source.format, "language": article.language,
                   "title": article.title, "published": article.published, "text": article.text,
                   "n_sentences": len(article.sentences), "n_entities": len(article.entities),
                   "n_quotes": len(article.quotes), "n_pledges": len(article.pledges),
                   "n_events": len(article.events)}
        return
    source = {"quotes": store.quotes, "pledges": store.pledges, "events": store.events}[what]
    for row in source():
        yield asdict(row)


def export(store: Store, what: str, fmt: str, out: str | Path | None) -> int:
    """Write one table to `out` (None or '-' = stdout, not for parquet) -> number of rows.

    A file is written next to its destination and renamed into place when complete, so a
    reader (or a crash) never sees half an export.
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r} (use one of {', '.join(FORMATS)})")
    to_stdout = out is None or str(out) == "-"
    if to_stdout and fmt == "parquet":
        raise InputError("parquet is binary: give a file with -o")
    records = rows(store, what, full=(fmt == "jsonl"))
    if to_stdout:
        return _write(records, what, fmt, sys.stdout)
    target = Path(out)
    if target.is_dir():
        raise InputError(f"{target}: is a directory")
    if not target.parent.exists():
        raise InputError(f"{target}: folder {target.parent} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            if fmt == "parquet":
                count = _write_parquet(records, what, fh)
            else:
                text = io.TextIOWrapper(fh, encoding="utf-8", newline="")
                count = _write(records, what, fmt, text)
                text.flush()
                text.detach()  # the binary file stays open and closes with its `with`
            fh.flush()
            os.fsync(fh.fileno())  # on disk before the rename makes it visible
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it private; an export is an ordinary file
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return count


def _write(records, what: str, fmt: str, fh) -> int:
    count = 0
    if fmt == "jsonl":
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
        return count
    writer = csv.DictWriter(fh, fieldnames=columns(what), lineterminator="\n")
    writer.writeheader()
    for record in records:
        # lists (an event's people) become JSON inside their cell
        writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v
                         for k, v in record.items()})
        count += 1
    return count


def _write_parquet(records, what: str, fh) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _parquet_schema(what)
    writer = pq.ParquetWriter(fh, schema)
    count, batch = 0, []
    for record in records:
        batch.append(record)
        if len(batch) >= 5000:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
            batch = []
    if batch or count == 0:
        writer.write_table(pa.Table.from_pylist(batch, schema=schema))
        count += len(batch)
    writer.close()
    return count


def _parquet_schema(what: str):
    import pyarrow as pa

    ints = {"id", "article_id", "sentence", "n_sentences", "n_entities", "n_quotes", "n_pledges", "n_events"}
    types = {"value": pa.float64(), "approximate": pa.bool_(), "who": pa.list_(pa.string())}
    return pa.schema([(c, pa.int64() if c in ints else types.get(c, pa.string())) for c in columns(what)])


def load_rates(path: str | Path) -> tuple[str | None, dict[str, float]]:
    """A rate table the user passes: {"base": "EUR", "rates": {"USD": 0.92, ...}} or {"USD": 0.92, ...}.

    A rate is how many units of the base currency one unit is worth; the base itself is 1.
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: no such rate table") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: not a JSON rate table ({exc})") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: a rate table is a JSON object of currency -> rate")
    base = data.get("base") if isinstance(data.get("base"), str) else None
    table = data.get("rates", data) if isinstance(data.get("rates"), dict) else data
    rates: dict[str, float] = {}
    for currency, rate in table.items():
        if currency == "base":
            continue
        if not isinstance(rate, (int, float)) or isinstance(rate, bool) or rate <= 0:
            raise InputError(f"{path}: rate for {currency} must be a positive number, not {rate!r}")
        rates[currency.upper()] = float(rate)
    if base:
        rates.setdefault(base.upper(), 1.0)
    if not rates:
        raise InputError(f"{path}: the rate table is empty")
    return (base.upper() if base else None), rates
