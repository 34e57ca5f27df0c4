"""The bundled sample corpus: a fictional developing story in en and ru, for demos and tests."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import NewsdeskError

MANIFEST = "manifest.json"


def sample_dir() -> Path:
    """The folder holding the sample pages (package data, installed with newsdesk)."""
    root = resources.files("newsdesk") / "data" / "sample"
    # Installed as a plain folder (wheel, editable or source tree); a zipped install has no real path.
    path = Path(str(root))
    if not (path / MANIFEST).is_file():
        raise NewsdeskError(f"sample corpus not found at {path} (reinstall newsdesk)")
    return path


@lru_cache(maxsize=1)
def _manifest_text() -> str:
    return (sample_dir() / MANIFEST).read_text(encoding="utf-8")


def sample_manifest() -> dict[str, Any]:
    """Each sample page with its date, outlet, language, format and the pledges written into it."""
    return json.loads(_manifest_text())


def sample_paths() -> list[Path]:
    """Paths of the sample pages, in publication order (the manifest's order)."""
    folder = sample_dir()
    return [folder / item["file"] for item in sample_manifest()["articles"]]
