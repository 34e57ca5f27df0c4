"""Dated events: what happened (or will) when, who took part and where, one per date mention (en + ru)."""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from ..model import Article, Entity, Event
from .dates import DateMention, day_of, event_offset, find_dates, number_of, shift, unit_of
from .lexicon import Lexicon, lexicon
from .morph import grammemes, lemma, stem
from .parse import Parsed, is_headline
from .places import country_of
from .syntax import SUBJECT, Tok, ancestors, children, fallback_entities, sentence_tokens

_Mention = tuple[int, int, Entity]  # an entity mention: start, end, entity
_PUNCT = (",", ";", ":", "—", "–")


class _Words:
    """The event words and patterns of one language (lexicon events.tsv, event_words.tsv, event_patterns.tsv)."""

    def __init__(self, lex: Lexicon) -> None:
        rows = lex.rows("events")
        self.types = {r.key: r["kind"] for r in rows if r["match"] == "lemma"}
        self.stems = [(r.key, r["kind"]) for r in rows if r["match"] == "prefix"]  # in file order
        self.any_stem = tuple(s for s, _kind in self.stems)
        self.place_case = lex.words("event_words", use="place")
        self.generic = lex.words("event_words", use="generic")
        self.back = lex.words("event_words", use="back")
        # "he", "she", "they" stand for the person named before; "we", "I" are the speaker's
        self.anaphors = lex.words("pronouns", subject="yes") - lex.words("pronouns", gender="n") \
            - lex.words("event_words", use="self")
        self.dateline, self.media, self.future, self.place_verb, self.names_event = (
            self.patterns(lex, use)[0] for use in ("dateline", "media", "future", "place_verb", "names_event"))
        self.after = self.patterns(lex, "after")

    @staticmethod
    def patterns(lex: Lexicon, use: str) -> list[re.Pattern]:
        return [lex.pattern(r.key, "event_patterns") for r in lex.rows("event_patterns", use=use)]

    def kind(self, tok: Tok) -> str | None:
        """The event type a token's lemma names, if any."""
        kind = self.types.get(tok.lemma)
        if kind is not None or not tok.lemma.startswith(self.any_stem):
            return kind
        return next(k for s, k in self.stems if tok.lemma.startswith(s))


@lru_cache(maxsize=4)
def _words_of(language: str) -> _Words:
    return _Words(lexicon(language))


class _Doc:
    """An article being read for events, with what every step asks of it."""

    def __init__(self, article: Article, parsed: Parsed) -> None:
        self.article, self.parsed, self.language = article, parsed, article.language
        self.words = _words_of(lexicon(article.language).language)
        entities = article.entities or fallback_entities(article, parsed)
        self.mentions: list[_Mention] = sorted(((m.start, m.end, e) for e in entities for m in e.mentions),
                                              key=lambda x: x[0])
        self.persons = [(s, e, ent) for s, e, ent in self.mentions if ent.type == "PERSON"]
        # Russian places in their dictionary form («в Киеве» -> «Киев»), as natasha normalised them
        natasha = parsed.natasha
        self.normal = {span.start: span.normal for span in natasha.spans if span.normal} if natasha else {}

    def toks(self, index: int) -> list[Tok]:
        sentence = self.article.sentences[index]
        return sentence_tokens(self.parsed, sentence.start, sentence.end)

    def event(self, toks: list[Tok], date: DateMention, index: int) -> Event:
        sentence = self.article.sentences[index]
        inside = [(s, e, ent) for s, e, ent in self.mentions if sentence.start <= s < sentence.end]
        return Event(type=_event_type(toks, date, self.words), date=date.value, date_text=date.text,
                     who=_who(toks, inside, self), where=_where(toks, inside, self), sentence=index)


