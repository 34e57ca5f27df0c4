"""Fills article.quotes: direct, mixed and reported speech with its cue and a resolved speaker."""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import Any

from ..model import Article, Entity, Quote, Sentence
from .interviews import interview_answers
from .lexicon import Lexicon, lexicon
from .morph import grammemes, lemma, nominative_role
from .parse import Parsed
from .places import GOVERNMENT_RU, body_of, country_of
from .syntax import is_object

# The words and patterns are data (lexicon/{en,ru}/): speech.tsv (speech verbs; Russian ones by lemma, short
# adjectives of belief by their start), quote_patterns.tsv (quote shapes and the phrases around a speaker), quote_words.tsv (small words of a
# subject phrase), source_nouns.tsv (sources named by description), roles.tsv and pronouns.tsv (shared).
_EN, _RU = lexicon("en"), lexicon("ru")
EN_CUE_LEMMAS = _EN.words("speech", use="cue")
EN_ATTRIBUTION = EN_CUE_LEMMAS | _EN.words("speech", use="attribution")
EN_BELIEF_ADJ = _EN.words("speech", use="belief")
EN_OBJECT_CUES = _EN.words("speech", object="yes")
EN_PHRASES = {row.key: (row["with"], row["dep"]) for row in _EN.rows("speech", use="phrase")}
EN_LISTENER_CUES = _EN.words("speech", listener="yes")
EN_PREP_OBJECT_CUES = _EN.words("speech", message="prep-object")
EN_AUX = _EN.words("quote_words", aux="yes")
EN_MARKS = _EN.words("quote_words", mark="yes")
RU_CUE_LEMMAS = frozenset(verb for row in _RU.rows("speech") for verb in (row["lemmas"] or "").split())
RU_BELIEF = tuple(_RU.words("speech", belief="yes"))
RU_CALLS = _RU.words("quote_words", calls="yes")
RU_ROLE_NOUNS = _RU.words("roles", anaphor="yes")
RU_APPOSITION_WORDS = _RU.words("roles", apposition="yes")

_EN_ACCORDING = [(row, _EN.pattern(row.key, "quote_patterns")) for row in _EN.rows("quote_patterns") if row["cue"]]
_RU_ACCORDING = [(row, _RU.pattern(row.key, "quote_patterns")) for row in _RU.rows("quote_patterns") if row["cue"]]
_EN_TRAILING = _EN.pattern("trailing", "quote_patterns")
_EN_TRAILING_LEAD = _EN.pattern("trailing_lead", "quote_patterns")
_RU_AS = _RU.pattern("as_reported", "quote_patterns")
_RU_ABOUT = _RU.pattern("about", "quote_patterns")
_RU_ABOUT_THIS = _RU.pattern("about_this", "quote_patterns")
_RU_IMPERSONAL = _RU.pattern("impersonal", "quote_patterns")
_RU_INSTITUTION = _RU.pattern("institution", "quote_patterns")
_RU_IN = _RU.pattern("in_body", "quote_patterns")
_RU_THAT = _RU.pattern("that_clause", "quote_patterns")
_RU_POSSESSIVE = _RU.pattern("possessive", "quote_patterns")

# Sources named by description are read with the English words, whatever the page's language: a Russian
# page names English sources too («агентство Bloomberg»).
_ORG_WORDS = _EN.words("orgs")
COMPANY_NOUNS = _EN.words("source_nouns", kind="company")
SOURCE_NOUNS = _EN.words("source_nouns", kind="source")
_INSTITUTIONS = _EN.words("source_nouns", kind="institution")
_MEMBERS = {k: v for k, v in _EN.mapping("source_nouns", "members").items() if v}
_SOURCE_HEADS = _ORG_WORDS | _EN.words("roles", anaphor="yes") | SOURCE_NOUNS | COMPANY_NOUNS
_SOURCE_DROP = _EN.words("quote_words", drop="role") | _EN.words("quote_words", drop="source")
_KNOWN = _EN.words("quote_words", opens="known")
_WHOSE = _EN.words("quote_words", whose="yes")
_ARTICLE = _EN.pattern("article", "quote_patterns")

# Typography, the same in every language: quotation marks, dialogue dashes, word and phrase shapes.
OPENERS = {"“": "”", "«": "»", "„": "“", '"': '"'}  # an opening mark and the mark that closes it
_MARKS = re.compile(r'["“”«»„]')
_ENDS_SPOKEN = re.compile(r"[,.!?…]\s*$")  # "…," he said — not the newspaper "Kommersant" reported
_ATTRIBUTION_TAIL = re.compile(r"^\W*[,.!?…]?\W*\s")
_RU_ATTRIBUTION_TAIL = re.compile(r"^\s*[,.!?…]?\s*[—–-]|^\s*,")
_DASH_MORE = re.compile(r"[.!?…]\s*[—–]\s+(?=[A-ZА-ЯЁ«\"“])")
_DASH_TAIL = re.compile(r"[,.!?…]\s*[\"”»]?\s*[—–]\s+(?=\w)|[,.!?…][\"”»]\s+(?=[a-zа-яё])")
_LINE_BREAK = re.compile(r"\s*\n+\s*[\"“«]?")
_PHRASE_WORD = re.compile(r"[\w'’-]+")
_ROLE_WORD = re.compile(r"[\w'’]+")
_PROPER = re.compile(r"(?:[A-ZА-ЯЁ][\w'’-]+\s?){1,3}")
_WORD_CHAR = re.compile(r"\w")
_SPACES = re.compile(r"\s+")
_COMMA_AHEAD = re.compile(r"\s*,")
_COMMA = re.compile(r"\s*,\s*")
_COMMA_END = re.compile(r",\s*(?:[—–]\s*)?$")
_BEFORE_CUE = re.compile(r"(.+?)[,:]\s*[\"”»]?\s*(?:\w+\s+){0,6}$", re.S)  # "…, Whitlock said."
_APPOSITION = re.compile(r"([\w-]+)[^,]*,\s*")
_RU_SUBJECT = ("nsubj", "nsubj:pass")
_GENDER = {"masc": "m", "femn": "f"}  # pymorphy's genders
NOBODY = object()  # a speaker rule's answer when the phrase names no one ("it", "70 percent of voters")


