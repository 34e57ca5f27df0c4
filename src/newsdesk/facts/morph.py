"""Word forms: Russian lemmas and grammemes from pymorphy (natasha's MorphVocab), stems from Snowball.

English lemmas come from the spaCy parse (Tok.lemma): a word out of context is only lower-cased.
Every fact module asks here, so there is one analyser per process and one cache.
"""
from __future__ import annotations

import re
import warnings
from functools import lru_cache
from typing import Any

import snowballstemmer

_ANALYSER: Any | None = None
_CYRILLIC = re.compile(r"[а-яё]", re.I)
_WORD = re.compile(r"[\w.'’-]+")


def use_analyser(analyser: Any) -> None:
    """Lemmatise with the analyser the pipeline already loaded (natasha's MorphVocab), not a second one."""
    global _ANALYSER
    if _ANALYSER is None:
        _ANALYSER = analyser


def analyser() -> Any:
    """The pymorphy analyser: natasha's MorphVocab, a pymorphy2 analyser patched to run on current Python."""
    global _ANALYSER
    if _ANALYSER is None:
        # imported with the first Russian word asked about, not with the package (see parse._natasha_doc);
        # pymorphy2 under natasha still imports pkg_resources, which warns
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from natasha import MorphVocab

            _ANALYSER = MorphVocab()
    return _ANALYSER


@lru_cache(maxsize=50000)
def analyse(word: str) -> Any:
    """The most likely pymorphy parse of a Russian word (lower-cased): .normal_form, .tag, .inflect()."""
    return analyser().parse(word.lower())[0]


def grammemes(word: str) -> Any:
    """The tag of the word's most likely parse: `"gent" in grammemes(w)`, `grammemes(w).POS`."""
    return analyse(word).tag


def is_known(word: str) -> bool:
    return analyser().word_is_known(word.lower())


def all_parses(word: str) -> list[Any]:
    return analyser().parse(word.lower())


@lru_cache(maxsize=20000)
def lemma(word: str) -> str:
    """Dictionary form of a Russian word (lower case); other words lower-cased."""
    word = word.lower()
    if not _CYRILLIC.search(word):
        return word
    return analyse(word).normal_form


def lemma_phrase(text: str) -> str:
    """«норвежского правительства» -> «норвежский правительство»: the key of the Russian tables."""
    return " ".join(lemma(w) for w in _WORD.findall(text))


@lru_cache(maxsize=2)
def _stemmer(language: str) -> Any:
    return snowballstemmer.stemmer("russian" if language == "ru" else "english")


def stem(word: str, language: str) -> str:
    """The Snowball stem: what "signing"/"signed" or «переговоров»/«переговоры» share."""
    return _stemmer(language).stemWord(word)


def nominative_role(words: list[str]) -> str:
    """«ведущего научного сотрудника Центра» (after «по словам») -> «ведущий научный сотрудник Центра»:
    the words up to the head noun go to the nominative; what depends on it keeps its case."""
    out = list(words)
    # adjectives agree with the head noun («районной администрации» -> «районная администрация»)
    noun = next((p for p in (analyse(w) for w in words) if p.tag.POS == "NOUN"), None)
    gender = {"femn": "Fem", "neut": "Neut"}.get(noun.tag.gender if noun is not None else None, "Masc")
    for i, word in enumerate(words):
        parse = analyse(word)
        tag = parse.tag
        if "nomn" in tag or not {"NOUN", "ADJF"} & {tag.POS}:
            if tag.POS == "NOUN":
                break
            continue
        try:
            form = parse.inflect({"Nom", "Sing"} if tag.POS == "NOUN" else {"Nom", "Sing", gender})  # natasha: UD grammemes
        except (KeyError, ValueError):
            form = None  # a grammeme set the analyser cannot build: keep the word
        if form is not None:
            out[i] = form.word if not word[:1].isupper() else form.word[:1].upper() + form.word[1:]
        if tag.POS == "NOUN":
            break
    role = " ".join(out)
    # «Министр иностранных дел» opening a sentence: the role is lower case, an acronym is not.
    return role[:1].lower() + role[1:] if out and not out[0].isupper() else role
