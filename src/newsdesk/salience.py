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
from dataclasses import dataclass

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
    names: float = 0.1  # per distinct name, capped at names_cap
    names_cap: int = 4
    figures: float = 0.05  # per number, capped
    money: float = 0.1  # an amount of money: aid, budgets, prices
    quote: float = -0.05  # direct speech rarely states the news itself
    pledge: float = 0.4  # the first sentence stating a pledge: what a reader looks for on aid news
    short: float = 0.6  # penalty under `short_words`
    short_words: int = 8
    long_words: int = 60
    boilerplate: float = 2.0  # "click here", "follow us": never a highlight
    caption: float = 0.5  # a photo caption left in the text ("pictured above", "фото:") describes a picture
    mmr_lambda: float = 0.55  # 1 = no redundancy control
    duplicate: float = 0.5  # cosine above which a sentence repeats an earlier pick: it goes last


DEFAULT_WEIGHTS = Weights()

# ---------------------------------------------------------------------------- words

_WORD = re.compile(r"\w+", re.UNICODE)
_FIGURE = re.compile(r"\d[\d.,]*")
_STEMMERS = {"en": snowballstemmer.stemmer("english"), "ru": snowballstemmer.stemmer("russian")}
# The stemmer is pure Python (tens of µs a word); news repeats its words, so a cache makes it cheap.
# Words map to integer stem ids (-1: no content), so an article becomes one array of ids.
_STEM_CACHE: dict[str, dict[str, int]] = {"en": {}, "ru": {}}  # word -> stem id
_STEM_IDS: dict[str, dict[str, int]] = {"en": {}, "ru": {}}  # stem -> stem id
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


def _lang(language: str) -> str:
    return "ru" if language == "ru" else "en"


def _stop(language: str) -> frozenset[str]:
    lang = _lang(language)
    stop = _STOP.get(lang)
    if stop is None:
        stop = _STOP[lang] = _stop_words(lang)
    return stop


def content_stems(text: str, language: str) -> list[str]:
    """Stems of the content words of `text` (lowercased, stop words dropped, numbers kept)."""
    lang = _lang(language)
    stop, stemmer = _stop(lang), _STEMMERS[lang]
    return [stemmer.stemWord(w.replace("ё", "е")) for w in _WORD.findall(text.lower())
            if not (w in stop or (len(w) < 2 and not w.isdigit()) or w == "_")]


def _stem_ids(words: list[str], language: str) -> np.ndarray:
    """The stem id of each word (-1 for a stop word or a stray letter), stemming only new words."""
    lang = _lang(language)
    cache = _STEM_CACHE[lang]
    try:
        return np.fromiter(map(cache.__getitem__, words), np.int64, len(words))
    except KeyError:
        pass
    if len(cache) > _STEM_CACHE_LIMIT:
        cache.clear()
        _STEM_IDS[lang].clear()
    stop, stemmer, ids = _stop(lang), _STEMMERS[lang], _STEM_IDS[lang]
    for word in set(words).difference(cache):
        if word in stop or (len(word) < 2 and not word.isdigit()) or word == "_":
            cache[word] = -1
        else:
            cache[word] = ids.setdefault(stemmer.stemWord(word.replace("ё", "е")), len(ids))
    return np.fromiter(map(cache.__getitem__, words), np.int64, len(words))


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
_CAPTION = re.compile(r"\b(?:pictured|photographed|(?:photos?|images?|pictures?) (?:taken|shows?|showed)|"
                      r"на фото|на снимке)\b|"
                      # who is where in the picture: "Jane Doe (left) greets ..."
                      r"\((?:left|right|centre|center|middle|top|bottom|above|below|слева|справа|в центре)\)")
_QUOTE_MARK = re.compile(r"[\"“”«»„'‘’]")  # a straight or curly single quote counts unless inside a word
_CAPITALISED = re.compile(r"[A-ZА-ЯЁ][\w'’-]+")


