"""Donors and speakers of a Russian article named both ways: "Germany (Германия)".

Countries and unions come out under one English name in both languages, so the tracker adds up
Berlin's pledges whichever language reported them. A reader of a Russian article also wants the
name as the article writes it, in the nominative: the English name leads, the article's follows
in brackets, the way an annotator writes "Portugal (Lisbon)". The store links a donor to its entity
by the name before the bracket.
"""
from __future__ import annotations

import re

from ..model import Article
from .places import _morph

_CYRILLIC = re.compile(r"[а-яА-ЯёЁ]")


def add_native_names(article: Article) -> None:
    """Give English-named donors and speakers of a Russian article the article's own name."""
    if article.language != "ru":
        return
    native = {}
    for entity in article.entities:
        if _CYRILLIC.search(entity.name):
            continue
        written = _nominative(entity.aliases)
        if written:
            native[entity.name] = written
    if not native:
        return
    for pledge in article.pledges:
        if pledge.donor in native:
            pledge.donor = f"{pledge.donor} ({native[pledge.donor]})"
    for quote in article.quotes:
        if quote.speaker in native:
            quote.speaker = f"{quote.speaker} ({native[quote.speaker]})"


def _nominative(aliases: list[str]) -> str | None:
    """The alias in the nominative («Германия», not «Германии»); else the first one's lemma."""
    cyrillic = [a for a in aliases if _CYRILLIC.search(a)]
    if not cyrillic:
        return None
    morph = _morph()
    for alias in cyrillic:
        head = alias.split()[-1]
        parse = morph.parse(head)[0]
        if "nomn" in parse.tag and parse.normal_form == head.lower():
            return alias
    words = cyrillic[0].split()
    if len(words) == 1:
        lemma = morph.parse(words[0])[0].normal_form
        return lemma[:1].upper() + lemma[1:]
    return None
