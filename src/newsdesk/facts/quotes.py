"""Fills article.quotes: direct, mixed and reported speech with its cue and a resolved speaker."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Article, Entity, Quote
from .interviews import interview_answers
from .parse import Parsed
from .syntax import is_object
from .morph import grammemes, lemma, nominative_role
from .lexicon import lexicon
from .places import GOVERNMENT_RU, body_of, country_of

# Speech verbs (lemmas): cues report a statement; attributions only name a quotation's speaker beside it;
# belief adjectives ("X is convinced that ..."); cues whose object carries the message ("announced the
# allocation of ..."). lexicon/{en,ru}/speech.tsv
_EN, _RU = lexicon("en"), lexicon("ru")
EN_CUE_LEMMAS = _EN.words("speech", use="cue")
EN_ATTRIBUTION = EN_CUE_LEMMAS | _EN.words("speech", use="attribution")
EN_BELIEF_ADJ = _EN.words("speech", use="belief")
EN_OBJECT_CUES = _EN.words("speech", object="yes")
RU_CUE = re.compile("^" + _RU.alternation("speech"), re.I)
_ORG_WORDS = _EN.words("orgs")
RU_ACCORDING = re.compile(r"\b[Пп]о\s+(?:(его|её|ее|их)\s+)?(словам|мнению|данным|оценке|информации|утверждению)"
                          r"(?:\s+([^,]+?))?,\s*")
EN_ACCORDING = re.compile(r"\b(?:[Aa]ccording to|[Ii]n the (?:opinion|view|words) of|[Ii]n (?=(?:his|her) (?:opinion|view|words)))"
                          r"\s*([^,;]+?)(?:,\s*|\.$|$)")
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "он": "m", "его": "m", "она": "f",
                  "её": "f", "ее": "f"}
# Nouns standing for a person already introduced ("the expert", «политолог»).
ROLE_NOUNS = frozenset("""
expert analyst minister senator envoy interlocutor diplomat royal politician economist adviser advisor aide spokesman
spokeswoman spokesperson president chancellor ambassador professor researcher scholar lawmaker premier governor
commissioner secretary mayor chairman chairwoman director ombudsman prosecutor commander lawyer scientist
эксперт аналитик политолог министр дипломат экономист советник помощник посол сенатор депутат президент канцлер
глава представитель собеседник замминистра заместитель комиссар еврокомиссар мэр губернатор директор председатель
""".split())
# Words that open an apposition describing a person («ведущий научный сотрудник …», «эксперт …»).
RU_APPOSITION_WORDS = frozenset("""
ведущий старший главный бывший научный член министр эксперт аналитик политолог экономист директор глава
заместитель сотрудник профессор советник посол депутат председатель руководитель представитель
""".split())
RU_AS = re.compile(r"(?:^|(?<=[\s,—–]))[Кк]ак\s+([\w-]+)\s+([^,]+?),\s*")
RU_ABOUT = re.compile(r"\s+об?\s")
COMPANY_NOUNS = frozenset("company firm group bank carrier automaker carmaker maker manufacturer giant producer "
                          "retailer lender insurer airline operator startup conglomerate developer".split())
_QUANTITY = re.compile(r"\d|%|\bper ?cent\b|\bmajority\b|\bmost of\b|\bprocent", re.I)
SOURCE_NOUNS = frozenset("spokesman spokeswoman spokesperson representative statement source".split())
OPENERS = {"“": "”", "«": "»", "„": "“"}
_SPOKESPERSON_FOR = re.compile(r"(?i)(?:an?|the)\s+(?:\w+\s+)?(?:spokesperson|spokesman|spokeswoman|representative|"
                               r"press\s+officer|statement)\s+(?:for|of|from)\s+")
_INSTITUTIONS = frozenset("ministry government office agency embassy department commission authority cabinet "
                          "administration presidency consulate mission".split())
# "…, Energy Secretary Daniel Hart announced on Tuesday.": an attribution closing the sentence, for parses
# that hang the name and verb off the message
_TRAILING = re.compile(r",\s+(?P<who>[^,]{2,80}?)\s+(?P<cue>said|says|announced|stressed|added|noted|wrote|confirmed|"
                       r"declared|warned|insisted|explained|told\s+[\w ]{1,30}?)(?P<tail>(?:\s+[\w-]+){0,6})\s*[.!]?\s*$")


@dataclass
class Region:
    """Quoted words: start/end are the content offsets (marks excluded) in article.text."""
    start: int
    end: int
    dash: bool = False
    continues: bool = False  # "— …, — she said. — More.": the words after the attribution


@dataclass
class State:
    article: Article
    parsed: Parsed
    persons: list[tuple[int, int, Entity]] = field(default_factory=list)  # person mentions in text order
    others: list[tuple[int, int, Entity]] = field(default_factory=list)  # places and organisations
    excluded: list[tuple[int, int]] = field(default_factory=list)  # quoted content: not antecedents
    speakers: list[tuple[int, Entity | str]] = field(default_factory=list)  # resolved speakers so far
    objects: set[int] = field(init=False)  # starts of person mentions that are objects ("met with X")
    person_starts: list[int] = field(init=False)
    sentence_starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        for entity in self.article.entities:
            for m in entity.mentions:
                (self.persons if entity.type == "PERSON" else self.others).append((m.start, m.end, entity))
        self.persons.sort(key=lambda x: x[0])
        self.others.sort(key=lambda x: x[0])
        self.person_starts = [p[0] for p in self.persons]
        self.sentence_starts = [s.start for s in self.article.sentences]
        doc = self.parsed.spacy
        self.objects = {start for start, end, _e in self.persons if doc is not None and is_object(doc, start, end)}

    def sentence_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.sentence_starts, offset) - 1)

    def is_excluded(self, start: int) -> bool:
        return any(a <= start < b for a, b in self.excluded)


# -- quoted regions -----------------------------------------------------------------------------

_THE_COUNTRYS = re.compile(r"(?i)^the (?:country|republic|kingdom)'?s\b")
_RU_ATTRIBUTION_TAIL = re.compile(r"^\s*[,.!?…]?\s*[—–-]|^\s*,")
_ENDS_SPOKEN = re.compile(r"[,.!?…]\s*$")  # "…," he said — not the newspaper "Kommersant" reported
_ATTRIBUTION_TAIL = re.compile(r"^\W*[,.!?…]?\W*\s")
_PHRASE_WORD = re.compile(r"[\w'’-]+")
_MARKS = re.compile(r'["“”«»„]')
_DASH_MORE = re.compile(r"[.!?…]\s*[—–]\s+(?=[A-ZА-ЯЁ«\"“])")
_DASH_TAIL = re.compile(r"[,.!?…]\s*[\"”»]?\s*[—–]\s+(?=\w)|[,.!?…][\"”»]\s+(?=[a-zа-яё])")


def quote_regions(article: Article) -> list[Region]:
    """Quoted stretches of the article, one per quotation even when it runs across paragraphs; press
    dialogue ("— …, — she said.") counts as quoted up to its attribution."""
    regions: list[Region] = []
    text = article.text
    open_at: int | None = None
    closer = ""
    depth = 0
    blocks = article.blocks
    for b, block in enumerate(blocks):
        body = text[block.start:block.end]
        stripped = body.lstrip()
        lead = block.start + len(body) - len(stripped)
        if open_at is None and stripped[:1] in ("—", "–") and stripped[1:2] == " ":
            tail = list(_DASH_TAIL.finditer(stripped))
            # "— …, — заявила она. — …": the attribution is the first dash followed by a lower-case
            # word; what follows its full stop and a second dash is more of the same quotation.
            said = next((m for m in tail if stripped[m.end():m.end() + 1].islower()), tail[-1] if tail else None)
            if said is not None:
                end = lead + said.start() + 1
                regions.append(Region(lead + 2, end - 1 if text[end - 1] == "," else end, dash=True))
                more = _DASH_MORE.search(stripped, said.end())
                if more is not None:
                    after = next((m for m in tail if m.start() >= more.end()
                                  and stripped[m.end():m.end() + 1].islower()), None)
                    stop = lead + (after.start() if after else len(stripped.rstrip()))
                    regions.append(Region(lead + more.end(), stop, dash=True, continues=True))
            continue
        skip = -1
        if open_at is not None and stripped[:1] in ('"', "“", "«"):
            skip = len(body) - len(stripped)  # a continuation mark opening the next paragraph
        for mark in _MARKS.finditer(body):
            ch, i = mark.group(), mark.start()
            if i == skip:
                continue
            pos = block.start + i
            if open_at is None:
                if ch in OPENERS or ch == '"':
                    open_at, closer, depth = pos + 1, OPENERS.get(ch, '"'), 1
            elif ch == "«" and closer == "»":
                depth += 1
            elif ch == closer:
                depth -= 1
                if depth == 0:
                    regions.append(Region(open_at, pos))
                    open_at = None
        if open_at is not None:
            following = text[blocks[b + 1].start:blocks[b + 1].end] if b + 1 < len(blocks) else ""
            # Runs on when the next paragraph reopens the quote ("…¶"…) or closes a «…¶…» quote.
            runs_on = following[:1] in ('"', "“", "«") or (closer == "»" and "»" in following)
            if not runs_on:
                open_at = None  # an unclosed mark: no quotation
    return regions


def _content_text(text: str) -> str:
    text = re.sub(r"\s*\n+\s*[\"“«]?", " ", text)
    return text.strip().strip("—– ").strip()


# -- speaker resolution -------------------------------------------------------------------------

def _entity_in(state: State, start: int, end: int) -> Entity | None:
    # overlapping, not only starting inside: the parse may take «Вейс» for the subject of «Марта Вейс»
    people = [p for p in state.persons if start <= p[0] < end or p[0] < start < p[1]]
    if people:
        return people[-1][2]
    places = [o for o in state.others if start <= o[0] < end]
    # "the WHO office in Accra": the body, not the city it sits in
    bodies = [o for o in places if o[2].type == "ORG"]
    located = [o for o in places if o[2].type != "ORG"
               and re.search(r"\b(?:in|at|near)\s+(?:the\s+)?$", state.article.text[max(start, o[0] - 12):o[0]])]
    if bodies and located:
        return bodies[-1][2]
    return places[-1][2] if places else None


def _recent_person(state: State, before: int, gender: str | None, role: str | None = None) -> Entity | None:
    """The person a pronoun or role noun at `before` stands for: the nearest earlier person outside
    quoted words whose gender agrees; for a role noun ("the expert") one whose stated role holds it,
    else the last person who spoke."""
    def agrees(entity: Entity) -> bool:
        known = entity.gender
        return not (gender and known and known != gender)

    k = bisect.bisect_left(state.person_starts, before)
    first: tuple[int, Entity] | None = None  # the nearest candidate, when it is an object
    for start, _end, entity in reversed(state.persons[:k]):
        if state.is_excluded(start) or not agrees(entity):
            continue
        if gender and entity.gender is None and not entity.role and len(entity.name.split()) == 1:
            continue  # "he"/«он» needs a person whose sex is known; a bare word of unknown sex is a guess
        if role is None or (entity.role and role[:5] in entity.role.lower()):
            if role is not None or start not in state.objects:
                # "X arrived. He met Y. He said …": a subject near the object beats the object.
                chosen = entity if first is None or state.sentence_of(first[0]) - state.sentence_of(start) <= 1 \
                    else first[1]
                if role is None:
                    # «Глава МИД подчеркнул … — сказал он»: a speaker named by role since counts as a mention.
                    later = next((sp for offset, sp in reversed(state.speakers) if start < offset < before
                                  and isinstance(sp, Entity) and sp.type == "PERSON" and agrees(sp)), None)
                    chosen = later or chosen
                return chosen
            if first is None:
                first = (start, entity)
    if first is not None:
        return first[1]
    if role is None:
        return None
    # "the minister", «глава МИД»: the last who spoke, passing over a bare word with no role (a tagger's
    # guess more often than a person).
    spoke = [speaker for _offset, speaker in reversed(state.speakers)
             if isinstance(speaker, Entity) and speaker.type == "PERSON" and agrees(speaker)]
    named = next((speaker for speaker in spoke if speaker.role or len(speaker.name.split()) > 1), None)
    if named is not None or spoke:
        return named or spoke[0]
    return _recent_person(state, before, gender)


def _ru_state_back_reference(words: list[str]) -> bool:
    """«министерство иностранных дел республики»: a government of the country just named."""
    lemmas = [lemma(w) for w in words]
    back = [w for w in lemmas if w in ("страна", "республика", "государство", "королевство")]
    return bool(back) and all(w in GOVERNMENT_RU or w in back for w in lemmas)


def _last_country(state: State, before: int) -> str | None:
    """The country "the country's" points back to: the last country that spoke, else the last named."""
    for offset, speaker in reversed(state.speakers):
        if offset < before and isinstance(speaker, str) and country_of(speaker):
            return speaker
    for start, _end, entity in reversed(state.others):
        if start < before and entity.type == "GPE":
            return entity.name
    return None


def resolve_speaker(state: State, start: int, end: int, gender: str | None = None) -> Entity | str | None:
    """The speaker a subject phrase text[start:end] stands for: an entity, a country name, or None."""
    phrase = state.article.text[start:end].strip()
    words = _PHRASE_WORD.findall(phrase.lower())
    if not words:
        return None
    if words[0] in PRONOUN_GENDER and len(words) <= 2:
        return _recent_person(state, start, PRONOUN_GENDER[words[0]] or gender)
    if words[0] in ("it", "they", "we", "i", "you", "this", "that", "они", "мы", "я", "это", "оно"):
        return None
    if _QUANTITY.search(phrase):
        return None  # "70 percent of Americans say": a poll, not a speaker
    entity = _entity_in(state, start, end)
    for_whom = _SPOKESPERSON_FOR.match(phrase)
    if for_whom:
        # "a spokesperson for the ministry", "the representative of the WHO office in Accra": whoever they
        # speak for, resolved as that phrase is
        offset = start + (len(state.article.text[start:end]) - len(state.article.text[start:end].lstrip())) + for_whom.end()
        return resolve_speaker(state, offset, end, gender) or phrase[for_whom.end():]
    if words[0] in ("a", "an"):
        # "A company spokesperson": someone new, never a person named before; "a statement from
        # the UN secretariat", "a spokesman for Nissan": whoever the phrase names.
        return entity or _described_source(state, phrase, words, start)
    if entity is not None and entity.type == "PERSON":
        return entity
    lang = state.article.language
    country = country_of(phrase, lang) or body_of(phrase)
    if country is None and (_THE_COUNTRYS.match(phrase) or lang == "ru" and _ru_state_back_reference(words)):
        country = _last_country(state, start)
    if country:
        return country
    nouns = [w for w in words if w not in ("the", "a", "also")]
    # "The Russian diplomat", "the interlocutor of the paper": a person met before, not the country.
    role = nouns[-1] if nouns[-1] in ROLE_NOUNS else nouns[0] if nouns[0] in ROLE_NOUNS else None
    if role and (nouns[-1] == role or lang == "ru" or nouns[1:2] == ["of"]):
        return _recent_person(state, start, gender, role)
    if entity is not None and (entity.type not in ("GPE", "NORP", "LOC") or len(nouns) <= 2 and lang == "ru"):
        return entity  # an organisation; a country only when the phrase is one ("The German automaker" is not)
    if lang == "ru":
        for word in words:
            if any(word.startswith(r) for r in ROLE_NOUNS if len(r) > 4):  # «министра», «эксперта»
                return _recent_person(state, start, gender, word)
        institution = _ru_institution(state, phrase, words, start)
        if institution is not None:
            return institution
        if len(words) == 1 and _animate_noun(words[0]):
            return _recent_person(state, start, gender, lemma(words[0]))  # «вспоминает капитан»
    described = _described_source(state, phrase, words, start)
    if described is not None:
        return described
    proper = re.fullmatch(r"(?:[A-ZА-ЯЁ][\w'’-]+\s?){1,3}", phrase)
    if proper and not country_of(phrase):
        return phrase
    return None


# Russian nouns for a body that speaks: «министерство», «пресс-служба», «ведомство», «минздрав».
_RU_INSTITUTION = re.compile(r"^(?:министерств|ведомств|мин[а-яё]{2,}|мид|пресс-служб|служб|посольств|правительств|"
                             r"администраци|мэри|департамент|управлени|агентств|комитет|комисси|центр|фонд|банк|"
                             r"компани|корпораци|концерн|штаб|совет|парламент|рос[а-яё]{4,})", re.I)


def _animate_noun(word: str) -> bool:
    tag = grammemes(word)
    return tag.POS == "NOUN" and tag.animacy == "anim" and "Name" not in tag and "Surn" not in tag


def _ru_institution(state: State, phrase: str, words: list[str], start: int) -> Entity | str | None:
    """«федеральное министерство экономического сотрудничества ФРГ», «минздрава республики»: the body is the
    speaker, named in the nominative; a bare «ведомство» is the organisation named before."""
    head = next((k for k, w in enumerate(words) if _RU_INSTITUTION.match(w)), None)
    if head is None:
        return None
    if len(words) == 1:
        earlier = [entity for _s, _e, entity in reversed(state.others) if _s < start and entity.type == "ORG"]
        if earlier:
            return earlier[0]
        return next((sp for offset, sp in reversed(state.speakers) if offset < start
                     and (isinstance(sp, str) or sp.type != "PERSON")), None)
    entity = _entity_in(state, start, start + len(phrase) + 1)
    if entity is not None and entity.type == "ORG" and len(entity.name.split()) > 1:
        return entity
    return nominative_role(phrase.split())


def _described_source(state: State, phrase: str, words: list[str], start: int) -> Entity | str | None:
    """A source named by description: "the transport ministry", "a spokesman for the port authority".
    The phrase itself is the speaker when it says whose; a bare "the ministry" is the last one named."""
    content = [w for w in words if w not in ("the", "a", "an", "also", "its", "their")]
    if not content or len(content) > 8:
        return None
    head = next((w for w in content if w in _ORG_WORDS or w in ROLE_NOUNS or w in SOURCE_NOUNS or w in COMPANY_NOUNS),
                None)
    if head is None:
        return None
    if content[-1] in COMPANY_NOUNS and words[0] == "the" and len(content) <= 3:
        # "the company", "The German automaker": the business named before.
        earlier = [entity for _s, _e, entity in reversed(state.others) if _s < start and entity.type == "ORG"]
        return next((e for e in earlier if content[-1] in e.name.lower()), earlier[0] if earlier else None)
    if len(content) == 1:
        earlier = [entity for _s, _e, entity in reversed(state.others) if _s < start and entity.type == "ORG"]
        named = next((e for e in earlier if head in e.name.lower()), None)
        if named is None and head in _INSTITUTIONS:
            # "the Danish foreign ministry said …. …, the ministry said": the government that spoke last,
            # else the country of the last minister who spoke
            named = next((sp for offset, sp in reversed(state.speakers) if offset < start
                          and (isinstance(sp, str) or sp.type != "PERSON")), None)
            if named is None and head == "ministry":
                minister = next((sp for offset, sp in reversed(state.speakers) if offset < start
                                 and isinstance(sp, Entity) and sp.role and "minist" in sp.role.lower()), None)
                if minister is not None:
                    named = minister.affiliation or next((country_of(w) for w in re.findall(r"[\w'’]+", minister.role)
                                                          if country_of(w)), None)
        return named
    if content[0] in _ORG_WORDS or content[-1] in _ORG_WORDS or {"for", "of", "from", "at", "in"} & set(content):
        return re.sub(r"(?i)^(?:the|a|an)\s+", "", phrase)
    return None


def _speaker_fields(speaker: Entity | str) -> tuple[str, str | None]:
    if isinstance(speaker, Entity):
        return speaker.name, speaker.id
    return speaker, None


# -- English ------------------------------------------------------------------------------------

def _subject(token):
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects:
        # "Talks stalled, the government said": the subject nearest the verb is the speaker.
        return min(subjects, key=lambda c: abs(c.i - token.i))
    if token.dep_ in ("advcl", "conj", "xcomp", "acomp") and token.head is not token:
        return _subject(token.head)
    return None


def _cue_phrase(token) -> str:
    words = [token]
    for child in token.children:
        if child.dep_ in ("dobj", "dative") and token.lemma_ == "tell" and child.i < token.i + 4:
            words.extend(child.subtree)
        if child.dep_ == "aux" and child.i == token.i - 1 and child.lemma_ in ("have",):
            words.insert(0, child)
        if child.dep_ == "prt":
            words.append(child)
    words.sort(key=lambda t: t.i)
    doc = token.doc
    return doc[words[0].i:words[-1].i + 1].text


def _content_of(token, sent):
    """(start, end) of what the cue introduces, or None when it introduces nothing."""
    comp = [c for c in token.children if c.dep_ in ("ccomp", "parataxis", "xcomp")]
    if not comp and token.lemma_ in EN_OBJECT_CUES:
        comp = [c for c in token.children if c.dep_ == "dobj"]
    if not comp and token.lemma_ in ("make",):
        comp = [c for c in token.children if c.dep_ in ("ccomp",)]
    if not comp and token.lemma_ == "draw":
        # "drew attention to the fact that …": the clause on "fact"
        comp = [g for c in token.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"
                for g in p.children if g.dep_ in ("acl", "ccomp", "relcl")]
    if not comp:
        if token.dep_ == "ROOT" or token.dep_ == "parataxis":
            # "…, Whitlock said." parsed with the message as the root's sibling.
            text = sent.doc.text[sent.start_char:token.idx]
            m = re.match(r"(.+?)[,:]\s*[\"”»]?\s*(?:\w+\s+){0,6}$", text, re.S)
            # not "Two days later, the government declared a state of emergency": a verb with its own object
            if m and len(m.group(1).split()) >= 3 and token.i > sent.start + 3 \
                    and not any(c.dep_ == "dobj" for c in token.children):
                return sent.start_char, sent.start_char + len(m.group(1))
        return None
    best = comp[0]
    tokens = [t for t in best.subtree if sent.start_char <= t.idx < sent.end_char] or [best]
    start, end = tokens[0], tokens[-1]
    if start.lower_ == "that" and start.dep_ == "mark":
        start = sent.doc[start.i + 1]
    if end.is_punct and end.i > start.i:
        end = sent.doc[end.i - 1]
    return start.idx, end.idx + len(end.text)


def _english_quotes(article: Article, state: State, regions: list[Region]) -> list[Quote]:
    doc = state.parsed.spacy
    quotes: list[Quote] = []
    text = article.text
    for si, sentence in enumerate(article.sentences):
        if article.blocks[sentence.block].kind in ("title", "heading"):
            continue  # a headline sums up; the body says who said it
        sent = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if sent is None:
            continue
        inside = [r for r in regions if r.start < sentence.end and r.end > sentence.start - 1]
        used: set[int] = set()  # spaCy indices of cue verbs a direct quote already took
        previous: Quote | None = None  # the last direct quote of this sentence, for split quotations
        # Direct: a quotation whose attribution follows it ("…," he said) or leads it (X said: "…").
        for region in inside:
            if not (sentence.start <= region.end <= sentence.end):
                continue
            tail_tokens = [t for t in sent if t.idx > region.end]
            tail_text = text[region.end:sentence.end]
            cue = next((t for t in tail_tokens if t.lemma_ in EN_ATTRIBUTION and t.pos_ in ("VERB", "AUX")), None)
            lead = text[sentence.start:max(sentence.start, region.start - 1)]
            speaker = None
            spoken = region.dash or _ENDS_SPOKEN.search(text, region.start, region.end) \
                or tail_text.lstrip(" \"”»").startswith((",", "—", "–"))
            if cue is not None and spoken and len(tail_text.split()) <= 14 and _ATTRIBUTION_TAIL.match(tail_text + " "):
                subject = _subject(cue) or next((t for t in tail_tokens if t.dep_ == "nsubj" or t.ent_type_ == "PERSON"),
                                                None)
                if subject is None:
                    after = [t for t in tail_tokens if t.i > cue.i and t.pos_ in ("PROPN", "PRON")]
                    subject = after[0] if after else None
                if subject is not None:
                    span = _subject_span(subject, sent.start_char, sent.end_char)
                    speaker = resolve_speaker(state, span[0], span[1])
            elif lead.rstrip().endswith(":") and region.start > sentence.start and not region.dash:
                lead_tokens = [t for t in sent if t.idx < region.start]
                cue = next((t for t in reversed(lead_tokens) if t.lemma_ in EN_ATTRIBUTION), None)
                subject = _subject(cue) if cue is not None else None
                if subject is not None:
                    span = _subject_span(subject, sent.start_char, sent.end_char)
                    speaker = resolve_speaker(state, span[0], span[1])
            elif previous is not None and len(text[previous.end:region.start].split()) <= 8 \
                    and text[previous.end:region.start - 1].rstrip().endswith(","):
                # "…," Lang said, "but the work takes time.": the second half of a split quotation.
                previous.content = f"{previous.content} {_content_text(text[region.start:region.end])}"
                previous.end = region.end
                state.excluded.append((region.start, region.end))
                continue
            if speaker is None or cue is None:
                continue
            previous = _quote(speaker, _cue_phrase(cue), "direct", _content_text(text[region.start:region.end]),
                              region.start, region.end, si)
            quotes.append(previous)
            used.add(cue.i)
            state.excluded.append((region.start, region.end))
            _remember(state, speaker, region.start)
        quotes.extend(_english_reported(article, state, sent, si, inside, used))
    return quotes


def _subject_span(subject, lo: int = 0, hi: int | None = None) -> tuple[int, int]:
    """The subject phrase, within our sentence [lo, hi) (spaCy's own sentences may run across blocks)."""
    hi = len(subject.doc.text) if hi is None else hi
    # "Turkey's foreign minister, Selin Aydin, says": the named apposition is the speaker.
    for child in subject.children:
        if child.dep_ == "appos" and subject.ent_type_ != "PERSON" and (child.ent_type_ == "PERSON" or (
                subject.pos_ == "NOUN" and child.pos_ == "PROPN" and child.text[:1].isupper())):
            subject = child
            break
    tokens = [t for t in subject.subtree if lo <= t.idx < hi] or [subject]
    # Keep "Bogdan X, a member of …" to its head phrase: cut at the first comma.
    cut = next((k for k, t in enumerate(tokens) if t.text == "," and k > 0), len(tokens))
    tokens = tokens[:cut]
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _english_reported(article: Article, state: State, sent, si: int, regions: list[Region],
                      consumed: set[int]) -> list[Quote]:
    """Reported and mixed speech of one sentence: "according to X, …", "X said (that) …", "…, X said"."""
    text = article.text
    quotes: list[Quote] = []
    taken: list[tuple[int, int]] = []  # contents of this sentence's quotes: no cue inside them
    m = EN_ACCORDING.search(text, sent.start_char, sent.end_char)
    if m and not any(r.start <= m.start() < r.end for r in regions):
        speaker = resolve_speaker(state, m.start(1), m.end(1))
        named = next((p for p in state.persons if m.end() <= p[0] < m.end() + 3
                      and re.match(r"\s*,", text[p[1]:p[1] + 2])), None)
        if named is not None and (speaker is None or isinstance(speaker, str) or speaker.type != "PERSON"):
            # "According to the head of the energy department, Pavel X, …": the name after the role
            speaker = named[2]
            m = re.compile(r"[\s\S]*" + re.escape(text[named[0]:named[1]]) + r"\s*,\s*").match(
                text, m.start(), min(len(text), named[1] + 3)) or m
        if speaker is not None:
            before = text[sent.start_char:m.start()].strip(" ,")
            after = text[m.end():sent.end_char].strip(" .")
            content = after if len(after) > len(before) else before
            start = text.find(content, sent.start_char) if content else sent.start_char
            kind = _kind(text, start, start + len(content), regions)
            cue = "according to" if m.group(0)[:1] in "Aa" else re.sub(r"\s+", " ", m.group(0)).strip(" ,.").lower()
            quotes.append(_quote(speaker, cue, kind, content, start, start + len(content), si))
            taken.append((start, start + len(content)))
            _remember(state, speaker, m.start())
    doc = sent.doc
    lo, hi = bisect.bisect_left(state.parsed.cue_tokens, sent.start), bisect.bisect_left(state.parsed.cue_tokens, sent.end)
    cues = [t for t in (doc[i] for i in state.parsed.cue_tokens[lo:hi])
            if t.lemma_ in EN_CUE_LEMMAS and t.pos_ in ("VERB", "AUX") and t.i not in consumed
            or (t.lemma_ == "make" and any(c.lower_ == "clear" for c in t.children))
            or (t.lemma_ == "point" and any(c.dep_ == "prt" and c.lower_ == "out" for c in t.children))
            or (t.lemma_ == "draw" and any(c.dep_ == "dobj" and c.lower_ == "attention" for c in t.children))
            or (t.lemma_ in EN_BELIEF_ADJ and t.dep_ == "acomp" and any(c.dep_ == "ccomp" for c in t.children))]
    cues.sort(key=lambda t: len(list(t.ancestors)))
    for cue in cues:
        if any(r.start <= cue.idx < r.end for r in regions) or any(a <= cue.idx < b for a, b in taken):
            continue
        if any(c.dep_ == "auxpass" for c in cue.children) and cue.dep_ != "acomp":
            continue  # "he is said to …", "it was announced": no one speaks in the passive
        if any(c.dep_ == "neg" for c in cue.children):
            continue  # "has not said whether": nothing was said
        if cue.dep_ in ("amod", "acl", "relcl", "pcomp") or cue.tag_ in ("VBN",) and cue.dep_ not in ("ROOT", "acomp") \
                and not any(c.dep_ == "aux" for c in cue.children):
            continue
        content = _content_of(cue, sent)
        if content is None:
            continue
        subject = _subject(cue)
        if subject is None:
            continue
        span = _subject_span(subject, sent.start_char, sent.end_char)
        if span[0] >= content[0] and span[1] <= content[1]:
            continue
        if subject.tag_ == "NNS" and not country_of(text[span[0]:span[1]]):
            continue  # "experts interviewed by X", "officials": a group, not one speaker
        speaker = resolve_speaker(state, span[0], span[1])
        if speaker is None:
            continue
        start, end = content
        kind = _kind(text, start, end, regions)
        quotes.append(_quote(speaker, _cue_phrase(cue), kind, text[start:end], start, end, si))
        taken.append((start, end))
        state.excluded.append((start, end))
        _remember(state, speaker, span[0])
    if not quotes and not consumed:
        m = _TRAILING.search(text, sent.start_char, sent.end_char)
        if m and len(text[sent.start_char:m.start()].split()) >= 3 and not any(r.start <= m.start() < r.end for r in regions):
            lead = re.match(r"(?i)(?:but|and|while|as|yet|though)\s+", m.group("who"))
            speaker = resolve_speaker(state, m.start("who") + (lead.end() if lead else 0), m.end("who"))
            if speaker is not None:
                start, end = sent.start_char, m.start()
                quotes.append(_quote(speaker, m.group("cue"), _kind(text, start, end, regions), text[start:end], start,
                                     end, si))
                state.excluded.append((start, end))
                _remember(state, speaker, m.start("who"))
    return quotes


def _kind(text: str, start: int, end: int, regions: list[Region]) -> str:
    """direct when quotation marks hold the whole message, mixed when they hold part of it."""
    inner = [r for r in regions if start <= r.start < end or r.start <= start < r.end]
    if not inner:
        return "reported"
    outside = text[start:inner[0].start] + text[inner[-1].end:end]
    return "direct" if not re.search(r"\w", outside) else "mixed"


def _quote(speaker: Entity | str, cue: str, kind: str, content: str, start: int, end: int, si: int) -> Quote:
    name, entity_id = _speaker_fields(speaker)
    return Quote(speaker=name, speaker_entity=entity_id, cue=cue, type=kind, content=content.strip(),
                 start=start, end=end, sentence=si)


def _remember(state: State, speaker: Entity | str, offset: int) -> None:
    state.speakers.append((offset, speaker))


# -- Russian ------------------------------------------------------------------------------------

def _russian_quotes(article: Article, state: State, regions: list[Region]) -> list[Quote]:
    doc = state.parsed.natasha
    tokens = doc.tokens
    starts = [t.start for t in tokens]
    text = article.text
    quotes: list[Quote] = []
    for si, sentence in enumerate(article.sentences):
        if article.blocks[sentence.block].kind in ("title", "heading"):
            continue  # a headline sums up; the body says who said it
        lo, hi = bisect.bisect_left(starts, sentence.start), bisect.bisect_left(starts, sentence.end)
        toks = tokens[lo:hi]
        inside = [r for r in regions if r.start < sentence.end and r.end > sentence.start - 1]
        done: set[str] = set()
        taken: list[tuple[int, int]] = []

        def gender_of(tok) -> str | None:
            g = (tok.feats or {}).get("Gender")
            return "f" if g == "Fem" else "m" if g == "Masc" else None

        def subject_span(cue) -> tuple[int, int] | None:
            subj = [t for t in toks if t.head_id == cue.id and t.rel in ("nsubj", "nsubj:pass")]
            if not subj and cue.rel == "conj":
                # «поблагодарила … и сообщила, что»: the second verb shares the first one's subject
                first = next((t for t in toks if t.id == cue.head_id), None)
                subj = [t for t in toks if first is not None and t.head_id == first.id and t.rel in ("nsubj", "nsubj:pass")]
            if not subj:
                return None
            subj.sort(key=lambda t: (t.pos not in ("PROPN", "PRON", "NOUN"), abs(t.start - cue.start)))
            head = subj[0]
            keep, frontier = {head.id}, [head.id]
            while frontier:
                current = frontier.pop()
                for t in toks:
                    if t.head_id == current and t.id not in keep and t.rel != "punct":
                        keep.add(t.id)
                        frontier.append(t.id)
            span = [t for t in toks if t.id in keep]
            # "Павел Громов, эксперт …": the name, not its apposition after the comma.
            commas = [t.start for t in toks if t.text == "," and t.start > head.stop]
            if commas:
                span = [t for t in span if t.start < commas[0] or t.start <= head.start]
            start, stop = min(t.start for t in span), max(t.stop for t in span)
            if head.pos == "NOUN" and (head.feats or {}).get("Number") == "Plur" and \
                    not country_of(text[start:stop], "ru"):
                return None  # «эксперты», «источники»: a group, not one speaker («власти Норвегии» is one)
            return start, stop

        def is_cue(t) -> bool:
            if t.pos == "ADJ":
                return t.text.lower().startswith(("уверен", "убежд"))  # «уверен, что»
            if t.pos in ("VERB", "AUX") and t.text.lower().startswith(("назва", "назыв")):
                # «назвала решение «историческим»»: calling something by quoted words is saying them
                return any(t.stop <= r.start < sentence.end for r in inside)
            return t.pos in ("VERB", "AUX") and bool(RU_CUE.match(t.text))

        # Direct: «…», — заявил X. / — …, — сказала она.
        for region in inside:
            if not (sentence.start <= region.end <= sentence.end):
                continue
            tail = [t for t in toks if t.start > region.end]
            cue = next((t for t in tail if is_cue(t)), None)
            if cue is None and region.dash:
                # «— …, — усмехается она.»: after a dialogue dash any verb attributes the words
                cue = next((t for t in tail[:4] if t.pos == "VERB"), None)
            if not _RU_ATTRIBUTION_TAIL.match(text[region.end + 1:sentence.end]):
                cue = None  # «Вечернему курьеру» заявила, что …: a title in guillemets, not a quotation
            if (cue is None or len(tail) > 14) and text[sentence.start:region.start - 1].rstrip().endswith(":"):
                cue = next((t for t in reversed(toks) if t.start < region.start and is_cue(t)), None)
                tail = []
            elif cue is None or len(tail) > 14:
                continue
            if cue is None:
                continue
            span = subject_span(cue)
            if span is None:
                after = [t for t in tail if t.start > cue.start and t.pos in ("PROPN", "PRON", "NOUN")]
                span = (after[0].start, after[-1].stop) if after else None
                if after and after[0].pos == "PROPN":
                    names = [t for t in after if t.pos == "PROPN"]
                    span = (names[0].start, names[-1].stop)
                elif after:
                    span = (after[0].start, after[0].stop)
            if span is None:
                continue
            speaker = resolve_speaker(state, span[0], span[1], gender_of(cue))
            if speaker is None:
                continue
            quotes.append(_quote(speaker, cue.text, "direct", _content_text(text[region.start:region.end]),
                                 region.start, region.end, si))
            done.add(cue.id)
            state.excluded.append((region.start, region.end))
            _remember(state, speaker, region.start)
        # По словам X, …
        m = RU_ACCORDING.search(text, sentence.start, sentence.end)
        group = 1 if m and m.group(1) else 3
        if m and m.group(group) and not any(r.start <= m.start() < r.end for r in regions):
            speaker = resolve_speaker(state, m.start(group), m.end(group))
            if speaker is not None:
                start, end = m.end(), sentence.end
                content = text[start:end].rstrip(" .")
                kind = _kind(text, start, end, regions)
                cue = f"по {m.group(2)}"
                quotes.append(_quote(speaker, cue, kind, content, start, start + len(content), si))
                taken.append((start, end))
                state.excluded.append((start, end))
                _remember(state, speaker, m.start())
        # Как сообщил(и) X, …
        m = RU_AS.search(text, sentence.start, sentence.end)
        if m and RU_CUE.match(m.group(1)) and not any(r.start <= m.start() < r.end for r in regions):
            gender = "f" if m.group(1).endswith("ла") else "m" if m.group(1).endswith("л") else None
            who_start = m.start(2)
            inner = re.search(r"\bв[о]?\s+(?=\S)", m.group(2))
            if inner and _RU_INSTITUTION.match(m.group(2)[inner.end():]):
                who_start = m.start(2) + inner.end()  # «сообщили ТАСС в пресс-службе X»: X speaks, ТАСС is told
            speaker = resolve_speaker(state, who_start, m.end(2), gender)
            if speaker is None and re.match(r"во?\s+\S", m.group(2)) and len(m.group(2).split()) >= 2:
                speaker = re.sub(r"^во?\s+", "", m.group(2))  # «в пресс-службе министерства»
            if speaker is not None:
                start, end = m.end(), sentence.end
                # «Как отмечает Олег Лапин, ведущий научный сотрудник центра, …»: the apposition is no message.
                appos = re.match(r"([\w-]+)[^,]*,\s*", text[start:end])
                if appos and (lemma(appos.group(1)) in RU_APPOSITION_WORDS or appos.group(1).lower() in ROLE_NOUNS) \
                        and len(text[start + appos.end():end].split()) >= 3:
                    start += appos.end()
                content = text[start:end].rstrip(" .")
                quotes.append(_quote(speaker, m.group(1), _kind(text, start, end, regions), content, start,
                                     start + len(content), si))
                taken.append((start, end))
                done.update(t.id for t in toks if m.start() <= t.start < m.end())
                state.excluded.append((start, end))
                _remember(state, speaker, m.start())
        # Reported: X заявил, что … / …, сообщил X.
        for cue in toks:
            if cue.id in done or not is_cue(cue):
                continue
            if any(r.start <= cue.start < r.end for r in regions) or any(a <= cue.start < b for a, b in taken):
                continue
            after = text[cue.stop:sentence.end]
            before = text[sentence.start:cue.start]
            content: tuple[int, int] | None = None
            mm = re.match(r"(?:\s*[\w-]+){0,4}?\s*,\s*(?:что|будто|чтобы)\s+", after)
            if mm:
                content = (cue.stop + mm.end(), sentence.end - (1 if text[sentence.end - 1] in ".!?" else 0))
            elif re.search(r",\s*(?:[—–]\s*)?$", before) and len(before.split()) >= 3 and not any(
                    t.head_id == cue.id and t.rel in ("nsubj", "nsubj:pass") and t.start < cue.start for t in toks):
                # "…, сообщил X": not «Сеул, в свою очередь, пообещал …», whose subject stands before the cue
                content = (sentence.start, sentence.start + len(before.rstrip(" ,—–")))
            else:
                # «считает это решение вынужденным», «заявил о готовности …»: the complement is the message.
                comps = [t for t in toks if t.head_id == cue.id and t.start > cue.stop
                         and t.rel in ("ccomp", "xcomp", "obj", "obl") and t.pos != "PRON"]
                if comps and (len(comps) > 1 or comps[0].rel != "obl" or RU_ABOUT.match(after)):
                    end = sentence.end - (1 if text[sentence.end - 1] in ".!?" else 0)
                    ids = {t.id for t in comps}
                    # «объявила о созыве …»: the preposition belongs to the message.
                    start = min(t.start for t in toks if t.id in ids or t.head_id in ids and t.rel == "case"
                                and t.start < min(c.start for c in comps if c.id == t.head_id))
                    if start < end:
                        content = (start, end)
            if content is None and si > 0 and _RU_ABOUT_THIS.match(before):
                # «Об этом сообщил X»: the message is the sentence before
                previous = article.sentences[si - 1]
                content = (previous.start, previous.end - (1 if text[previous.end - 1] in ".!?" else 0))
            if content is None:
                continue
            span = subject_span(cue)
            if span is None:
                continue
            if content[0] <= span[0] < content[1]:
                continue
            speaker = resolve_speaker(state, span[0], span[1], gender_of(cue))
            if speaker is None:
                continue
            start, end = content
            kind = _kind(text, start, end, regions)
            quotes.append(_quote(speaker, cue.text, kind, text[start:end], start, end, si))
            taken.append(content)
            state.excluded.append(content)
            _remember(state, speaker, span[0])
        if not any(q.sentence == si for q in quotes):
            quotes.extend(_ru_impersonal(article, state, sentence, si, regions))
    return quotes


_RU_ABOUT_THIS = re.compile(r"^\W*(?:[Оо]б?\s+этом)\b")
# «…, сообщили в Росрыболовстве», «…, говорится в сообщении посольства»: the body speaks with no subject
_RU_IMPERSONAL = re.compile(r",\s*(?:[—–]\s*)?(?P<cue>сообщили|заявили|рассказали|отметили|уточнили|пояснили|"
                            r"подтвердили|говорится)\s+(?:\S+\s+){0,2}?(?:в|во)\s+(?:(?:сообщении|заявлении|"
                            r"документе|пресс-релизе|релизе|коммюнике|письме)\s+)?(?P<who>[^,.;]+?)\s*[.!]?\s*$")


def _ru_impersonal(article: Article, state: State, sentence, si: int, regions: list[Region]) -> list[Quote]:
    text = article.text
    m = _RU_IMPERSONAL.search(text, sentence.start, sentence.end)
    if m is None or len(text[sentence.start:m.start()].split()) < 3 \
            or any(r.start <= m.start() < r.end for r in regions):
        return []
    who = re.sub(r"^(?:его|её|ее|их)\s+", "", m.group("who"))
    start_who = m.end("who") - len(who)
    entity = _entity_in(state, start_who, m.end("who"))
    speaker = entity if entity is not None and entity.type != "PERSON" else resolve_speaker(state, start_who, m.end("who"))
    if speaker is None:
        speaker = nominative_role(who.split())
    start, end = sentence.start, m.start()
    _remember(state, speaker, start_who)
    state.excluded.append((start, end))
    return [_quote(speaker, m.group("cue"), _kind(text, start, end, regions), text[start:end], start, end, si)]


# -- stage --------------------------------------------------------------------------------------

def find_quotes(article: Article, parsed: Parsed) -> None:
    """Fill article.quotes, in text order."""
    state = State(article, parsed)
    regions = quote_regions(article)
    state.excluded.extend((r.start, r.end) for r in regions)  # quoted words name no later "he"
    if parsed.spacy is not None:
        quotes = _english_quotes(article, state, regions)
    elif parsed.natasha is not None:
        quotes = _russian_quotes(article, state, regions)
    else:
        quotes = []
    _join_continuations(article, quotes, regions)
    quotes.extend(interview_answers(article, quotes))
    article.quotes = sorted(quotes, key=lambda q: (q.sentence, q.start))


def _join_continuations(article: Article, quotes: list[Quote], regions: list[Region]) -> None:
    """Add the words after a dialogue attribution to the quotation of the same paragraph."""
    text = article.text
    for region in regions:
        if not region.continues or any(q.start == region.start for q in quotes):
            continue  # its own attribution made it a quotation already
        block = next((b for b in article.blocks if b.start <= region.start < b.end), None)
        if block is None:
            continue
        before = [q for q in quotes if q.type == "direct" and block.start <= q.start and q.end <= region.start]
        if before:
            quote = max(before, key=lambda q: q.end)
            joint = " " if quote.content.rstrip()[-1:] in ".!?…" else ". "
            quote.content = f"{quote.content.rstrip(' ,')}{joint}{_content_text(text[region.start:region.end])}".strip()
            quote.end = region.end
