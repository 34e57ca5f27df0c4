""""Select important": a score per sentence and the highlighted set, with a reason for each.

One ranking per article: every sentence gets a base score (position and lead, centrality,
overlap with the title and the lead, names, figures, quotations and pledges, length), then a
greedy MMR pass orders them so each pick adds something the earlier picks did not say. The
score written to `Sentence.score` is the MMR gain, so sorting by score gives that order, and any
"important" setting highlights a prefix of it: a larger setting is always a superset.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import dataclass, field

import numpy as np
import snowballstemmer

from .model import Article, Sentence
from .nlp import Resources

DEFAULT_SHARE = 0.2  # highlight about a fifth of the words by default
MIN_IMPORTANT = 2


@dataclass(frozen=True)
class Weights:
    """How much each signal counts (bench/salience.py). Position, centrality, TextRank, lead and MMR
    were checked with a 2-fold split of the CNN/DM dev set; title and names, which that set cannot
    show (lowercased, no headline), on 250 BBC dev articles. A handful of round values, no fitting."""

    position: float = 1.0  # 1 / (1 + rank / position_scale): news puts the point first
    position_scale: float = 2.5
    paragraph_start: float = 0.10  # first sentence of a paragraph
    centrality: float = 0.6  # cosine with the rest of the article (TF-IDF inside the article)
    lexrank: float = 0.0  # LexRank stationary score, normalised to max 1
    textrank: float = 0.2  # TextRank (shared words over log lengths) score, normalised to max 1
    title: float = 0.8  # share of the title's words the sentence repeats
    lead: float = 0.1  # cosine with the first sentence
    names: float = 0.1  # per distinct name, capped
    figures: float = 0.05  # per number, capped
    money: float = 0.1  # an amount of money: aid, budgets, prices
    quote: float = -0.05  # direct speech rarely states the news itself
    pledge: float = 0.8  # a sentence carrying a pledge is what a reader looks for
    short: float = 0.6  # penalty under `short_words`
    short_words: int = 8
    long_words: int = 60
    boilerplate: float = 2.0  # "click here", "follow us": never a highlight
    mmr_lambda: float = 0.55  # 1 = no redundancy control
    duplicate: float = 0.5  # cosine above which a sentence repeats an earlier pick: it goes last


DEFAULT_WEIGHTS = Weights()

# ---------------------------------------------------------------------------- words

_WORD = re.compile(r"\w+", re.UNICODE)
_FIGURE = re.compile(r"\d[\d.,]*")
_STEMMERS = {"en": snowballstemmer.stemmer("english"), "ru": snowballstemmer.stemmer("russian")}
# The stemmer is pure Python (tens of µs a word); news repeats its words, so a cache makes it cheap.
_STEM_CACHE: dict[str, dict[str, str]] = {"en": {}, "ru": {}}
_STEM_CACHE_LIMIT = 200_000


def _stop_words(language: str) -> frozenset[str]:
    """spaCy's stop-word lists, loaded from their files: importing `spacy.lang` imports all of
    spaCy (~3 s), which `newsdesk read --no-facts` should never pay for a word list."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("spacy")  # locates the package without importing it
    path = Path(spec.submodule_search_locations[0]) / "lang" / ("ru" if language == "ru" else "en") / "stop_words.py"
    module_spec = importlib.util.spec_from_file_location(f"_newsdesk_stop_words_{language}", path)
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return frozenset(module.STOP_WORDS)


_STOP: dict[str, frozenset[str]] = {}


def content_stems(text: str, language: str) -> list[str]:
    """Stems of the content words of `text` (lowercased, stop words dropped, numbers kept)."""
    return _stems(_WORD.findall(text.lower()), language)


def _stems(words: list[str], language: str) -> list[str]:
    cache = _stem_cache(words, language)
    return [stem for stem in map(cache.__getitem__, words) if stem]


