"""The tracker dashboard: pledges by donor and by month, quotations by speaker, a timeline of
events; every table also as CSV and JSON."""
from __future__ import annotations

import csv
import io
import json
from collections import OrderedDict
from dataclasses import asdict, dataclass, is_dataclass

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from .common import render, store
from .index import _since

router = APIRouter()

# table name -> (what it holds, how the store computes it)
TABLES = OrderedDict([
    ("pledges-by-donor", "Pledge totals by donor and currency"),
    ("pledges-by-month", "Pledge totals by month and currency"),
    ("pledges", "Every pledge, with its sentence"),
    ("quotes", "Every quotation, with its speaker"),
    ("events", "Dated events"),
])


@dataclass
class Bar:
    key: str
    currency: str
    total: float
    count: int
    width: float  # 0..100, share of the largest total in the same currency


def _rows(s, table: str, since: str | None) -> list:
    if table == "pledges-by-donor":
        return s.pledge_totals(by="donor", since=since)
    if table == "pledges-by-month":
        return s.pledge_totals(by="month", since=since)
    if table == "pledges":
        return s.pledges(since=since)
    if table == "quotes":
        return s.quotes(since=since)
    if table == "events":
        return s.events(since=since)
    raise HTTPException(404, f"There is no table {table!r}; try one of {', '.join(TABLES)}.")


def _record(row) -> dict:
    data = asdict(row) if is_dataclass(row) else dict(row._asdict())
    if "article_id" in data and "sentence" in data:
        data["url"] = f"/article/{data['article_id']}#s{data['sentence']}"
    return data


def bars(totals: list) -> list[tuple[str, list[Bar]]]:
    """One bar chart per currency, largest first: euros and dollars are never summed or compared.
    The currency with the most pledges comes first."""
    groups: dict[str, list] = {}
    for t in totals:
        groups.setdefault(t.currency, []).append(t)
    charts = []
    for currency, rows in groups.items():
        top = max((t.total or 0.0) for t in rows)
        chart = [Bar(t.key, currency, t.total or 0.0, t.count, round(100 * (t.total or 0.0) / top, 1) if top else 0.0)
                 for t in rows]
        charts.append((currency, sorted(chart, key=lambda b: (-b.total, b.key))))
    return sorted(charts, key=lambda c: (-sum(b.count for b in c[1]), c[0]))


@router.get("/tracker", response_class=HTMLResponse)
def tracker(request: Request, since: str = "", donor: str = ""):
    since_date, error = _since(since)
    s = store(request)
    quotes = s.quotes(since=since_date)
    by_speaker: OrderedDict[str, list] = OrderedDict()
    for q in sorted(quotes, key=lambda q: (q.speaker or "~", q.published or "")):
        by_speaker.setdefault(q.speaker or "Unattributed", []).append(q)
    speakers = sorted(by_speaker.items(), key=lambda kv: -len(kv[1]))
    events = sorted(s.events(since=since_date), key=lambda e: (e.date is None, e.date or "", e.article_id))
    pledges = s.pledges(donor=donor or None, since=since_date)
    return render(request, "tracker.html", {
        "since": since_date or since, "error": error, "donor": donor,
        "donor_bars": bars(s.pledge_totals(by="donor", since=since_date)),
        "months": sorted(s.pledge_totals(by="month", since=since_date), key=lambda t: (t.key or "", t.currency)),
        "pledges": pledges,
        "speakers": speakers,
        "events": events,
        "tables": TABLES,
    })


@router.get("/tracker/{table}.{fmt}")
def download(request: Request, table: str, fmt: str, since: str = ""):
    if fmt not in ("csv", "json"):
        raise HTTPException(404, "Tables download as .csv or .json.")
    if table not in TABLES:
        raise HTTPException(404, f"There is no table {table!r}; try one of {', '.join(TABLES)}.")
    since_date, error = _since(since)
    if error:
        raise HTTPException(400, error)
    records = [_record(r) for r in _rows(store(request), table, since_date)]
    filename = f"newsdesk-{table}.{fmt}"
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    if fmt == "json":
        return Response(json.dumps(records, ensure_ascii=False, indent=1, default=str),
                        media_type="application/json", headers=headers)
    buffer = io.StringIO()
    if records:
        writer = csv.DictWriter(buffer, fieldnames=list(records[0]))
        writer.writeheader()
        for record in records:
            writer.writerow({k: _cell(v) for k, v in record.items()})
    return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)


def _cell(value):
    """Lists as '; '-joined text; a leading = + - @ defused so spreadsheets do not run it as a formula."""
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
