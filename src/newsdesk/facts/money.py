"""Money amounts in English and Russian text: currency, normalised value, approximate and upper-bound flags.

The words (currency names, signs, scales, number words, qualifiers) are the lexicon's `currencies`,
`currency_signs`, `currency_iso_skip`, `scales`, `number_words`, `qualifiers`, `kroner` and `money_patterns`
tables; the figure and the order of its parts are the grammar below. An amount is read with the words of
every language at once, whatever the article's language: a translation mixes them ("$2,5 млрд").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pycountry

from ..model import Amount
from .lexicon import LANGUAGES, Row, alternation, lexicon


def _rows(name: str, **where: str) -> list[Row]:
    """The rows of a table in every language that has it, English first."""
    return [row for language in LANGUAGES if name in lexicon(language).tables
            for row in lexicon(language).rows(name, **where)]


def _iso_currency_words() -> list[tuple[str, str]]:
    """Every other currency by the last word of its ISO 4217 name (pycountry): "60 million lari",
    "2 billion tenge", "40 million rupees", but for the words currency_iso_skip.tsv leaves out."""
    skip = {row.key for row in _rows("currency_iso_skip")}
    out, seen = [], set()
    for currency in pycountry.currencies:
        word = currency.name.split()[-1].lower()
        if not word.isalpha() or len(word) < 3 or word in skip or word in seen:
            continue
        seen.add(word)
        out.append((rf"{word}(?:s|es)?", currency.alpha_3))
    return out


# -- vocabulary -------------------------------------------------------------------------------
_SIGNS = {row.key.lower(): row["currency"] or row.key.upper() for row in _rows("currency_signs")}
# (pattern, code or None for a krone): the table's rows, pycountry's, then those only after a scale word
_WORDS = ([(row["pattern"], row["currency"]) for row in _rows("currencies") if not row["after"]]
          + _iso_currency_words())
_AFTER = [(row["pattern"], row["after"], row["currency"]) for row in _rows("currencies") if row["after"]]
_WORD_CODES = [(re.compile(p, re.IGNORECASE), code) for p, _, code in _AFTER] \
    + [(re.compile(p, re.IGNORECASE), code) for p, code in _WORDS]
_SCALES = [(re.compile(row["pattern"], re.IGNORECASE), row["factor"]) for row in _rows("scales")]
_NUMBER_WORDS = {row.key: row["value"] for row in _rows("number_words")}
_APPROX = {row.key for row in _rows("qualifiers", approximate="yes")}
_UPPER = {row.key for row in _rows("qualifiers", upper="yes")}
_KRONE_CUES = {code: re.compile("|".join(row["cues"] for row in _rows("kroner") if row.key == code))
               for code in dict.fromkeys(row.key for row in _rows("kroner"))}
_KRONE_DEFAULT = next(row.key for row in _rows("kroner", default="yes"))

# -- patterns ---------------------------------------------------------------------------------
# A figure: groups of three with a separator ("1,250,000", "10 000", "1.500.000"), else digits with a decimal
_NUM = r"\d{1,3}(?:(?:[,\u00a0\u202f ]|\.(?=\d{3}\b))\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_WORDNUM = alternation(list(_NUMBER_WORDS))
_SCALE = "|".join(row["pattern"] for row in _rows("scales") if not row["half"])
_HALF = "|".join(row["pattern"] for row in _rows("scales", half="yes"))
_SYMBOL = alternation(list(_SIGNS))
_CURWORD = "|".join([p for p, _ in _WORDS] + [rf"(?<={after}){p}" for p, after, _ in _AFTER])
_QUAL = alternation(list(_APPROX | _UPPER))
_LINK = "|".join(row["pattern"] for row in _rows("money_patterns") if row.key == "scale_link")
_B = r"(?<![\w$€£])"  # no letter glued on the left
_E = r"(?![\w])"

_PATTERN = re.compile(
    rf"{_B}(?:(?P<qual>{_QUAL})\s+)?(?:"
    # $4.7 billion, € 9bn, CHF 40 million, $1,5 млрд, US$ 3 million dollars
    rf"(?P<sym>{_SYMBOL})\s?(?P<num1>{_NUM})(?:\s?(?P<scale1>{_SCALE}){_E})?(?:\s+(?:{_CURWORD}){_E})?"
    # 85 billion kroner, 85 млрд рублей, 40 million CHF, two billion euros, half a billion dollars
    rf"|(?P<num2>{_NUM}|{_WORDNUM})\s?(?:(?P<scale2>{_SCALE}){_E}\.?\s*|(?P<half_scale>{_HALF}))?"
    rf"(?:{_LINK})?(?P<cur2>{_CURWORD}|{_SYMBOL}){_E}"
    # полмиллиарда рублей
    rf"|(?P<half>{_HALF})\s+(?P<cur3>{_CURWORD}){_E}"
    rf")",
    re.IGNORECASE,
)
_QUICK = re.compile("|".join(row["pattern"] for row in _rows("money_patterns") if row.key == "quick"),
                    re.IGNORECASE)
_GROUPED = re.compile(r"\d{1,3}(?:[ ,.]\d{3})+(?:[.,]\d+)?")
# the last separator of grouped digits is a decimal mark when one, two or four and more digits follow it
_DECIMAL_TAIL = re.compile(r"(.*?)(?:([.,])(\d{1,2}|\d{4,}))?$")
_SEPARATOR = re.compile(r"[ ,.]")


@dataclass
class AmountSpan:
    """An amount found in text, with its offsets."""

    start: int
    end: int
    amount: Amount


def _number(text: str) -> float:
    word = _NUMBER_WORDS.get(text.lower())
    if word is not None:
        return float(word)
    raw = text.replace("\u00a0", " ").replace("\u202f", " ")
    if _GROUPED.fullmatch(raw):
        # groups of three: the last separator may be a decimal mark ("1,500.5" / "1 500,5")
        head, sep, tail = _DECIMAL_TAIL.match(raw).groups()
        if head and tail and sep:
            return float(_SEPARATOR.sub("", head) + "." + tail)
        return float(_SEPARATOR.sub("", raw))
    # "1,5" is a decimal comma in Russian and in machine translations of it
    return float(raw.replace(",", "."))


def _scale(text: str | None) -> float:
    if not text:
        return 1.0
    for pattern, factor in _SCALES:
        if pattern.fullmatch(text):
            return factor
    return 1.0


def _currency_word(text: str, *contexts: str) -> str | None:
    for pattern, code in _WORD_CODES:
        if pattern.fullmatch(text.strip()):
            return code or _krone(*contexts)
    return None


def _krone(*contexts: str) -> str:
    """Which krone: the country the sentence, else the article, is about (kroner.tsv)."""
    for context in contexts:
        lowered = context.lower()
        scores = {code: len(cues.findall(lowered)) for code, cues in _KRONE_CUES.items()}
        best = max(scores, key=lambda k: scores[k])
        if scores[best]:
            return best
    return _KRONE_DEFAULT


def _symbol(text: str) -> str:
    return _SIGNS.get(text.lower(), text.upper())


def _value_and_currency(g: dict[str, str | None], text: str, context: str) -> tuple[float, str | None] | None:
    """What one match of the amount pattern is worth and in which currency; None: no amount we track."""
    if g["sym"]:
        return _number(g["num1"]) * _scale(g["scale1"]), _symbol(g["sym"])
    if g["half"]:
        return _scale(g["half"]), _currency_word(g["cur3"], text, context)
    number = _number(g["num2"])
    if g["half_scale"]:  # "два полмиллиарда" does not occur; treat as the scale word
        return None
    scale = _scale(g["scale2"])
    if g["num2"].lower() in _NUMBER_WORDS and scale == 1.0:
        return None  # "one dollar" is not the kind of amount we track; "a euro" neither
    cur = g["cur2"]
    return number * scale, _SIGNS.get(cur.lower()) or _currency_word(cur, text, context)


def find_amounts(text: str, language: str = "en", context: str | None = None) -> list[AmountSpan]:
    """Every money amount in `text` with offsets; `context` (the article) picks the krone."""
    found: list[AmountSpan] = []
    if not _QUICK.search(text):
        return found  # no figure and no scale word: the long pattern cannot match
    for m in _PATTERN.finditer(text):
        g = m.groupdict()
        try:
            read = _value_and_currency(g, text, context or "")
        except (TypeError, ValueError):
            continue
        if read is None or not read[1]:
            continue
        qualifier = (g["qual"] or "").lower()
        start = m.start() if qualifier else m.start("sym") if g["sym"] else m.start()
        phrase = text[start:m.end()].rstrip(" .")
        found.append(AmountSpan(start, start + len(phrase), Amount(
            text=phrase, value=read[0], currency=read[1],
            approximate=qualifier in _APPROX,
            upper_bound=qualifier in _UPPER,
        )))
    return found


def parse_amount(text: str, language: str = "en") -> Amount | None:
    """The first amount in `text`, or None."""
    spans = find_amounts(text, language)
    return spans[0].amount if spans else None
