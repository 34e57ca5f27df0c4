"""Which kind of page is this: HTML, a text scrape with site chrome, or clean article text."""
from __future__ import annotations

import re

_HTML = re.compile(r"<\s*(!doctype\s+html|html|head|body|article|div|p|meta)\b", re.I)


def detect_format(text: str, hint: str | None = None) -> str:
    """'html' or 'scrape'. Clean text is only ever declared by the user (--format clean)."""
    if hint in ("html", "scrape", "clean"):
        return hint
    head = text[:4096]
    if _HTML.search(head) and len(re.findall(r"<[a-zA-Z/!][^>]*>", text[:20000])) >= 3:
        return "html"
    return "scrape"
