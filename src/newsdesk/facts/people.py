"""Fills article.entities: people, organisations and places from spaCy/natasha, corrected and merged."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Article, Entity, Mention
from ..nlp import Resources
from .parse import Parsed
from .lexicon import lexicon
from .morph import analyser, lemma, lemma_phrase, nominative_role, use_analyser
from .places import body_of, country_of

# Words of a title or role written before a name ("Deputy Prime Minister", "US special envoy").
TITLE_WORDS = frozenset("""
minister prime deputy vice foreign finance defence defense interior economy energy health justice trade secretary
president presidential chancellor senator sen. governor mayor envoy special representative adviser advisor aide
spokesman spokeswoman spokesperson ambassador chairman chairwoman chair head leader general commander admiral
analyst expert economist professor prof. director researcher political military senior chief state first
lawmaker congressman congresswoman mp premier king queen prince pope commissioner and of the
""".split())
_TITLE_GLUE = frozenset("and of the state first senior political military".split())
# Organisation words: a span holding one is no person even when it follows a title.
ORG_WORDS = lexicon("en").words("orgs")
# Speech verbs (lexicon/{en,ru}/speech.tsv): a name that is their subject speaks
EN_CUE_LEMMAS = lexicon("en").words("speech", use="cue")
EN_ATTRIBUTION = EN_CUE_LEMMAS | lexicon("en").words("speech", use="attribution")
RU_CUE = re.compile("^" + lexicon("ru").alternation("speech"), re.I)
PRONOUNS_EN = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
# Russian role nouns that may stand before a name («вице-премьер Игорь Савин»).
RU_ROLE_WORDS = frozenset("""
министр вице-премьер премьер премьер-министр президент политолог эксперт аналитик глава председатель посол депутат
сенатор советник помощник пресс-секретарь спикер экономист директор замминистра губернатор мэр канцлер
вице-канцлер генерал командующий представитель спецпредставитель спецпосланник профессор научный сотрудник
заместитель замминистра еврокомиссар комиссар вице-президент генсек генеральный секретарь посланник консул
лидер руководитель госсекретарь прокурор генпрокурор капитан командир
""".split())


@dataclass
class RawMention:
    start: int
    end: int
    text: str
    type: str
    normal: str  # the name in its dictionary form (ru) or cleaned (en)
    gender: str | None = None
    country: str | None = None
    nominative: bool = True  # ru: the name as written is in the nominative
    verb_gender: str | None = None  # ru: gender of the verb agreeing with it («подчеркнула»)
    cluster: Cluster | None = None


@dataclass
class Cluster:
    entity: Entity
    gender_votes: dict[str, int] = field(default_factory=lambda: {"m": 0, "f": 0})
    nominative: bool = True  # its name came from a nominative mention

    @property
    def gender(self) -> str | None:
        m, f = self.gender_votes["m"], self.gender_votes["f"]
        return "m" if m > f else "f" if f > m else None


# -- mentions -----------------------------------------------------------------------------------

_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_LEADING_THE = re.compile(r"^(?:the|The)\s+")
_PRONOUN = re.compile(r"\b(he|him|his|she|her|hers)\b", re.I)
_MS_BEFORE = re.compile(r"\b(?:Mrs|Ms|Miss)\.?\s*$")
_MR_BEFORE = re.compile(r"\bMr\.?\s*$")


def _clean_en(text: str) -> str:
    return _LEADING_THE.sub("", _POSSESSIVE.sub("", text.strip()))


def _spacy_mentions(doc, cue_tokens: list[int]) -> list[RawMention]:
    mentions: list[RawMention] = []
    taken: set[int] = set()
    ents = doc.ents
    person_words = {e.text.split()[-1] for e in ents if e.label_ == "PERSON" and len(e) >= 2}
    for ent in _split_trailing_names(doc, ents):
        label = ent.label_
        if label not in ("PERSON", "ORG", "GPE", "NORP", "LOC"):
            continue
        text = _clean_en(ent.text)
        if not text or not text[:1].isupper():
            continue  # "an electric van" tagged PERSON: names are capitalised
        country = country_of(ent.text) or country_of(text)
        body = None if country else body_of(text)
        if body:
            label = "ORG"  # "EU" tagged PERSON or GPE: a union of states, under one name in both languages
        if label == "ORG" and (all(w.lower() in TITLE_WORDS for w in text.split()) or _is_currency(text)):
            continue  # "Finance" of "Finance Minister", "CHF": no organisation
        if country and label in ("PERSON", "ORG", "GPE", "LOC", "NORP"):
            label = "GPE"
        elif body:
            pass
        elif label in ("ORG", "GPE", "LOC") and _looks_like_person(ent, person_words):
            label = "PERSON"
        elif label == "PERSON" and ent.root.dep_ in ("dobj", "dative") and ent.root.head.lemma_ == "tell":
            label = "ORG"  # "told Newsdesk Weekly": the outlet, not a person
        elif label == "PERSON" and any(w.lower() in ORG_WORDS for w in text.split()):
            label = "ORG"
        if label == "PERSON" and all(w.lower().strip(".") in TITLE_WORDS for w in text.split()):
            continue  # "Commissioner" alone: a title, no name
        start = ent.start_char + (len(ent.text) - len(ent.text.lstrip()))
        if ent.text.startswith(("the ", "The ")):
            start += 4
        mentions.append(RawMention(start, start + len(text), text, label, body or text, None, country))
        taken.update(range(ent.start, ent.end))
    # A proper-noun subject of a speech verb that the model left untagged ("Mercer stressed that ...").
    for verb in (doc[i] for i in cue_tokens):
        for token in verb.children:
            if token.i in taken or token.dep_ not in ("nsubj", "nsubjpass") or token.pos_ != "PROPN":
                continue
            left = token.i
            while left - 1 >= 0 and doc[left - 1].dep_ == "compound" and doc[left - 1].pos_ == "PROPN" \
                    and left - 1 not in taken:
                left -= 1
            span = doc[left:token.i + 1]
            if any(w.lower() in ORG_WORDS for w in span.text.split()) or country_of(span.text) \
                    or all(w.lower().strip(".") in TITLE_WORDS for w in span.text.split()):
                continue
            mentions.append(RawMention(span.start_char, span.end_char, span.text, "PERSON", span.text))
            taken.update(range(left, token.i + 1))
        # "Deputy Minister of … of Azerbaijan Rauf Guliyev stressed": the subject is the title, the name an
        # untagged run of proper nouns right before the verb
        left = verb.i
        while left - 1 >= 0 and doc[left - 1].pos_ == "PROPN" and left - 1 not in taken and doc[left - 1].text[:1].isupper():
            left -= 1
        span = doc[left:verb.i]
        if len(span) >= 2 and left > 0 and doc[left - 1].pos_ not in ("ADP", "DET", "CCONJ") and not any(w.lower().strip(".") in ORG_WORDS | TITLE_WORDS for w in span.text.split()) \
                and not country_of(span.text) and not any(country_of(t.text) for t in span):
            mentions.append(RawMention(span.start_char, span.end_char, span.text, "PERSON", span.text))
            taken.update(range(left, verb.i))
    mentions.sort(key=lambda m: m.start)
    return mentions


def _split_trailing_names(doc, ents):
    """"the Institute of the Far East Elena" + "Voronina": an organisation the tagger ran into the first name
    of the person after it. Proper nouns at its end that modify an untagged proper noun after it are that
    person's name. Likewise a capital the place ruler tagged that is someone's first name ("Sofia Lindqvist")."""
    from spacy.tokens import Span

    out = []
    for ent in ents:
        if ent.label_ == "GPE" and len(ent) == 1 and ent.end < len(doc) and ent.root.dep_ == "compound":
            # "director, Sofia Lindqvist, said": a capital's name that is a first name before a surname
            head = ent.root.head
            if head.i == ent.end and head.pos_ == "PROPN" and not head.ent_type_ and head.dep_ in ("appos", "nsubj") \
                    and head.text[:1].isupper() and head.lower_ not in TITLE_WORDS | ORG_WORDS and not country_of(head.text):
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
    import pycountry

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


def _natasha_mentions(doc, article_text: str = "") -> list[RawMention]:
    kinds = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}
    starts = [t.start for t in doc.tokens]
    by_id = {t.id: t for t in doc.tokens}
    mentions = []
    for span in doc.spans:
        label = kinds.get(span.type)
        if not label:
            continue
        normal = span.normal or span.text
        country = country_of(span.text, "ru")
        body = None if country else body_of(span.text)
        if country:
            label = "GPE"
        elif body:
            label, normal = "ORG", body  # «ЕС», «Евросоюза» -> "European Union"
        gender = verb_gender = None
        nominative = True
        start = span.start
        if label == "PERSON":
            lo = bisect.bisect_left(starts, span.start)
            tokens = [t for t in doc.tokens[lo:lo + 8] if t.start < span.stop]
            prev = doc.tokens[lo - 1] if lo > 0 else None
            if len(tokens) == 1 and prev is not None and prev.pos == "PROPN" and prev.text[:1].isupper() \
                    and prev.stop + 1 >= span.start and (prev.feats or {}).get("Case") == (tokens[0].feats or {}).get("Case") \
                    and not country_of(prev.text, "ru") and not _not_name_ru(prev) \
                    and not (mentions and mentions[-1].end >= prev.start):
                # «Марта Вейс»: the tagger left out a first name it took for a common word (март).
                tokens, normal = [prev, *tokens], f"{prev.text} {normal}"
            cases = [(t.feats or {}).get("Case") for t in tokens]
            # «премьер-министр Кестрии Тамсин Оравец»: a genitive place glued to the name is not the name.
            while len(tokens) > 1 and (_not_name_ru(tokens[0]) or len(tokens) > 2 and (
                    cases[0] == "Gen" and cases[0] != cases[-1] or tokens[0].text.endswith("ии")
                    or country_of(tokens[0].text, "ru"))):
                tokens, cases = tokens[1:], cases[1:]
            start = tokens[0].start if tokens else span.start
            genders = {(t.feats or {}).get("Gender") for t in tokens} - {None}
            gender = "f" if genders == {"Fem"} else "m" if genders == {"Masc"} else None
            # A past-tense verb agrees with its subject («Костин подчеркнула»): better evidence than the
            # tagger's guess on an unfamiliar name.
            ids = {t.id for t in tokens}
            verb_gender = None
            for t in tokens:
                if t.head_id in ids:
                    continue
                # «Министр финансов Мирела Костин подчеркнула»: climb from the name to the subject.
                for _ in range(3):
                    if t.rel not in ("appos", "flat:name", "flat", "nmod") or t.head_id not in by_id:
                        break
                    t = by_id[t.head_id]
                head = by_id.get(t.head_id)
                if t.rel == "nsubj" and head is not None and head.pos in ("VERB", "AUX"):
                    verb_gender = {"Fem": "f", "Masc": "m"}.get((head.feats or {}).get("Gender"))
                    gender = verb_gender or gender
                break
            nominative = cases[-1] in (None, "Nom") if cases else True
            if tokens and (all(c == "Nom" for c in cases) or cases[-1] == "Nom" and len(tokens) >= 2
                           and tokens[0].text.endswith(("а", "я")) and not normal.split()[0].endswith(("а", "я"))):
                # Written in the nominative, the name is its own dictionary form: the normaliser guesses
                # a masculine on unfamiliar feminine names («Лючия Маркетти» -> «Лючий Маркетти»).
                normal = " ".join(t.text for t in tokens)
            elif start != span.start:
                normal = " ".join(normal.split()[len(normal.split()) - len(tokens):]) if len(normal.split()) >= len(tokens) \
                    else normal
            normal = " ".join(w[:1].upper() + w[1:] for w in normal.split())
            if gender == "m" and len(tokens) >= 2 and cases[-1] not in (None, "Nom"):
                normal = _masculine_surname(normal)
        mention = RawMention(start, span.stop, article_text[start:span.stop] if article_text else span.text, label,
                             normal, gender, country, nominative, verb_gender)
        prev = mentions[-1] if mentions else None
        if prev is not None and prev.type == label == "PERSON" and not article_text[prev.end:start].strip():
            # «Мирела» + «Костин» tagged apart: one name.
            prev.end, prev.text = mention.end, article_text[prev.start:mention.end]
            prev.normal = f"{prev.normal} {mention.normal}"
            prev.gender = prev.verb_gender or mention.verb_gender or mention.gender or prev.gender
            continue
        mentions.append(mention)
    return mentions


_NOT_NAME_POS = frozenset({"ADV", "PRON", "DET", "SCONJ", "CCONJ", "ADP", "PART", "VERB", "AUX", "NUM"})


def _not_name_ru(token) -> bool:
    """A word natasha glued to the front of a name: a title («Премьер-министр»), a question word
    («Почему»), anything not a noun."""
    return token.pos in _NOT_NAME_POS or lemma(token.text) in RU_ROLE_WORDS or token.text.lower() in RU_ROLE_WORDS \
        or not token.text[:1].isupper()


_SURNAME_CASE = re.compile(r"(?<=[иоеё]в|ин|ын)(?:а|у|ым|е)$")


def _masculine_surname(name: str) -> str:
    """«Олег Лапина» (natasha kept the genitive) -> «Олег Лапин»."""
    words = name.split()
    words[-1] = _SURNAME_CASE.sub("", words[-1])
    return " ".join(words)


# -- clustering ---------------------------------------------------------------------------------

def _compatible_first(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return a[:4] == b[:4] or a.startswith(b.rstrip(".")) or b.startswith(a.rstrip("."))


def _surname_key(word: str) -> str:
    return word.lower().replace("ё", "е")


def _cluster(mentions: list[RawMention], article: Article, language: str) -> list[Cluster]:
    starts = [s.start for s in article.sentences]

    def sentence_of(offset: int) -> int:
        return max(0, bisect.bisect_right(starts, offset) - 1)

    clusters: list[Cluster] = []
    by_key: dict[tuple[str, str], Cluster] = {}
    people_by_surname: dict[str, list[Cluster]] = {}

    def add(cluster: Cluster, m: RawMention) -> None:
        cluster.entity.mentions.append(Mention(m.start, m.end, sentence_of(m.start)))
        if m.text not in cluster.entity.aliases and m.text != cluster.entity.name:
            cluster.entity.aliases.append(m.text)
        if m.gender:
            cluster.gender_votes[m.gender] += 2

    def new(name: str, kind: str) -> Cluster:
        cluster = Cluster(Entity(id=f"e{len(clusters) + 1}", name=name, type=kind))
        clusters.append(cluster)
        return cluster

    # Full names first, so a surname-only mention before the full name still joins it.
    persons = [m for m in mentions if m.type == "PERSON"]
    for m in persons:
        words = m.normal.split()
        if len(words) < 2:
            continue
        key = _surname_key(words[-1])
        same = people_by_surname.get(key, [])
        if not same and language == "ru":
            # «Олег Лапина» (a genitive natasha left as is) and «Олег Лапин»: same stem, short ending apart.
            same = [c for k, cs in people_by_surname.items() for c in cs if k[:4] == key[:4] and abs(len(k) - len(key)) <= 2]
        match = next((c for c in same if _compatible_first(c.entity.name.split()[0], words[0])), None)
        if match is not None and language == "ru" and m.nominative and not match.nominative:
            match.entity.name = m.normal  # the nominative is the name
            match.nominative = True
            people_by_surname.setdefault(key, []).append(match)
        if match is None:
            match = new(m.normal, "PERSON")
            match.nominative = m.nominative
            people_by_surname.setdefault(key, []).append(match)
        m.cluster = match
    for m in mentions:
        cluster = m.cluster
        named = [c for c in people_by_surname.get(_surname_key(_POSSESSIVE.sub("", m.normal)), [])
                 if len(c.entity.name.split()) > 1]
        if cluster is None and m.type in ("NORP", "ORG", "GPE") and not m.country and len(m.normal.split()) == 1 \
                and m.normal[:1].isupper() and named:
            # "Sorin insisted", "Sorin's tone" tagged NORP: the surname of a person named in full.
            m.type = "PERSON"
            cluster = named[-1]
        if cluster is None and m.type == "PERSON":
            key = _surname_key(m.normal.split()[-1])
            candidates = people_by_surname.get(key)
            if not candidates and language == "ru":
                # A case form natasha did not normalise: same stem, a short ending apart.
                candidates = [c for k, cs in people_by_surname.items() for c in cs
                              if k[:4] == key[:4] and abs(len(k) - len(key)) <= 2]
            if candidates:
                cluster = candidates[-1]
            else:
                cluster = new(m.normal, "PERSON")
                people_by_surname.setdefault(key, []).append(cluster)
        elif cluster is None:
            name = m.country or m.normal
            kind = "GPE" if m.country else m.type
            key2 = (kind, name.lower() if language == "en" else lemma_phrase(name))
            cluster = by_key.get(key2) or new(name, kind)
            by_key[key2] = cluster
        add(cluster, m)
    return clusters


# -- names that are places --------------------------------------------------------------------------

# A capitalised word right after one of these is a place: "in Valmora", «в Дорване», «из Кестрии».
_EN_LOCATIVE = r"(?:in|from|near|across|into|towards?|inside|throughout|within)"
_RU_LOCATIVE = r"(?:в|во|из|до|вблизи|около|через)"
# "Valmora's government", "the government of Valmora": a state, whatever the tagger says.
_EN_STATE_NOUNS = r"(?:government|army|troops|forces|border|capital|parliament|cabinet|leadership|authorities|side|" \
                  r"military|economy|territory|president|prime minister|foreign minister|foreign ministry|embassy)"
# «премьер-министр Кестрии», «правительство Дорвана»: a genitive after these names a state.
_RU_STATE_NOUNS = r"(?:[Мм]инистр|[Пп]ремьер|[Пп]резидент|[Пп]осол|[Пп]равительств|[Пп]арламент|[Вв]ласт|[Сс]толиц|" \
                  r"[Гг]раниц|МИД|[Аа]рми|[Вв]ойск|[Тт]ерритори|[Вв]осстановлени)"
_RU_CASE_ENDING = re.compile(r"(?:ами|ями|ией|ией|ой|ей|ом|ем|ою|ию|ия|ии|ах|ях|ам|ям|а|я|ы|и|е|у|ю|ь)$")


def _stem(word: str, language: str) -> str:
    word = word.lower().replace("ё", "е")
    if language == "ru" and len(word) > 4:
        return _RU_CASE_ENDING.sub("", word)
    return word


def _place_evidence(word: str, text: str, place_stems: set[str], language: str) -> bool:
    """Is this lone capitalised word used as a place anywhere in the article? Tagged a place elsewhere,
    written after a locative preposition, or the owner of a state noun."""
    stem = _stem(word, language)
    if stem in place_stems:
        return True
    if language == "ru":
        name = re.escape(stem[:1].upper() + stem[1:]) + r"[а-яё]{0,3}\b"
        places = "|".join(re.escape(p[:1].upper() + p[1:]) for p in place_stems if len(p) >= 3)
        return re.search(rf"(?<![\w-]){_RU_LOCATIVE}\s+{name}", text) is not None \
            or re.search(rf"(?<![\w-]){_RU_STATE_NOUNS}[\w-]*(?:\s+[а-яё]+){{0,2}}\s+{name}", text) is not None \
            or bool(places) and re.search(rf"{name}\s+и\s+(?:{places})|(?:{places})[а-яё]{{0,3}}\s+и\s+{name}",
                                          text) is not None
    w = re.escape(word)
    places = "|".join(re.escape(p) for p in place_stems if len(p) >= 3)
    if places and re.search(rf"(?i:\b(?:{places}))\s+and\s+{w}\b|\b{w}\s+and\s+(?:the\s+)?(?i:(?:{places})\b)",
                            text):
        return True  # "between Kestria and Dorvan": a place beside a place
    return re.search(rf"\b{_EN_LOCATIVE}\s+(?:the\s+)?{w}\b(?!['’]s\s+(?:view|opinion|words))", text) is not None \
        or re.search(rf"(?<!according )(?<!\btalk )(?<!\bspoke )(?<!\bspeak )(?<!\bsaid )(?<!\bwrote )\bto\s+{w}\b",
                     text) is not None \
        or re.search(rf"\b{w}['’]s\s+{_EN_STATE_NOUNS}\b", text) is not None \
        or re.search(rf"\b(?:the\s+)?{_EN_STATE_NOUNS}\s+of\s+{w}\b", text) is not None


_RU_TOPONYM_ENDING = re.compile(r"(?:ия|стан|ландия)$")


def _toponym_ru(name: str) -> bool:
    """«Кестрия», «Дорвания»: a word shaped like a country's name that the dictionary does not know as a
    first name or surname (it knows «Мария», «Берия») is a place, whatever the tagger guessed."""
    word = name.lower()
    if " " in word or not _RU_TOPONYM_ENDING.search(word):
        return False
    morph = analyser()
    parses = morph.parse(word)
    if any({"Name", "Surn", "Patr"} & set(str(p.tag).replace(" ", ",").split(",")) for p in parses
           if morph.word_is_known(word)):
        return False
    return True


def _demonym_of(word: str, place_stems: set[str]) -> bool:
    """"Kestrian" beside "Kestria": a people's adjective made from a place in the article."""
    low = word.lower()
    if not low.endswith(("n", "ese", "i", "ish")):
        return False
    return any(len(p) >= 4 and low != p and low.startswith(p[:-1]) and len(low) - len(p) <= 3 for p in place_stems)


