"""The index: latest articles, full-text search with language and date filters, and the live feed."""
from __future__ import annotations

import asyncio
import datetime as dt
import json
from dataclasses import asdict

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, StreamingResponse
from starlette.concurrency import run_in_threadpool

from .common import LANGUAGES, cached_page, render, store

router = APIRouter()

PAGE_SIZE = 50
SEARCH_LIMIT = 25
FEED_POLL_SECONDS = 0.5  # another process's ingest shows up within this (plus a render)
FEED_KEEPALIVE_SECONDS = 15.0


def _since(value: str | None) -> tuple[str | None, str | None]:
    """A date filter from the form: ISO date or empty; returns (date, error)."""
    if not value:
        return None, None
    try:
        return dt.date.fromisoformat(value).isoformat(), None
    except ValueError:
        return None, f"“{value}” is not a date like 2025-08-26."


@router.get("/", response_class=HTMLResponse)
async def index(request: Request, q: str = Query("", max_length=500), lang: str = "", since: str = "",
          offset: int = Query(0, ge=0)):
    return cached_page(request, ("index", q, lang, since, offset), lambda: _index(request, q, lang, since, offset))


def _index(request: Request, q: str, lang: str, since: str, offset: int) -> HTMLResponse:
    lang = lang if lang in LANGUAGES else ""
    since_date, error = _since(since)
    s = store(request)
    hits, rows = [], []
    query = q.strip()
    if query:
        try:
            hits = s.search(query, lang=lang or None, since=since_date, limit=SEARCH_LIMIT)
        except Exception as exc:  # noqa: BLE001 - a malformed FTS query is the user's typo, not a 500
            error = _search_error(exc)
    else:
        rows = s.list_articles(limit=PAGE_SIZE, offset=offset, lang=lang or None, since=since_date)
    return render(request, "index.html", {
        "q": query, "lang": lang, "since": since_date or since, "error": error,
        "hits": hits, "rows": rows, "offset": offset, "page_size": PAGE_SIZE,
        "max_id": s.max_article_id(),
        # The live feed only makes sense on the unfiltered latest page.
        "live": not query and not lang and not since_date and offset == 0,
    })


def _search_error(exc: Exception) -> str:
    from ...errors import NewsdeskError

    if isinstance(exc, NewsdeskError):
        return str(exc)
    return "That search could not be run; try plain words."


def _row_json(row) -> dict:
    data = asdict(row) if hasattr(row, "__dataclass_fields__") else dict(row._asdict())
    data["url"] = f"/article/{data['id']}"
    return data


@router.get("/feed")
async def feed(request: Request, after: int = Query(0, ge=0)):
    """Server-sent events: one `article` event per article stored after `after`, by any process."""
    stores = request.app.state.stores
    resumed = request.headers.get("last-event-id", "")
    after = max(after, int(resumed)) if resumed.isdigit() else after

    async def events():
        last = after
        idle = 0.0
        yield "retry: 1000\n\n"
        while not await request.is_disconnected():
            newest = await run_in_threadpool(lambda: stores.get().max_article_id())
            if newest > last:
                rows = await run_in_threadpool(lambda: stores.get().list_articles(limit=PAGE_SIZE, after_id=last))
                for row in sorted(rows, key=lambda r: r.id):
                    yield f"id: {row.id}\nevent: article\ndata: {json.dumps(_row_json(row), ensure_ascii=False, default=str)}\n\n"
                    last = max(last, row.id)
                last = max(last, newest) if not rows else last
                idle = 0.0
            elif idle >= FEED_KEEPALIVE_SECONDS:
                yield ": keepalive\n\n"
                idle = 0.0
            await asyncio.sleep(FEED_POLL_SECONDS)
            idle += FEED_POLL_SECONDS

    return StreamingResponse(events(), media_type="text/event-stream",
                             headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})
