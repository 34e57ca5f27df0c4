"""Dated events: what happened (or will) when, who took part and where, one per date mention (en + ru)."""
from __future__ import annotations

import re

from ..model import Article, Entity, Event
from .dates import DateMention, day_of, find_dates
from .parse import Parsed
from .places import country_of
from .syntax import SUBJECT, Tok, ancestors, children, fallback_entities, sentence_tokens

# lemma (en) or word-stem (ru) -> event type; the verb nearest the date in the parse decides
_EN_TYPES = {
    "statement": {"say", "state", "stress", "note", "tell", "declare", "claim", "emphasize", "emphasise", "add",
                  "warn", "admit", "insist", "write", "comment", "remark", "explain", "argue", "point",
                  "recall", "believe", "reiterate", "told", "said", "suggest", "accuse", "deny", "criticize"},
    "announcement": {"announce", "unveil", "confirm", "report", "reveal", "publish", "present", "release"},
    "visit": {"visit", "arrive", "travel", "come", "fly", "tour", "trip", "land", "return"},
    "meeting": {"meet", "meeting", "host", "receive", "hold", "gather", "convene", "reconvene"},
    "talks": {"talk", "talks", "negotiate", "negotiation", "discuss", "discussion", "round", "resume", "stall",
              "collapse", "continue"},
    "call": {"call", "phone", "speak", "conversation", "telephone"},
    "summit": {"summit", "conference", "forum", "congress"},
    "delivery": {"deliver", "delivery", "ship", "shipment", "supply", "send"},
    "pledge": {"allocate", "pledge", "promise", "provide", "give", "contribute", "donate", "spend", "fund",
               "finance", "grant", "earmark"},
    "signing": {"sign", "signing", "ratify", "conclude"},
    "attack": {"attack", "strike", "shell", "bomb", "hit", "launch", "kill", "destroy"},
    "vote": {"vote", "elect", "election", "ballot", "referendum"},
    "proposal": {"propose", "proposal", "offer", "suggestion", "initiative"},
    "decision": {"decide", "approve", "adopt", "pass", "agree", "decision", "ban", "impose", "lift", "cancel",
                 "extend", "postpone"},
    "training": {"train", "training"},
}
_EN_LOOKUP = {lemma: kind for kind, lemmas in _EN_TYPES.items() for lemma in lemmas}
_RU_TYPES = [
    ("statement", r"^(?:заяв|сказа|отмет|подчеркн|сообщ|говор|напомн|счита|полага|уточн|добав|призв|предупред)"),
    ("announcement", r"^(?:объяв|анонс|опубликова|представ)"),
    ("visit", r"^(?:посет|посещ|прибы|приеха|прилет|визит|верн)"),
    ("meeting", r"^(?:встреч|встрет|собра)"),
    ("talks", r"^(?:переговор|обсужда|обсуди|обсуж)"),
    ("call", r"^(?:позвон|телефон|разговор|созвон)"),
    ("summit", r"^(?:саммит|конференц|форум)"),
    ("delivery", r"^(?:постав|достав|отправ)"),
    ("pledge", r"^(?:выдел|пообещ|предостав|направ|переда|профинансир)"),
    ("signing", r"^(?:подпис|ратифицир)"),
    ("cancellation", r"^(?:отмени|отмен|сорва)"),
    ("attack", r"^(?:атак|удар|обстрел|сбит|уничтож)"),
    ("vote", r"^(?:голосова|выбор|избра|референдум)"),
    ("proposal", r"^(?:предлож|предлага)"),
    ("decision", r"^(?:решил|реши|одобр|утверд|продл|принял|приня|ввел|ввёл|ввест)"),
]
_RU_COMPILED = [(kind, re.compile(pattern)) for kind, pattern in _RU_TYPES]
_EN_PRONOUNS = {"he", "she", "they", "we", "i"}
_RU_PRONOUNS = {"он", "она", "они", "мы", "я"}
_PLACE_CASE = {"in", "to", "at", "into", "near", "from", "в", "во", "на", "под", "из"}
_MEDIA = re.compile(r"\b(?:news|times|journal|post|tv|radio|agency|newspaper|reuters|bloomberg|"
                    r"tass|interfax|ria|ведомост|коммерсант|вестник|газет)", re.I)


