"""Place gazetteer: country names, capitals, demonyms and government metonyms -> canonical country."""
from __future__ import annotations

import os
import re
from functools import lru_cache

from .morph import lemma, lemma_phrase

# Canonical names are countryinfo's English short names ("Norway", "United States", "United Kingdom").
# countryinfo (names, capitals, demonyms, alternative spellings) and pycountry's Russian ISO 3166
# translations are the maintained sources; the tables below only fill what they lack: old or
# transliterated spellings, Russian capitals and Russian country adjectives.

_EN_EXTRA = {
    "kiev": "Ukraine", "kyiv": "Ukraine", "washington": "United States", "u.s.": "United States",
    "u.s": "United States", "u.s.a.": "United States", "america": "United States", "britain": "United Kingdom",
    "great britain": "United Kingdom", "england": "United Kingdom", "brit": "United Kingdom",
    "the kremlin": "Russia", "kremlin": "Russia", "the white house": "United States", "white house": "United States",
    "downing street": "United Kingdom", "whitehall": "United Kingdom", "the elysee": "France", "elysee": "France",
    "the élysée": "France", "élysée": "France", "beijing": "China", "peking": "China", "the hague": "Netherlands",
    "czechia": "Czech Republic", "holland": "Netherlands", "dutch": "Netherlands", "the netherlands": "Netherlands",
    "the united states": "United States", "the united kingdom": "United Kingdom", "the uk": "United Kingdom",
    "the us": "United States", "the usa": "United States", "the u.s.": "United States", "hague": "Netherlands",
    "north korean": "North Korea", "south korean": "South Korea", "pyongyang": "North Korea",
    "moldovan": "Moldova", "belarusian": "Belarus", "minsk": "Belarus", "tbilisi": "Georgia",
}
# Upper-case codes count only as written ("US" is a country, "us" a pronoun).
_CODES = {"US": "United States", "USA": "United States", "UK": "United Kingdom", "GB": "United Kingdom",
          "EU": None, "UAE": "United Arab Emirates", "FRG": "Germany", "PRC": "China", "DPRK": "North Korea",
          "США": "United States", "ФРГ": "Germany", "КНР": "China", "КНДР": "North Korea", "ОАЭ": "United Arab Emirates",
          "РФ": "Russia"}

# Russian: lemma -> country. pycountry gives names; capitals and adjectives are not in any package.
_RU_EXTRA = {
    "россия": "Russia", "москва": "Russia", "кремль": "Russia", "российский": "Russia", "русский": "Russia",
    "украина": "Ukraine", "киев": "Ukraine", "украинский": "Ukraine",
    "америка": "United States", "вашингтон": "United States", "американский": "United States",
    "белый дом": "United States", "соединённый штат": "United States", "соединенный штат": "United States",
    "штаты": "United States",
    "великобритания": "United Kingdom", "британия": "United Kingdom", "англия": "United Kingdom",
    "лондон": "United Kingdom", "британский": "United Kingdom", "английский": "United Kingdom",
    "германия": "Germany", "берлин": "Germany", "немецкий": "Germany", "германский": "Germany",
    "норвегия": "Norway", "осло": "Norway", "норвежский": "Norway",
    "франция": "France", "париж": "France", "французский": "France", "елисейский дворец": "France",
    "канада": "Canada", "оттава": "Canada", "канадский": "Canada",
    "польша": "Poland", "варшава": "Poland", "польский": "Poland",
    "италия": "Italy", "рим": "Italy", "итальянский": "Italy",
    "испания": "Spain", "мадрид": "Spain", "испанский": "Spain",
    "китай": "China", "пекин": "China", "китайский": "China",
    "япония": "Japan", "токио": "Japan", "японский": "Japan",
    "турция": "Turkey", "анкара": "Turkey", "турецкий": "Turkey",
    "швеция": "Sweden", "стокгольм": "Sweden", "шведский": "Sweden",
    "финляндия": "Finland", "хельсинки": "Finland", "финский": "Finland", "финляндский": "Finland",
    "дания": "Denmark", "копенгаген": "Denmark", "датский": "Denmark",
    "нидерланды": "Netherlands", "голландия": "Netherlands", "амстердам": "Netherlands", "гаага": "Netherlands",
    "нидерландский": "Netherlands", "голландский": "Netherlands",
    "бельгия": "Belgium", "брюссель": "Belgium", "бельгийский": "Belgium",
    "австрия": "Austria", "вена": "Austria", "австрийский": "Austria",
    "швейцария": "Switzerland", "берн": "Switzerland", "швейцарский": "Switzerland",
    "чехия": "Czech Republic", "прага": "Czech Republic", "чешский": "Czech Republic",
    "словакия": "Slovakia", "братислава": "Slovakia", "словацкий": "Slovakia",
    "венгрия": "Hungary", "будапешт": "Hungary", "венгерский": "Hungary",
    "румыния": "Romania", "бухарест": "Romania", "румынский": "Romania",
    "болгария": "Bulgaria", "софия": "Bulgaria", "болгарский": "Bulgaria",
    "греция": "Greece", "афины": "Greece", "греческий": "Greece",
    "литва": "Lithuania", "вильнюс": "Lithuania", "литовский": "Lithuania",
    "латвия": "Latvia", "рига": "Latvia", "латвийский": "Latvia",
    "эстония": "Estonia", "таллин": "Estonia", "эстонский": "Estonia",
    "белоруссия": "Belarus", "беларусь": "Belarus", "минск": "Belarus", "белорусский": "Belarus",
    "молдавия": "Moldova", "молдова": "Moldova", "кишинёв": "Moldova", "кишинев": "Moldova",
    "молдавский": "Moldova",
    "грузия": "Georgia", "тбилиси": "Georgia", "грузинский": "Georgia",
    "армения": "Armenia", "ереван": "Armenia", "армянский": "Armenia",
    "азербайджан": "Azerbaijan", "баку": "Azerbaijan", "азербайджанский": "Azerbaijan",
    "казахстан": "Kazakhstan", "астана": "Kazakhstan", "казахстанский": "Kazakhstan",
    "иран": "Iran", "тегеран": "Iran", "иранский": "Iran",
    "израиль": "Israel", "израильский": "Israel",
    "индия": "India", "индийский": "India", "нью-дели": "India",
    "бразилия": "Brazil", "бразильский": "Brazil",
    "австралия": "Australia", "канберра": "Australia", "австралийский": "Australia",
    "ирландия": "Ireland", "дублин": "Ireland", "ирландский": "Ireland",
    "португалия": "Portugal", "лиссабон": "Portugal", "португальский": "Portugal",
    "исландия": "Iceland", "рейкьявик": "Iceland", "исландский": "Iceland",
    "люксембург": "Luxembourg", "люксембургский": "Luxembourg",
    "северный корея": "North Korea", "пхеньян": "North Korea", "северокорейский": "North Korea",
    "южный корея": "South Korea", "сеул": "South Korea", "южнокорейский": "South Korea",
    "сирия": "Syria", "дамаск": "Syria", "сирийский": "Syria",
    "саудовский аравия": "Saudi Arabia", "эр-рияд": "Saudi Arabia", "саудовский": "Saudi Arabia",
    "катар": "Qatar", "доха": "Qatar", "катарский": "Qatar",
    "египет": "Egypt", "каир": "Egypt", "египетский": "Egypt",
}