def find_events(article: Article, parsed: Parsed) -> None:
    """Fill article.events: one per resolved date mention, typed, with who and where."""
    doc = _Doc(article, parsed)
    events, pending = _dated_events(doc)
    _date_from_named(doc, events, pending)
    events.extend(_after_events(doc, events))
    events.sort(key=lambda e: e.sentence)
    # «Накануне переговоров, в воскресенье»: two phrases for one day are one event
    seen: set[tuple[int, str]] = set()
    article.events = []
    for event in events:
        if not event.date or (event.sentence, event.date) in seen:
            continue
        seen.add((event.sentence, event.date))
        article.events.append(event)


def _dated_events(doc: _Doc) -> tuple[list[Event], list[tuple[Event, int, int]]]:
    """An event per date mention, and those dated from a named event ("the day before the signing"):
    (event, where the phrase ends, days)."""
    article = doc.article
    anchor, anchor_sentence = None, -10
    events: list[Event] = []
    pending: list[tuple[Event, int, int]] = []
    for index, sentence in enumerate(article.sentences):
        text = article.text[sentence.start:sentence.end]
        # a day the article just named anchors "On the 25th", "the day before" for the next sentences only
        recent = anchor if index - anchor_sentence <= 2 else None
        dates = find_dates(text, doc.language, article.published, recent, offset=sentence.start)
        dates = [d for d in dates if d.value and not doc.words.dateline.match(text, 0, d.start - sentence.start)]
        toks = doc.toks(index) if dates else []
        for date in dates:
            event = doc.event(toks, date, index)
            events.append(event)
            days = event_offset(date.text, doc.language)
            if days is not None and _names_event(article.text, date.end, doc.words):
                pending.append((event, date.end, days))
                continue
            day = day_of(date.value)
            if day is not None and date.kind == "day" and date.relation is None:
                anchor, anchor_sentence = day, index
    return events, pending


def _date_from_named(doc: _Doc, events: list[Event], pending: list[tuple[Event, int, int]]) -> None:
    """"The day before the signing": the day before the day the article gives the signing elsewhere."""
    article = doc.article
    anchors = [e for e in events if e.date and len(e.date) == 10 and not any(e is p[0] for p in pending)]
    for event, start, days in pending:
        sentence = article.sentences[event.sentence]
        words, names, end = _event_words(doc.toks(event.sentence), start, doc)
        found = _named_anchor(doc, anchors, event.sentence, words, names)
        # the day before an event the article does not date: unknown, not the day before the last date
        event.date = (dt.date.fromisoformat(found.date) + dt.timedelta(days=days)).isoformat() if found else None
        event.date_text = article.text[article.text.rfind(event.date_text, sentence.start, start):end] \
            if end > start else event.date_text


def _event_type(toks: list[Tok], date: DateMention, words: _Words) -> str:
    if date.relation == "until":
        return "period_end"
    if date.relation == "since":
        return "period_start"
    start_tok = next((t for t in toks if t.start <= date.start < t.end), None)
    chain = ([start_tok] + ancestors(toks, start_tok.i)) if start_tok else []
    for tok in chain:
        if tok.pos in ("VERB", "NOUN", "AUX", "PROPN"):
            kind = words.kind(tok)
            if kind:
                return kind
            if tok.pos == "VERB":
                # "held a meeting with X", "held talks": the verb's object names the event
                for c in children(toks, tok.i):
                    if c.dep in ("dobj", "obj", "nsubj", "nsubjpass", "nsubj:pass"):
                        kind = words.kind(c)
                        if kind and kind not in ("statement",):
                            return kind
    # the date hangs from no verb we know: the strongest word in the sentence
    for tok in toks:
        if tok.pos in ("VERB", "NOUN"):
            kind = words.kind(tok)
            if kind:
                return kind
    return "period" if date.kind in ("year", "month", "interval") else "event"


