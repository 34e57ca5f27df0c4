"""A sentence's dependency parse as plain tokens, the same shape for spaCy (en) and natasha (ru)."""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

from ..model import Article, Entity
from .lexicon import lexicon
from .names import NameMention, merge_names
from .parse import Parsed

_POSSESSIVE_S = lexicon("en").pattern("possessive_s", "name_patterns")

SUBJECT = {"nsubj", "nsubjpass", "nsubj:pass", "csubj"}
OBJECT = {"dobj", "obj", "iobj", "dative", "pobj", "obl"}


@dataclass
class Tok:
    i: int
    text: str
    lemma: str  # lower-case lemma (en) or lower-case word form (ru: match stems)
    pos: str
    dep: str
    head: int  # index in the sentence's token list; -1 for the root or a head outside the sentence
    start: int
    end: int


def sentence_tokens(parsed: Parsed, start: int, end: int) -> list[Tok]:
    """Tokens of the text slice [start, end) with heads re-indexed inside the slice (cached per parse:
    pledges, events and the donor's country ask for the same sentences)."""
    cache = parsed.token_cache
    key = (start, end)
    if key not in cache:
        cache[key] = _sentence_tokens(parsed, start, end)
    return cache[key]


def _sentence_tokens(parsed: Parsed, start: int, end: int) -> list[Tok]:
    if parsed.spacy is not None:
        span = parsed.spacy.char_span(start, end, alignment_mode="expand")
        if span is None:
            return []
        first, last = span.start, span.end
        toks = []
        for t in span:
            h = t.head.i
            head = h - first if first <= h < last and h != t.i else -1
            text = t.text
            toks.append(Tok(t.i - first, text, t.lemma_.lower(), t.pos_, t.dep_.lower(), head,
                            t.idx, t.idx + len(text)))
        return toks
    if parsed.natasha is not None:
        tokens = parsed.natasha.tokens
        starts = _natasha_starts(parsed)
        lo = bisect.bisect_left(starts, start)
        hi = bisect.bisect_left(starts, end)
        chosen = tokens[lo:hi]
        index = {t.id: k for k, t in enumerate(chosen)}
        return [Tok(k, t.text, (t.lemma or t.text).lower(), t.pos or "", (t.rel or "").lower(),
                    index.get(t.head_id, -1) if t.head_id != t.id else -1, t.start, t.stop)
                for k, t in enumerate(chosen)]
    return []


def _natasha_starts(parsed: Parsed) -> list[int]:
    if parsed.token_starts is None:
        parsed.token_starts = [t.start for t in parsed.natasha.tokens]
    return parsed.token_starts


def children(toks: list[Tok], head: int) -> list[Tok]:
    return [t for t in toks if t.head == head]


def subtree(toks: list[Tok], head: int) -> list[Tok]:
    """The token and everything under it, in text order."""
    kids: dict[int, list[int]] = {}
    for t in toks:
        kids.setdefault(t.head, []).append(t.i)
    keep = {head}
    stack = [head]
    while stack:
        for child in kids.get(stack.pop(), ()):
            if child not in keep:
                keep.add(child)
                stack.append(child)
    return [t for t in toks if t.i in keep]


def ancestors(toks: list[Tok], index: int, limit: int = 8) -> list[Tok]:
    out = []
    current = toks[index].head
    while current >= 0 and len(out) < limit:
        out.append(toks[current])
        current = toks[current].head
    return out


def token_at(toks: list[Tok], offset: int) -> Tok | None:
    for t in toks:
        if t.start <= offset < t.end:
            return t
    return None


def is_object(doc: Any, start: int, end: int) -> bool:
    """Is the (spaCy) mention at [start, end) the object of a verb or preposition ("met with X")? "according
    to X" names a source, not an object."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    according = root.head.lower_ == "to" and root.head.i > 0 and doc[root.head.i - 1].lower_ == "according"
    return root.dep_ in ("pobj", "dobj") and not according


def fallback_entities(article: Article, parsed: Parsed) -> list[Entity]:
    """PERSON/GPE/ORG entities straight from the parser's NER, for when the entity layer is off or
    empty, merged the way the entity layer merges names (names.merge_names: a surname alone joins the
    full name, a Russian case form its nominative)."""
    if parsed.spacy is not None:
        language, kinds = "en", {"PERSON": "PERSON", "GPE": "GPE", "ORG": "ORG", "NORP": "NORP", "LOC": "LOC"}
        spans = [(e.start_char, e.end_char, e.text, kinds[e.label_]) for e in parsed.spacy.ents if e.label_ in kinds]
    elif parsed.natasha is not None:
        language, kinds = "ru", {"PER": "PERSON", "LOC": "GPE", "ORG": "ORG"}
        spans = [(s.start, s.stop, s.normal or s.text, kinds.get(s.type, s.type)) for s in parsed.natasha.spans]
    else:
        return []
    mentions = [NameMention(start, end, article.text[start:end], kind, _POSSESSIVE_S.sub("", name.strip()))
                for start, end, name, kind in spans]
    mentions = [m for m in mentions if m.normal]
    return [c.entity for c in merge_names(mentions, [s.start for s in article.sentences], language, "n")]