def _stem_cache(words, language: str) -> dict[str, str]:
    """The word -> stem cache for `language`, holding every word in `words`."""
    lang = "ru" if language == "ru" else "en"
    cache = _STEM_CACHE[lang]
    missing = set(words).difference(cache)
    if missing:
        stop = _STOP.get(lang)
        if stop is None:
            stop = _STOP[lang] = _stop_words(lang)
        if len(cache) > _STEM_CACHE_LIMIT:
            cache.clear()
            missing = set(words)
        stemmer = _STEMMERS[lang]
        for word in missing:
            # "" marks a word that carries no content (stop word, single letter).
            skip = word in stop or (len(word) < 2 and not word.isdigit()) or word == "_"
            cache[word] = "" if skip else stemmer.stemWord(word.replace("ё", "е"))
    return cache


# ---------------------------------------------------------------------------- surface cues

# Matched against the lowercased text: case-insensitive matching is several times slower in `re`.
# No leading \b in these patterns: `re` then scans for the first characters fast, and the word
# boundary is checked in Python on the few matches (_starts_word).
_BOILERPLATE = re.compile(
    r"(?:click here|read more|follow (?:us|him|her|them) on|sign up|subscribe|newsletter|"
    r"all rights reserved|copyright|share this|scroll down|watch the video|see video|"
    r"for the latest|contributed to this report|more on this story|related articles?|"
    r"advertisement|cookie|читайте также|подпишитесь|подписывайтесь|реклама|все права защищены|"
    r"фото:|видео:|источник:)"
)
# Money: a currency sign or a scale word by a number; currency words are matched on stems.
_MONEY = re.compile(r"[$€£¥₽]\s?\d|\d[\d.,]*\s?(?:bn|billion|million|mn|m|trillion|млрд|млн|трлн|тыс)\b")
_CURRENCY_STEMS = frozenset({"dollar", "euro", "pound", "рубл", "доллар", "евр", "грив"})
# Cheap substring test first: most articles have no boilerplate at all.
_BOILERPLATE_HINTS = ("click", "read more", "follow", "sign up", "subscri", "newsletter", "rights reserved",
                      "copyright", "share this", "scroll", "video", "latest", "contributed", "more on this",
                      "related", "advertisement", "cookie", "читайте", "подпис", "реклама", "права защищены",
                      "фото", "источник")
_QUOTE_MARK = re.compile(r"[\"“”«»„'‘’]")  # a straight or curly single quote counts unless inside a word
_CAPITALISED = re.compile(r"[A-ZА-ЯЁ][\w'’-]+")


@dataclass(slots=True)
class _Features:
    words: int
    stems: list[str]
    position: float = 0.0
    paragraph_start: bool = False
    centrality: float = 0.0
    lexrank: float = 0.0
    textrank: float = 0.0
    title: float = 0.0
    lead: float = 0.0
    names: list[str] = field(default_factory=list)
    figures: int = 0
    quote_speaker: str | None = None
    is_quote: bool = False
    pledge: str | None = None
    money: bool = False
    boilerplate: bool = False
    eligible: bool = True


# ---------------------------------------------------------------------------- scoring

def score_sentences(article: Article, resources: Resources | None = None, important: float | None = None,
                    weights: Weights = DEFAULT_WEIGHTS) -> None:
    """Score every sentence, then mark the important ones and say why.

    `important`: None = enough sentences for ~20% of the words (at least 2); a count N >= 1; or a
    share of words 0 < x < 1. Larger settings highlight supersets of smaller ones.
    """
    sentences = article.sentences
    if not sentences:
        return
    features, similarity = _features(article, weights)
    base = _base_scores(features, weights)
    order, gains = _mmr_order(similarity, base, weights)
    # Scores follow the pick order (gains never increase along it); a tiny step breaks ties.
    for rank, index in enumerate(order):
        sentences[index].score = round(float(gains[rank]) - rank * 1e-6, 6)
    chosen = set(_select(order, features, important))
    central_top = _top_share(features, "centrality", 0.25)
    for index, sentence in enumerate(sentences):
        sentence.important = index in chosen
        sentence.reason = _reason(features[index], central_top) if sentence.important else None


def ranking(article: Article) -> list[int]:
    """Sentence indices, most important first (the order "Select important" fills in)."""
    return sorted(range(len(article.sentences)), key=lambda i: -article.sentences[i].score)


