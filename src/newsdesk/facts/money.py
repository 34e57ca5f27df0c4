"""Money amounts in English and Russian text: currency, normalised value, approximate and upper-bound flags."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Amount

# -- vocabulary -------------------------------------------------------------------------------
# Symbols and ISO codes written before or after the number.
_SYMBOLS = {
    "us$": "USD", "c$": "CAD", "ca$": "CAD", "a$": "AUD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY",
    "₽": "RUB", "₴": "UAH", "₹": "INR", "zł": "PLN",
}
_CODES = ("USD", "EUR", "GBP", "CHF", "NOK", "SEK", "DKK", "CAD", "AUD", "JPY", "CNY", "RUB", "UAH", "PLN",
          "INR", "CZK", "HUF", "TRY", "NZD", "ISK", "MZN")
# Currency words written after the number ("85 billion kroner", «85 млрд рублей»); value None = by context.
_WORDS = [
    (r"u\.?s\.? dollars?|american dollars?", "USD"),
    (r"canadian dollars?", "CAD"),
    (r"australian dollars?", "AUD"),
    (r"dollars?|bucks", "USD"),
    (r"euros?", "EUR"),
    (r"(?:british )?pounds?(?: sterling)?|sterling", "GBP"),
    (r"swiss francs?", "CHF"),
    (r"francs?", "CHF"),
    (r"norwegian (?:kron(?:er|e|or)|crowns?)", "NOK"),
    (r"swedish (?:kron(?:or|a|er)|crowns?)", "SEK"),
    (r"danish (?:kron(?:er|e)|crowns?)", "DKK"),
    (r"czech (?:koruna|korunas|crowns?)", "CZK"),
    (r"(?:icelandic )?(?:kronur|krónur)", "ISK"),
    (r"meticais|meticals?|metical", "MZN"),
    (r"kron(?:er|e|or|a)|crowns", None),
    (r"roubles?|rubles?", "RUB"),
    (r"hryvnias?|hryvnyas?|hryvnia", "UAH"),
    (r"yuan|renminbi", "CNY"),
    (r"yen", "JPY"),
    (r"zlotys?|złoty", "PLN"),
    (r"рубл(?:ей|я|ь)|руб\.?|р\.", "RUB"),
    (r"долл(?:аров|ара|ар)\s+сша|долл(?:аров|ара|ар)|долл\.?", "USD"),
    (r"евро", "EUR"),
    (r"фунт(?:ов|а)?(?:\s+стерлингов)?", "GBP"),
    (r"швейцарских\s+франк(?:ов|а)|франк(?:ов|а)?", "CHF"),
    (r"норвежских\s+крон", "NOK"),
    (r"шведских\s+крон", "SEK"),
    (r"датских\s+крон", "DKK"),
    (r"крон(?:ы|а)?", None),
    (r"гривен|гривны|гривна|гривень", "UAH"),
    (r"юаней|юаня|юань", "CNY"),
    (r"иен|йен", "JPY"),
]


def _iso_currency_words() -> list[tuple[str, str]]:
    """Every other currency by the last word of its ISO 4217 name (pycountry): "60 million lari",
    "2 billion tenge", "40 million rupees". Words that are also common English words after a
    number ("won", "real", "mark") are left out: "3 won" is a score, not money."""
    import pycountry

    taken = {"dollar", "euro", "pound", "franc", "krone", "krona", "yen", "yuan", "rouble", "ruble",
             "hryvnia", "zloty", "metical", "won", "real", "mark", "sum", "rand", "fund", "unit", "gold",
             "silver", "platinum", "palladium", "rights", "code", "peso", "lev", "new", "convertible"}
    out, seen = [], set()
    for currency in pycountry.currencies:
        word = currency.name.split()[-1].lower()
        if not word.isalpha() or len(word) < 3 or word in taken or word in seen:
            continue
        seen.add(word)
        out.append((rf"{word}(?:s|es)?", currency.alpha_3))
    return out


_WORDS += _iso_currency_words()
# After a scale word these common words are currencies ("30 billion won", "2 million rand"); alone
# ("won 3 matches") they are not. The lookbehind only guards the match; the word maps as itself.
_AFTER_SCALE = [("won", "KRW"), ("rand", "ZAR"), ("reais", "BRL")]
_WORDS += [(rf"(?<=llion ){word}", code) for word, code in _AFTER_SCALE]
_SCALES = [
    (r"trillions?|tn|trn|трлн\.?|триллион(?:ов|а)?", 1e12),
    (r"billions?|bn|b|млрд\.?|миллиард(?:ов|а)?", 1e9),
    (r"millions?|mn|mln|m|млн\.?|миллион(?:ов|а)?", 1e6),
    (r"thousands?|k|тыс\.?|тысяч[иа]?", 1e3),
]
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "hundred": 100, "a hundred": 100, "one hundred": 100, "several hundred": 300,
    "half a": 0.5, "a half": 0.5, "one and a half": 1.5, "a quarter of a": 0.25,
    "один": 1, "одна": 1, "одного": 1, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6,
    "семь": 7, "восемь": 8, "девять": 9, "десять": 10, "двадцать": 20, "тридцать": 30, "сто": 100,
    "полтора": 1.5, "полторы": 1.5, "пол": 0.5, "половину": 0.5,
}
# Flags: "about" is approximate; "almost", "up to" give an upper bound.
_APPROX = ("about", "around", "approximately", "roughly", "some", "nearly", "almost", "more than", "over",
           "at least", "an estimated", "estimated", "close to", "just over", "just under", "less than", "under",
           "upwards of", "около", "почти", "более", "свыше", "порядка", "примерно", "приблизительно", "более чем",
           "не менее", "менее", "почти что", "больше")
_UPPER = ("almost", "nearly", "up to", "less than", "under", "just under", "close to", "до", "почти", "менее",
          "не более", "вплоть до")
_QUALIFIERS = sorted(set(_APPROX) | set(_UPPER), key=len, reverse=True)

# -- patterns ---------------------------------------------------------------------------------
_NUM = r"\d{1,3}(?:(?:[,\u00a0\u202f ]|\.(?=\d{3}\b))\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_WORDNUM = "|".join(re.escape(w) for w in sorted(_NUMBER_WORDS, key=len, reverse=True) if w != "пол")
_SCALE = "|".join(p for p, _ in _SCALES)
_SYMBOL = "|".join(re.escape(s) for s in sorted(_SYMBOLS, key=len, reverse=True)) + "|" + "|".join(_CODES)
_CURWORD = "|".join(p for p, _ in _WORDS)
_QUAL = "|".join(re.escape(q) for q in _QUALIFIERS)
_B = r"(?<![\w$€£])"  # no letter glued on the left
_E = r"(?![\w])"

_PATTERN = re.compile(
    rf"{_B}(?:(?P<qual>{_QUAL})\s+)?(?:"
    # $4.7 billion, € 9bn, CHF 40 million, $1,5 млрд, US$ 3 million dollars
    rf"(?P<sym>{_SYMBOL})\s?(?P<num1>{_NUM})(?:\s?(?P<scale1>{_SCALE}){_E})?(?:\s+(?:{_CURWORD}){_E})?"
    # 85 billion kroner, 85 млрд рублей, 40 million CHF, two billion euros, half a billion dollars
    rf"|(?P<num2>{_NUM}|{_WORDNUM})\s?(?:(?P<scale2>{_SCALE}){_E}\.?\s*|(?P<polscale>пол(?:миллиарда|миллиона)))?"
    rf"(?:of\s+)?(?P<cur2>{_CURWORD}|{_SYMBOL}){_E}"
    # полмиллиарда рублей
    rf"|(?P<pol>пол)(?P<scale3>миллиарда|миллиона)\s+(?P<cur3>{_CURWORD}){_E}"
    rf")",
    re.IGNORECASE,
)


_QUICK = re.compile(r"\d|illion|\bbn\b|млрд|млн|миллиард|миллион|трлн|триллион|тысяч|thousand", re.I)


@dataclass
class AmountSpan:
    """An amount found in text, with its offsets."""

    start: int
    end: int
    amount: Amount


def _number(text: str, language: str) -> float | None:
    word = _NUMBER_WORDS.get(text.lower())
    if word is not None:
        return float(word)
    raw = text.replace("\u00a0", " ").replace("\u202f", " ")
    if re.fullmatch(r"\d{1,3}(?:[ ,.]\d{3})+(?:[.,]\d+)?", raw):
        # groups of three: the last separator may be a decimal mark ("1,500.5" / "1 500,5")
        head, sep, tail = re.match(r"(.*?)(?:([.,])(\d{1,2}|\d{4,}))?$", raw).groups()
        if head and tail and sep:
            return float(re.sub(r"[ ,.]", "", head) + "." + tail)
        return float(re.sub(r"[ ,.]", "", raw))
    # "1,5" is a decimal comma in Russian and in machine translations of it
    return float(raw.replace(",", "."))


def _scale(text: str | None) -> float:
    if not text:
        return 1.0
    for pattern, factor in _SCALES:
        if re.fullmatch(pattern, text, re.IGNORECASE):
            return factor
    return 1.0


def _currency_word(text: str, *contexts: str) -> str | None:
    word = text.strip().lower()
    for name, code in _AFTER_SCALE:
        if word == name:
            return code
    for pattern, code in _WORDS:
        if re.fullmatch(pattern, text.strip(), re.IGNORECASE):
            return code or _krone(*contexts)
    return None


def _krone(*contexts: str) -> str:
    """Which krone: the country the sentence, else the article, is about (Norway when neither says)."""
    for context in contexts:
        lowered = context.lower()
        scores = {
            "SEK": len(re.findall(r"swed|stockholm|швец|шведск|стокгольм|kronor", lowered)),
            "DKK": len(re.findall(r"denmark|danish|copenhagen|дани|датск|копенгаген", lowered)),
            "NOK": len(re.findall(r"norw|oslo|норвег|осло", lowered)),
        }
        best = max(scores, key=lambda k: scores[k])
        if scores[best]:
            return best
    return "NOK"


def _symbol(text: str) -> str:
    return _SYMBOLS.get(text.lower(), text.upper())


def find_amounts(text: str, language: str = "en", context: str | None = None) -> list[AmountSpan]:
    """Every money amount in `text` with offsets; `context` (the article) picks the krone."""
    found: list[AmountSpan] = []
    if not _QUICK.search(text):
        return found  # no figure and no scale word: the long pattern cannot match
    for m in _PATTERN.finditer(text):
        g = m.groupdict()
        try:
            if g["sym"]:
                value = _number(g["num1"], language) * _scale(g["scale1"])
                currency = _symbol(g["sym"])
            elif g["pol"]:
                value = 0.5 * _scale(g["scale3"])
                currency = _currency_word(g["cur3"], text, context or "")
            else:
                number = _number(g["num2"], language)
                if g["polscale"]:  # "два полмиллиарда" does not occur; treat as the scale word
                    continue
                scale = _scale(g["scale2"])
                if g["num2"].lower() in _NUMBER_WORDS and scale == 1.0:
                    continue  # "one dollar" is not the kind of amount we track; "a euro" neither
                value = number * scale
                cur = g["cur2"]
                currency = (_SYMBOLS.get(cur.lower()) or (cur.upper() if cur.upper() in _CODES else None)
                            or _currency_word(cur, text, context or ""))
        except (TypeError, ValueError):
            continue
        if not currency:
            continue
        qualifier = (g["qual"] or "").lower()
        start = m.start() if qualifier else m.start("sym") if g["sym"] else m.start()
        phrase = text[start:m.end()].rstrip(" .")
        found.append(AmountSpan(start, start + len(phrase), Amount(
            text=phrase, value=value, currency=currency,
            approximate=qualifier in _APPROX,
            upper_bound=qualifier in _UPPER,
        )))
    return found


def parse_amount(text: str, language: str = "en") -> Amount | None:
    """The first amount in `text`, or None."""
    spans = find_amounts(text, language)
    return spans[0].amount if spans else None