@dataclass(frozen=True)
class Language:
    """What speaker resolution reads for one language: its words, patterns and rules in order."""
    pronoun_gender: dict[str, str]  # "he" -> "m", «она» -> "f"
    nobody: frozenset[str]  # first words of a phrase that names no speaker ("it", "this", «они»)
    someone: frozenset[str]  # first words of a new, unnamed source ("a", "an")
    role_drop: frozenset[str]  # left out before the role noun is looked for
    roles: frozenset[str]  # nouns standing for a person already named ("the expert", «политолог»)
    long_roles: tuple[str, ...]  # the role nouns whose inflected forms start with them («министра»)
    joins: frozenset[str]  # "the minister of …": the role noun heads the phrase
    back: frozenset[str]  # lemmas standing for the country just named
    quantity: re.Pattern
    spokesperson_for: re.Pattern | None
    country_back: re.Pattern | None
    located: re.Pattern | None
    rules: tuple[Callable[[Phrase], Any], ...]

    @classmethod
    def of(cls, lex: Lexicon, rules: tuple[Callable[[Phrase], Any], ...]) -> "Language":
        def optional(key: str) -> re.Pattern | None:
            return lex.pattern(key, "quote_patterns") if key in lex.words("quote_patterns") else None

        genders = lex.mapping("pronouns", "gender")
        roles = lex.words("roles", anaphor="yes")
        return cls(pronoun_gender={w: g for w, g in genders.items() if g in ("m", "f")},
                   nobody=frozenset(w for w, g in genders.items() if g in ("n", "x"))
                   | lex.words("quote_words", opens="nobody"),
                   someone=lex.words("quote_words", opens="someone"),
                   role_drop=lex.words("quote_words", drop="role"), roles=roles,
                   long_roles=tuple(r for r in roles if len(r) > 4),
                   joins=lex.words("quote_words", joins="yes"), back=lex.words("quote_words", back="yes"),
                   quantity=lex.pattern("quantity", "quote_patterns"), spokesperson_for=optional("spokesperson_for"),
                   country_back=optional("country_back"), located=optional("located"), rules=rules)


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
    language: Language = field(init=False)

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
        self.language = _LANGUAGES[lexicon(self.article.language).language]

    def sentence_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.sentence_starts, offset) - 1)

    def is_excluded(self, start: int) -> bool:
        return any(a <= start < b for a, b in self.excluded)


# -- quoted regions -----------------------------------------------------------------------------

@dataclass
class _Opening:
    """A quotation mark still open: where its words start and the mark that will close it."""
    at: int
    closer: str
    depth: int = 1


def quote_regions(article: Article) -> list[Region]:
    """Quoted stretches of the article, one per quotation even when it runs across paragraphs; press
    dialogue ("— …, — she said.") counts as quoted up to its attribution."""
    regions: list[Region] = []
    text = article.text
    opening: _Opening | None = None
    blocks = article.blocks
    for b, block in enumerate(blocks):
        body = text[block.start:block.end]
        stripped = body.lstrip()
        lead = block.start + len(body) - len(stripped)
        if opening is None and stripped[:1] in ("—", "–") and stripped[1:2] == " ":
            regions.extend(_dialogue_regions(text, stripped, lead))
            continue
        skip = -1
        if opening is not None and stripped[:1] in ('"', "“", "«"):
            skip = len(body) - len(stripped)  # a continuation mark opening the next paragraph
        opening = _scan_marks(body, block.start, skip, opening, regions)
        if opening is not None:
            following = text[blocks[b + 1].start:blocks[b + 1].end] if b + 1 < len(blocks) else ""
            # Runs on when the next paragraph reopens the quote ("…¶"…) or closes a «…¶…» quote.
            if not (following[:1] in ('"', "“", "«") or (opening.closer == "»" and "»" in following)):
                opening = None  # an unclosed mark: no quotation
    return regions


def _scan_marks(body: str, offset: int, skip: int, opening: _Opening | None,
                regions: list[Region]) -> _Opening | None:
    """Open and close quotations at the marks of one paragraph (guillemets nest); the mark left open."""
    for mark in _MARKS.finditer(body):
        ch, i = mark.group(), mark.start()
        if i == skip:
            continue
        pos = offset + i
        if opening is None:
            if ch in OPENERS:
                opening = _Opening(pos + 1, OPENERS[ch])
        elif ch == "«" and opening.closer == "»":
            opening.depth += 1
        elif ch == opening.closer:
            opening.depth -= 1
            if opening.depth == 0:
                regions.append(Region(opening.at, pos))
                opening = None
    return opening


def _dialogue_regions(text: str, stripped: str, lead: int) -> list[Region]:
    """«— …, — заявила она. — …»: the attribution is the first dash followed by a lower-case word; what
    follows its full stop and a second dash is more of the same quotation."""
    tail = list(_DASH_TAIL.finditer(stripped))
    said = next((m for m in tail if stripped[m.end():m.end() + 1].islower()), tail[-1] if tail else None)
    if said is None:
        return []
    end = lead + said.start() + 1
    regions = [Region(lead + 2, end - 1 if text[end - 1] == "," else end, dash=True)]
    more = _DASH_MORE.search(stripped, said.end())
    if more is not None:
        after = next((m for m in tail if m.start() >= more.end() and stripped[m.end():m.end() + 1].islower()), None)
        stop = lead + (after.start() if after else len(stripped.rstrip()))
        regions.append(Region(lead + more.end(), stop, dash=True, continues=True))
    return regions


def _content_text(text: str) -> str:
    text = _LINE_BREAK.sub(" ", text)
    return text.strip().strip("—– ").strip()


def _in_regions(regions: list[Region], offset: int) -> bool:
    return any(r.start <= offset < r.end for r in regions)


# -- speaker resolution -------------------------------------------------------------------------

def _entity_in(state: State, start: int, end: int) -> Entity | None:
    # overlapping, not only starting inside: the parse may take «Вейс» for the subject of «Марта Вейс»
    people = [p for p in state.persons if start <= p[0] < end or p[0] < start < p[1]]
    if people:
        return people[-1][2]
    places = [o for o in state.others if start <= o[0] < end]
    # "the WHO office in Accra": the body, not the city it sits in
    bodies = [o for o in places if o[2].type == "ORG"]
    located = state.language.located
    placed = [o for o in places if o[2].type != "ORG" and located is not None
              and located.search(state.article.text[max(start, o[0] - 12):o[0]])]
    if bodies and placed:
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