@dataclass(slots=True)
class _Features:
    """Per-sentence signals of one article, one array (or list) per signal."""

    words: np.ndarray  # word count
    eligible: np.ndarray  # body sentences (not title or heading) with words
    position: np.ndarray  # rank among eligible sentences
    paragraph_start: np.ndarray
    centrality: np.ndarray
    lexrank: np.ndarray
    textrank: np.ndarray
    title: np.ndarray  # share of the title's stems
    lead: np.ndarray  # cosine with the first eligible sentence
    figures: np.ndarray
    money: np.ndarray
    is_quote: np.ndarray
    caption: np.ndarray
    boilerplate: np.ndarray
    names: list[list[str]]  # capitalised words inside the sentence
    entity_names: list[list[str]]  # from the facts stage, for reasons
    quote_speaker: list[str | None]
    pledge: list[str | None]
    pledge_first: np.ndarray  # the first sentence stating a donor's pledge (later ones elaborate it)


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
        sentences[index].score = round(gains[rank] - rank * 1e-6, 6)
    chosen = set(_select(order, features, important))
    eligible_centrality = features.centrality[features.eligible]
    central_top = _top_share(eligible_centrality, 0.25)
    for index, sentence in enumerate(sentences):
        sentence.important = index in chosen
        sentence.reason = _reason(features, index, central_top) if sentence.important else None


def ranking(article: Article) -> list[int]:
    """Sentence indices, most important first (the order "Select important" fills in)."""
    return sorted(range(len(article.sentences)), key=lambda i: -article.sentences[i].score)


class _Locator:
    """Maps text offsets to sentence indices (-1 between sentences) in one vectorised step."""

    def __init__(self, sentences: list[Sentence]) -> None:
        self.starts = np.fromiter((s.start for s in sentences), np.int64, len(sentences))
        self.ends = np.fromiter((s.end for s in sentences), np.int64, len(sentences))

    def rows(self, offsets: list[int]) -> np.ndarray:
        if not offsets:
            return np.zeros(0, dtype=np.int64)
        at = np.asarray(offsets, dtype=np.int64)
        rows = np.searchsorted(self.starts, at, side="right") - 1
        inside = rows >= 0
        inside[inside] = at[inside] < self.ends[rows[inside]]
        return rows[inside]

    def flags(self, offsets: list[int], n: int) -> np.ndarray:
        flags = np.zeros(n, dtype=bool)
        flags[self.rows(offsets)] = True
        return flags


def _features(article: Article, weights: Weights) -> tuple[_Features, np.ndarray]:
    text, language, sentences = article.text, article.language, article.sentences
    n = len(sentences)
    lowered = text.lower()
    sentence_words = [_WORD.findall(lowered, s.start, s.end) for s in sentences]
    words = np.fromiter(map(len, sentence_words), np.int64, n)
    flat = [w for ws in sentence_words for w in ws]
    stem_ids = _stem_ids(flat, language)
    word_rows = np.repeat(np.arange(n), words)
    blocks, kinds = article.blocks, []
    block_ids = np.fromiter((s.block for s in sentences), np.int64, n)
    for b in block_ids.tolist():
        kinds.append(blocks[b].kind if 0 <= b < len(blocks) else "paragraph")
    eligible = np.fromiter((k not in ("title", "heading") for k in kinds), bool, n) & (words > 0)
    position = np.cumsum(eligible) - 1.0
    paragraph_start = np.ones(n, dtype=bool)
    paragraph_start[1:] = block_ids[1:] != block_ids[:-1]
    locate = _Locator(sentences)
    zeros = np.zeros(n)
    feats = _Features(words=words, eligible=eligible, position=np.where(eligible, position, 0.0),
                      paragraph_start=paragraph_start, centrality=zeros.copy(), lexrank=zeros.copy(),
                      textrank=zeros.copy(), title=zeros.copy(), lead=zeros.copy(),
                      figures=np.zeros(n, dtype=np.int64), money=np.zeros(n, dtype=bool),
                      is_quote=np.zeros(n, dtype=bool),
                      caption=locate.flags([m.start() for m in _CAPTION.finditer(lowered)], n),
                      boilerplate=np.zeros(n, dtype=bool),
                      names=[[] for _ in range(n)],
                      entity_names=[[] for _ in range(n)], quote_speaker=[None] * n, pledge=[None] * n,
                      pledge_first=np.zeros(n, dtype=bool))
    # Surface cues: one pass over the whole text each, matches mapped to their sentence.
    if any(hint in lowered for hint in _BOILERPLATE_HINTS):
        feats.boilerplate = locate.flags([m.start() for m in _BOILERPLATE.finditer(lowered)
                                          if _starts_word(lowered, m.start())], n)
    quotes = []
    for match in _QUOTE_MARK.finditer(text):
        at = match.start()
        apostrophe = at == 0 or text[at - 1].isalnum() or not text[at + 1:at + 2].isalnum()
        if match.group() in "'‘’" and apostrophe:
            continue  # an apostrophe ("it's", "the players'"), not a quotation
        quotes.append(at)
    feats.is_quote = locate.flags(quotes, n)
    feats.figures = np.bincount(locate.rows([m.start() for m in _FIGURE.finditer(text)]), minlength=n)
    feats.money = locate.flags([m.start() for m in _MONEY.finditer(lowered)], n)
    currency = _currency_ids(language)
    if currency.size:
        # A handful of ids: one broadcast compare beats np.isin's sort.
        feats.money[word_rows[(stem_ids[:, None] == currency).any(axis=1)]] = True
    _add_facts(article, feats, locate)
    content = stem_ids >= 0
    title_ids = np.zeros(0, dtype=np.int64)
    if article.title:
        title_ids = np.unique(_stem_ids(_WORD.findall(article.title.lower()), language))
        title_ids = title_ids[title_ids >= 0]
    return feats, _add_similarity(feats, word_rows[content], stem_ids[content], title_ids, weights)