# Words that keep a demonym/country phrase a metonym for the state: "the Norwegian government",
# "Germany's Defense Ministry", «норвежское правительство».
_GOVERNMENT_EN = {
    "government", "governments", "authorities", "cabinet", "side", "leadership", "administration", "state",
    "ministry", "ministries", "foreign", "defense", "defence", "finance", "economy", "office", "parliament",
    "presidency", "executive", "officials", "embassy", "mission", "delegation", "'s", "’s", "of",
}
GOVERNMENT_RU = {
    "правительство", "власть", "кабмин", "кабинет", "сторона", "руководство", "администрация",
    "министерство", "минобороны", "мид", "минфин", "ведомство", "посольство", "делегация", "парламент",
    "государство", "оборона", "иностранный", "дело", "финансы",
}
_WORD = re.compile(r"[\w.'’-]+")


@lru_cache(maxsize=1)
def _english_table() -> dict[str, str]:
    from countryinfo._cache import load_countries

    table: dict[str, str] = {}
    # Territories share demonyms and names with their state ("American" Samoa, "Norwegian" Svalbard):
    # the most populous country claims a shared key first.
    countries = sorted(load_countries()["countries"].values(), key=lambda c: -(c.get("population") or 0))
    for info in countries:
        canonical = info["name"]
        keys = [canonical, info.get("nativeName") or ""]
        keys += [s for s in info.get("altSpellings") or [] if len(s) > 3]
        capitals = info.get("capital") or []
        for capital in [capitals] if isinstance(capitals, str) else capitals:
            keys += [capital, capital.split(" D.C.")[0]]
        demonym = info.get("demonym") or ""
        if isinstance(demonym, str) and demonym:
            keys += [demonym, demonym + "s"]
        for key in keys:
            for variant in (key.strip().lower(), _fold(key.strip().lower())):
                if variant and variant not in table:
                    table[variant] = canonical
    table.update(_EN_EXTRA)
    return table