def _last_country(state: State, before: int) -> str | None:
    """The country "the country's" points back to: the last country that spoke, else the last named."""
    for offset, speaker in reversed(state.speakers):
        if offset < before and isinstance(speaker, str) and country_of(speaker):
            return speaker
    for start, _end, entity in reversed(state.others):
        if start < before and entity.type == "GPE":
            return entity.name
    return None


def _earlier_orgs(state: State, before: int) -> list[Entity]:
    return [entity for start, _e, entity in reversed(state.others) if start < before and entity.type == "ORG"]


def _last_body(state: State, before: int) -> Entity | str | None:
    """The last speaker before `before` that is not a person (a government, an organisation)."""
    return next((sp for offset, sp in reversed(state.speakers) if offset < before
                 and (isinstance(sp, str) or sp.type != "PERSON")), None)


def resolve_speaker(state: State, start: int, end: int, gender: str | None = None) -> Entity | str | None:
    """The speaker a subject phrase text[start:end] stands for: an entity, a country name, or None. The
    language's rules are asked in order: the first that answers (a speaker, or NOBODY) decides."""
    phrase = state.article.text[start:end].strip()
    words = _PHRASE_WORD.findall(phrase.lower())
    if not words:
        return None
    asked = Phrase(state, start, end, phrase, words, gender)
    for rule in state.language.rules:
        found = rule(asked)
        if found is not None:
            return None if found is NOBODY else found
    return None


@dataclass
class Phrase:
    """A subject phrase being resolved: article.text[start:end], stripped, and its lower-case words."""
    state: State
    start: int
    end: int
    text: str
    words: list[str]
    gender: str | None

    @property
    def language(self) -> Language:
        return self.state.language

    @cached_property
    def entity(self) -> Entity | None:
        return _entity_in(self.state, self.start, self.end)

    @cached_property
    def nouns(self) -> list[str]:
        return [w for w in self.words if w not in self.language.role_drop]


def _or_nobody(found: Entity | str | None) -> Any:
    return NOBODY if found is None else found


def _pronoun(p: Phrase) -> Any:
    """"he", "his office", «она»: the person last named whose sex agrees."""
    gender = p.language.pronoun_gender.get(p.words[0])
    if gender is None or len(p.words) > 2:
        return None
    return _or_nobody(_recent_person(p.state, p.start, gender))


def _nobody(p: Phrase) -> Any:
    """"it", "this", «они»: no one in particular; "70 percent of Americans say": a poll, not a speaker."""
    return NOBODY if p.words[0] in p.language.nobody or p.language.quantity.search(p.text) else None


def _spokesperson_for(p: Phrase) -> Any:
    """"a spokesperson for the ministry", "the representative of the WHO office in Accra": whoever they speak
    for, resolved as that phrase is."""
    pattern = p.language.spokesperson_for
    m = pattern.match(p.text) if pattern is not None else None
    if m is None:
        return None
    raw = p.state.article.text[p.start:p.end]
    offset = p.start + (len(raw) - len(raw.lstrip())) + m.end()
    return resolve_speaker(p.state, offset, p.end, p.gender) or p.text[m.end():]


def _someone_new(p: Phrase) -> Any:
    """"A company spokesperson": someone new, never a person named before; "a statement from the UN
    secretariat", "a spokesman for Nissan": whoever the phrase names."""
    if p.words[0] not in p.language.someone:
        return None
    return _or_nobody(p.entity or _described_source(p))


def _named_person(p: Phrase) -> Any:
    return p.entity if p.entity is not None and p.entity.type == "PERSON" else None


def _country(p: Phrase) -> Any:
    """"Norway", "the Norwegian government", "the EU"; "the country's ministry": the country just named."""
    country = country_of(p.text, p.state.article.language) or body_of(p.text)
    if country is None and _points_back(p):
        country = _last_country(p.state, p.start)
    return country or None


def _points_back(p: Phrase) -> bool:
    """"the country's foreign ministry"; «министерство иностранных дел республики»: a government of the
    country just named (only government words beside the back-pointing noun)."""
    language = p.language
    if language.country_back is not None and language.country_back.match(p.text):
        return True
    if not language.back:
        return False
    lemmas = [lemma(w) for w in p.words]
    back = [w for w in lemmas if w in language.back]
    return bool(back) and all(w in GOVERNMENT_RU or w in back for w in lemmas)


def _role_noun(p: Phrase, head_first: bool = False) -> Any:
    """"The Russian diplomat", "the interlocutor of the paper": a person met before, not the country. The role
    noun must head the phrase: last, or first before "of" (either, in a language that puts the head first)."""
    nouns, roles = p.nouns, p.language.roles
    role = nouns[-1] if nouns[-1] in roles else nouns[0] if nouns[0] in roles else None
    if role and (nouns[-1] == role or head_first or len(nouns) > 1 and nouns[1] in p.language.joins):
        return _or_nobody(_recent_person(p.state, p.start, p.gender, role))
    return None


def _organisation(p: Phrase, short_places: bool = False) -> Any:
    """An organisation; a country only when the phrase is one ("The German automaker" is not)."""
    entity = p.entity
    if entity is not None and (entity.type not in ("GPE", "NORP", "LOC") or short_places and len(p.nouns) <= 2):
        return entity
    return None


def _role_form(p: Phrase) -> Any:
    """«министра», «эксперта»: a role noun in any case form."""
    word = next((w for w in p.words if w.startswith(p.language.long_roles)), None)
    return None if word is None else _or_nobody(_recent_person(p.state, p.start, p.gender, word))


def _animate(p: Phrase) -> Any:
    """«вспоминает капитан»: a lone noun for a person stands for one already named."""
    if len(p.words) == 1 and _animate_noun(p.words[0]):
        return _or_nobody(_recent_person(p.state, p.start, p.gender, lemma(p.words[0])))
    return None


def _proper_name(p: Phrase) -> Any:
    """A capitalised name no entity holds, when it is no country."""
    return p.text if _PROPER.fullmatch(p.text) and not country_of(p.text) else None


def _animate_noun(word: str) -> bool:
    tag = grammemes(word)
    return tag.POS == "NOUN" and tag.animacy == "anim" and "Name" not in tag and "Surn" not in tag