def find_events(article: Article, parsed: Parsed) -> None:
    """Fill article.events: one per resolved date mention, typed, with who and where."""
    entities = article.entities or fallback_entities(article, parsed)
    mentions = sorted(((m.start, m.end, e) for e in entities for m in e.mentions), key=lambda x: x[0])
    persons = [(s, e, ent) for s, e, ent in mentions if ent.type == "PERSON"]
    language = article.language
    # Russian places in their dictionary form («в Киеве» -> «Киев»), as natasha normalised them
    normal = {span.start: span.normal for span in parsed.natasha.spans if span.normal} if parsed.natasha else {}
    anchor = None
    anchor_sentence = -10
    events: list[Event] = []
    for index, sentence in enumerate(article.sentences):
        text = article.text[sentence.start:sentence.end]
        # a day the article just named anchors "On the 25th", "the day before" for the next sentences only
        recent = anchor if index - anchor_sentence <= 2 else None
        dates = find_dates(text, language, article.published, recent, offset=sentence.start)
        dates = [d for d in dates if d.value]
        if not dates:
            continue
        toks = sentence_tokens(parsed, sentence.start, sentence.end)
        inside = [(s, e, ent) for s, e, ent in mentions if sentence.start <= s < sentence.end]
        for date in dates:
            events.append(Event(type=_event_type(toks, date, language), date=date.value, date_text=date.text,
                                who=_who(toks, inside, persons, language),
                                where=_where(toks, inside, article, normal), sentence=index))
            day = day_of(date.value)
            if day is not None and date.kind == "day":
                anchor, anchor_sentence = day, index
    article.events = events


def _lemma_type(tok: Tok, language: str) -> str | None:
    if language == "ru":
        for kind, pattern in _RU_COMPILED:
            if pattern.match(tok.lemma):
                return kind
        return None
    kind = _EN_LOOKUP.get(tok.lemma)
    if kind in ("meeting",) and tok.lemma == "hold":
        return None  # "held a meeting", "held talks": the object says which
    return kind


def _event_type(toks: list[Tok], date: DateMention, language: str) -> str:
    if date.relation == "until":
        base = "period_end"
    elif date.relation == "since":
        base = "period_start"
    else:
        base = None
    start_tok = next((t for t in toks if t.start <= date.start < t.end), None)
    chain = ([start_tok] + ancestors(toks, start_tok.i)) if start_tok else []
    if base:
        return base
    for tok in chain:
        if tok.pos in ("VERB", "NOUN", "AUX", "PROPN"):
            kind = _lemma_type(tok, language)
            if kind:
                # "held a meeting with X", "held talks": the verb's object names the event
                return kind
            if tok.pos == "VERB":
                for c in children(toks, tok.i):
                    if c.dep in ("dobj", "obj", "nsubj", "nsubjpass", "nsubj:pass"):
                        kind = _lemma_type(c, language)
                        if kind and kind not in ("statement",):
                            return kind
    # the date hangs from no verb we know: the strongest word in the sentence
    for tok in toks:
        if tok.pos in ("VERB", "NOUN"):
            kind = _lemma_type(tok, language)
            if kind:
                return kind
    return "period" if date.kind in ("year", "month", "interval") else "event"


def _who(toks: list[Tok], inside: list[tuple[int, int, Entity]], persons, language: str) -> list[str]:
    names: list[str] = []
    pronouns = _RU_PRONOUNS if language == "ru" else _EN_PRONOUNS
    for tok in toks:
        if tok.dep in SUBJECT and tok.text.lower() in pronouns and tok.text.lower() not in ("we", "i", "мы", "я"):
            before = [ent for s, e, ent in persons if s < tok.start]
            if before:
                names.append(before[-1].name)
    for s, e, ent in inside:
        if ent.type == "PERSON":
            names.append(ent.name)
    for s, e, ent in inside:
        if ent.type in ("GPE", "ORG", "NORP") and not _MEDIA.search(ent.name):
            tok = next((t for t in toks if t.start <= s < t.end), None)
            if tok is not None and (tok.dep in SUBJECT or tok.dep in ("poss", "nmod:poss", "compound")
                                    and tok.head >= 0 and toks[tok.head].dep in SUBJECT):
                names.append(country_of(ent.name, language) or ent.name)
    seen: list[str] = []
    for name in names:
        if name not in seen:
            seen.append(name)
    return seen


def _where(toks: list[Tok], inside: list[tuple[int, int, Entity]], article: Article,
           normal: dict[int, str]) -> str | None:
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
        if prev in _PLACE_CASE or (head is not None and head.lemma in _PLACE_CASE and tok.dep == "pobj") \
                or any(c in _PLACE_CASE for c in case) \
                or (head is not None and tok.dep in ("dobj", "obj") and re.match(r"(?:visit|посет|посещ)", head.lemma)):
            if tok.dep in SUBJECT:
                continue
            # the place as written ("Warsaw", not the country the entity layer folds it into)
            return normal.get(s) or article.text[s:e]
    return None
