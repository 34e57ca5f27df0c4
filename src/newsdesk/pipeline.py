"""The stages in order: read(raw) -> Article for one page, pipe(raws) -> Articles for many."""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from .clean import clean_page
from .errors import NewsdeskError
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


class FactsStage:
    """Entities, quotes, pledges, events. `prepare` parses a batch's English texts in one
    nlp.pipe call (the parse is most of the pipeline's time; batching saves a fifth of it)."""

    def __init__(self) -> None:
        self._local = threading.local()  # docs of the batch being run, per thread

    def prepare(self, articles: list[Article], resources: Resources) -> None:
        from .facts import spacy_docs

        self._local.docs = {id(a): d for a, d in zip(articles, spacy_docs(articles, resources))}

    def __call__(self, article: Article, resources: Resources) -> None:
        from .facts import extract_facts

        docs = getattr(self._local, "docs", {})
        extract_facts(article, resources, docs.pop(id(article), None))


def score_salience(article: Article, resources: Resources, important: float | None = None) -> None:
    from .salience import score_sentences

    score_sentences(article, resources, important=important)


# Each stage adds its layer; a stage may have `prepare(articles, resources)` for batch work.
STAGES: list[tuple[str, Stage]] = [
    ("sentences", segment_sentences),
    ("facts", FactsStage()),
    ("salience", score_salience),
]


@dataclass
class Options:
    format: str = "auto"
    language: str | None = None
    published: str | None = None
    skip: frozenset[str] = frozenset()  # stage names switched off, e.g. {"facts"} for speed
    important: float | None = None  # share of words (<1) or count (>=1) for "Select important"


def _failure(raw: RawPage, stage: str, exc: Exception) -> NewsdeskError:
    # A bug in a stage on one page must not end a batch: the page fails with one line, the rest go on.
    return NewsdeskError(f"{raw.label}: internal error in {stage}: {type(exc).__name__}: {exc}")


def _run_batch(chunk: list[RawPage | NewsdeskError], resources: Resources,
               options: Options) -> list[Article | NewsdeskError]:
    """Clean every page of the chunk, then run each stage over the chunk's articles in order."""
    results: list[Article | NewsdeskError] = []
    origin: dict[int, RawPage] = {}
    for raw in chunk:
        if isinstance(raw, NewsdeskError):
            results.append(raw)
            continue
        try:
            article = clean_page(raw, format=options.format, language=options.language, published=options.published)
        except NewsdeskError as exc:
            results.append(exc)
            continue
        except Exception as exc:  # noqa: BLE001
            results.append(_failure(raw, "cleaning", exc))
            continue
        origin[id(article)] = raw
        results.append(article)
    failed: dict[int, NewsdeskError] = {}
    for name, stage in STAGES:
        if name in options.skip:
            continue
        live = [r for r in results if isinstance(r, Article) and id(r) not in failed]
        prepare = getattr(stage, "prepare", None)
        if prepare is not None and live:
            try:
                prepare(live, resources)
            except Exception:  # noqa: BLE001 - batch work is an optimisation; each page runs alone below
                pass
        for article in live:
            try:
                if name == "salience":
                    score_salience(article, resources, important=options.important)
                else:
                    stage(article, resources)
            except NewsdeskError as exc:
                failed[id(article)] = exc
            except Exception as exc:  # noqa: BLE001
                failed[id(article)] = _failure(origin[id(article)], name, exc)
    return [failed.get(id(r), r) if isinstance(r, Article) else r for r in results]


def read_raw(raw: RawPage, resources: Resources | None = None, options: Options | None = None) -> Article:
    """One page through every stage; raises the page's NewsdeskError when it fails."""
    (result,) = _run_batch([raw], resources or default_resources(), options or Options())
    if isinstance(result, NewsdeskError):
        raise result
    return result


def pipe(raws: Iterable[RawPage | NewsdeskError], resources: Resources | None = None,
         options: Options | None = None, batch_size: int = 16) -> Iterator[Article | NewsdeskError]:
    """Stream many pages, in order; a page that fails comes out as its error and the stream goes on."""
    resources = resources or default_resources()
    options = options or Options()
    iterator = iter(raws)
    while chunk := list(islice(iterator, batch_size)):
        yield from _run_batch(chunk, resources, options)


def _is_existing_path(source: str) -> bool:
    if "\n" in source or len(source) > 1024:
        return False
    try:
        return Path(source).exists()
    except (OSError, ValueError):  # "File name too long", NUL bytes: page text, not a path
        return False


def to_raw(source: str | Path | bytes | RawPage, max_bytes: int = DEFAULT_MAX_BYTES) -> RawPage:
    """A path, raw bytes, page text, or a RawPage -> RawPage."""
    if isinstance(source, RawPage):
        return source
    if isinstance(source, bytes):
        return RawPage(data=source)
    if isinstance(source, Path) or _is_existing_path(source):
        return read_bytes(str(source), max_bytes)
    return RawPage(data=source.encode("utf-8"))


def read(source: str | Path | bytes | RawPage, *, published: str | None = None, lang: str | None = None,
         format: str = "auto", facts: bool = True, resources: Resources | None = None) -> Article:
    """The Python API: one page (path, bytes, text or RawPage) -> a structured Article."""
    options = Options(format=format, language=lang, published=published,
                      skip=frozenset() if facts else frozenset({"facts"}))
    return read_raw(to_raw(source), resources, options)