def _ru_institution(p: Phrase) -> Entity | str | None:
    """«федеральное министерство экономического сотрудничества ФРГ», «минздрава республики»: the body is the
    speaker, named in the nominative; a bare «ведомство» is the organisation named before."""
    if not any(_RU_INSTITUTION.match(w) for w in p.words):
        return None
    if len(p.words) == 1:
        earlier = _earlier_orgs(p.state, p.start)
        return earlier[0] if earlier else _last_body(p.state, p.start)
    entity = _entity_in(p.state, p.start, p.start + len(p.text) + 1)
    if entity is not None and entity.type == "ORG" and len(entity.name.split()) > 1:
        return entity
    return nominative_role(p.text.split())


def _described_source(p: Phrase) -> Entity | str | None:
    """A source named by description: "the transport ministry", "a spokesman for the port authority".
    The phrase itself is the speaker when it says whose; a bare "the ministry" is the last one named."""
    words = p.words
    content = [w for w in words if w not in _SOURCE_DROP]
    if not content or len(content) > 8:
        return None
    head = next((w for w in content if w in _SOURCE_HEADS), None)
    if head is None:
        return None
    if content[-1] in COMPANY_NOUNS and words[0] in _KNOWN and len(content) <= 3:
        # "the company", "The German automaker": the business named before.
        earlier = _earlier_orgs(p.state, p.start)
        return next((e for e in earlier if content[-1] in e.name.lower()), earlier[0] if earlier else None)
    if len(content) == 1:
        return _named_before(p.state, head, p.start)
    if content[0] in _ORG_WORDS or content[-1] in _ORG_WORDS or _WHOSE & set(content):
        return _ARTICLE.sub("", p.text)
    return None


def _named_before(state: State, head: str, start: int) -> Entity | str | None:
    """"the agency": the organisation named before whose name holds the word; "the Danish foreign ministry
    said …. …, the ministry said": the government that spoke last, else the country of the last minister
    who spoke."""
    named = next((e for e in _earlier_orgs(state, start) if head in e.name.lower()), None)
    if named is not None or head not in _INSTITUTIONS:
        return named
    named = _last_body(state, start)
    member = _MEMBERS.get(head)
    if named is None and member:
        minister = next((sp for offset, sp in reversed(state.speakers) if offset < start
                         and isinstance(sp, Entity) and sp.role and member in sp.role.lower()), None)
        if minister is not None:
            named = minister.affiliation or next((country_of(w) for w in _ROLE_WORD.findall(minister.role)
                                                  if country_of(w)), None)
    return named


def _speaker_fields(speaker: Entity | str) -> tuple[str, str | None]:
    if isinstance(speaker, Entity):
        return speaker.name, speaker.id
    return speaker, None


_EN_SPEAKER_RULES = (_pronoun, _nobody, _spokesperson_for, _someone_new, _named_person, _country, _role_noun,
                     _organisation, _described_source, _proper_name)
# Russian: the role noun heads its phrase from the front («министр иностранных дел»); roles and bodies in any
# case form; a lone animate noun is a person named before.
_RU_SPEAKER_RULES = (_pronoun, _nobody, _named_person, _country, partial(_role_noun, head_first=True),
                     partial(_organisation, short_places=True), _role_form, _ru_institution, _animate,
                     _described_source, _proper_name)
_LANGUAGES = {"en": Language.of(_EN, _EN_SPEAKER_RULES), "ru": Language.of(_RU, _RU_SPEAKER_RULES)}


# -- one sentence at a time ---------------------------------------------------------------------

@dataclass
class Reading:
    """One sentence being read by the quote shapes, and what they found in it so far."""
    state: State
    regions: list[Region]  # every quoted region of the article
    si: int
    sentence: Sentence  # the article's sentence
    inside: list[Region]  # the regions that touch it
    tokens: Any  # a spaCy Span (en) or natasha tokens (ru)
    quotes: list[Quote] = field(default_factory=list)
    used: set = field(default_factory=set)  # cue tokens a quote took (spaCy index, natasha id)
    taken: list[tuple[int, int]] = field(default_factory=list)  # its quotes' contents: no cue inside them

    @property
    def text(self) -> str:
        return self.state.article.text

    def add(self, speaker: Entity | str, cue: str, kind: str, content: str, start: int, end: int, at: int,
            claim: tuple[int, int] | None = None, exclude: bool = True) -> Quote:
        """A quote of this sentence; `claim` (default: start, end) holds no other cue and, when `exclude`,
        names no later "he"; the speaker is remembered at offset `at`."""
        name, entity_id = _speaker_fields(speaker)
        quote = Quote(speaker=name, speaker_entity=entity_id, cue=cue, type=kind, content=content.strip(),
                      start=start, end=end, sentence=self.si)
        self.quotes.append(quote)
        claim = claim or (start, end)
        self.taken.append(claim)
        if exclude:
            self.state.excluded.append(claim)
        self.state.speakers.append((at, speaker))
        return quote

    def is_taken(self, offset: int) -> bool:
        return any(a <= offset < b for a, b in self.taken)


Shape = Callable[[Reading], None]


def _read_sentences(article: Article, state: State, regions: list[Region], tokens_of: Callable[[Any], Any],
                    shapes: tuple[Shape, ...]) -> list[Quote]:
    """Every body sentence through the quote shapes, in order; each adds what it finds to the sentence."""
    quotes: list[Quote] = []
    for si, sentence in enumerate(article.sentences):
        if article.blocks[sentence.block].kind in ("title", "heading"):
            continue  # a headline sums up; the body says who said it
        tokens = tokens_of(sentence)
        if tokens is None:
            continue
        inside = [r for r in regions if r.start < sentence.end and r.end > sentence.start - 1]
        read = Reading(state, regions, si, sentence, inside, tokens)
        for shape in shapes:
            shape(read)
        quotes.extend(read.quotes)
    return quotes


def _kind(text: str, start: int, end: int, regions: list[Region]) -> str:
    """direct when quotation marks hold the whole message, mixed when they hold part of it."""
    inner = [r for r in regions if start <= r.start < end or r.start <= start < r.end]
    if not inner:
        return "reported"
    outside = text[start:inner[0].start] + text[inner[-1].end:end]
    return "direct" if not _WORD_CHAR.search(outside) else "mixed"


def _first_match(patterns: list[tuple[Any, re.Pattern]], text: str, lo: int, hi: int) -> tuple[Any, re.Match] | None:
    """The earliest match of any of the rows' patterns in text[lo:hi], with its row."""
    hits = [(row, m) for row, pattern in patterns if (m := pattern.search(text, lo, hi))]
    return min(hits, key=lambda hit: hit[1].start(), default=None)


