"""What every view shares: templates, a per-thread Store, error pages, small formatting helpers."""
from __future__ import annotations

import threading
import time
from collections import OrderedDict
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
# Jinja2Templates turns autoescape on for .html; we never mark article text |safe.
templates = Jinja2Templates(directory=str(TEMPLATES))
# Templates ship with the package and do not change under a running server: skip the stat() per render.
templates.env.auto_reload = False

LANGUAGES = {"en": "English", "ru": "Русский"}


class StorePool:
    """One Store per thread: SQLite connections must not cross threads, and opening one per
    request would cost more than the page itself."""

    def __init__(self, db_path: str) -> None:
        self.db_path = db_path
        self._local = threading.local()
        self._all: list[Any] = []
        self._lock = threading.Lock()

    def get(self):
        store = getattr(self._local, "store", None)
        if store is None:
            from ...store import Store

            store = Store(self.db_path)
            self._local.store = store
            with self._lock:
                self._all.append(store)
        return store


class PageCache:
    """Rendered pages kept for a couple of seconds (micro-caching): under many readers a popular
    article or search renders once per `ttl` instead of once per request. A page may lag the
    corpus by at most `ttl` seconds, the same delay the live feed allows."""

    def __init__(self, ttl: float = 2.0, size: int = 256) -> None:
        self.ttl = ttl
        self.size = size
        self._pages: OrderedDict[tuple, tuple[float, bytes]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple) -> bytes | None:
        with self._lock:
            hit = self._pages.get(key)
            if hit is None or time.monotonic() - hit[0] > self.ttl:
                return None
            return hit[1]

    def put(self, key: tuple, body: bytes) -> None:
        with self._lock:
            self._pages[key] = (time.monotonic(), body)
            self._pages.move_to_end(key)
            while len(self._pages) > self.size:
                self._pages.popitem(last=False)


def cached_page(request: Request, key: tuple, build) -> HTMLResponse:
    """The page for `key` from the cache, or built by `build()` (only 200s are kept)."""
    cache: PageCache | None = getattr(request.app.state, "pages", None)
    if cache is not None:
        body = cache.get(key)
        if body is not None:
            return HTMLResponse(body)
    response = build()
    if cache is not None and response.status_code == 200:
        cache.put(key, bytes(response.body))
    return response


def store(request: Request):
    return request.app.state.stores.get()


def render(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    context = {"languages": LANGUAGES, **context}
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    if status == 404 and message in ("Not Found", ""):
        message = "There is no such page."
    return render(request, "error.html", {"status": status, "message": message}, status_code=status)


def format_amount(value: float | None, currency: str | None) -> str:
    """1.5e9 EUR -> 'EUR 1.5 bn': compact, and the same for every donor so bars compare."""
    if value is None:
        return ""
    for size, suffix in ((1e9, " bn"), (1e6, " m"), (1e3, " k")):
        if abs(value) >= size:
            number = f"{value / size:.2f}".rstrip("0").rstrip(".")
            return f"{currency or ''} {number}{suffix}".strip()
    return f"{currency or ''} {value:,.0f}".strip()


def marked_pieces(text: str, marks: list | None) -> list[tuple[str, bool]]:
    """A search snippet cut at its matched words: (text, matched) pieces the template escapes."""
    pieces, pos = [], 0
    for start, end in sorted(marks or []):
        if start < pos or end > len(text):
            continue
        if start > pos:
            pieces.append((text[pos:start], False))
        pieces.append((text[start:end], True))
        pos = end
    if pos < len(text):
        pieces.append((text[pos:], False))
    return pieces


def source_label(source: str | None) -> str:
    """A stored path shows as its file name (the folder is the ingesting machine's business)."""
    if not source or "://" in source:
        return source or ""
    return Path(source).name


templates.env.filters["amount"] = format_amount
templates.env.filters["source_label"] = source_label
templates.env.filters["marked"] = marked_pieces