def _retype_places(clusters: list[Cluster], article: Article, language: str, speaks=None) -> list[Cluster]:
    """A lone word tagged PERSON that the article uses as a place ("talks in Valmora", «в Дорване»)
    or as a demonym ("Kestrian") is no person. Real people are named in full at least once, so only
    clusters whose every mention is a single word are questioned. Retyped clusters join a place
    cluster of the same word."""
    text = article.text

    def surfaces(cluster: Cluster) -> list[str]:
        return [text[m.start:m.end] for m in cluster.entity.mentions]

    place_stems: set[str] = set()
    places_by_stem: dict[str, Cluster] = {}
    for cluster in clusters:
        if cluster.entity.type in ("GPE", "LOC"):
            for surface in surfaces(cluster):
                for w in [surface] + surface.split():
                    place_stems.add(_stem(w, language))
                    places_by_stem.setdefault(_stem(surface, language), cluster)
    others_by_stem: dict[str, Cluster] = {}
    for cluster in clusters:
        if cluster.entity.type in ("GPE", "LOC", "ORG"):
            for surface in surfaces(cluster):
                if len(surface.split()) == 1:
                    others_by_stem.setdefault(_stem(_POSSESSIVE.sub("", surface), language), cluster)
    kept: list[Cluster] = []
    for cluster in clusters:
        entity = cluster.entity
        words = [s.split() for s in surfaces(cluster)]
        if entity.type == "ORG" and words and all(len(w) == 1 for w in words):
            # The same bare word tagged a place elsewhere ("Torvania would borrow" ORG, "in Torvania" GPE).
            place = places_by_stem.get(_stem(_POSSESSIVE.sub("", words[0][0]), language))
            if place is not None and place is not cluster and \
                    all(_stem(_POSSESSIVE.sub("", w[0]), language) == _stem(_POSSESSIVE.sub("", words[0][0]), language)
                        for w in words):
                place.entity.mentions.extend(entity.mentions)
                continue
        if entity.type != "PERSON" or len(entity.name.split()) > 1 or any(len(w) != 1 for w in words) \
                or entity.role:
            kept.append(cluster)
            continue
        word = _POSSESSIVE.sub("", words[0][0]) if words else entity.name
        if len(word) < 2:
            kept.append(cluster)
            continue
        tagged = others_by_stem.get(_stem(word, language))
        if tagged is not None:
            # The tagger called the same word an organisation or place elsewhere in the article
            # ("the ceasefire with Dorvan" ORG, "while Dorvan has said" PERSON): one thing, not a person.
            tagged.entity.mentions.extend(entity.mentions)
            if entity.name != tagged.entity.name and entity.name not in tagged.entity.aliases:
                tagged.entity.aliases.append(entity.name)
            continue
        if language == "en" and _demonym_of(word, place_stems):
            entity.type, entity.name = "NORP", word
        elif _place_evidence(word, text, place_stems, language) or language == "ru" and _toponym_ru(entity.name):
            target = places_by_stem.get(_stem(word, language))
            if target is not None and target is not cluster:
                target.entity.mentions.extend(entity.mentions)
                for alias in [entity.name, *entity.aliases]:
                    if alias != target.entity.name and alias not in target.entity.aliases:
                        target.entity.aliases.append(alias)
                continue
            entity.type = "GPE"
        elif len(entity.mentions) == 1 and speaks is not None and not speaks(entity.mentions[0].start) \
                and not _MR_BEFORE.search(text, max(0, entity.mentions[0].start - 4), entity.mentions[0].start) \
                and not _MS_BEFORE.search(text, max(0, entity.mentions[0].start - 6), entity.mentions[0].start):
            # One bare word, never introduced by a full name, a title or Mr/Ms, and saying nothing: news
            # names a person in full; this is most likely a place or a thing the tagger guessed at.
            entity.type = "MISC"
        kept.append(cluster)
    return kept


