"""The web reader and tracker: one FastAPI application over a newsdesk SQLite corpus."""
from .app import create_app

__all__ = ["create_app"]