def _who(toks: list[Tok], inside: list[_Mention], doc: _Doc) -> list[str]:
    names: list[str] = []
    for tok in toks:
        if tok.dep in SUBJECT and tok.text.lower() in doc.words.anaphors:
            before = [ent for s, e, ent in doc.persons if s < tok.start]
            if before:
                names.append(before[-1].name)
    for s, e, ent in inside:
        if ent.type == "PERSON":
            names.append(ent.name)
    for s, e, ent in inside:
        if ent.type in ("GPE", "ORG", "NORP") and not doc.words.media.search(ent.name):
            tok = next((t for t in toks if t.start <= s < t.end), None)
            if tok is not None and (tok.dep in SUBJECT or tok.dep in ("poss", "nmod:poss", "compound")
                                    and tok.head >= 0 and toks[tok.head].dep in SUBJECT):
                names.append(country_of(ent.name, doc.language) or ent.name)
    return list(dict.fromkeys(names))


def _where(toks: list[Tok], inside: list[_Mention], doc: _Doc) -> str | None:
    place_case = doc.words.place_case
    for s, e, ent in inside:
        if ent.type not in ("GPE", "LOC"):
            continue
        tok = next((t for t in toks if t.start <= s < t.end), None)
        if tok is None:
            continue
        before = [t for t in toks if t.end <= s]
        prev = before[-1].lemma if before else ""
        head = toks[tok.head] if tok.head >= 0 else None
        case = [c.lemma for c in children(toks, tok.i) if c.dep == "case"]
        if prev in place_case or (head is not None and head.lemma in place_case and tok.dep == "pobj") \
                or any(c in place_case for c in case) \
                or (head is not None and tok.dep in ("dobj", "obj") and doc.words.place_verb.match(head.lemma)):
            if tok.dep in SUBJECT:
                continue
            # the place as written ("Warsaw", not the country the entity layer folds it into)
            return doc.normal.get(s) or doc.article.text[s:e]
    return None


# -- "three days after the summit": a date counted from an event the article dates elsewhere -----------

def _lemma_of(tok: Tok, language: str) -> str:
    # Russian: pymorphy's dictionary form of the word itself, the key the other mentions share
    return lemma(tok.text) if language == "ru" else tok.lemma


def _word_key(tok: Tok, language: str) -> str:
    """What two mentions of one event share: the country a place or demonym names ("Swedish", «Швеции»),
    else the stem ("signing"/"signed", «переговоров»/«переговоры»)."""
    country = country_of(tok.text, language) if tok.text[:1].isupper() else None
    if country:
        return country.lower()
    return stem(_lemma_of(tok, language), language)


def _event_words(toks: list[Tok], start: int, doc: _Doc) -> tuple[set[str], set[str], int]:
    """Content words of the event phrase after "after"/«после» (up to the clause's end or its verb, at
    most five words): all of them, the proper names among them, and where the phrase ends."""
    words: set[str] = set()
    names: set[str] = set()
    taken, end = 0, start
    for tok in (t for t in toks if t.start >= start):
        # a Russian verb ends the phrase («после подписания стороны договорились»); "after meeting X" does not
        if tok.pos == "PUNCT" or tok.text in _PUNCT or taken >= 5 \
                or words and tok.pos in ("VERB", "AUX") and doc.language == "ru":
            break
        taken += 1
        if tok.pos in ("NOUN", "PROPN", "VERB", "ADJ") and len(tok.text) > 2:
            if _lemma_of(tok, doc.language) in doc.words.generic or tok.pos == "ADJ" and not tok.text[:1].isupper():
                continue
            key = _word_key(tok, doc.language)
            words.add(key)
            if tok.pos == "PROPN" or tok.text[:1].isupper() and tok.start > start:
                names.add(key)
            end = tok.end
    return words, names, end


def _sentence_words(toks: list[Tok], language: str) -> set[str]:
    return {_word_key(t, language) for t in toks if t.pos in ("NOUN", "PROPN", "VERB", "ADJ") and len(t.text) > 2}


def _named_anchor(doc: _Doc, anchors: list[Event], index: int, words: set[str], names: set[str]) -> Event | None:
    """The dated event (a day) of another sentence that the phrase's words name: most words shared, then
    nearest. "after the Geneva meeting", "after meeting X": a named event is only one dated with all its names."""
    best = None
    for event in anchors:
        if event.sentence == index:
            continue
        shared = words & _sentence_words(doc.toks(event.sentence), doc.language)
        # "the Swedish announcement" is the dated sentence about Sweden, whatever its verb
        if shared and names <= shared:
            score = (len(shared), -abs(event.sentence - index))
            if best is None or score > best[0]:
                best = (score, event)
    return best[1] if best else None


