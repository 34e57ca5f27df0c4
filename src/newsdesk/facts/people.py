"""Fills article.entities: people, organisations and places from spaCy/natasha, corrected and merged."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable

import pycountry
from spacy.tokens import Span

from ..model import Article, Entity, Mention
from ..nlp import Resources
from .lexicon import LANGUAGES, lexicon
from .morph import all_parses, is_known, lemma, nominative_role, use_analyser
from .names import Cluster, NameMention, merge_names
from .parse import Parsed
from .places import body_of, country_of

_EN, _RU = lexicon("en"), lexicon("ru")
# Words of a title or role written before a name ("Deputy Prime Minister", "US special envoy"); glue
# words make no title on their own. lexicon/en/roles.tsv
TITLE_WORDS = _EN.words("roles", title="yes")
_TITLE_GLUE = _EN.words("roles", glue="yes")
# Organisation words: a span holding one is no person even when it follows a title.
ORG_WORDS = _EN.words("orgs")
_ORG_OR_TITLE = ORG_WORDS | TITLE_WORDS
# Speech verbs (lexicon/{en,ru}/speech.tsv): a name that is their subject speaks
EN_CUE_LEMMAS = _EN.words("speech", use="cue")
EN_ATTRIBUTION = EN_CUE_LEMMAS | _EN.words("speech", use="attribution")
RU_CUE = re.compile("^" + _RU.alternation("speech"), re.I)
PRONOUNS_EN = {w: g for w, g in _EN.mapping("pronouns", "gender").items() if g in ("m", "f")}
# Russian role nouns that may stand before a name («вице-президент Игорь Савин»), the adjectives that may
# open them («ведущего научного сотрудника»), and what opens a role written after a name.
RU_ROLE_WORDS = _RU.words("roles", title="yes")
_RU_ROLE_ADJECTIVES = _RU.words("roles", adjective="yes")
_RU_ROLE_AFTER = RU_ROLE_WORDS | _RU.words("roles", after_name="yes")

_POSSESSIVE = _EN.pattern("possessive", "name_patterns")
_LEADING_THE = _EN.pattern("leading_the", "name_patterns")


def _rules(table: str) -> dict[str, dict[str, re.Pattern]]:
    """A pattern table of each language, by key in the file's order."""
    return {lang: {r.key: lexicon(lang).pattern(r.key, table) for r in lexicon(lang).rows(table)}
            for lang in LANGUAGES}


# lexicon/{en,ru}/people_patterns.tsv and place_evidence.tsv, by language: a language without a rule
# (no case endings in English, no demonym endings in Russian) skips the step the rule drives.
_PATTERNS = _rules("people_patterns")
_EVIDENCE = {lang: list(rules.values()) for lang, rules in _rules("place_evidence").items()}
_EN_RULES = _PATTERNS["en"]
_RU_RULES = _PATTERNS["ru"]
# A slot of a place_evidence/people_patterns rule: a named group filled per word (see place_evidence.tsv).
_SLOT = re.compile(r"\(\?P<(word|Stem|places|Places)>[^()]*\)")


def _pattern(language: str, key: str) -> re.Pattern | None:
    return _PATTERNS.get(language, {}).get(key)


def _filled(rule: re.Pattern, fills: dict[str, str]) -> re.Pattern:
    """The rule with each slot's body replaced by its fill (re caches the compiled result)."""
    return re.compile(_SLOT.sub(lambda m: f"(?P<{m.group(1)}>{fills[m.group(1)]})", rule.pattern), rule.flags)


def _capital(word: str) -> str:
    return word[:1].upper() + word[1:]


# -- mentions (en) --------------------------------------------------------------------------------

def _clean_en(text: str) -> str:
    return _LEADING_THE.sub("", _POSSESSIVE.sub("", text.strip()))


def _spacy_mentions(doc, cue_tokens: list[int]) -> list[NameMention]:
    mentions: list[NameMention] = []
    taken: set[int] = set()
    person_words = {e.text.split()[-1] for e in doc.ents if e.label_ == "PERSON" and len(e) >= 2}
    for ent in _split_trailing_names(doc, doc.ents):
        mention = _entity_mention(ent, person_words)
        if mention is not None:
            mentions.append(mention)
            taken.update(range(ent.start, ent.end))
    for verb in (doc[i] for i in cue_tokens):
        mentions += _untagged_subjects(doc, verb, taken)
        mentions += _untagged_name_before(doc, verb, taken)
    mentions.sort(key=lambda m: m.start)
    return mentions


