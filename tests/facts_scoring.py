"""Scores an article's facts against a gold file by the rules of ../shared/eval/score_facts.py.

Our own implementation, so fixture tests run without ../shared. The rules: a prediction matches a
gold item when their sentences share >= 80% of the shorter one's word tokens and the key fields
agree (quotes: a speaker name token; pledges: a donor name token and, where gold has one, the
amount within 1% and the currency; events: the resolved date, a date inside a gold interval
counting). Matching is greedy one-to-one in prediction order; only core quotes, core pledges and
non-optional resolved events count for recall, and a prediction that matches a non-counting gold
item is left out of precision.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_WORD = re.compile(r"\w+")
# Words that name no one in particular: never enough for a speaker or donor to match.
_NOT_A_NAME = frozenset(
    "the of and a an in to government ministry president minister unnamed context u s he she they it we his "
    "her their он она они мы expert experts analyst official officials source sources interviewed".split())
# Capitals, demonyms and short forms the rules fold onto one country key.
_SAME_COUNTRY = {
    "norwegian": "norway", "oslo": "norway", "german": "germany", "berlin": "germany", "canadian": "canada",
    "ottawa": "canada", "british": "uk", "london": "uk", "kingdom": "uk", "britain": "uk", "american": "usa",
    "washington": "usa", "states": "usa", "us": "usa", "america": "usa", "russian": "russia", "moscow": "russia",
    "россия": "russia", "москва": "russia", "ukrainian": "ukraine", "kiev": "ukraine", "kyiv": "ukraine",
    "european": "europe", "united": "", "great": "",
}


@dataclass
class Score:
    tp: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _words(text: str | None) -> list[str]:
    decomposed = unicodedata.normalize("NFKD", text or "")
    return _WORD.findall("".join(c for c in decomposed if not unicodedata.combining(c)).lower())


def name_keys(text: str | None) -> set[str]:
    """Name tokens of a speaker or donor, plus 5-letter stems (Sergey/Sergei share 'serge')."""
    keys: set[str] = set()
    for word in _words(text):
        word = _SAME_COUNTRY.get(word, word)
        if len(word) > 1 and word not in _NOT_A_NAME:
            keys.add(word)
            if len(word) > 4:
                keys.add(word[:5])
    return keys


def same_sentence(a: str, b: str) -> bool:
    wa, wb = set(_words(a)), set(_words(b))
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) >= 0.8


def _sentence(article: dict[str, Any], index: Any) -> str:
    sentences = article.get("sentences") or []
    if not isinstance(index, int) or not 0 <= index < len(sentences):
        return ""
    return article.get("text", "")[sentences[index]["start"]:sentences[index]["end"]]


def _speaker_ok(pred: dict, gold: dict) -> bool:
    gold_keys = name_keys(gold.get("speaker"))
    for alternative in gold.get("speaker_alternatives") or []:
        gold_keys |= name_keys(alternative)
    return bool(name_keys(pred.get("speaker")) & gold_keys)


def _pledge_ok(pred: dict, gold: dict) -> bool:
    if not name_keys(pred.get("donor")) & name_keys(gold.get("donor")):
        return False
    expected = gold.get("amount_normalized")
    if expected is None:
        return True
    amount = pred.get("amount") if isinstance(pred.get("amount"), dict) else {}
    if amount.get("value") is None:
        return False
    return abs(float(amount["value"]) - expected) <= 0.01 * expected and \
        (amount.get("currency") or "").upper() == (gold.get("currency") or "").upper()


def _date_ok(pred: dict, gold: dict) -> bool:
    date, expected = pred.get("date"), gold.get("resolved")
    if not date or not expected:
        return False
    if date == expected:
        return True
    if "/" in expected and "/" not in date:
        low, high = expected.split("/")
        return low <= date <= high
    return False


def _match(article: dict, preds: list[dict], golds: list[dict], key_ok: Callable[[dict, dict], bool],
           counts: Callable[[dict], bool]) -> Score:
    taken: set[int] = set()
    tp = neutral = 0
    for pred in preds:
        text = _sentence(article, pred.get("sentence"))
        for i, gold in enumerate(golds):
            if i not in taken and same_sentence(text, gold["sentence"]["text"]) and key_ok(pred, gold):
                taken.add(i)
                if counts(gold):
                    tp += 1
                else:
                    neutral += 1
                break
    return Score(tp=tp, predicted=len(preds) - neutral, gold=sum(1 for g in golds if counts(g)))


def score_facts(article: dict[str, Any], gold: dict[str, Any]) -> dict[str, Score]:
    """Scores for 'quotes', 'pledges' and 'events' of one article (its JSON dict) against gold."""
    return {
        "quotes": _match(article, article.get("quotes") or [], gold.get("quotations") or [], _speaker_ok,
                         lambda g: g.get("tier") == "core"),
        "pledges": _match(article, article.get("pledges") or [], gold.get("aid_commitments") or [], _pledge_ok,
                          lambda g: g.get("tier", "core") == "core"),
        "events": _match(article, [e for e in article.get("events") or [] if e.get("date")],
                         gold.get("dated_events") or [], _date_ok,
                         lambda g: g.get("resolved") is not None and not g.get("optional")),
    }
