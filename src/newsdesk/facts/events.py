"""Dated events: what happened (or will) when, who took part and where, one per date mention (en + ru)."""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from ..model import Article, Entity, Event
from .dates import DateMention, day_of, find_dates, shift
from .parse import Parsed, is_headline
from .morph import grammemes, lemma, stem
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
# "TIRANA, March 18 (Agency) -", «МУРМАНСК, 21 апреля.»: a wire dateline dates the report, not an event
_DATELINE = re.compile(r"\s*[A-ZА-ЯЁ][A-ZА-ЯЁ .'-]{2,},\s*$")
# Relative days that may count from a named event ("the day before the signing", «накануне переговоров»)
_NEXT_TO_EVENT = {"the day before": -1, "the previous day": -1, "the eve": -1, "the day after": 1, "the next day": 1,
                  "the following day": 1, "накануне": -1, "на следующий день": 1, "на другой день": 1}
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
    pending: list[tuple[Event, int, int]] = []  # "the day before the signing": (event, phrase start, days)
    for index, sentence in enumerate(article.sentences):
        text = article.text[sentence.start:sentence.end]
        # a day the article just named anchors "On the 25th", "the day before" for the next sentences only
        recent = anchor if index - anchor_sentence <= 2 else None
        dates = find_dates(text, language, article.published, recent, offset=sentence.start)
        dates = [d for d in dates if d.value and not _DATELINE.match(text, 0, d.start - sentence.start)]
        if not dates:
            continue
        toks = sentence_tokens(parsed, sentence.start, sentence.end)
        inside = [(s, e, ent) for s, e, ent in mentions if sentence.start <= s < sentence.end]
        for date in dates:
            event = Event(type=_event_type(toks, date, language), date=date.value, date_text=date.text,
                          who=_who(toks, inside, persons, language),
                          where=_where(toks, inside, article, normal), sentence=index)
            events.append(event)
            days = _NEXT_TO_EVENT.get(re.sub(r"\s+", " ", date.text.lower()).replace("ё", "е"))
            if days is not None and _names_event(article.text, date.end, language):
                pending.append((event, date.end, days))
                continue
            day = day_of(date.value)
            if day is not None and date.kind == "day" and date.relation is None:
                anchor, anchor_sentence = day, index
    anchors = [e for e in events if e.date and len(e.date) == 10 and not any(e is p[0] for p in pending)]
    for event, start, days in pending:
        sentence = article.sentences[event.sentence]
        toks = sentence_tokens(parsed, sentence.start, sentence.end)
        words, names, end = _event_words(toks, start, language)
        found = _named_anchor(article, parsed, anchors, event.sentence, words, names)
        # the day before an event the article does not date: unknown, not the day before the last date
        event.date = (dt.date.fromisoformat(found.date) + dt.timedelta(days=days)).isoformat() if found else None
        event.date_text = article.text[article.text.rfind(event.date_text, sentence.start, start):end] \
            if end > start else event.date_text
    events.extend(_after_events(article, parsed, events, persons, mentions, normal))
    events.sort(key=lambda e: e.sentence)
    # «Накануне переговоров, в воскресенье»: two phrases for one day are one event
    seen: set[tuple[int, str]] = set()
    article.events = []
    for event in events:
        if not event.date or (event.sentence, event.date) in seen:
            continue
        seen.add((event.sentence, event.date))
        article.events.append(event)


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


# -- "three days after the summit": a date counted from an event the article dates elsewhere -----------

_EN_COUNT = r"\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_EN_AFTER = re.compile(rf"\b(?:(?P<n>{_EN_COUNT})\s+(?P<unit>days?|weeks?|months?)\s+|(?P<theday>the\s+day\s+))?"
                       r"(?P<rel>after|before|following)\s+", re.I)