def _according_cue(row: Any, m: re.Match, matched: str) -> str:
    """The cue an according-to row gives: its template filled from the match, in one lower-case line."""
    return _SPACES.sub(" ", row["cue"].format(matched, **m.groupdict())).strip(" ,.").lower()


def _without_stop(text: str, end: int) -> int:
    return end - (1 if text[end - 1] in ".!?" else 0)


# -- English ------------------------------------------------------------------------------------

def _spacy_sentence(doc: Any, sentence: Sentence) -> Any:
    return doc.char_span(sentence.start, sentence.end, alignment_mode="expand")


def _subject(token):
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects:
        # "Talks stalled, the government said": the subject nearest the verb is the speaker.
        return min(subjects, key=lambda c: abs(c.i - token.i))
    if token.dep_ in ("advcl", "conj", "xcomp", "acomp") and token.head is not token:
        return _subject(token.head)
    return None


def _subject_span(subject, lo: int, hi: int) -> tuple[int, int]:
    """The subject phrase, within our sentence [lo, hi) (spaCy's own sentences may run across blocks)."""
    # "Turkey's foreign minister, Selin Aydin, says": the named apposition is the speaker.
    for child in subject.children:
        if child.dep_ == "appos" and subject.ent_type_ != "PERSON" and (child.ent_type_ == "PERSON" or (
                subject.pos_ == "NOUN" and child.pos_ == "PROPN" and child.text[:1].isupper())):
            subject = child
            break
    tokens = [t for t in subject.subtree if lo <= t.idx < hi] or [subject]
    # Keep "Ilse Marten, a member of …" to its head phrase: cut at the first comma.
    cut = next((k for k, t in enumerate(tokens) if t.text == "," and k > 0), len(tokens))
    tokens = tokens[:cut]
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _en_speaker(read: Reading, subject) -> Entity | str | None:
    if subject is None:
        return None
    span = _subject_span(subject, read.tokens.start_char, read.tokens.end_char)
    return resolve_speaker(read.state, span[0], span[1])


def _cue_phrase(token) -> str:
    """The cue as the quote gives it: "said", "has said", "told reporters", "pointed out"."""
    words = [token]
    for child in token.children:
        if child.dep_ in ("dobj", "dative") and token.lemma_ in EN_LISTENER_CUES and child.i < token.i + 4:
            words.extend(child.subtree)
        if child.dep_ == "aux" and child.i == token.i - 1 and child.lemma_ in EN_AUX:
            words.insert(0, child)
        if child.dep_ == "prt":
            words.append(child)
    words.sort(key=lambda t: t.i)
    doc = token.doc
    return doc[words[0].i:words[-1].i + 1].text


def _said_after(read: Reading, region: Region) -> tuple[Any, Entity | str | None] | None:
    """"…," he said: an attribution after the quotation, when the words end as spoken words do."""
    text, sentence = read.text, read.sentence
    tail_tokens = [t for t in read.tokens if t.idx > region.end]
    tail_text = text[region.end:sentence.end]
    cue = next((t for t in tail_tokens if t.lemma_ in EN_ATTRIBUTION and t.pos_ in ("VERB", "AUX")), None)
    spoken = region.dash or _ENDS_SPOKEN.search(text, region.start, region.end) \
        or tail_text.lstrip(" \"”»").startswith((",", "—", "–"))
    if not (cue is not None and spoken and len(tail_text.split()) <= 14 and _ATTRIBUTION_TAIL.match(tail_text + " ")):
        return None
    subject = _subject(cue) or next((t for t in tail_tokens if t.dep_ == "nsubj" or t.ent_type_ == "PERSON"), None)
    if subject is None:
        after = [t for t in tail_tokens if t.i > cue.i and t.pos_ in ("PROPN", "PRON")]
        subject = after[0] if after else None
    return cue, _en_speaker(read, subject)


def _said_before(read: Reading, region: Region) -> tuple[Any, Entity | str | None] | None:
    """X said: "…": an attribution before the quotation, ending in a colon."""
    text, sentence = read.text, read.sentence
    lead = text[sentence.start:max(sentence.start, region.start - 1)]
    if not (lead.rstrip().endswith(":") and region.start > sentence.start and not region.dash):
        return None
    lead_tokens = [t for t in read.tokens if t.idx < region.start]
    cue = next((t for t in reversed(lead_tokens) if t.lemma_ in EN_ATTRIBUTION), None)
    return cue, _en_speaker(read, _subject(cue) if cue is not None else None)


_EN_ATTRIBUTIONS = (_said_after, _said_before)


def _en_direct(read: Reading) -> None:
    """Quotations with their attribution ("…," he said / X said: "…"), and the second half of a split one
    ("…," Lang said, "but the work takes time.")."""
    text, sentence = read.text, read.sentence
    previous: Quote | None = None  # the last direct quote of this sentence
    for region in read.inside:
        if not (sentence.start <= region.end <= sentence.end):
            continue
        found = next((f for shape in _EN_ATTRIBUTIONS if (f := shape(read, region)) is not None), None)
        if found is None:
            if previous is not None and len(text[previous.end:region.start].split()) <= 8 \
                    and text[previous.end:region.start - 1].rstrip().endswith(","):
                previous.content = f"{previous.content} {_content_text(text[region.start:region.end])}"
                previous.end = region.end
                read.state.excluded.append((region.start, region.end))
            continue
        cue, speaker = found
        if speaker is None or cue is None:
            continue
        previous = read.add(speaker, _cue_phrase(cue), "direct", _content_text(text[region.start:region.end]),
                            region.start, region.end, at=region.start)
        read.used.add(cue.i)