def _entity_mention(ent, person_words: set[str]) -> NameMention | None:
    if ent.label_ not in ("PERSON", "ORG", "GPE", "NORP", "LOC"):
        return None
    text = _clean_en(ent.text)
    if not text or not text[:1].isupper():
        return None  # "an electric van" tagged PERSON: names are capitalised
    country = country_of(ent.text) or country_of(text)
    body = None if country else body_of(text)
    label = _entity_label(ent, text, country, body, person_words)
    if label is None:
        return None
    start = ent.start_char + (len(ent.text) - len(ent.text.lstrip()))
    if ent.text.startswith(("the ", "The ")):
        start += 4
    return NameMention(start, start + len(text), text, label, body or text, None, country)


def _entity_label(ent, text: str, country: str | None, body: str | None, person_words: set[str]) -> str | None:
    """The tagger's label corrected, or None for a span that names nothing."""
    label = "ORG" if body else ent.label_  # "EU" tagged PERSON or GPE: a union of states, one name in both languages
    words = text.split()
    if label == "ORG" and (all(w.lower() in TITLE_WORDS for w in words) or _is_currency(text)):
        return None  # "Finance" of "Finance Minister", "CHF": no organisation
    if country:
        label = "GPE"
    elif body:
        pass
    elif label in ("ORG", "GPE", "LOC") and _looks_like_person(ent, person_words):
        label = "PERSON"
    elif label == "PERSON" and ent.root.dep_ in ("dobj", "dative") and ent.root.head.lemma_ == "tell":
        label = "ORG"  # "told Newsdesk Weekly": the outlet, not a person
    elif label == "PERSON" and any(w.lower() in ORG_WORDS for w in words):
        label = "ORG"
    if label == "PERSON" and all(w.lower().strip(".") in TITLE_WORDS for w in words):
        return None  # "Commissioner" alone: a title, no name
    return label


def _person_span(span) -> NameMention:
    return NameMention(span.start_char, span.end_char, span.text, "PERSON", span.text)


def _untagged_subjects(doc, verb, taken: set[int]) -> list[NameMention]:
    """A proper-noun subject of a speech verb that the model left untagged ("Mercer stressed that ...")."""
    out = []
    for token in verb.children:
        if token.i in taken or token.dep_ not in ("nsubj", "nsubjpass") or token.pos_ != "PROPN":
            continue
        left = token.i
        while left - 1 >= 0 and doc[left - 1].dep_ == "compound" and doc[left - 1].pos_ == "PROPN" \
                and left - 1 not in taken:
            left -= 1
        span = doc[left:token.i + 1]
        words = span.text.split()
        if any(w.lower() in ORG_WORDS for w in words) or country_of(span.text) \
                or all(w.lower().strip(".") in TITLE_WORDS for w in words):
            continue
        out.append(_person_span(span))
        taken.update(range(left, token.i + 1))
    return out


def _untagged_name_before(doc, verb, taken: set[int]) -> list[NameMention]:
    """"Deputy Minister of … of Azerbaijan Rauf Guliyev stressed": the subject is the title, the name an
    untagged run of proper nouns right before the verb."""
    left = verb.i
    while left - 1 >= 0 and doc[left - 1].pos_ == "PROPN" and left - 1 not in taken and doc[left - 1].text[:1].isupper():
        left -= 1
    span = doc[left:verb.i]
    if len(span) < 2 or left == 0 or doc[left - 1].pos_ in ("ADP", "DET", "CCONJ") \
            or any(w.lower().strip(".") in _ORG_OR_TITLE for w in span.text.split()) \
            or country_of(span.text) or any(country_of(t.text) for t in span):
        return []
    taken.update(range(left, verb.i))
    return [_person_span(span)]


def _split_trailing_names(doc, ents) -> list[Span]:
    """"the Institute of the Far East Elena" + "Voronina": an organisation the tagger ran into the first name
    of the person after it. Proper nouns at its end that modify an untagged proper noun after it are that
    person's name. Likewise a capital the place ruler tagged that is someone's first name ("Sofia Lindqvist")."""
    out = []
    for ent in ents:
        if ent.label_ == "GPE" and len(ent) == 1 and ent.end < len(doc) and ent.root.dep_ == "compound":
            # "director, Sofia Lindqvist, said": a capital's name that is a first name before a surname
            head = ent.root.head
            if head.i == ent.end and head.pos_ == "PROPN" and not head.ent_type_ and head.dep_ in ("appos", "nsubj") \
                    and head.text[:1].isupper() and head.lower_ not in _ORG_OR_TITLE and not country_of(head.text):
                out.append(Span(doc, ent.start, head.i + 1, label="PERSON"))
                continue
        if ent.label_ == "ORG" and ent.end < len(doc):
            cut = ent.end
            while cut - 1 > ent.start and doc[cut - 1].pos_ == "PROPN" and doc[cut - 1].dep_ == "compound" \
                    and doc[cut - 1].head.i >= ent.end:
                cut -= 1
            head = doc[cut].head if cut < ent.end else None
            if head is not None and head.pos_ == "PROPN" and not head.ent_type_ and head.i == ent.end \
                    and head.text[:1].isupper() and not country_of(doc[cut:head.i + 1].text):
                out.append(Span(doc, ent.start, cut, label="ORG"))
                out.append(Span(doc, cut, head.i + 1, label="PERSON"))
                continue
        out.append(ent)
    return out