def _speaks_en(doc):
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


def _speaks_ru(doc):
    """«— …, — сказал Петреску.», «Сорин заявил»: the name is the subject of a speech verb."""
    starts = [t.start for t in doc.tokens]
    by_id = {t.id: t for t in doc.tokens}

    def speaks(offset: int) -> bool:
        k = bisect.bisect_left(starts, offset)
        if k >= len(doc.tokens):
            return True
        token = doc.tokens[k]
        for _ in range(3):
            if token.rel not in ("flat:name", "flat", "appos") or token.head_id not in by_id:
                break
            token = by_id[token.head_id]
        head = by_id.get(token.head_id)
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
            affiliation = affiliation or _institution(doc.text[span.end_char:span.sent.end_char], _OF_INSTITUTION, True) \
                or _represented(span)
            if affiliation and not cluster.entity.affiliation:
                cluster.entity.affiliation = affiliation


_INSTITUTION = re.compile(r"\b(?:at|of|with|from|for)\s+(?:the\s+)?([A-Z][\w'’.-]*(?:\s+(?:for|of|on|and|the|[A-Z][\w'’.-]*))*)")
_OF_INSTITUTION = re.compile(r"\s+(?:of|at|from)\s+(?:the\s+)?([A-Z][\w'’.-]*(?:\s+(?:for|of|on|and|the|[A-Z][\w'’.-]*))*)")