def _en_according(read: Reading) -> None:
    """"According to X, …", "In the view of X, …": the longer side of the sentence is the message;
    "According to the head of the energy department, Pavel X, …": the name after the role speaks."""
    text, sent, state = read.text, read.tokens, read.state
    hit = _first_match(_EN_ACCORDING, text, sent.start_char, sent.end_char)
    if hit is None or _in_regions(read.inside, hit[1].start()):
        return
    row, m = hit
    speaker = resolve_speaker(state, m.start("who"), m.end("who"))
    start_m, end_m = m.start(), m.end()
    named = next((p for p in state.persons if end_m <= p[0] < end_m + 3 and _COMMA_AHEAD.match(text[p[1]:p[1] + 2])),
                 None)
    if named is not None and (speaker is None or isinstance(speaker, str) or speaker.type != "PERSON"):
        speaker = named[2]
        comma = _COMMA.match(text, named[1], min(len(text), named[1] + 3))
        end_m = comma.end() if comma else end_m
    if speaker is None:
        return
    before = text[sent.start_char:start_m].strip(" ,")
    after = text[end_m:sent.end_char].strip(" .")
    content = after if len(after) > len(before) else before
    start = text.find(content, sent.start_char) if content else sent.start_char
    end = start + len(content)
    read.add(speaker, _according_cue(row, m, text[start_m:end_m]), _kind(text, start, end, read.inside), content,
             start, end, at=start_m, exclude=False)


def _en_phrase_cue(token) -> bool:
    """"made it clear", "pointed out", "drew attention": a phrase head with its word."""
    word = EN_PHRASES.get(token.lemma_)
    return word is not None and any(c.lower_ == word[0] and (word[1] is None or c.dep_ == word[1])
                                    for c in token.children)


def _en_cues(read: Reading) -> list:
    """The sentence's speech verbs, phrases and belief adjectives, the outermost first."""
    cue_tokens, sent = read.state.parsed.cue_tokens, read.tokens
    lo, hi = bisect.bisect_left(cue_tokens, sent.start), bisect.bisect_left(cue_tokens, sent.end)
    cues = [t for t in (sent.doc[i] for i in cue_tokens[lo:hi])
            if t.lemma_ in EN_CUE_LEMMAS and t.pos_ in ("VERB", "AUX") and t.i not in read.used
            or _en_phrase_cue(t)
            or (t.lemma_ in EN_BELIEF_ADJ and t.dep_ == "acomp" and any(c.dep_ == "ccomp" for c in t.children))]
    cues.sort(key=lambda t: len(list(t.ancestors)))
    return cues


def _reports(read: Reading, cue) -> bool:
    """Does the cue report a statement of its subject here?"""
    if _in_regions(read.inside, cue.idx) or read.is_taken(cue.idx):
        return False
    if any(c.dep_ == "auxpass" for c in cue.children) and cue.dep_ != "acomp":
        return False  # "he is said to …", "it was announced": no one speaks in the passive
    if any(c.dep_ == "neg" for c in cue.children):
        return False  # "has not said whether": nothing was said
    return not (cue.dep_ in ("amod", "acl", "relcl", "pcomp") or cue.tag_ in ("VBN",) and cue.dep_ not in (
        "ROOT", "acomp") and not any(c.dep_ == "aux" for c in cue.children))


def _content_of(token, sent, text: str) -> tuple[int, int] | None:
    """(start, end) of what the cue introduces, or None when it introduces nothing."""
    comp = [c for c in token.children if c.dep_ in ("ccomp", "parataxis", "xcomp")]
    if not comp and token.lemma_ in EN_OBJECT_CUES:
        comp = [c for c in token.children if c.dep_ == "dobj"]
    if not comp and token.lemma_ in EN_PREP_OBJECT_CUES:
        # "drew attention to the fact that …": the clause on "fact"
        comp = [g for c in token.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"
                for g in p.children if g.dep_ in ("acl", "ccomp", "relcl")]
    if not comp:
        return _message_before(token, sent, text)
    best = comp[0]
    tokens = [t for t in best.subtree if sent.start_char <= t.idx < sent.end_char] or [best]
    start, end = tokens[0], tokens[-1]
    if start.lower_ in EN_MARKS and start.dep_ == "mark":
        start = sent.doc[start.i + 1]
    if end.is_punct and end.i > start.i:
        end = sent.doc[end.i - 1]
    return start.idx, end.idx + len(end.text)


def _message_before(token, sent, text: str) -> tuple[int, int] | None:
    """"…, Whitlock said." parsed with the message as the root's sibling: the words before the comma (`text`
    is the doc's text, which spaCy would build anew on every ask)."""
    if token.dep_ not in ("ROOT", "parataxis"):
        return None
    m = _BEFORE_CUE.match(text[sent.start_char:token.idx])
    # not "Two days later, the government declared a state of emergency": a verb with its own object
    if m and len(m.group(1).split()) >= 3 and token.i > sent.start + 3 \
            and not any(c.dep_ == "dobj" for c in token.children):
        return sent.start_char, sent.start_char + len(m.group(1))
    return None


def _en_reported(read: Reading) -> None:
    """"X said (that) …", "…, X said": a speech verb with its message and the subject who said it."""
    text, sent = read.text, read.tokens
    for cue in _en_cues(read):
        if not _reports(read, cue):
            continue
        content = _content_of(cue, sent, text)
        subject = _subject(cue) if content is not None else None
        if subject is None:
            continue
        span = _subject_span(subject, sent.start_char, sent.end_char)
        if span[0] >= content[0] and span[1] <= content[1]:
            continue
        if subject.tag_ == "NNS" and not country_of(text[span[0]:span[1]]):
            continue  # "experts interviewed by X", "officials": a group, not one speaker
        speaker = resolve_speaker(read.state, span[0], span[1])
        if speaker is None:
            continue
        start, end = content
        read.add(speaker, _cue_phrase(cue), _kind(text, start, end, read.inside), text[start:end], start, end,
                 at=span[0])


def _en_trailing(read: Reading) -> None:
    """"…, Energy Secretary Daniel Hart announced on Tuesday.": an attribution closing a sentence nothing
    else attributed, for parses that hang the name and verb off the message."""
    text, sent = read.text, read.tokens
    if read.quotes:
        return
    m = _EN_TRAILING.search(text, sent.start_char, sent.end_char)
    if m is None or len(text[sent.start_char:m.start()].split()) < 3 or _in_regions(read.inside, m.start()):
        return
    lead = _EN_TRAILING_LEAD.match(m.group("who"))
    speaker = resolve_speaker(read.state, m.start("who") + (lead.end() if lead else 0), m.end("who"))
    if speaker is not None:
        start, end = sent.start_char, m.start()
        read.add(speaker, m.group("cue"), _kind(text, start, end, read.inside), text[start:end], start, end,
                 at=m.start("who"))


_EN_SHAPES: tuple[Shape, ...] = (_en_direct, _en_according, _en_reported, _en_trailing)