def _names_event(text: str, end: int, words: _Words) -> bool:
    """Does an event phrase follow "the day before" / «накануне»: "the signing", «переговоров» (a genitive)?"""
    m = words.names_event.match(text[end:end + 40])
    if m is None:
        return False
    noun = m.groupdict().get("genitive")
    return noun is None or "gent" in grammemes(noun)


def _first_match(patterns: list[re.Pattern], text: str) -> re.Match | None:
    """The leftmost match of any pattern; at one place, the first pattern's (as one alternation would)."""
    best = None
    for pattern in patterns:
        m = pattern.search(text)
        if m is not None and (best is None or m.start() < best.start()):
            best = m
    return best


def _after_events(doc: _Doc, events: list[Event]) -> list[Event]:
    """"Three days after the summit", «через неделю после голосования», "after the vote": when the article
    dates that event elsewhere (a day), the sentence gets the day counted from it, or for a bare "after"
    the span from it to publication. An event the article does not date stays undated: no world knowledge."""
    article = doc.article
    dated_sentences = {e.sentence for e in events if e.date}
    anchors = [e for e in events if e.date and len(e.date) == 10]
    if not anchors:
        return []
    published = dt.date.fromisoformat(article.published) if article.published else None
    found: list[Event] = []
    for index, sentence in enumerate(article.sentences):
        if index in dated_sentences or is_headline(article, sentence.block):
            continue  # the sentence dates itself; a headline's "after" sums up, it dates nothing
        event = _after_event(doc, index, anchors, published)
        if event is not None:
            found.append(event)
    return found


def _after_event(doc: _Doc, index: int, anchors: list[Event], published: dt.date | None) -> Event | None:
    sentence = doc.article.sentences[index]
    text = doc.article.text[sentence.start:sentence.end]
    m = _first_match(doc.words.after, text)
    if m is None:
        return None
    toks = doc.toks(index)
    start = sentence.start + m.end()
    words, names, phrase_end = _event_words(toks, start, doc)
    head = next((t for t in toks if t.start >= start and t.pos in ("NOUN", "PROPN", "VERB")), None)
    groups = m.groupdict()
    unit = groups.get("unit") or ("day" if groups.get("theday") else None)
    if not words or not unit and (head is None or not names and doc.words.kind(head) in (None, "statement")):
        return None  # "after the summit", not "after a decade", "after workers accept a raise"
    future = doc.words.future.search(text) is not None
    origin = _named_anchor(doc, anchors, index, words, names)
    if origin is None:
        return None
    value = _counted_value(groups, unit, dt.date.fromisoformat(origin.date), published, future, doc)
    if value is None:
        return None
    back = (groups["rel"] or "").lower() in doc.words.back
    phrase = doc.article.text[sentence.start + m.start():phrase_end].strip()
    mention = DateMention(sentence.start + m.start(), phrase_end, phrase, value, "day" if unit else "interval",
                          "before" if back else "after")
    return doc.event(toks, mention, index)


def _counted_value(groups: dict[str, str | None], unit: str | None, day: dt.date, published: dt.date | None,
                   future: bool, doc: _Doc) -> str | None:
    """The day `unit`s after (before) the event's day, or for a bare "after" the span from it to publication."""
    back = (groups["rel"] or "").lower() in doc.words.back
    if unit:
        n = number_of(groups["n"], doc.language) if groups.get("n") else 1
        value = shift(day, (-1 if back else 1) * (1 if n is None else n), unit_of(unit, doc.language) or "day").isoformat()
    elif not back and published is not None and day < published and not future:
        value = f"{day.isoformat()}/{published.isoformat()}"
    else:
        return None
    if published is not None and value[:10] > published.isoformat() and not future:
        return None  # a day after publication for a sentence in the past: the anchor is not this event
    return value