def _institution(text: str, pattern: re.Pattern = _INSTITUTION, anchored: bool = False) -> str | None:
    """"a senior analyst at the Lisbon Institute for Security Studies" -> the institute (a capitalised
    phrase holding an organisation word), even where the tagger split it at a city's name."""
    for m in ([pattern.match(text)] if anchored else pattern.finditer(text)):
        if m is None:
            continue
        name = re.sub(r"(?:\s+(?:for|of|on|and|the))+$", "", m.group(1))
        if any(w.lower().strip(".,") in ORG_WORDS for w in name.split()):
            return name
    return None


_REPRESENTED_BY = re.compile(r"([A-Z][\w.-]+(?: [A-Z][\w-]+)?) (?:was|were|is|are|will be) represented by\s+(?:[\w-]+\s+){0,6}$")


def _represented(span) -> str | None:
    """"Lisbon was represented by its foreign minister, X": X speaks for that country."""
    m = _REPRESENTED_BY.search(span.doc.text, span.sent.start_char, span.start_char)
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
    text = article.text
    orgs = [(m.start, c.entity.name) for c in clusters if c.entity.type == "ORG" for m in c.entity.mentions]
    for cluster in clusters:
        if cluster.entity.type != "PERSON":
            continue
        for mention in cluster.entity.mentions:
            sentence = article.sentences[mention.sentence]
            # «Капитан Олег Вяземский и инженер Дарья Лыкова»: her role starts after the last name before hers
            bound = max([m.end for c in clusters if c.entity.type == "PERSON" for m in c.entity.mentions
                         if sentence.start <= m.end <= mention.start], default=sentence.start)
            before = text[bound:mention.start]
            clause = re.split(r"[,.;:—«»\"]", before)[-1].strip()
            words = clause.split()
            # «заместитель министра», «министра финансов»: any case form of a role word starts the role.
            first = next((k for k, w in enumerate(words) if w.lower() in RU_ROLE_WORDS or lemma(w) in RU_ROLE_WORDS),
                         None)
            if first is not None:
                while first > 0 and lemma(words[first - 1]) in _RU_ROLE_ADJECTIVES:
                    first -= 1  # «ведущего научного сотрудника»
                words = words[first:]
                clause = nominative_role(words)
                cluster.entity.role = cluster.entity.role or clause
                for i in range(len(words)):
                    country = country_of(words[i], "ru")
                    if country:
                        cluster.entity.affiliation = cluster.entity.affiliation or country
                        break
            after = text[mention.end:sentence.end]
            m = re.match(r",\s+([^,.;]+?),", after)
            if m and m.group(1).split()[0].lower() in RU_ROLE_WORDS | {"ведущий", "старший", "бывший", "член"}:
                cluster.entity.role = cluster.entity.role or m.group(1)
                lo, hi = mention.end + m.start(1), mention.end + m.end(1)
                org = next((o for o in orgs if lo <= o[0] < hi), None)
                if org and not cluster.entity.affiliation:
                    cluster.entity.affiliation = org[1]


