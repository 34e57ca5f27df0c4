"""Synthetic corpora for benchmarks: many Articles (en and ru) with Zipf-distributed words and facts.

Generated on demand from a seed, never committed as data. The words are invented from syllables
(so no real text is involved), but their frequencies follow Zipf's law like a real news corpus,
which is what decides full-text index sizes and search times.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass

from .model import Amount, Article, Block, Entity, Event, Mention, Pledge, Quote, Sentence, Source

_EN_SYLLABLES = ["ka", "lo", "mer", "dis", "tan", "ve", "ro", "sel", "bri", "for", "mu", "nat", "pel", "qui", "ston",
                 "tra", "ul", "vin", "wes", "zo", "har", "gen", "cor", "ment", "ing", "ed", "al", "ter", "po", "lis"]
_RU_SYLLABLES = ["ка", "ло", "мер", "дис", "тан", "ве", "ро", "сел", "бри", "фор", "му", "нат", "пел", "кви", "стон",
                 "тра", "ул", "вин", "вес", "зо", "хар", "ген", "кор", "мен", "ние", "ого", "ать", "тер", "по", "лис"]
_RU_ENDINGS = ["", "а", "ы", "е", "ой", "ами", "ов", "у"]
_EN_ENDINGS = ["", "s", "ed", "ing"]
DONORS = ["Norland", "Kestria", "Valmora", "Ostrava Union", "Bellmark", "Tarrano", "Quessia", "Lindholm"]
CURRENCIES = ["EUR", "USD", "GBP", "NOK"]
PEOPLE = [("Ilse Marten", "Ильзе Мартен"), ("Pavel Orlin", "Павел Орлин"), ("Nadia Kerr", "Надя Керр"),
          ("Sergey Volin", "Сергей Волин"), ("Marta Lind", "Марта Линд")]


@dataclass
class Vocabulary:
    words: list[str]
    cum_weights: list[float]  # Zipf, precomputed: random.choices is slow without them


def vocabulary(language: str, size: int, seed: int = 0) -> Vocabulary:
    """`size` invented words; word i has weight 1/(i+1) (Zipf), kept as cumulative weights."""
    rng = random.Random(f"{language}-{seed}")
    syllables = _RU_SYLLABLES if language == "ru" else _EN_SYLLABLES
    seen: set[str] = set()
    words: list[str] = []
    while len(words) < size:
        word = "".join(rng.choice(syllables) for _ in range(rng.choice((1, 2, 2, 3, 3, 4))))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return Vocabulary(words, list(itertools.accumulate(1.0 / (i + 1) for i in range(size))))


class Generator:
    """Deterministic synthetic articles: `articles(n)` yields the same n Articles for the same seed."""

    def __init__(self, seed: int = 0, vocab_size: int = 30_000, words_per_article: tuple[int, int] = (250, 600)):
        self.seed = seed
        self.vocab = {lang: vocabulary(lang, vocab_size, seed) for lang in ("en", "ru")}
        self.words_per_article = words_per_article

    def words(self, rng: random.Random, language: str, n: int) -> list[str]:
        vocab = self.vocab[language]
        endings = _RU_ENDINGS if language == "ru" else _EN_ENDINGS
        return [w + rng.choice(endings) for w in rng.choices(vocab.words, cum_weights=vocab.cum_weights, k=n)]

    def sentence(self, rng: random.Random, language: str) -> str:
        words = self.words(rng, language, rng.randint(8, 22))
        return words[0].capitalize() + " " + " ".join(words[1:]) + "."

    def article(self, index: int) -> Article:
        rng = random.Random(f"{self.seed}-{index}")
        language = "ru" if rng.random() < 0.4 else "en"
        title = " ".join(self.words(rng, language, rng.randint(4, 9))).capitalize()
        parts: list[tuple[str, str]] = [("title", title)]
        budget = rng.randint(*self.words_per_article)
        person_en, person_ru = rng.choice(PEOPLE)
        person = person_ru if language == "ru" else person_en
        donor, currency = rng.choice(DONORS), rng.choice(CURRENCIES)
        fact_sentences = [f"{person} said {donor} would give {rng.randint(1, 900)} million {currency}.",
                          f"The talks in Marlow end on day {rng.randint(1, 28)}."]
        while budget > 0:
            paragraph = [self.sentence(rng, language) for _ in range(rng.randint(2, 5))]
            if fact_sentences and rng.random() < 0.5:
                paragraph.insert(0, fact_sentences.pop(0))
            budget -= sum(len(s.split()) for s in paragraph)
            parts.append(("lead" if len(parts) == 1 else "paragraph", paragraph))
        for leftover in fact_sentences:
            parts.append(("paragraph", [leftover]))
        return self._assemble(index, language, parts, person, donor, currency)

    def _assemble(self, index: int, language: str, parts, person: str, donor: str, currency: str) -> Article:
        text, blocks, sentences = "", [], []
        for kind, body in parts:
            if text:
                text += "\n\n"
            start = len(text)
            pieces = [body] if kind == "title" else body
            for j, piece in enumerate(pieces):
                if j:
                    text += " "
                s = len(text)
                text += piece
                if kind != "title":
                    sentences.append(Sentence(s, len(text), len(blocks)))
            blocks.append(Block(kind, start, len(text)))
        published = (dt.date(2031, 1, 1) + dt.timedelta(days=index % 365)).isoformat()
        sha = hashlib.sha256(f"synthetic-{self.seed}-{index}".encode()).hexdigest()
        article = Article(source=Source(path=f"synthetic/{index}.txt", url=None, format="text", sha256=sha),
                          language=language, text=text, blocks=blocks, title=text[blocks[0].start:blocks[0].end],
                          published=published, sentences=sentences)
        for i, sentence in enumerate(sentences):
            body = text[sentence.start:sentence.end]
            if body.startswith(person):
                article.entities = [Entity("e1", person, "PERSON", mentions=[Mention(sentence.start,
                                                                                     sentence.start + len(person), i)]),
                                    Entity("e2", donor, "GPE")]
                article.quotes = [Quote(person, "e1", "said", "reported", body[len(person) + 6:-1], sentence.start,
                                        sentence.end, i)]
                value = float(body.split(" would give ")[1].split(" ")[0]) * 1e6
                article.pledges = [Pledge(donor, "Kestria", Amount(f"{value / 1e6:g} million {currency}", value,
                                                                   currency), None, None, i)]
            elif body.startswith("The talks in Marlow"):
                article.events = [Event("talks", published, "on day", [person], "Marlow", i)]
        return article

    def articles(self, n: int, start: int = 0) -> Iterator[Article]:
        for index in range(start, start + n):
            yield self.article(index)

    def queries(self, n: int, seed: int = 1) -> list[str]:
        """Search queries a reader might type: one to three content words (Zipf ranks 50-20,000),
        in either language, in any inflection."""
        rng = random.Random(seed)
        out = []
        for _ in range(n):
            language = "ru" if rng.random() < 0.4 else "en"
            vocab = self.vocab[language]
            endings = _RU_ENDINGS if language == "ru" else _EN_ENDINGS
            words = [vocab.words[min(int(rng.paretovariate(0.6) * 50), len(vocab.words) - 1)] + rng.choice(endings)
                     for _ in range(rng.choice((1, 1, 2, 2, 3)))]
            out.append(" ".join(words))
        return out