_RU_COUNT = r"\d+|один|одну|два|две|три|четыре|пять|шесть|семь|восемь|девять|десять"
_RU_AFTER = re.compile(rf"(?:(?:через|спустя)\s+(?:(?P<n>{_RU_COUNT})\s+)?(?P<unit>дн\w*|день|недел\w*|месяц\w*)\s+"
                       rf"(?P<rel>после)|за\s+(?:(?P<n2>{_RU_COUNT})\s+)?(?P<unit2>дн\w*|день|недел\w*|месяц\w*)\s+"
                       r"(?P<rel2>до)|(?<![\w-])(?P<rel3>[Пп]осле))\s+", re.I)
# a future sentence: "after the opening, the old bridge will close" is not dated by a past opening
_EN_FUTURE_HINT = re.compile(r"\b(?:will|would|shall|is to|are to|to be)\b", re.I)
_RU_FUTURE_HINT = re.compile(r"\b(?:будет|будут|\w+(?:ют|ут|ит|ят|ет)ся)\b|\b(?:за|от|при|пере|вы|на|по|у|с)\w+(?:ют|ут|ит|ят)\b",
                             re.I)
_RU_NUMBER = {"один": 1, "одну": 1, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7,
              "восемь": 8, "девять": 9, "десять": 10}
_EN_NUMBER = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
              "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
# Words that name no particular event: a dated sentence sharing only these is no anchor.
_GENERIC = frozenset("day week month year time that this it which end start beginning side country government "
                     "день неделя месяц год время это то конец начало сторона страна правительство".split())


def _unit_days(unit: str) -> str:
    unit = unit.lower()
    return "month" if unit.startswith(("month", "месяц")) else "week" if unit.startswith(("week", "недел")) else "day"


def _word_key(tok: Tok, language: str) -> str:
    """What two mentions of one event share: the country a place or demonym names ("Swedish", «Швеции»),
    else the stem ("signing"/"signed", «переговоров»/«переговоры»)."""
    country = country_of(tok.text, language) if tok.text[:1].isupper() else None
    if country:
        return country.lower()
    word = lemma(tok.text) if language == "ru" else tok.lemma
    return stem(word, language)


def _event_words(toks: list[Tok], start: int, language: str) -> tuple[set[str], set[str], int]:
    """Content words of the event phrase after "after"/«после» (up to the clause's end or its verb, at
    most five words): all of them, the proper names among them, and where the phrase ends."""
    words: set[str] = set()
    names: set[str] = set()
    taken, end = 0, start
    for tok in (t for t in toks if t.start >= start):
        if tok.pos == "PUNCT" or tok.text in (",", ";", ":", "—", "–") or taken >= 5 \
                or words and tok.pos in ("VERB", "AUX") and language == "ru":
            break
        taken += 1
        if tok.pos in ("NOUN", "PROPN", "VERB", "ADJ") and len(tok.text) > 2:
            word = lemma(tok.text) if language == "ru" else tok.lemma
            if word in _GENERIC or tok.pos == "ADJ" and not tok.text[:1].isupper():
                continue
            key = _word_key(tok, language)
            words.add(key)
            if tok.pos == "PROPN" or tok.text[:1].isupper() and tok.start > start:
                names.add(key)
            end = tok.end
    return words, names, end


def _sentence_words(toks: list[Tok], language: str) -> set[str]:
    return {_word_key(t, language) for t in toks if t.pos in ("NOUN", "PROPN", "VERB", "ADJ") and len(t.text) > 2}


def _named_anchor(article: Article, parsed: Parsed, anchors: list[Event], index: int, words: set[str],
                  names: set[str]) -> Event | None:
    """The dated event (a day) of another sentence that the phrase's words name: most words shared, then
    nearest. "after the Geneva meeting", "after meeting X": a named event is only one dated with all its names."""
    best = None
    for event in anchors:
        if event.sentence == index:
            continue
        other = article.sentences[event.sentence]
        shared = words & _sentence_words(sentence_tokens(parsed, other.start, other.end), article.language)
        # "the Swedish announcement" is the dated sentence about Sweden, whatever its verb
        if shared and names <= shared:
            score = (len(shared), -abs(event.sentence - index))
            if best is None or score > best[0]:
                best = (score, event)
    return best[1] if best else None