_RU_ROLE_ADJECTIVES = frozenset("ведущий старший главный бывший первый научный специальный исполнительный".split())


def _gender_from_pronouns(clusters: list[Cluster], article: Article) -> None:
    """English marks gender only on pronouns: a he/she right after a person's mention, with no other
    person in between, votes for that person."""
    persons = sorted(((m.start, m.end, c) for c in clusters if c.entity.type == "PERSON"
                      for m in c.entity.mentions), key=lambda x: x[0])
    if not persons:
        return
    for k, (start, end, cluster) in enumerate(persons):
        limit = persons[k + 1][0] if k + 1 < len(persons) else len(article.text)
        limit = min(limit, end + 400)
        m = _PRONOUN.search(article.text, end, limit)
        if m:
            cluster.gender_votes[PRONOUNS_EN[m.group(1).lower()]] += 1
        if _MS_BEFORE.search(article.text, max(0, start - 6), start):
            cluster.gender_votes["f"] += 3
        elif _MR_BEFORE.search(article.text, max(0, start - 4), start):
            cluster.gender_votes["m"] += 3


# -- stage ----------------------------------------------------------------------------------------

def _add_surname_mentions(clusters: list[Cluster], article: Article) -> None:
    """«Сабурова возражает»: a surname of a person named in full, in any case form, where the tagger saw
    no name, is a mention of that person (so «ее» right after it is hers). Surnames two people share
    are left alone."""
    people = [c for c in clusters if c.entity.type == "PERSON" and len(c.entity.name.split()) >= 2]
    stems: dict[str, list[Cluster]] = {}
    for cluster in people:
        surname = cluster.entity.name.split()[-1]
        stem = re.sub(r"(?:а|я|ой|ий|ый)$", "", surname) if len(surname) > 4 else surname
        stems.setdefault(stem, []).append(cluster)
    taken = [(m.start, m.end) for c in clusters for m in c.entity.mentions]
    starts = [s.start for s in article.sentences]
    for stem, owners in stems.items():
        if len(owners) != 1 or len(stem) < 4:
            continue
        for m in re.finditer(rf"(?<![\w-]){re.escape(stem)}[а-яё]{{0,3}}(?![\w-])", article.text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            sentence = max(0, bisect.bisect_right(starts, m.start()) - 1)
            owners[0].entity.mentions.append(Mention(m.start(), m.end(), sentence))
            taken.append((m.start(), m.end()))


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
            first = cluster.entity.role.split()[0]
            cluster.entity.affiliation = country_of(first, article.language)
            if cluster.entity.affiliation is None and article.language == "en" and _demonym_of(first, set(places)):
                # "Kestrian Foreign Minister" beside "Kestria": a place the gazetteer does not know.
                low = first.lower()
                cluster.entity.affiliation = next(name for key, name in places.items()
                                                  if len(key) >= 4 and low.startswith(key[:-1]) and len(low) - len(key) <= 3)
        cluster.entity.mentions.sort(key=lambda m: m.start)
    article.entities = [c.entity for c in clusters]
    for cluster in clusters:
        if cluster.entity.type == "PERSON":
            cluster.entity.gender = cluster.gender