# -- Russian ------------------------------------------------------------------------------------

def _natasha_sentence(tokens: list, starts: list[int], sentence: Sentence) -> list:
    return tokens[bisect.bisect_left(starts, sentence.start):bisect.bisect_left(starts, sentence.end)]


def _ru_gender(token) -> str | None:
    g = (token.feats or {}).get("Gender")
    return "f" if g == "Fem" else "m" if g == "Masc" else None


def _ru_is_cue(read: Reading, token) -> bool:
    if token.pos == "ADJ":
        return token.text.lower().startswith(RU_BELIEF)  # «уверен, что»
    if token.pos not in ("VERB", "AUX"):
        return False
    verb = lemma(token.text)
    if verb in RU_CALLS:
        # «назвала решение «историческим»»: calling something by quoted words is saying them
        return any(token.stop <= r.start < read.sentence.end for r in read.inside)
    return verb in RU_CUE_LEMMAS


def _ru_subject(tokens: list, cue) -> Any:
    subj = [t for t in tokens if t.head_id == cue.id and t.rel in _RU_SUBJECT]
    if not subj and cue.rel == "conj":
        # «поблагодарила … и сообщила, что»: the second verb shares the first one's subject
        first = next((t for t in tokens if t.id == cue.head_id), None)
        subj = [t for t in tokens if first is not None and t.head_id == first.id and t.rel in _RU_SUBJECT]
    if not subj:
        return None
    subj.sort(key=lambda t: (t.pos not in ("PROPN", "PRON", "NOUN"), abs(t.start - cue.start)))
    return subj[0]


def _ru_phrase(tokens: list, head) -> list:
    """The head and every word under it but punctuation."""
    keep, frontier = {head.id}, [head.id]
    while frontier:
        current = frontier.pop()
        for t in tokens:
            if t.head_id == current and t.id not in keep and t.rel != "punct":
                keep.add(t.id)
                frontier.append(t.id)
    return [t for t in tokens if t.id in keep]


def _ru_subject_span(read: Reading, cue) -> tuple[int, int] | None:
    tokens = read.tokens
    head = _ru_subject(tokens, cue)
    if head is None:
        return None
    span = _ru_phrase(tokens, head)
    # "Павел Громов, эксперт …": the name, not its apposition after the comma.
    commas = [t.start for t in tokens if t.text == "," and t.start > head.stop]
    if commas:
        span = [t for t in span if t.start < commas[0] or t.start <= head.start]
    start, stop = min(t.start for t in span), max(t.stop for t in span)
    if head.pos == "NOUN" and (head.feats or {}).get("Number") == "Plur" and \
            not country_of(read.text[start:stop], "ru"):
        return None  # «эксперты», «источники»: a group, not one speaker («власти Норвегии» is one)
    return start, stop


def _ru_attribution(read: Reading, region: Region) -> tuple[Any, list]:
    """The cue of a quotation (None when it has none) and the words after the quotation: «…», — заявил X. /
    — …, — усмехается она. / X заявил: «…»."""
    text, sentence, tokens = read.text, read.sentence, read.tokens
    tail = [t for t in tokens if t.start > region.end]
    cue = next((t for t in tail if _ru_is_cue(read, t)), None)
    if cue is None and region.dash:
        cue = next((t for t in tail[:4] if t.pos == "VERB"), None)  # after a dialogue dash any verb attributes
    if not _RU_ATTRIBUTION_TAIL.match(text[region.end + 1:sentence.end]):
        cue = None  # «Вечернему курьеру» заявила, что …: a title in guillemets, not a quotation
    if (cue is None or len(tail) > 14) and text[sentence.start:region.start - 1].rstrip().endswith(":"):
        return next((t for t in reversed(tokens) if t.start < region.start and _ru_is_cue(read, t)), None), []
    if cue is None or len(tail) > 14:
        return None, tail
    return cue, tail


def _ru_named_after(cue, tail: list) -> tuple[int, int] | None:
    """With no subject in the parse: the name after the cue, else its first noun or pronoun."""
    after = [t for t in tail if t.start > cue.start and t.pos in ("PROPN", "PRON", "NOUN")]
    if not after:
        return None
    if after[0].pos == "PROPN":
        names = [t for t in after if t.pos == "PROPN"]
        return names[0].start, names[-1].stop
    return after[0].start, after[0].stop


def _ru_direct(read: Reading) -> None:
    """Quotations with their attribution: «…», — заявил X. / — …, — сказала она. / X заявил: «…»."""
    for region in read.inside:
        if not (read.sentence.start <= region.end <= read.sentence.end):
            continue
        cue, tail = _ru_attribution(read, region)
        if cue is None:
            continue
        span = _ru_subject_span(read, cue) or _ru_named_after(cue, tail)
        speaker = resolve_speaker(read.state, span[0], span[1], _ru_gender(cue)) if span is not None else None
        if speaker is None:
            continue
        read.add(speaker, cue.text, "direct", _content_text(read.text[region.start:region.end]), region.start,
                 region.end, at=region.start)
        read.used.add(cue.id)


def _ru_according(read: Reading) -> None:
    """«По словам X, …», «По его мнению, …»: the rest of the sentence is the message."""
    text, sentence = read.text, read.sentence
    hit = _first_match(_RU_ACCORDING, text, sentence.start, sentence.end)
    if hit is None:
        return
    row, m = hit
    who = "pron" if m.group("pron") else "who"
    if not m.group(who) or _in_regions(read.regions, m.start()):
        return
    speaker = resolve_speaker(read.state, m.start(who), m.end(who))
    if speaker is not None:
        start, end = m.end(), sentence.end
        content = text[start:end].rstrip(" .")
        read.add(speaker, _according_cue(row, m, m.group(0)), _kind(text, start, end, read.regions), content, start,
                 start + len(content), at=m.start(), claim=(start, end))


def _ru_as_speaker(read: Reading, m: re.Match) -> Entity | str | None:
    who = m.group("who")
    cue = m.group("cue")
    gender = _GENDER.get(grammemes(cue).gender)
    who_start = m.start("who")
    inner = _RU_IN.search(who)
    if inner and _RU_INSTITUTION.match(who[inner.end():]):
        who_start += inner.end()  # «сообщили ТАСС в пресс-службе X»: X speaks, ТАСС is told
    speaker = resolve_speaker(read.state, who_start, m.end("who"), gender)
    prefix = _RU_IN.match(who)
    if speaker is None and prefix and len(who.split()) >= 2:
        speaker = who[prefix.end():]  # «в пресс-службе министерства»
    return speaker


