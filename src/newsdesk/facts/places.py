"""Place gazetteer: country names, capitals, demonyms and government metonyms -> canonical country."""
from __future__ import annotations

import gettext
import os
import re
import unicodedata
from functools import lru_cache
from typing import Any

import pycountry
from countryinfo import CountryInfo

from .lexicon import lexicon
from .morph import lemma, lemma_phrase

# Canonical names are countryinfo's English short names ("Norway", "United States", "United Kingdom").
# countryinfo (names, capitals, demonyms, alternative spellings) and pycountry's Russian ISO 3166
# translations are the maintained sources; the lexicon (places, codes, government, bodies, ruler) only
# fills what they lack: old or transliterated spellings, Russian capitals and Russian country adjectives.
_EN, _RU = lexicon("en"), lexicon("ru")
# Codes count only as written, and in a text of either language ("США" quoted in English).
_CODES = {**_EN.mapping("codes", "country"), **_RU.mapping("codes", "country")}
_GOVERNMENT = {"en": _EN.words("government"), "ru": _RU.words("government")}
GOVERNMENT_RU = _GOVERNMENT["ru"]
_GOVERNMENT_IN = _EN.pattern("government_in", "place_patterns")
_ADJECTIVE_RU = _RU.pattern("adjective", "place_patterns")
_POSSESSIVE = _EN.pattern("possessive", "name_patterns")
_POSSESSIVE_S = _EN.pattern("possessive_s", "name_patterns")
_LEADING_THE = _EN.pattern("leading_the", "name_patterns")
_CYRILLIC = re.compile(r"[а-яА-ЯёЁ]")
_WORD = re.compile(r"[\w.'’-]+")


def government_words(language: str) -> frozenset[str]:
    """Words that keep a place a metonym for its state ("the Norwegian government"; lemmas for ru)."""
    return _GOVERNMENT.get(language, _GOVERNMENT["en"])


def _countries() -> list[dict[str, Any]]:
    return list(CountryInfo.all().values())


@lru_cache(maxsize=1)
def _english_table() -> dict[str, str]:
    table: dict[str, str] = {}
    # Territories share demonyms and names with their state ("American" Samoa, "Norwegian" Svalbard):
    # the most populous country claims a shared key first.
    for info in sorted(_countries(), key=lambda c: -(c.get("population") or 0)):
        for key in _english_keys(info):
            for variant in (key.strip().lower(), _fold(key.strip().lower())):
                if variant and variant not in table:
                    table[variant] = info["name"]
    table.update(_EN.mapping("places", "country"))
    return table


def _english_keys(info: dict[str, Any]) -> list[str]:
    """A country's name, native name, long alternative spellings, capitals and demonym (singular and plural)."""
    keys = [info["name"], info.get("nativeName") or ""]
    keys += [s for s in info.get("altSpellings") or [] if len(s) > 3]
    for capital in _capitals(info):
        keys += [capital, capital.split(" D.C.")[0]]
    demonym = info.get("demonym") or ""
    if isinstance(demonym, str) and demonym:
        keys += [demonym, demonym + "s"]
    return keys


def _capitals(info: dict[str, Any]) -> list[str]:
    capitals = info.get("capital") or []
    return [capitals] if isinstance(capitals, str) else capitals