@lru_cache(maxsize=4096)
def _is_currency(text: str) -> bool:
    return len(text) == 3 and text.isupper() and pycountry.currencies.get(alpha_3=text) is not None


def _looks_like_person(ent, person_words: set[str]) -> bool:
    """An ORG span that is really a person: a known surname, a title before it, or an apposition after."""
    words = ent.text.split()
    if any(w.lower().strip(".,") in ORG_WORDS for w in words) or not all(w[:1].isupper() for w in words):
        return False
    if len(words) > 3 or any(t.pos_ not in ("PROPN",) for t in ent):
        return False
    if len(words) == 1 and words[0] in person_words:
        return True
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and before.text.lower().strip(".") in TITLE_WORDS and before.text[:1].isupper():
        return True
    # "Deputy Chairman of the regional government Pavel Orlov announced": a capitalised title a few
    # words back, nothing but its "of the ..." complement in between.
    for k in range(ent.start - 1, max(-1, ent.start - 8), -1):
        tok = doc[k]
        if k == ent.start - 1 and tok.text == ",":
            continue  # "Deputy Chairman of the regional government, Pavel Orlov, said"
        if tok.pos_ in ("VERB", "AUX", "PUNCT", "PRON"):
            break
        if tok.text[:1].isupper() and tok.lower_ in TITLE_WORDS - _TITLE_GLUE:
            return True
    after = doc[ent.end: ent.end + 2]
    if len(after) == 2 and after[0].text == "," and after[1].lower_ in ("a", "an"):
        return True
    root = ent.root
    return root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in EN_CUE_LEMMAS


# -- mentions (ru) --------------------------------------------------------------------------------

_NATASHA_KINDS = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}
_NOT_NAME_POS = frozenset({"ADV", "PRON", "DET", "SCONJ", "CCONJ", "ADP", "PART", "VERB", "AUX", "NUM"})


@dataclass
class _Tokens:
    """natasha's tokens by offset and by id."""

    doc: Any
    starts: list[int]
    by_id: dict[str, Any]

    @classmethod
    def of(cls, doc) -> "_Tokens":
        return cls(doc, [t.start for t in doc.tokens], {t.id: t for t in doc.tokens})


def _natasha_mentions(doc, article_text: str = "") -> list[NameMention]:
    tokens = _Tokens.of(doc)
    mentions: list[NameMention] = []
    for span in doc.spans:
        mention = _natasha_mention(span, tokens, mentions, article_text)
        if mention is None:
            continue
        prev = mentions[-1] if mentions else None
        if prev is not None and prev.type == mention.type == "PERSON" \
                and not article_text[prev.end:mention.start].strip():
            # «Мирела» + «Костин» tagged apart: one name.
            prev.end, prev.text = mention.end, article_text[prev.start:mention.end]
            prev.normal = f"{prev.normal} {mention.normal}"
            prev.gender = prev.verb_gender or mention.verb_gender or mention.gender or prev.gender
            continue
        mentions.append(mention)
    return mentions


def _natasha_mention(span, tokens: _Tokens, mentions: list[NameMention], text: str) -> NameMention | None:
    label = _NATASHA_KINDS.get(span.type)
    if not label:
        return None
    normal = span.normal or span.text
    country = country_of(span.text, "ru")
    body = None if country else body_of(span.text)
    if country:
        label = "GPE"
    elif body:
        label, normal = "ORG", body  # «ЕС», «Евросоюза» -> "European Union"
    if label == "PERSON":
        return _natasha_person(span, normal, tokens, mentions, text)
    return NameMention(span.start, span.stop, text[span.start:span.stop] if text else span.text, label, normal,
                       None, country)


def _natasha_person(span, normal: str, tokens: _Tokens, mentions: list[NameMention], text: str) -> NameMention:
    doc = tokens.doc
    lo = bisect.bisect_left(tokens.starts, span.start)
    words = [t for t in doc.tokens[lo:lo + 8] if t.start < span.stop]
    prev = doc.tokens[lo - 1] if lo > 0 else None
    if _first_name_left_out(prev, words, span, mentions):
        # «Марта Вейс»: the tagger left out a first name it took for a common word (март).
        words, normal = [prev, *words], f"{prev.text} {normal}"
    words, cases = _without_glued_words(words)
    start = words[0].start if words else span.start
    genders = {(t.feats or {}).get("Gender") for t in words} - {None}
    gender = "f" if genders == {"Fem"} else "m" if genders == {"Masc"} else None
    # A past-tense verb agrees with its subject («Костин подчеркнула»): better evidence than the
    # tagger's guess on an unfamiliar name.
    verb_gender = _verb_gender(words, tokens.by_id)
    gender = verb_gender or gender
    nominative = cases[-1] in (None, "Nom") if cases else True
    normal = _normal_name(normal, words, cases, start != span.start, gender)
    return NameMention(start, span.stop, text[start:span.stop] if text else span.text, "PERSON", normal, gender,
                       None, nominative, verb_gender)


