"""Add an article: pasted raw text or an uploaded HTML/text file is read, stored and shown."""
from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from ...errors import NewsdeskError
from ..security import BodyTooLarge
from .common import LANGUAGES, render, store

router = APIRouter()


def _form(request: Request, error: str | None = None, status: int = 200, **values) -> HTMLResponse:
    limit_kb = request.app.state.max_upload_bytes // 1024
    return render(request, "add.html", {"error": error, "limit_kb": limit_kb, **values}, status_code=status)


@router.get("/add", response_class=HTMLResponse)
def add_form(request: Request):
    return _form(request)


def _same_origin(request: Request) -> bool:
    """A page on another site must not be able to post into the corpus (cross-site form POST)."""
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        return origin is None
    host = request.headers.get("host", "")
    return origin.split("://", 1)[-1] == host


@router.post("/add", response_class=HTMLResponse)
async def add_article(request: Request):
    if not _same_origin(request):
        return _form(request, "Refused: the form was posted from another site.", 403)
    limit = request.app.state.max_upload_bytes
    try:
        form = await request.form(max_files=1, max_fields=10, max_part_size=limit)
    except BodyTooLarge:
        return _form(request, f"Refused: the upload is over the limit of {limit // 1024} KB.", 413)
    except Exception:  # noqa: BLE001 - a malformed form is one line for the user, not a 500
        return _form(request, "Could not read the form; please try again.", 400)
    text = str(form.get("text") or "")
    lang = str(form.get("lang") or "")
    published = str(form.get("published") or "")
    upload = form.get("file")
    values = {"text": text, "lang": lang, "published": published}
    if lang and lang not in LANGUAGES:
        return _form(request, f"Unknown language {lang!r}.", 400, **values)
    if published:
        try:
            published = dt.date.fromisoformat(published).isoformat()
        except ValueError:
            return _form(request, f"“{published}” is not a date like 2025-08-26.", 400, **values)
    data, name = b"", None
    if isinstance(upload, UploadFile) and upload.filename:
        data = await upload.read(limit + 1)
        name = upload.filename
    if data and text.strip():
        return _form(request, "Paste text or upload a file, not both.", 400, **values)
    if not data:
        data = text.encode("utf-8")
    if len(data) > limit:
        return _form(request, f"Refused: the upload is over the limit of {limit // 1024} KB.", 413, **values)
    if not data.strip():
        return _form(request, "Nothing to add: paste the text of an article or choose a file.", 400, **values)
    try:
        article_id = await run_in_threadpool(_read_and_store, request, data, name, lang or None, published or None)
    except NewsdeskError as exc:
        return _form(request, str(exc), 400, **values)
    return RedirectResponse(f"/article/{article_id}", status_code=303)


def _read_and_store(request: Request, data: bytes, name: str | None, lang: str | None,
                    published: str | None) -> int:
    from ...pipeline import Options, read_raw
    from ...sources import RawPage

    label = f"upload:{name}" if name else "pasted text"
    fmt_hint = "html" if name and name.lower().endswith((".html", ".htm")) else None
    raw = RawPage(data=data, path=label, format_hint=fmt_hint)
    article = read_raw(raw, options=Options(language=lang, published=published))
    article_id, _created = store(request).add_article(article)
    return article_id