def _fold(text: str) -> str:
    """Chișinău -> chisinau: writers drop diacritics."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _russian_table() -> dict[str, str]:
    by_alpha2 = {info["ISO"]["alpha2"]: info["name"] for info in _countries()
                 if (info.get("ISO") or {}).get("alpha2")}
    ru = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"])
    table: dict[str, str] = {}
    for country in pycountry.countries:
        canonical = by_alpha2.get(country.alpha_2)
        if not canonical:
            continue
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                table.setdefault(lemma_phrase(ru.gettext(value).replace("\u0301", "")), canonical)
    table.update(_RU.mapping("places", "country"))
    return table


@lru_cache(maxsize=20000)
def country_of(name: str, language: str = "en") -> str | None:
    """The country a place name, capital, demonym or government metonym stands for, or None.

    "Oslo", "Norwegian", "the Norwegian government", "Germany's Defense Ministry", «Берлине»,
    «норвежское правительство» -> "Norway"/"Germany"; "the Norwegian analyst" -> None.
    """
    name = name.strip()
    if not name:
        return None
    if name in _CODES:
        return _CODES[name]
    if language == "ru" or _CYRILLIC.search(name):
        return _country_ru(name)
    return _country_en(name)


def _country_en(name: str) -> str | None:
    table = _english_table()
    words = [_POSSESSIVE.sub("", w) if i == 0 or w.endswith(("'s", "’s")) else w
             for i, w in enumerate(_WORD.findall(name))]
    if words and words[0].lower() == "the":
        words = words[1:]
    if not words:
        return None
    whole = " ".join(words)
    if whole.lower() in table:
        return table[whole.lower()]
    m = _GOVERNMENT_IN.match(whole)  # "the government in Chisinau", "authorities in Kyiv"
    if m and m.group(1).lower() in table:
        return table[m.group(1).lower()]
    if whole.upper() in _CODES:
        return _CODES[whole.upper()] if whole.isupper() else None
    # Longest leading place phrase followed only by government words.
    for cut in range(len(words) - 1, 0, -1):
        head = " ".join(_POSSESSIVE.sub("", w) for w in words[:cut])
        country = table.get(head.lower()) or (_CODES.get(head) if head.isupper() else None)
        if country and all(w.lower() in _GOVERNMENT["en"] for w in words[cut:]):
            return country
    return None


def _country_ru(name: str) -> str | None:
    table = _russian_table()
    words = _WORD.findall(name)
    if not words:
        return None
    if " ".join(words) in _CODES:
        return _CODES[" ".join(words)]
    lemmas = [lemma(w) for w in words]
    if " ".join(lemmas) in table:
        return table[" ".join(lemmas)]
    government = _GOVERNMENT["ru"]
    for cut in range(len(lemmas) - 1, 0, -1):
        for head, rest in ((lemmas[:cut], lemmas[cut:]), (lemmas[-cut:], lemmas[:-cut])):
            country = table.get(" ".join(head))
            if country and all(w in government for w in rest):
                return country
    # An adjective form the analyser does not normalise to the masculine ("норвежское").
    if len(words) == 1 and words[0].upper() in _CODES:
        return _CODES[words[0].upper()]
    # «узбекская сторона», «киргизское правительство»: an adjective the tables lack, by the country it is made from
    if _ADJECTIVE_RU.search(lemmas[0]) and all(w in government for w in lemmas[1:]):
        return _country_by_adjective(lemmas[0])
    return None


@lru_cache(maxsize=2048)
def _country_by_adjective(adjective: str) -> str | None:
    """The one country whose Russian name starts with the adjective's stem (five letters or more)."""
    stem = _ADJECTIVE_RU.sub("", adjective)
    best: tuple[int, str | None] = (0, None)
    tie = False
    for key, country in _russian_table().items():
        if " " in key:
            continue
        common = len(os.path.commonprefix([stem, key]))
        if common > best[0]:
            best, tie = (common, country), False
        elif common == best[0] and country != best[1]:
            tie = True
    # the whole stem, give or take its last letter («монгольский» -> «монголия»), not a shared start
    # («северогорский» is not «северокорейский»)
    return best[1] if best[0] >= max(5, len(stem) - 1) and not tie else None


@lru_cache(maxsize=1)
def _bodies_table() -> dict[str, str]:
    """Unions of states (lexicon bodies.tsv): codes as written ("UN", not "un"), names in any case, and
    Russian names by lemma."""
    table: dict[str, str] = {}
    for name, canonical in [*_EN.mapping("bodies", "body").items(), *_RU.mapping("bodies", "body").items()]:
        table[name] = canonical
        if not name.isupper():
            table[name.lower()] = canonical
            if _CYRILLIC.search(name):
                table[lemma_phrase(name)] = canonical
    return table


@lru_cache(maxsize=4096)
def body_of(name: str) -> str | None:
    """The canonical name of a union of states however written: "EU", «ЕС», «Евросоюза» -> "European Union".
    Bodies named by their parts ("the UN secretariat") keep the name as written: None."""
    name = _POSSESSIVE_S.sub("", _LEADING_THE.sub("", name.strip()))
    table = _bodies_table()
    if name in table:
        return table[name]
    if name.lower() in table and not name.isupper():
        return table[name.lower()]
    if _CYRILLIC.search(name):
        return table.get(lemma_phrase(name))
    return None


@lru_cache(maxsize=1)
def english_place_names() -> list[str]:
    """Country names, capitals and short forms as written, for an entity ruler (demonyms stay NORP)."""
    names = set(_EN.words("ruler", use="add"))
    for info in _countries():
        for name in [info["name"], *_capitals(info), *(s for s in info.get("altSpellings") or [] if len(s) > 3)]:
            name = name.split(" D.C.")[0].strip()
            if name and name.isascii() and name[:1].isupper() and "," not in name:
                names.add(name)
    names.update(code for code, country in _CODES.items() if country and code.isascii())
    return sorted(names - _EN.words("ruler", use="skip"))