def _features(article: Article, weights: Weights) -> tuple[list[_Features], np.ndarray]:
    text, language, sentences = article.text, article.language, article.sentences
    lowered = text.lower()
    starts = [s.start for s in sentences]
    feats = []
    body_rank = 0
    previous_block = None
    sentence_words = [_WORD.findall(lowered, s.start, s.end) for s in sentences]
    cache = _stem_cache([w for words in sentence_words for w in words], language)
    get = cache.__getitem__
    for s, words in zip(sentences, sentence_words):
        kind = article.blocks[s.block].kind if 0 <= s.block < len(article.blocks) else "paragraph"
        f = _Features(words=len(words), stems=[stem for stem in map(get, words) if stem])
        f.eligible = kind not in ("title", "heading") and f.words > 0
        f.paragraph_start = s.block != previous_block
        previous_block = s.block
        if f.eligible:
            f.position = float(body_rank)
            body_rank += 1
        feats.append(f)
    # Surface cues: one pass over the whole text each, matches mapped to their sentence.
    if any(hint in lowered for hint in _BOILERPLATE_HINTS):
        for match in _BOILERPLATE.finditer(lowered):
            if _starts_word(lowered, match.start()):
                _at(feats, starts, sentences, match.start()).boilerplate = True
    for match in _QUOTE_MARK.finditer(text):
        at = match.start()
        apostrophe = at == 0 or text[at - 1].isalnum() or not text[at + 1:at + 2].isalnum()
        if match.group() in "'‘’" and apostrophe:
            continue  # an apostrophe ("it's", "the players'"), not a quotation
        _at(feats, starts, sentences, at).is_quote = True
    for match in _FIGURE.finditer(text):
        _at(feats, starts, sentences, match.start()).figures += 1
    for match in _MONEY.finditer(lowered):
        _at(feats, starts, sentences, match.start()).money = True
    for f in feats:
        if not f.money and not _CURRENCY_STEMS.isdisjoint(f.stems):
            f.money = True
    _add_facts(article, feats, starts)
    return feats, _add_similarity(article, feats, weights)


def _starts_word(text: str, at: int) -> bool:
    return at == 0 or not text[at - 1].isalnum()


class _Nowhere(_Features):
    """Sink for a match that falls between sentences (block separators)."""

    def __init__(self) -> None:
        super().__init__(words=0, stems=[])


def _at(feats: list[_Features], starts: list[int], sentences: list[Sentence], offset: int) -> _Features:
    i = bisect_right(starts, offset) - 1
    if i >= 0 and offset < sentences[i].end:
        return feats[i]
    return _Nowhere()


def _add_facts(article: Article, feats: list[_Features], starts: list[int]) -> None:
    """Names, quotations and pledges from the facts stage; surface cues when it did not run."""
    n = len(feats)
    if article.entities:
        # People and organisations first: they are what a reason should name.
        rank = {"PERSON": 0, "ORG": 1, "GPE": 2}
        for entity in sorted(article.entities, key=lambda e: rank.get(e.type, 3)):
            for mention in entity.mentions:
                if 0 <= mention.sentence < n and entity.name not in feats[mention.sentence].names:
                    feats[mention.sentence].names.append(entity.name)
    else:
        stop = _STOP.get("ru" if article.language == "ru" else "en", frozenset())
        sentence_starts = set(starts)
        text = article.text
        for match in _CAPITALISED.finditer(text):
            name, at = match.group(), match.start()
            # A capital that opens a sentence or a quotation says nothing about a name.
            before = text[max(0, at - 2):at]
            opens = not before or before[-1] in "\n\"“«'‘(" or before[0] in ".!?"
            if opens or not _starts_word(text, at) or at in sentence_starts:
                continue
            f = _at(feats, starts, article.sentences, at)
            if name.lower() not in stop and name not in f.names:
                f.names.append(name)
    for quote in article.quotes:
        if 0 <= quote.sentence < n:
            # Reported speech ("the minister said the port would close") often is the news.
            if quote.type == "direct":
                feats[quote.sentence].is_quote = True
            # A reported "X announced" is not a quotation worth naming in a reason.
            if quote.speaker and quote.type != "reported" and not feats[quote.sentence].quote_speaker:
                feats[quote.sentence].quote_speaker = quote.speaker
    for pledge in article.pledges:
        if 0 <= pledge.sentence < n and not feats[pledge.sentence].pledge:
            parts = [pledge.donor, pledge.amount.text if pledge.amount else None, pledge.period]
            feats[pledge.sentence].pledge = ", ".join(p for p in parts if p)


