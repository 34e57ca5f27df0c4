"""RawPage -> Article text and blocks: decode, detect the format, drop the chrome, keep the credit."""
from __future__ import annotations

import re

from ..errors import InputError
from ..model import Article, Block, Source
from ..nlp import detect_language
from ..sources import RawPage
from .credits import parse_credit, settle_languages
from .decode import decode
from .detect import detect_format
from .scrape import clean_scrape

FORMATS = ("auto", "scrape", "html", "clean")


def _clean_text_blocks(text: str) -> tuple[list[tuple[str, str]], list]:
    """Already-clean article text: paragraphs separated by blank lines, the first is the lead.
    Nothing is dropped as chrome, but a translation credit is metadata and never article text."""
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    credits = [c for c in (parse_credit(p) for p in paragraphs if p) if c]
    credited = {c.text for c in credits}
    paragraphs = [p for p in paragraphs if p and p not in credited]
    return [("lead" if i == 0 else "paragraph", p) for i, p in enumerate(paragraphs)], credits


def assemble(blocks: list[tuple[str, str]]) -> tuple[str, list[Block]]:
    """Join block texts with blank lines and record each block's offsets."""
    parts, out, pos = [], [], 0
    for kind, body in blocks:
        if parts:
            pos += 2
        out.append(Block(kind=kind, start=pos, end=pos + len(body)))
        parts.append(body)
        pos += len(body)
    return "\n\n".join(parts), out


def clean_page(raw: RawPage, *, format: str = "auto", language: str | None = None,
               published: str | None = None) -> Article:
    """Turn one raw page into an Article with text, blocks, title, credits and removed lines."""
    if format not in FORMATS:
        raise InputError(f"{raw.label}: unknown format {format!r} (use one of {', '.join(FORMATS)})")
    text = decode(raw.data, raw.label)
    kind = detect_format(text, raw.format_hint if format == "auto" else format)
    title = page_date = author = None
    credits, removed, confidence = [], [], 1.0
    if kind == "html":
        from .html import clean_html  # trafilatura costs its import only to pages that need it

        result = clean_html(text, url=raw.url, language=language)
        title, page_date, blocks, credits, removed = (result.title, result.published, result.blocks,
                                                      result.credits, result.removed)
        author, confidence = result.author, result.confidence
    elif kind == "clean":
        blocks, credits = _clean_text_blocks(text)
    else:
        result = clean_scrape(text, language)
        title, page_date, blocks, credits, removed = (result.title, result.published, result.blocks,
                                                      result.credits, result.removed)
        author, confidence = result.author, result.confidence
    if not blocks:
        raise InputError(f"{raw.label}: no article text found")
    if title:
        blocks = [("title", title)] + [b for b in blocks if b[0] != "title"]
    body, block_records = assemble(blocks)
    lang = language or detect_language(body)
    for credit in credits:
        settle_languages(credit, lang)
    source_format = "warc" if raw.container == "warc" else ("html" if kind == "html" else "text")
    return Article(
        source=Source(path=raw.path, url=raw.url, format=source_format, sha256=raw.sha256),
        language=lang,
        title=title,
        published=published or raw.published_hint or (page_date[:10] if page_date else None),
        credits=credits,
        removed=removed,
        text=body,
        blocks=block_records,
        author=author,
        confidence=confidence,
    )