def _first_name_left_out(prev, words: list, span, mentions: list[NameMention]) -> bool:
    return len(words) == 1 and prev is not None and prev.pos == "PROPN" and prev.text[:1].isupper() \
        and prev.stop + 1 >= span.start and (prev.feats or {}).get("Case") == (words[0].feats or {}).get("Case") \
        and not country_of(prev.text, "ru") and not _not_name_ru(prev) \
        and not (mentions and mentions[-1].end >= prev.start)


def _without_glued_words(words: list) -> tuple[list, list[str | None]]:
    """«премьер-министр Кестрии Тамсин Оравец»: a title or a genitive place glued to the name is not the name."""
    cases = [(t.feats or {}).get("Case") for t in words]
    while len(words) > 1 and (_not_name_ru(words[0]) or len(words) > 2 and (
            cases[0] == "Gen" and cases[0] != cases[-1] or _RU_RULES["genitive_place"].search(words[0].text)
            or country_of(words[0].text, "ru"))):
        words, cases = words[1:], cases[1:]
    return words, cases


def _verb_gender(words: list, by_id: dict[str, Any]) -> str | None:
    """The gender of the past-tense verb the name is the subject of («Министр финансов Мирела Костин
    подчеркнула»: climb from the name to the subject)."""
    ids = {t.id for t in words}
    for t in words:
        if t.head_id in ids:
            continue
        for _ in range(3):
            if t.rel not in ("appos", "flat:name", "flat", "nmod") or t.head_id not in by_id:
                break
            t = by_id[t.head_id]
        head = by_id.get(t.head_id)
        if t.rel == "nsubj" and head is not None and head.pos in ("VERB", "AUX"):
            return {"Fem": "f", "Masc": "m"}.get((head.feats or {}).get("Gender"))
        return None
    return None


def _normal_name(normal: str, words: list, cases: list[str | None], moved: bool, gender: str | None) -> str:
    """The name in the nominative, capitalised: natasha's normal form, or the words as written."""
    feminine = _RU_RULES["feminine_ending"]
    if words and (all(c == "Nom" for c in cases) or cases[-1] == "Nom" and len(words) >= 2
                  and feminine.search(words[0].text) and not feminine.search(normal.split()[0])):
        # Written in the nominative, the name is its own dictionary form: the normaliser guesses
        # a masculine on unfamiliar feminine names («Лючия Маркетти» -> «Лючий Маркетти»).
        normal = " ".join(t.text for t in words)
    elif moved:
        parts = normal.split()
        normal = " ".join(parts[len(parts) - len(words):]) if len(parts) >= len(words) else normal
    normal = " ".join(_capital(w) for w in normal.split())
    if gender == "m" and len(words) >= 2 and cases[-1] not in (None, "Nom"):
        normal = _masculine_surname(normal)
    return normal


def _not_name_ru(token) -> bool:
    """A word natasha glued to the front of a name: a title («Премьер-министр»), a question word
    («Почему»), anything not a noun."""
    return token.pos in _NOT_NAME_POS or lemma(token.text) in RU_ROLE_WORDS or token.text.lower() in RU_ROLE_WORDS \
        or not token.text[:1].isupper()


def _masculine_surname(name: str) -> str:
    """«Олег Лапина» (natasha kept the genitive) -> «Олег Лапин»."""
    words = name.split()
    words[-1] = _RU_RULES["surname_case"].sub("", words[-1])
    return " ".join(words)


# -- clustering -----------------------------------------------------------------------------------

def _cluster(mentions: list[NameMention], article: Article, language: str) -> list[Cluster]:
    """The article's mentions merged into entities (names.merge_names, which the fallback shares)."""
    return merge_names(mentions, [s.start for s in article.sentences], language)


# -- names that are places ------------------------------------------------------------------------

def _stem(word: str, language: str) -> str:
    """What a place's case forms share: «Дорване», «Дорвана» -> «дорван» (people_patterns.tsv case_ending,
    words of five letters or more); a language without case endings only lower-cases."""
    word = word.lower().replace("ё", "е")
    ending = _pattern(language, "case_ending")
    return ending.sub("", word) if ending is not None and len(word) > 4 else word


