"""The FastAPI application: security headers, static files, templates and one router per page kind."""
from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from .security import BodyLimit, SecurityHeaders
from .views import add, article, common, index, tracker

STATIC = Path(__file__).parent / "static"
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"]


def create_app(db_path: str | Path, *, allowed_hosts: list[str] | None = None,
               max_upload_bytes: int = MAX_UPLOAD_BYTES, page_cache_seconds: float = 2.0) -> FastAPI:
    """The web reader over the corpus at `db_path`.

    `allowed_hosts` guards against DNS rebinding: by default only loopback names may reach us,
    which matches the default bind address; `newsdesk serve --host` widens it.
    `page_cache_seconds`: how long a rendered article or search page may be reused (0: never).
    """
    app = FastAPI(title="newsdesk", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.db_path = str(db_path)
    app.state.max_upload_bytes = max_upload_bytes
    app.state.stores = common.StorePool(str(db_path))
    app.state.pages = common.PageCache(page_cache_seconds) if page_cache_seconds > 0 else None
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for module in (index, article, tracker, add):
        app.include_router(module.router)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return common.error_page(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", [])[1:]) or "request"
        return common.error_page(request, 400, f"Bad {where}: {first.get('msg', 'invalid value')}")

    app.add_middleware(BodyLimit, max_bytes=max_upload_bytes)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts or LOOPBACK_HOSTS)
    # Outermost, so error responses and static files carry the headers too.
    app.add_middleware(SecurityHeaders)
    return app