def _add_similarity(article: Article, feats: list[_Features], weights: Weights) -> np.ndarray:
    """Centrality (sentence vs. the rest), LexRank/TextRank, overlap with the title and the lead.

    Returns the sentence-by-sentence cosine matrix (all sentences; ineligible rows zero) for MMR."""
    n = len(feats)
    eligible = [i for i, f in enumerate(feats) if f.eligible]
    if not eligible:
        return np.zeros((n, n))
    vocab: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for row, i in enumerate(eligible):
        ids = [vocab.setdefault(stem, len(vocab)) for stem in feats[i].stems]
        cols.extend(ids)
        rows.extend([row] * len(ids))
    m, size = len(eligible), max(len(vocab), 1)
    tf = np.bincount(np.array(rows, dtype=np.int64) * size + np.array(cols, dtype=np.int64),
                     minlength=m * size).reshape(m, size).astype(float)
    df = np.count_nonzero(tf, axis=0)
    idf = np.log((m + 1) / (df + 0.5)) + 1.0
    weighted = np.log1p(tf) * idf
    norms = np.sqrt(np.einsum("ij,ij->i", weighted, weighted))
    norms[norms == 0] = 1.0
    unit = weighted / norms[:, None]
    # Only words in two or more sentences link sentences: the products need just those columns.
    shared = df > 1
    unit_shared = unit[:, shared]
    sim = unit_shared @ unit_shared.T
    np.fill_diagonal(sim, 0.0)
    # Centrality: cosine with the article minus the sentence itself.
    total = weighted.sum(axis=0)
    dot_total = weighted @ total
    self_sq = norms ** 2
    rest_sq = np.maximum(total @ total - 2 * dot_total + self_sq, 1e-12)
    centrality = (dot_total - self_sq) / (norms * np.sqrt(rest_sq))
    lexrank = _lexrank(sim) if weights.lexrank else np.zeros(m)
    textrank = _textrank(tf[:, shared], tf.sum(axis=1)) if weights.textrank else np.zeros(m)
    title_stems = set(content_stems(article.title, article.language)) if article.title else set()
    for row, i in enumerate(eligible):
        f = feats[i]
        f.centrality = float(centrality[row])
        f.lexrank = float(lexrank[row])
        f.textrank = float(textrank[row])
        f.lead = float(sim[row, 0]) if row else 1.0
        if title_stems:
            f.title = len(title_stems.intersection(f.stems)) / len(title_stems)
    if m == n:
        return sim
    article_sim = np.zeros((n, n))
    idx = np.array(eligible)
    article_sim[np.ix_(idx, idx)] = sim
    return article_sim


def _lexrank(sim: np.ndarray, threshold: float = 0.1, damping: float = 0.85) -> np.ndarray:
    m = sim.shape[0]
    if m == 1:
        return np.ones(1)
    adjacency = (sim > threshold).astype(float)
    degree = adjacency.sum(axis=1)
    degree[degree == 0] = 1.0
    transition = adjacency / degree[:, None]
    p = np.full(m, 1.0 / m)
    for _ in range(30):
        nxt = (1 - damping) / m + damping * transition.T @ p
        if np.abs(nxt - p).sum() < 1e-6:
            p = nxt
            break
        p = nxt
    return p / p.max()


def _textrank(tf: np.ndarray, lengths: np.ndarray, damping: float = 0.85) -> np.ndarray:
    """TextRank: edges weigh shared words over the sum of log lengths; favours long, typical sentences."""
    m = tf.shape[0]
    logs = np.log(np.maximum(lengths, 1.0))
    norm = logs[:, None] + logs[None, :]
    norm[norm == 0] = 1.0
    weights = (tf @ tf.T) / norm
    np.fill_diagonal(weights, 0.0)
    degree = weights.sum(axis=1)
    weights /= degree[:, None] + 1e-7
    # The edges are symmetric, so the walk's stationary vector is the weighted degree; damping
    # only nudges it, and a few steps from the degree vector settle the ranking.
    p = degree / (degree.sum() or 1.0)
    for _ in range(3):
        p = (1 - damping) / m + damping * (p @ weights)
    top = p.max()
    return p / top if top > 0 else p