def _place_evidence(word: str, text: str, place_stems: set[str], language: str) -> bool:
    """Is this lone capitalised word used as a place anywhere in the article? Tagged a place elsewhere,
    or found by a rule of place_evidence.tsv (after a locative preposition, the owner of a state noun,
    beside a place)."""
    stem = _stem(word, language)
    if stem in place_stems:
        return True
    places = sorted((p for p in place_stems if len(p) >= 3), key=lambda p: (-len(p), p))
    # with no place to stand beside, a rule that needs one matches nothing: (?!)
    fills = {"word": re.escape(word), "Stem": re.escape(_capital(stem)),
             "places": "|".join(re.escape(p) for p in places) or "(?!)",
             "Places": "|".join(re.escape(_capital(p)) for p in places) or "(?!)"}
    return any(_filled(rule, fills).search(text) is not None for rule in _EVIDENCE.get(language, ()))


def _toponym(name: str, language: str) -> bool:
    """«Кестрия», «Дорвания»: a word shaped like a country's name that the dictionary does not know as a
    first name or surname (it knows «Мария», «Берия») is a place, whatever the tagger guessed."""
    ending = _pattern(language, "toponym_ending")
    word = name.lower()
    if ending is None or " " in word or not ending.search(word):
        return False
    return not any({"Name", "Surn", "Patr"} & set(str(p.tag).replace(" ", ",").split(","))
                   for p in all_parses(word) if is_known(word))


def _demonym_of(word: str, place_stems: set[str], language: str) -> bool:
    """"Kestrian" beside "Kestria": a people's adjective made from a place in the article."""
    ending = _pattern(language, "demonym_ending")
    low = word.lower()
    if ending is None or not ending.search(low):
        return False
    return any(len(p) >= 4 and low != p and low.startswith(p[:-1]) and len(low) - len(p) <= 3 for p in place_stems)


@dataclass
class _Places:
    """The article's place names by stem, and the bare words tagged a place or an organisation."""

    stems: set[str]
    by_stem: dict[str, Cluster]
    others: dict[str, Cluster]

    @classmethod
    def of(cls, clusters: list[Cluster], text: str, language: str) -> "_Places":
        stems: set[str] = set()
        by_stem: dict[str, Cluster] = {}
        others: dict[str, Cluster] = {}
        for cluster in clusters:
            if cluster.entity.type in ("GPE", "LOC"):
                for surface in _surfaces(cluster, text):
                    for w in [surface] + surface.split():
                        stems.add(_stem(w, language))
                        by_stem.setdefault(_stem(surface, language), cluster)
        for cluster in clusters:
            if cluster.entity.type in ("GPE", "LOC", "ORG"):
                for surface in _surfaces(cluster, text):
                    if len(surface.split()) == 1:
                        others.setdefault(_stem(_POSSESSIVE.sub("", surface), language), cluster)
        return cls(stems, by_stem, others)


def _surfaces(cluster: Cluster, text: str) -> list[str]:
    return [text[m.start:m.end] for m in cluster.entity.mentions]


def _absorb(target: Cluster, entity: Entity, aliases: list[str]) -> None:
    target.entity.mentions.extend(entity.mentions)
    for alias in aliases:
        if alias != target.entity.name and alias not in target.entity.aliases:
            target.entity.aliases.append(alias)


def _retype_places(clusters: list[Cluster], article: Article, language: str, speaks=None) -> list[Cluster]:
    """A lone word tagged PERSON that the article uses as a place ("talks in Valmora", «в Дорване»)
    or as a demonym ("Kestrian") is no person. Real people are named in full at least once, so only
    clusters whose every mention is a single word are questioned. Retyped clusters join a place
    cluster of the same word."""
    places = _Places.of(clusters, article.text, language)
    return [c for c in clusters if _keeps(c, places, article.text, language, speaks)]


def _keeps(cluster: Cluster, places: _Places, text: str, language: str, speaks) -> bool:
    """False when the cluster joined another; a kept one may be retyped (NORP, GPE, MISC)."""
    entity = cluster.entity
    words = [s.split() for s in _surfaces(cluster, text)]
    if entity.type == "ORG" and words and all(len(w) == 1 for w in words):
        # The same bare word tagged a place elsewhere ("Torvania would borrow" ORG, "in Torvania" GPE).
        stems = {_stem(_POSSESSIVE.sub("", w[0]), language) for w in words}
        place = places.by_stem.get(_stem(_POSSESSIVE.sub("", words[0][0]), language))
        if place is not None and place is not cluster and len(stems) == 1:
            place.entity.mentions.extend(entity.mentions)
            return False
    if entity.type != "PERSON" or len(entity.name.split()) > 1 or any(len(w) != 1 for w in words) or entity.role:
        return True
    word = _POSSESSIVE.sub("", words[0][0]) if words else entity.name
    if len(word) < 2:
        return True
    tagged = places.others.get(_stem(word, language))
    if tagged is not None:
        # The tagger called the same word an organisation or place elsewhere in the article
        # ("the ceasefire with Dorvan" ORG, "while Dorvan has said" PERSON): one thing, not a person.
        _absorb(tagged, entity, [entity.name])
        return False
    if _demonym_of(word, places.stems, language):
        entity.type, entity.name = "NORP", word
    elif _place_evidence(word, text, places.stems, language) or _toponym(entity.name, language):
        target = places.by_stem.get(_stem(word, language))
        if target is not None and target is not cluster:
            _absorb(target, entity, [entity.name, *entity.aliases])
            return False
        entity.type = "GPE"
    elif _unintroduced(entity, text, speaks):
        # One bare word, never introduced by a full name, a title or Mr/Ms, and saying nothing: news
        # names a person in full; this is most likely a place or a thing the tagger guessed at.
        entity.type = "MISC"
    return True