def _ru_as(read: Reading) -> None:
    """«Как сообщил(и) X, …»; «Как отмечает Олег Лапин, ведущий научный сотрудник центра, …»: the
    apposition is no message."""
    text, sentence = read.text, read.sentence
    m = _RU_AS.search(text, sentence.start, sentence.end)
    if m is None or lemma(m.group("cue")) not in RU_CUE_LEMMAS or _in_regions(read.regions, m.start()):
        return
    speaker = _ru_as_speaker(read, m)
    if speaker is None:
        return
    start, end = m.end(), sentence.end
    appos = _APPOSITION.match(text[start:end])
    if appos and (lemma(appos.group(1)) in RU_APPOSITION_WORDS or appos.group(1).lower() in RU_ROLE_NOUNS) \
            and len(text[start + appos.end():end].split()) >= 3:
        start += appos.end()
    content = text[start:end].rstrip(" .")
    read.add(speaker, m.group("cue"), _kind(text, start, end, read.regions), content, start, start + len(content),
             at=m.start(), claim=(start, end))
    read.used.update(t.id for t in read.tokens if m.start() <= t.start < m.end())


def _that_clause(read: Reading, cue) -> tuple[int, int] | None:
    """«заявил, что …»: the clause."""
    text, sentence = read.text, read.sentence
    m = _RU_THAT.match(text[cue.stop:sentence.end])
    return (cue.stop + m.end(), _without_stop(text, sentence.end)) if m else None


def _before_comma(read: Reading, cue) -> tuple[int, int] | None:
    """«…, сообщил X»: the words before; not «Сеул, в свою очередь, пообещал …», whose subject stands before
    the cue."""
    text, sentence = read.text, read.sentence
    before = text[sentence.start:cue.start]
    if _COMMA_END.search(before) and len(before.split()) >= 3 and not any(
            t.head_id == cue.id and t.rel in _RU_SUBJECT and t.start < cue.start for t in read.tokens):
        return sentence.start, sentence.start + len(before.rstrip(" ,—–"))
    return None


def _complement(read: Reading, cue) -> tuple[int, int] | None:
    """«считает это решение вынужденным», «заявил о готовности …»: the complement is the message; «объявила
    о созыве …»: the preposition belongs to it."""
    text, sentence, tokens = read.text, read.sentence, read.tokens
    comps = [t for t in tokens if t.head_id == cue.id and t.start > cue.stop
             and t.rel in ("ccomp", "xcomp", "obj", "obl") and t.pos != "PRON"]
    if not comps or len(comps) == 1 and comps[0].rel == "obl" and not _RU_ABOUT.match(text[cue.stop:sentence.end]):
        return None
    end = _without_stop(text, sentence.end)
    ids = {t.id for t in comps}
    start = min(t.start for t in tokens if t.id in ids or t.head_id in ids and t.rel == "case"
                and t.start < min(c.start for c in comps if c.id == t.head_id))
    return (start, end) if start < end else None


def _about_this(read: Reading, cue) -> tuple[int, int] | None:
    """«Об этом сообщил X»: the message is the sentence before."""
    text, sentence = read.text, read.sentence
    if read.si == 0 or not _RU_ABOUT_THIS.match(text[sentence.start:cue.start]):
        return None
    previous = read.state.article.sentences[read.si - 1]
    return previous.start, _without_stop(text, previous.end)


_RU_MESSAGES = (_that_clause, _before_comma, _complement, _about_this)


def _ru_reported(read: Reading) -> None:
    """Reported: «X заявил, что …», «…, сообщил X», «X заявил о …», «Об этом сообщил X»."""
    text = read.text
    for cue in read.tokens:
        if cue.id in read.used or not _ru_is_cue(read, cue):
            continue
        if _in_regions(read.regions, cue.start) or read.is_taken(cue.start):
            continue
        content = next((c for shape in _RU_MESSAGES if (c := shape(read, cue)) is not None), None)
        span = _ru_subject_span(read, cue) if content is not None else None
        if span is None or content[0] <= span[0] < content[1]:
            continue
        speaker = resolve_speaker(read.state, span[0], span[1], _ru_gender(cue))
        if speaker is None:
            continue
        start, end = content
        read.add(speaker, cue.text, _kind(text, start, end, read.regions), text[start:end], start, end, at=span[0])


def _ru_impersonal(read: Reading) -> None:
    """«…, сообщили в Росрыболовстве», «…, говорится в сообщении посольства»: the body speaks with no
    subject (only in a sentence nothing else attributed)."""
    text, sentence, state = read.text, read.sentence, read.state
    if read.quotes:
        return
    m = _RU_IMPERSONAL.search(text, sentence.start, sentence.end)
    if m is None or len(text[sentence.start:m.start()].split()) < 3 or _in_regions(read.regions, m.start()):
        return
    who = _RU_POSSESSIVE.sub("", m.group("who"))
    start_who = m.end("who") - len(who)
    entity = _entity_in(state, start_who, m.end("who"))
    speaker = entity if entity is not None and entity.type != "PERSON" else resolve_speaker(state, start_who, m.end("who"))
    if speaker is None:
        speaker = nominative_role(who.split())
    start, end = sentence.start, m.start()
    read.add(speaker, m.group("cue"), _kind(text, start, end, read.regions), text[start:end], start, end, at=start_who)


_RU_SHAPES: tuple[Shape, ...] = (_ru_direct, _ru_according, _ru_as, _ru_reported, _ru_impersonal)


# -- stage --------------------------------------------------------------------------------------

def find_quotes(article: Article, parsed: Parsed) -> None:
    """Fill article.quotes, in text order."""
    state = State(article, parsed)
    regions = quote_regions(article)
    state.excluded.extend((r.start, r.end) for r in regions)  # quoted words name no later "he"
    if parsed.spacy is not None:
        quotes = _read_sentences(article, state, regions, partial(_spacy_sentence, parsed.spacy), _EN_SHAPES)
    elif parsed.natasha is not None:
        tokens = parsed.natasha.tokens
        reader = partial(_natasha_sentence, tokens, [t.start for t in tokens])
        quotes = _read_sentences(article, state, regions, reader, _RU_SHAPES)
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