def _currency_ids(language: str) -> np.ndarray:
    ids = _STEM_IDS[_lang(language)]
    return np.fromiter((ids[s] for s in _CURRENCY_STEMS if s in ids), np.int64)


def _starts_word(text: str, at: int) -> bool:
    return at == 0 or not text[at - 1].isalnum()


def _add_facts(article: Article, feats: _Features, locate: _Locator) -> None:
    """Names (capitalised words), quotations and pledges; the facts stage's entities name reasons.

    Names count by the surface rule with or without the facts stage: NER finds fewer names than a
    reader sees (and guesses on lowercased text), so counting entities made facts-on rank worse."""
    n, text = len(feats.names), article.text
    sentence_starts = set(locate.starts.tolist())
    stop = _stop(article.language)
    found, offsets = [], []
    for match in _CAPITALISED.finditer(text):
        name, at = match.group(), match.start()
        # A capital that opens a sentence or a quotation says nothing about a name.
        before = text[max(0, at - 2):at]
        opens = not before or before[-1] in "\n\"“«'‘(" or before[0] in ".!?"
        if opens or not _starts_word(text, at) or at in sentence_starts or name.lower() in stop:
            continue
        found.append(name)
        offsets.append(at)
    if found:
        rows = np.searchsorted(locate.starts, np.asarray(offsets), side="right") - 1
        for name, row, at in zip(found, rows.tolist(), offsets):
            if row >= 0 and at < locate.ends[row] and name not in feats.names[row]:
                feats.names[row].append(name)
    # People and organisations first: they are what a reason should name.
    rank = {"PERSON": 0, "ORG": 1, "GPE": 2}
    for entity in sorted(article.entities, key=lambda e: rank.get(e.type, 3)):
        for mention in entity.mentions:
            if 0 <= mention.sentence < n and entity.name not in feats.entity_names[mention.sentence]:
                feats.entity_names[mention.sentence].append(entity.name)
    for quote in article.quotes:
        if 0 <= quote.sentence < n:
            # Reported speech ("the minister said the port would close") often is the news.
            if quote.type == "direct":
                feats.is_quote[quote.sentence] = True
            # A reported "X announced" is not a quotation worth naming in a reason.
            if quote.speaker and quote.type != "reported" and not feats.quote_speaker[quote.sentence]:
                feats.quote_speaker[quote.sentence] = quote.speaker
    donors: set[str] = set()
    for pledge in sorted(article.pledges, key=lambda p: p.sentence):
        if 0 <= pledge.sentence < n and not feats.pledge[pledge.sentence]:
            parts = [pledge.donor, pledge.amount.text if pledge.amount else None, pledge.period]
            feats.pledge[pledge.sentence] = ", ".join(p for p in parts if p)
            # The news is where a pledge is first stated; the same donor's pledge again ("made
            # the pledge on ...", "has reportedly promised") is detail, left to the other signals.
            donor = (pledge.donor or "").split()[-1:] or [""]
            if donor[0].lower() not in donors:
                donors.add(donor[0].lower())
                feats.pledge_first[pledge.sentence] = True