def _unintroduced(entity: Entity, text: str, speaks) -> bool:
    if len(entity.mentions) != 1 or speaks is None:
        return False
    start = entity.mentions[0].start
    return not speaks(start) and not _EN_RULES["mr_before"].search(text, max(0, start - 4), start) \
        and not _EN_RULES["ms_before"].search(text, max(0, start - 6), start)


def _speaks_en(doc) -> Callable[[int], bool]:
    """Is the word at this offset the subject of a speech verb ("Sorin insisted", "said Sorin")?"""
    def speaks(offset: int) -> bool:
        span = doc.char_span(offset, offset + 1, alignment_mode="expand")
        if span is None:
            return True
        token = span[0]
        while token.dep_ in ("compound", "poss") and token.head is not token:
            token = token.head
        return token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_ in EN_ATTRIBUTION
    return speaks


def _speaks_ru(doc) -> Callable[[int], bool]:
    """«— …, — сказал Петреску.», «Сорин заявил»: the name is the subject of a speech verb."""
    tokens = _Tokens.of(doc)

    def speaks(offset: int) -> bool:
        k = bisect.bisect_left(tokens.starts, offset)
        if k >= len(doc.tokens):
            return True
        token = doc.tokens[k]
        for _ in range(3):
            if token.rel not in ("flat:name", "flat", "appos") or token.head_id not in tokens.by_id:
                break
            token = tokens.by_id[token.head_id]
        head = tokens.by_id.get(token.head_id)
        return token.rel in ("nsubj", "nsubj:pass") and head is not None and RU_CUE.match(head.text) is not None
    return speaks


# -- roles, affiliations, gender ------------------------------------------------------------------

def _roles_en(clusters: list[Cluster], doc) -> None:
    """Roles and affiliations from titles and appositions."""
    for cluster in clusters:
        if cluster.entity.type != "PERSON":
            continue
        for mention in cluster.entity.mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            role, affiliation = _title_before(span) or _apposition_after(span) or _apposition_before(span) \
                or (None, None)
            if role and not cluster.entity.role:
                cluster.entity.role = role
            # "Nadia X of the Lisbon Institute for Security Studies said": the institute right after the name.
            affiliation = affiliation or _institution(doc.text[span.end_char:span.sent.end_char],
                                                      _EN_RULES["of_institution"], True) or _represented(span)
            if affiliation and not cluster.entity.affiliation:
                cluster.entity.affiliation = affiliation


def _institution(text: str, pattern: re.Pattern = _EN_RULES["institution"], anchored: bool = False) -> str | None:
    """"a senior analyst at the Lisbon Institute for Security Studies" -> the institute (a capitalised
    phrase holding an organisation word), even where the tagger split it at a city's name."""
    for m in ([pattern.match(text)] if anchored else pattern.finditer(text)):
        if m is None:
            continue
        name = _EN_RULES["institution_tail"].sub("", m.group(1))
        if any(w.lower().strip(".,") in ORG_WORDS for w in name.split()):
            return name
    return None


def _represented(span) -> str | None:
    """"Lisbon was represented by its foreign minister, X": X speaks for that country."""
    m = _EN_RULES["represented_by"].search(span.doc.text, span.sent.start_char, span.start_char)
    return country_of(m.group(1)) if m else None


def _apposition_before(span) -> tuple[str, str | None] | None:
    """"the special adviser to the Chilean President, Rosa Lindqvist,": a role phrase, a comma, the name."""
    doc = span.doc
    comma = span.start - 1
    if comma <= span.sent.start or doc[comma].text != ",":
        return None
    i = comma - 1
    while i >= span.sent.start and doc[i].pos_ in ("DET", "ADJ", "NOUN", "PROPN", "ADP", "PART") \
            and (doc[i].pos_ != "ADP" or doc[i].lower_ == "of"):
        i -= 1
    words = doc[i + 1:comma]
    # "Iceland's fisheries minister, Sigrun X,": a country's possessive opens the role as "the" does
    owned = len(words) >= 3 and words[1].text in ("'s", "’s") and country_of(words[0].text) is not None
    if len(words) < 2 or words[0].lower_ not in ("the", "a", "an") and not owned \
            or not any(t.lower_ in TITLE_WORDS and t.lower_ not in ("the", "of", "and") for t in words):
        return None
    affiliation = next((country_of(t.text) for t in words if country_of(t.text)), None)
    return words.text, affiliation