def _base_scores(feats: list[_Features], w: Weights) -> np.ndarray:
    scores = np.full(len(feats), -10.0)
    for i, f in enumerate(feats):
        if not f.eligible:
            continue
        s = w.position / (1.0 + f.position / w.position_scale)
        s += w.paragraph_start * f.paragraph_start
        s += w.centrality * f.centrality + w.lexrank * f.lexrank + w.textrank * f.textrank
        s += w.title * f.title + w.lead * f.lead
        s += w.names * min(len(f.names), 4) + w.figures * min(f.figures, 4)
        s += w.money * f.money
        s += w.quote * f.is_quote + w.pledge * bool(f.pledge)
        if f.words < w.short_words:
            s -= w.short * (w.short_words - f.words) / w.short_words
        elif f.words > w.long_words:
            s -= 0.01 * (f.words - w.long_words)
        s -= w.boilerplate * f.boilerplate
        scores[i] = s
    return scores


def _mmr_order(sim: np.ndarray, base: np.ndarray, w: Weights) -> tuple[list[int], list[float]]:
    """MMR: the full ranking and each pick's gain (non-increasing along the ranking).

    Greedy for the first third (the default highlights about a fifth); the rest follow in the
    order of their value after that, below every greedy gain, so the ranking stays one list."""
    n = len(base)
    remaining = np.ones(n, dtype=bool)
    max_sim = np.zeros(n)
    order, gains = [], []
    lam = w.mmr_lambda
    lam_base = lam * base
    for _ in range(min(n, max(8, n // 3))):
        value = lam_base - (1 - lam) * max_sim - 10.0 * (max_sim > w.duplicate)
        value[~remaining] = -np.inf
        pick = int(np.argmax(value))
        order.append(pick)
        gains.append(float(value[pick]))
        remaining[pick] = False
        np.maximum(max_sim, sim[pick], out=max_sim)
    if len(order) < n:
        value = lam_base - (1 - lam) * max_sim - 10.0 * (max_sim > w.duplicate)
        rest = np.flatnonzero(remaining)
        rest = rest[np.argsort(-value[rest], kind="stable")]
        order.extend(int(i) for i in rest)
        gains.extend(float(value[i]) for i in rest)
    return order, gains


def _select(order: list[int], feats: list[_Features], important: float | None) -> list[int]:
    """A prefix of the ranking: N sentences, or enough to cover a share of the words."""
    ranked = [i for i in order if feats[i].eligible]
    if not ranked:
        return []
    if important is not None and important >= 1:
        return ranked[:int(important)]
    share = DEFAULT_SHARE if important is None else important
    total = sum(feats[i].words for i in ranked)
    chosen, covered = [], 0
    for i in ranked:
        if covered >= share * total and len(chosen) >= (MIN_IMPORTANT if important is None else 1):
            break
        chosen.append(i)
        covered += feats[i].words
    return chosen


# ---------------------------------------------------------------------------- reasons

def _top_share(feats: list[_Features], name: str, share: float) -> float:
    values = sorted((getattr(f, name) for f in feats if f.eligible), reverse=True)
    if not values:
        return math.inf
    return values[max(0, math.ceil(len(values) * share) - 1)]


def _reason(f: _Features, central_top: float) -> str:
    parts = []
    if f.pledge:
        parts.append(f"pledge: {f.pledge}")
    if f.quote_speaker:
        parts.append(f"quote: {f.quote_speaker}")
    if f.position < 2 and f.eligible:
        parts.append("lead")
    if f.title >= 0.5:
        parts.append("echoes the title")
    if f.centrality >= central_top and f.centrality > 0:
        parts.append("central")
    if len(parts) < 2 and f.figures and not f.pledge:
        parts.append("figures")
    if len(parts) < 2 and f.names and not f.quote_speaker:
        parts.append("names: " + ", ".join(f.names[:2]))
    return "; ".join(parts[:3]) or "central"