def _add_similarity(feats: _Features, rows: np.ndarray, ids: np.ndarray, title_ids: np.ndarray,
                    weights: Weights) -> np.ndarray:
    """Centrality (sentence vs. the rest), LexRank/TextRank, overlap with the title and the lead.

    `rows`, `ids`: the sentence and stem id of every content word. One sparse pass (entries are
    (sentence, stem) pairs) gives the TF-IDF norms and centrality; only stems in two or more
    sentences link sentences, so the dense matrices hold just those columns.
    Returns the sentence-by-sentence cosine matrix (all sentences; ineligible rows zero) for MMR."""
    n = len(feats.words)
    eligible = np.flatnonzero(feats.eligible)
    m = len(eligible)
    if not m:
        return np.zeros((n, n))
    row_of = np.full(n, -1, dtype=np.int64)
    row_of[eligible] = np.arange(m)
    r = row_of[rows]
    keep = r >= 0
    r, ids = r[keep], ids[keep]
    if not len(ids):
        return np.zeros((n, n))
    # (sentence, stem) pairs with their counts; stems renumbered 0..k-1 for this article.
    stems, col = np.unique(ids, return_inverse=True)
    size = len(stems)
    pairs, tf = np.unique(r * size + col, return_counts=True)
    r, col = pairs // size, pairs % size
    df = np.bincount(col, minlength=size)
    idf = np.log((m + 1) / (df + 0.5)) + 1.0
    weight = np.log1p(tf) * idf[col]
    norms = np.sqrt(np.bincount(r, weight * weight, minlength=m))
    norms[norms == 0] = 1.0
    # Centrality: cosine with the article minus the sentence itself.
    total = np.bincount(col, weight, minlength=size)
    dot_total = np.bincount(r, weight * total[col], minlength=m)
    self_sq = norms ** 2
    rest_sq = np.maximum(total @ total - 2 * dot_total + self_sq, 1e-12)
    centrality = (dot_total - self_sq) / (norms * np.sqrt(rest_sq))
    # Sentence-by-sentence products from the entries themselves: every pair of entries that share
    # a stem. No dense matmul: on these small matrices OpenBLAS wakes its threads, which costs
    # more CPU than the arithmetic (2x on a 70-sentence article).
    unit = weight / norms[r]
    left, right = _shared_pairs(col, df)
    cell = r[left] * m + r[right]
    sim = np.bincount(cell, unit[left] * unit[right], minlength=m * m).reshape(m, m)
    np.fill_diagonal(sim, 0.0)
    feats.centrality[eligible] = centrality
    if weights.lexrank:
        feats.lexrank[eligible] = _lexrank(sim)
    if weights.textrank:
        overlap = np.bincount(cell, tf[left] * tf[right], minlength=m * m).reshape(m, m)
        feats.textrank[eligible] = _textrank(overlap, np.bincount(r, tf, minlength=m).astype(float))
    lead = sim[:, 0].copy()
    lead[0] = 1.0
    feats.lead[eligible] = lead
    if title_ids.size:
        in_title = (stems[col][:, None] == title_ids).any(axis=1)
        feats.title[eligible] = np.bincount(r[in_title], minlength=m) / title_ids.size
    if m == n:
        return sim
    article_sim = np.zeros((n, n))
    article_sim[np.ix_(eligible, eligible)] = sim
    return article_sim


