"""Which kind of page is this: HTML (whole page or fragment) or a text scrape with site chrome."""
from __future__ import annotations

import re

DOCUMENT_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                             re.I | re.S)
# Real HTML elements only: "<3", "a < b" or "<Ctrl>" in prose are not markup.
_TAG = re.compile(
    r"</?(?:html|head|body|div|p|span|a|article|section|main|nav|header|footer|aside|h[1-6]|ul|ol|li|dl|dt|dd|"
    r"table|thead|tbody|tr|td|th|br|hr|img|picture|source|figure|figcaption|blockquote|pre|code|em|strong|b|i|u|"
    r"small|sub|sup|time|meta|link|script|style|noscript|iframe|form|input|button|label|select|option|svg|"
    r"title|template)(?:\s[^<>]*)?/?>",
    re.I,
)
_SAMPLE = 50_000


def detect_format(text: str, hint: str | None = None) -> str:
    """'html' or 'scrape' ('clean' only when the caller says so: clean text looks like a scrape)."""
    if hint in ("html", "scrape", "clean"):
        return hint
    return "html" if looks_like_html(text) else "scrape"


def looks_like_html(text: str) -> bool:
    """A whole page, or a fragment whose text is mostly inside markup; not prose that mentions a tag."""
    sample = text[:_SAMPLE].lstrip("\ufeff")
    if DOCUMENT_START.match(sample):
        return True
    tags = _TAG.findall(sample)
    if len(tags) < 3:
        return False
    closing = sum(t.startswith("</") for t in tags)
    starts_with_tag = bool(_TAG.match(sample.lstrip()))
    markup_share = sum(len(t) for t in tags) / max(len(sample), 1)
    lines = [line for line in sample.splitlines() if line.strip()]
    tagged_lines = sum(1 for line in lines if _TAG.search(line)) / max(len(lines), 1)
    # A fragment (<article>…</article>, <p>…</p> paragraphs) opens with a tag or is dense with them;
    # a scrape quoting "<div>" has a handful of tags on a few of its many lines.
    return closing >= 2 and (starts_with_tag or markup_share > 0.05 or tagged_lines > 0.5)
