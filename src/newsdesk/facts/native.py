"""Donors and speakers linked to their entity, and in a Russian article named both ways.

Countries and unions come out under one English name in both languages, so the tracker adds up
Berlin's pledges whichever language reported them. A reader of a Russian article also wants the
name as the article writes it, in the nominative: that is `donor_native` / `speaker_native`
(«Германия»), and the name shown, `donor` / `speaker`, carries both, "Germany (Германия)", the way
annotators write "Portugal (Lisbon)". Nothing reads the shown name back: the store links a donor
by `donor_entity`, a speaker by `speaker_entity`.
"""
from __future__ import annotations

import re

from ..model import Article, Entity
from .morph import analyse, lemma

_CYRILLIC = re.compile(r"[а-яА-ЯёЁ]")


def link_donors(article: Article) -> None:
    """Point each pledge at the article entity its donor names (by name or alias)."""
    by_name: dict[str, Entity] = {}
    for entity in article.entities:
        for name in (entity.name, *entity.aliases):
            by_name.setdefault(name, entity)
    for pledge in article.pledges:
        entity = by_name.get(pledge.donor)
        pledge.donor_entity = entity.id if entity is not None else None


def add_native_names(article: Article) -> None:
    """Give English-named donors and speakers of a Russian article the article's own name."""
    if article.language != "ru":
        return
    native: dict[str, str] = {}
    ids: dict[str, str] = {}
    for entity in article.entities:
        if _CYRILLIC.search(entity.name):
            continue
        written = _nominative(entity.aliases)
        if written:
            native[entity.name] = written
            ids.setdefault(entity.name, entity.id)
    for pledge in article.pledges:
        if pledge.donor in native:
            pledge.donor_native = native[pledge.donor]
            pledge.donor = f"{pledge.donor} ({pledge.donor_native})"
    for quote in article.quotes:
        if quote.speaker in native:
            quote.speaker_native = native[quote.speaker]
            quote.speaker_entity = quote.speaker_entity or ids[quote.speaker]
            quote.speaker = f"{quote.speaker} ({quote.speaker_native})"


def _nominative(aliases: list[str]) -> str | None:
    """The alias in the nominative («Германия», not «Германии»); else the first one's lemma."""
    cyrillic = [a for a in aliases if _CYRILLIC.search(a)]
    if not cyrillic:
        return None
    for alias in cyrillic:
        head = alias.split()[-1]
        parse = analyse(head)
        if "nomn" in parse.tag and parse.normal_form == head.lower():
            return alias
    words = cyrillic[0].split()
    if len(words) == 1:
        word = lemma(words[0])
        return word[:1].upper() + word[1:]
    return None
