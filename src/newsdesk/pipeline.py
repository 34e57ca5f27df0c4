"""The stages in order: read(raw) -> Article for one page, pipe(raws) -> Articles for many."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .clean import clean_page
from .errors import InputError, NewsdeskError
from .model import Article, Sentence
from .nlp import Resources, default_resources, split_sentences
from .sources import DEFAULT_MAX_BYTES, RawPage, read_bytes

Stage = Callable[[Article, Resources], None]


def segment_sentences(article: Article, resources: Resources) -> None:
    """Sentences per block (never across a block boundary), offsets into article.text."""
    article.sentences = [
        Sentence(start=s, end=e, block=i)
        for i, block in enumerate(article.blocks)
        for s, e in split_sentences(article.text, article.language, block.start, block.end)
    ]


def extract_facts(article: Article, resources: Resources) -> None:
    from .facts import extract_facts as run

    run(article, resources)


def score_salience(article: Article, resources: Resources) -> None:
    from .salience import score_sentences

    score_sentences(article, resources)


STAGES: list[tuple[str, Stage]] = [
    ("sentences", segment_sentences),
    ("facts", extract_facts),
    ("salience", score_salience),
]


@dataclass
class Options:
    format: str = "auto"
    language: str | None = None
    published: str | None = None
    skip: frozenset[str] = frozenset()  # stage names switched off, e.g. {"facts"} for speed
    important: float | None = None  # share of words (<1) or count (>=1) for "Select important"


def run_stages(article: Article, resources: Resources, options: Options) -> Article:
    for name, stage in STAGES:
        if name not in options.skip:
            if name == "salience" and options.important is not None:
                from .salience import score_sentences

                score_sentences(article, resources, important=options.important)
            else:
                stage(article, resources)
    return article


def read_raw(raw: RawPage, resources: Resources | None = None, options: Options | None = None) -> Article:
    options = options or Options()
    resources = resources or default_resources()
    article = clean_page(raw, format=options.format, language=options.language, published=options.published)
    return run_stages(article, resources, options)


def pipe(raws: Iterable[RawPage | InputError], resources: Resources | None = None,
         options: Options | None = None) -> Iterator[Article | NewsdeskError]:
    """Stream many pages; a page that fails comes out as its error and the stream goes on."""
    resources = resources or default_resources()
    for raw in raws:
        if isinstance(raw, NewsdeskError):
            yield raw
            continue
        try:
            yield read_raw(raw, resources, options)
        except NewsdeskError as exc:
            yield exc


def to_raw(source: str | Path | bytes | RawPage, max_bytes: int = DEFAULT_MAX_BYTES) -> RawPage:
    """A path, raw bytes, page text, or a RawPage -> RawPage."""
    if isinstance(source, RawPage):
        return source
    if isinstance(source, bytes):
        return RawPage(data=source)
    if isinstance(source, Path) or ("\n" not in source and len(source) < 4096 and Path(source).exists()):
        return read_bytes(str(source), max_bytes)
    return RawPage(data=source.encode("utf-8"))


def read(source: str | Path | bytes | RawPage, *, published: str | None = None, lang: str | None = None,
         format: str = "auto", facts: bool = True, resources: Resources | None = None) -> Article:
    """The Python API: one page (path, bytes, text or RawPage) -> a structured Article."""
    options = Options(format=format, language=lang, published=published,
                      skip=frozenset() if facts else frozenset({"facts"}))
    return read_raw(to_raw(source), resources, options)