def _title_qualifier(token) -> bool:
    """A word that may qualify a title: "Development", "International", "opposition", "interim"."""
    return token.pos_ in ("ADJ", "NOUN", "PROPN") and token.dep_ not in ("npadvmod", "advmod", "nsubj", "dobj", "pobj") \
        and token.ent_type_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL", "PERSON", "MONEY", "PERCENT") \
        and token.text[:1].isalpha() and token.text.lower() not in ("the", "a", "an")


def _title_before(span) -> tuple[str, str | None] | None:
    doc, i = span.doc, span.start - 1
    sent_start = span.sent.start
    while i >= sent_start:
        token = doc[i]
        word = token.text.lower()
        if word in TITLE_WORDS and word not in ("and", "of", "the") or country_of(token.text) \
                or (word in ("and", "of", "for") and i - 1 >= sent_start and doc[i - 1].text.lower() in TITLE_WORDS) \
                or _title_qualifier(token):
            i -= 1
            continue
        break
    i += 1
    # "Development Minister X", "Opposition leader X", "Commissioner for Reconstruction X": qualifiers are
    # kept inside the title; one that starts it must stand before a title word.
    while i < span.start and doc[i].text.lower() not in TITLE_WORDS and not country_of(doc[i].text) \
            and not (i + 1 < span.start and doc[i + 1].text.lower() in TITLE_WORDS and _title_qualifier(doc[i])):
        i += 1
    words = doc[i: span.start]
    if not words or not any(t.text.lower() in TITLE_WORDS and not country_of(t.text) for t in words):
        return None
    affiliation = next((country_of(t.text) for t in words if country_of(t.text)), None)
    return words.text.strip(), affiliation


def _apposition_after(span) -> tuple[str, str | None] | None:
    doc = span.doc
    if span.end >= len(doc) or doc[span.end].text != ",":
        return None
    end = span.end + 1
    while end < span.sent.end and doc[end].text not in (",", ";", ".", "—", "(", ")"):
        end += 1
    words = doc[span.end + 1:end]
    if not words or end >= span.sent.end or doc[end].text != ",":
        return None
    first = words[0]
    if not (first.lower_ in ("a", "an", "the") or first.text.lower() in TITLE_WORDS
            or first.ent_type_ in ("GPE", "NORP")):
        return None
    if not any(t.text.lower() in TITLE_WORDS or t.pos_ == "NOUN" for t in words):
        return None
    affiliation = _institution(words.text)
    for ent in words.ents if affiliation is None else ():
        if ent.label_ == "ORG":
            affiliation = _clean_en(ent.text)
            break
        if ent.label_ in ("GPE", "NORP") and country_of(_clean_en(ent.text)):
            affiliation = country_of(_clean_en(ent.text))
            break
    return words.text, affiliation


def _roles_ru(clusters: list[Cluster], article: Article) -> None:
    """Roles written before a name («министр финансов Дорвании Мирела Костин») or after it between
    commas, and the country or organisation they name."""
    orgs = [(m.start, c.entity.name) for c in clusters if c.entity.type == "ORG" for m in c.entity.mentions]
    people = [m for c in clusters if c.entity.type == "PERSON" for m in c.entity.mentions]
    for cluster in clusters:
        if cluster.entity.type != "PERSON":
            continue
        for mention in cluster.entity.mentions:
            sentence = article.sentences[mention.sentence]
            # «Капитан Олег Вяземский и инженер Дарья Лыкова»: her role starts after the last name before hers
            bound = max([m.end for m in people if sentence.start <= m.end <= mention.start], default=sentence.start)
            _role_before_ru(cluster.entity, article.text[bound:mention.start])
            _role_after_ru(cluster.entity, article.text, mention.end, sentence.end, orgs)


def _role_before_ru(entity: Entity, before: str) -> None:
    words = _RU_RULES["clause_break"].split(before)[-1].strip().split()
    # «заместитель министра», «министра финансов»: any case form of a role word starts the role.
    first = next((k for k, w in enumerate(words) if w.lower() in RU_ROLE_WORDS or lemma(w) in RU_ROLE_WORDS), None)
    if first is None:
        return
    while first > 0 and lemma(words[first - 1]) in _RU_ROLE_ADJECTIVES:
        first -= 1  # «ведущего научного сотрудника»
    words = words[first:]
    entity.role = entity.role or nominative_role(words)
    country = next((c for c in (country_of(w, "ru") for w in words) if c), None)
    if country:
        entity.affiliation = entity.affiliation or country


