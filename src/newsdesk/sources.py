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
    for path in expand_paths(paths):
        try:
            yield read_bytes(path, max_bytes)
        except InputError as exc:
            yield exc