def _names_event(text: str, end: int, language: str) -> bool:
    """Does an event phrase follow "the day before" / «накануне»: "the signing", «переговоров» (a genitive)?"""
    rest = text[end:end + 40]
    if language != "ru":
        return re.match(r"\s+(?:the|a|an|his|her|its|their)\s+[\w-]", rest) is not None
    m = re.match(r"\s+([а-яё]+)", rest)
    if m is None:
        return False
    return "gent" in grammemes(m.group(1))


def _after_events(article: Article, parsed: Parsed, events: list[Event], persons, mentions, normal) -> list[Event]:
    """"Three days after the summit", «через неделю после голосования», "after the vote": when the article
    dates that event elsewhere (a day), the sentence gets the day counted from it, or for a bare "after"
    the span from it to publication. An event the article does not date stays undated: no world knowledge."""
    language = article.language
    pattern = _RU_AFTER if language == "ru" else _EN_AFTER
    dated_sentences = {e.sentence for e in events if e.date}
    anchors = [e for e in events if e.date and len(e.date) == 10]
    if not anchors:
        return []
    published = dt.date.fromisoformat(article.published) if article.published else None
    found: list[Event] = []
    for index, sentence in enumerate(article.sentences):
        if index in dated_sentences or is_headline(article, sentence.block):
            continue  # the sentence dates itself; a headline's "after" sums up, it dates nothing
        text = article.text[sentence.start:sentence.end]
        m = pattern.search(text)
        if m is None:
            continue
        toks = sentence_tokens(parsed, sentence.start, sentence.end)
        words, names, phrase_end = _event_words(toks, sentence.start + m.end(), language)
        head = next((t for t in toks if t.start >= sentence.start + m.end() and t.pos in ("NOUN", "PROPN", "VERB")), None)
        bare = not (m.group("unit") or m.groupdict().get("unit2") or m.groupdict().get("theday"))
        if not words or bare and (head is None or not names and _lemma_type(head, language) in (None, "statement")):
            continue  # "after the summit", not "after a decade", "after workers accept a raise"
        future = (_RU_FUTURE_HINT if language == "ru" else _EN_FUTURE_HINT).search(text)
        origin = _named_anchor(article, parsed, anchors, index, words, names)
        if origin is None:
            continue
        day = dt.date.fromisoformat(origin.date)
        n_text = m.group("n") or (m.groupdict().get("n2"))
        unit = m.group("unit") or m.groupdict().get("unit2") or ("day" if m.groupdict().get("theday") else None)
        rel = (m.group("rel") or m.groupdict().get("rel2") or m.groupdict().get("rel3") or "").lower()
        if unit:
            numbers = _RU_NUMBER if language == "ru" else _EN_NUMBER
            n = int(n_text) if n_text and n_text.isdigit() else numbers.get((n_text or "one").lower(), 1)
            sign = -1 if rel in ("before", "до") else 1
            value = shift(day, sign * n, _unit_days(unit)).isoformat()
        elif rel in ("after", "following", "после") and published is not None and day < published and not future:
            value = f"{day.isoformat()}/{published.isoformat()}"
        else:
            continue
        if published is not None and value[:10] > published.isoformat() and not future:
            continue  # a day after publication for a sentence in the past: the anchor is not this event
        mention = DateMention(sentence.start + m.start(), phrase_end, article.text[sentence.start + m.start():phrase_end],
                              value, "day" if unit else "interval", "after" if rel != "до" else "before")
        inside = [(s, e, ent) for s, e, ent in mentions if sentence.start <= s < sentence.end]
        found.append(Event(type=_event_type(toks, mention, language), date=value, date_text=mention.text.strip(),
                           who=_who(toks, inside, persons, language), where=_where(toks, inside, article, normal),
                           sentence=index))
    return found
