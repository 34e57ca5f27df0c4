"""HTML pages -> article blocks via trafilatura, keeping title, date, headings and paragraphs."""
from __future__ import annotations

from dataclasses import dataclass, field

import trafilatura
from lxml import etree

from ..model import Credit
from .credits import parse_credit


@dataclass
class HtmlResult:
    title: str | None
    published: str | None
    blocks: list[tuple[str, str]]
    credits: list[Credit] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def clean_html(html: str, url: str | None = None, language: str | None = None) -> HtmlResult:
    xml = trafilatura.extract(html, url=url, output_format="xml", include_comments=False,
                              include_tables=False, with_metadata=True, favor_precision=False)
    if not xml:
        return HtmlResult(None, None, [])
    root = etree.fromstring(xml.encode("utf-8"))
    title = (root.get("title") or "").strip() or None
    published = (root.get("date") or "").strip() or None
    blocks: list[tuple[str, str]] = []
    credits: list[Credit] = []
    main = root.find("main")
    for el in (main if main is not None else root).iter("head", "p", "item", "quote"):
        text = " ".join("".join(el.itertext()).split())
        if not text:
            continue
        credit = parse_credit(text, language)
        if credit:
            credits.append(credit)
            continue
        kind = "heading" if el.tag == "head" else "quote" if el.tag == "quote" else "paragraph"
        if kind == "heading" and title and text == title:
            continue
        blocks.append((kind, text))
    for i, (kind, text) in enumerate(blocks):
        if kind == "paragraph":
            blocks[i] = ("lead", text)
            break
    return HtmlResult(title, published, blocks, credits)