def _role_after_ru(entity: Entity, text: str, end: int, sentence_end: int, orgs: list[tuple[int, str]]) -> None:
    """«Олег Лапин, ведущий научный сотрудник центра, считает»: the description between commas, and
    the organisation named in it."""
    m = _RU_RULES["apposition_after"].match(text[end:sentence_end])
    if not m or m.group(1).split()[0].lower() not in _RU_ROLE_AFTER:
        return
    entity.role = entity.role or m.group(1)
    lo, hi = end + m.start(1), end + m.end(1)
    org = next((o for o in orgs if lo <= o[0] < hi), None)
    if org and not entity.affiliation:
        entity.affiliation = org[1]


def _gender_from_pronouns(clusters: list[Cluster], article: Article) -> None:
    """English marks gender only on pronouns: a he/she right after a person's mention, with no other
    person in between, votes for that person; Mr/Ms just before it votes more."""
    persons = sorted(((m.start, m.end, c) for c in clusters if c.entity.type == "PERSON"
                      for m in c.entity.mentions), key=lambda x: x[0])
    text = article.text
    for k, (start, end, cluster) in enumerate(persons):
        limit = persons[k + 1][0] if k + 1 < len(persons) else len(text)
        m = _EN_RULES["pronoun"].search(text, end, min(limit, end + 400))
        if m:
            cluster.gender_votes[PRONOUNS_EN[m.group(1).lower()]] += 1
        if _EN_RULES["ms_before"].search(text, max(0, start - 6), start):
            cluster.gender_votes["f"] += 3
        elif _EN_RULES["mr_before"].search(text, max(0, start - 4), start):
            cluster.gender_votes["m"] += 3


# -- stage ----------------------------------------------------------------------------------------

def _add_surname_mentions(clusters: list[Cluster], article: Article) -> None:
    """«Сабурова возражает»: a surname of a person named in full, in any case form, where the tagger saw
    no name, is a mention of that person (so «ее» right after it is hers). Surnames two people share
    are left alone."""
    stems: dict[str, list[Cluster]] = {}
    for cluster in (c for c in clusters if c.entity.type == "PERSON" and len(c.entity.name.split()) >= 2):
        surname = cluster.entity.name.split()[-1]
        stem = _RU_RULES["surname_ending"].sub("", surname) if len(surname) > 4 else surname
        stems.setdefault(stem, []).append(cluster)
    taken = [(m.start, m.end) for c in clusters for m in c.entity.mentions]
    starts = [s.start for s in article.sentences]
    for stem, owners in stems.items():
        if len(owners) != 1 or len(stem) < 4:
            continue
        for m in _filled(_RU_RULES["surname_forms"], {"word": re.escape(stem)}).finditer(article.text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            sentence = max(0, bisect.bisect_right(starts, m.start()) - 1)
            owners[0].entity.mentions.append(Mention(m.start(), m.end(), sentence))
            taken.append((m.start(), m.end()))


def _affiliation_from_role(entity: Entity, places: dict[str, str], language: str) -> None:
    """"Norwegian Foreign Minister X" -> Norway; "Kestrian Foreign Minister" beside "Kestria" -> Kestria,
    a place the gazetteer does not know."""
    first = entity.role.split()[0]
    entity.affiliation = country_of(first, language)
    if entity.affiliation is None and _demonym_of(first, set(places), language):
        low = first.lower()
        entity.affiliation = next(name for key, name in places.items()
                                  if len(key) >= 4 and low.startswith(key[:-1]) and len(low) - len(key) <= 3)


def find_entities(article: Article, parsed: Parsed, resources: Resources) -> None:
    """Fill article.entities; a person's gender (for the pronouns quotes resolve) is on the entity."""
    if parsed.spacy is not None:
        clusters = _retype_places(_cluster(_spacy_mentions(parsed.spacy, parsed.cue_tokens), article, "en"),
                                  article, "en", _speaks_en(parsed.spacy))
        _roles_en(clusters, parsed.spacy)
        _gender_from_pronouns(clusters, article)
    elif parsed.natasha is not None:
        use_analyser(resources.natasha[1])
        clusters = _retype_places(_cluster(_natasha_mentions(parsed.natasha, article.text), article, "ru"),
                                  article, "ru", _speaks_ru(parsed.natasha))
        _add_surname_mentions(clusters, article)
        _roles_ru(clusters, article)
    else:
        clusters = []
    places = {c.entity.name.lower(): c.entity.name for c in clusters if c.entity.type == "GPE"}
    for cluster in clusters:
        if cluster.entity.type == "PERSON" and cluster.entity.role and not cluster.entity.affiliation:
            _affiliation_from_role(cluster.entity, places, article.language)
        cluster.entity.mentions.sort(key=lambda m: m.start)
    article.entities = [c.entity for c in clusters]
    for cluster in clusters:
        if cluster.entity.type == "PERSON":
            cluster.entity.gender = cluster.gender