def _fold(text: str) -> str:
    """Chișinău -> chisinau: writers drop diacritics."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _russian_table() -> dict[str, str]:
    import gettext

    import pycountry

    from countryinfo._cache import load_countries

    by_alpha2 = {info["ISO"]["alpha2"]: info["name"] for info in load_countries()["countries"].values()
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
    table.update(_RU_EXTRA)
    return table


def _strip_possessive(word: str) -> str:
    return re.sub(r"(?:'s|’s|'|’)$", "", word)


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
    if language == "ru" or re.search(r"[а-яА-ЯёЁ]", name):
        return _country_ru(name)
    return _country_en(name)


def _country_en(name: str) -> str | None:
    table = _english_table()
    words = [_strip_possessive(w) if i == 0 or w.endswith(("'s", "’s")) else w
             for i, w in enumerate(_WORD.findall(name))]
    if words and words[0].lower() == "the":
        words = words[1:]
    if not words:
        return None
    whole = " ".join(words)
    if whole.lower() in table:
        return table[whole.lower()]
    # "the government in Chisinau", "authorities in Kyiv"
    m = re.match(r"(?i)^(?:government|authorities|leadership|officials|cabinet)\s+(?:in|of)\s+(.+)$", whole)
    if m and m.group(1).lower() in table:
        return table[m.group(1).lower()]
    if whole.upper() in _CODES:
        return _CODES[whole.upper()] if whole.isupper() else None
    # Longest leading place phrase followed only by government words.
    for cut in range(len(words) - 1, 0, -1):
        head = " ".join(_strip_possessive(w) for w in words[:cut])
        rest = [w.lower() for w in words[cut:]]
        country = table.get(head.lower()) or (_CODES.get(head) if head.isupper() else None)
        if country and all(w in _GOVERNMENT_EN for w in rest):
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
    whole = " ".join(lemmas)
    if whole in table:
        return table[whole]
    for cut in range(len(lemmas) - 1, 0, -1):
        for head, rest in ((lemmas[:cut], lemmas[cut:]), (lemmas[-cut:], lemmas[:-cut])):
            country = table.get(" ".join(head))
            if country and all(w in GOVERNMENT_RU for w in rest):
                return country
    # An adjective form the analyser does not normalise to the masculine ("норвежское").
    if len(words) == 1 and words[0].upper() in _CODES:
        return _CODES[words[0].upper()]
    # «узбекская сторона», «киргизское правительство»: an adjective the tables lack, by the country it is made from
    if lemmas[0].endswith(("ский", "цкий")) and all(w in GOVERNMENT_RU for w in lemmas[1:]):
        return _country_by_adjective(lemmas[0])
    return None


@lru_cache(maxsize=2048)
def _country_by_adjective(adjective: str) -> str | None:
    """The one country whose Russian name starts with the adjective's stem (five letters or more)."""
    stem = re.sub(r"(?:ий)?[сц]кий$", "", adjective)
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


# Unions of states that give, speak and are spoken for like a country: one canonical name however they
# are written («ЕС», «Евросоюз», "the EU"), so a donor or speaker is the same in both languages. Bodies
# named by their parts ("the UN secretariat") keep the name as written.
_BODIES = {
    "European Union": ("EU", "E.U.", "European Union", "ЕС", "Евросоюз", "Европейский союз", "Евросоюза",
                       "Европейского союза"),
    "European Commission": ("European Commission", "EC", "Еврокомиссия", "Европейская комиссия"),
    "NATO": ("NATO", "North Atlantic Alliance", "НАТО", "Североатлантический альянс"),
}


@lru_cache(maxsize=1)
def _bodies_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for canonical, names in _BODIES.items():
        for name in names:
            table[name] = canonical  # codes as written: "UN", not "un"
            if not name.isupper():
                table[name.lower()] = canonical
                if re.search(r"[а-яё]", name.lower()):
                    table[lemma_phrase(name)] = canonical
    return table


@lru_cache(maxsize=4096)
def body_of(name: str) -> str | None:
    """The canonical name of a union of states however written: "EU", «ЕС», «Евросоюза» -> "European Union"."""
    name = re.sub(r"^(?:the|The)\s+", "", name.strip())
    name = re.sub(r"(?:'s|’s)$", "", name)
    table = _bodies_table()
    if name in table:
        return table[name]
    if name.lower() in table and not name.isupper():
        return table[name.lower()]
    if re.search(r"[а-яА-ЯёЁ]", name):
        return table.get(lemma_phrase(name))
    return None


@lru_cache(maxsize=1)
def english_place_names() -> list[str]:
    """Country names, capitals and short forms as written, for an entity ruler (demonyms stay NORP)."""
    from countryinfo._cache import load_countries

    names = {"Kiev", "Kyiv", "Washington", "Britain", "Great Britain", "America", "Beijing", "The Hague"}
    for info in load_countries()["countries"].values():
        capitals = info.get("capital") or []
        for name in [info["name"], *([capitals] if isinstance(capitals, str) else capitals),
                     *(s for s in info.get("altSpellings") or [] if len(s) > 3)]:
            name = name.split(" D.C.")[0].strip()
            if name and name.isascii() and name[:1].isupper() and "," not in name:
                names.add(name)
    names.update(code for code, country in _CODES.items() if country and code.isascii())
    # Also people's names ("Michael Jordan", "Denzel Washington"): left to the NER and the relabelling.
    return sorted(names - {"Jordan", "Georgia", "Chad", "Victoria", "Kingston", "Israel", "Washington", "Santiago",
                           "Colombo", "Lima", "Charlotte Amalie", "Philipsburg", "Roseau", "Castries", "Male"})