def _shared_pairs(col: np.ndarray, df: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i, j) of entries with the same stem, for stems in two or more sentences."""
    entries = np.flatnonzero(df[col] > 1)
    entries = entries[np.argsort(col[entries], kind="stable")]
    stem = col[entries]
    size = df[stem]  # entries are unique (sentence, stem) pairs: a stem's group has df entries
    group_start = np.searchsorted(stem, stem, side="left")
    left = np.repeat(entries, size)
    within = np.arange(len(left)) - np.repeat(np.cumsum(size) - size, size)
    right = entries[np.repeat(group_start, size) + within]
    return left, right


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


def _textrank(overlap: np.ndarray, lengths: np.ndarray, damping: float = 0.85) -> np.ndarray:
    """TextRank: edges weigh shared words (`overlap`, products of counts) over the sum of log
    lengths; favours long, typical sentences."""
    m = overlap.shape[0]
    logs = np.log(np.maximum(lengths, 1.0))
    norm = logs[:, None] + logs[None, :]
    norm[norm == 0] = 1.0
    weights = overlap / norm
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


def _base_scores(f: _Features, w: Weights) -> np.ndarray:
    s = w.position / (1.0 + f.position / w.position_scale)
    s += w.paragraph_start * f.paragraph_start
    s += w.centrality * f.centrality + w.lexrank * f.lexrank + w.textrank * f.textrank
    s += w.title * f.title + w.lead * f.lead
    names = np.fromiter(map(len, f.names), np.int64, len(f.names))
    s += w.names * np.minimum(names, w.names_cap) + w.figures * np.minimum(f.figures, 4)
    s += w.money * f.money
    s += w.quote * f.is_quote + w.pledge * f.pledge_first
    s -= np.where(f.words < w.short_words, w.short * (w.short_words - f.words) / w.short_words,
                  np.where(f.words > w.long_words, 0.01 * (f.words - w.long_words), 0.0))
    s -= w.boilerplate * f.boilerplate + w.caption * f.caption
    return np.where(f.eligible, s, -10.0)


def _mmr_order(sim: np.ndarray, base: np.ndarray, w: Weights) -> tuple[list[int], list[float]]:
    """MMR: the full ranking and each pick's gain (non-increasing along the ranking).

    Greedy for the first third (the default highlights about a fifth); the rest follow in the
    order of their value after that, below every greedy gain, so the ranking stays one list.
    The redundancy penalty (1 - λ)·sim + 10·[sim > duplicate] grows with sim, so the penalty of
    the closest earlier pick is the largest penalty: one matrix up front, one maximum per pick."""
    n = len(base)
    lam = w.mmr_lambda
    lam_base = lam * base
    penalty_of = (1 - lam) * sim + 10.0 * (sim > w.duplicate)
    penalty = np.zeros(n)
    value = lam_base.copy()
    order, gains = [], []
    for _ in range(min(n, max(8, n // 3))):
        pick = int(np.argmax(value))  # first of equals: document order breaks ties
        order.append(pick)
        gains.append(float(value[pick]))
        np.maximum(penalty, penalty_of[pick], out=penalty)
        np.subtract(lam_base, penalty, out=value)
        value[order] = -np.inf
    if len(order) < n:
        rest = np.argsort(-value, kind="stable")[:n - len(order)]
        order.extend(rest.tolist())
        gains.extend(value[rest].tolist())
    return order, gains


def _select(order: list[int], feats: _Features, important: float | None) -> list[int]:
    """A prefix of the ranking: N sentences, or enough to cover a share of the words."""
    eligible = feats.eligible.tolist()
    ranked = [i for i in order if eligible[i]]
    if not ranked:
        return []
    if important is not None and important >= 1:
        return ranked[:int(important)]
    share = DEFAULT_SHARE if important is None else important
    words = feats.words.tolist()
    total = sum(words[i] for i in ranked)
    chosen, covered = [], 0
    for i in ranked:
        if covered >= share * total and len(chosen) >= (MIN_IMPORTANT if important is None else 1):
            break
        chosen.append(i)
        covered += words[i]
    return chosen


# ---------------------------------------------------------------------------- reasons

def _top_share(values: np.ndarray, share: float) -> float:
    if not values.size:
        return math.inf
    ordered = np.sort(values)[::-1]
    return float(ordered[max(0, math.ceil(len(ordered) * share) - 1)])


def _reason(f: _Features, i: int, central_top: float) -> str:
    parts = []
    pledge, speaker, names = f.pledge[i], f.quote_speaker[i], f.entity_names[i] or f.names[i]
    if pledge:
        parts.append(f"pledge: {pledge}")
    if speaker:
        parts.append(f"quote: {speaker}")
    if f.position[i] < 2 and f.eligible[i]:
        parts.append("lead")
    if f.title[i] >= 0.5:
        parts.append("echoes the title")
    if f.centrality[i] >= central_top and f.centrality[i] > 0:
        parts.append("central")
    if len(parts) < 2 and f.figures[i] and not pledge:
        parts.append("figures")
    if len(parts) < 2 and names and not speaker:
        parts.append("names: " + ", ".join(names[:2]))
    return "; ".join(parts[:3]) or "central"
