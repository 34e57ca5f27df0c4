"""Many raw pages -> the corpus: read each once through pipeline.pipe, store each in its own transaction."""
from __future__ import annotations

import sqlite3
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import NewsdeskError
from .model import Article
from .pipeline import Options, pipe
from .sources import DEFAULT_MAX_BYTES, RawPage, is_feed, is_warc, iter_sources, source_files
from .store import Store


LOW_CONFIDENCE = 0.5  # an article below this may be the wrong block of its page (docs/CONTRACT.md, confidence)


@dataclass
class IngestReport:
    pages: int = 0  # pages found behind the paths (documents inside WARCs and feeds included)
    added: int = 0  # new articles
    updated: int = 0  # stored before by another pipeline version, extracted again
    unchanged: int = 0  # already stored by this version: skipped without reading
    failed: int = 0
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)
    low_confidence: list[tuple[str, float]] = field(default_factory=list)  # (page, confidence) below LOW_CONFIDENCE

    @property
    def rate(self) -> float:
        """Articles read and stored per second."""
        return (self.added + self.updated) / self.seconds if self.seconds else 0.0


def _split_error(exc: BaseException, fallback: str) -> tuple[str, str]:
    """'path: reason' -> (path, reason); our InputErrors start with the page's label."""
    if not isinstance(exc, NewsdeskError):
        return fallback, f"internal error in the pipeline: {type(exc).__name__}: {exc}"
    message = str(exc) or type(exc).__name__
    head, sep, tail = message.partition(": ")
    if sep and (head == fallback or fallback == "" or head.startswith(fallback.split("#")[0])):
        return head, tail
    return fallback or head, message


def ingest(paths: Iterable[str | Path], store: Store, *, published: str | None = None, progress: bool = True,
           options: Options | None = None, max_bytes: int = DEFAULT_MAX_BYTES, resources=None) -> IngestReport:
    """Read every page behind `paths` (files, directories, `-`, WARC, RSS/Atom) into `store`.

    A page already stored by this pipeline version is skipped before it is read; a page that fails
    is recorded in the store's failures and the run goes on. Each article is committed on its own,
    so a run killed at any moment and run again stores every page exactly once.
    """
    paths = [str(p) for p in paths]
    options = options or Options()
    if published is not None:
        options.published = published
    report = IngestReport()
    started = time.perf_counter()
    with _Progress(paths, enabled=progress) as bar:
        for outcome, label, value in _read_pages(paths, store, options, max_bytes, resources, report):
            if outcome == "failed":
                source, reason = _split_error(value, label)
                store.record_failure(source, reason)
                report.failed += 1
                report.failures.append((source, reason))
            elif outcome == "article":
                try:
                    _, created = store.add_article(value)
                except (sqlite3.DatabaseError, NewsdeskError) as exc:
                    if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
                        raise  # another writer holds the database: stopping beats recording every page
                    store.record_failure(label, f"cannot store: {exc}")
                    report.failed += 1
                    report.failures.append((label, f"cannot store: {exc}"))
                else:
                    if created:
                        report.added += 1
                    else:
                        report.updated += 1
                    if value.confidence < LOW_CONFIDENCE:
                        report.low_confidence.append((label, value.confidence))
            bar.advance(report)
    report.seconds = time.perf_counter() - started
    return report


def _read_pages(paths: list[str], store: Store, options: Options, max_bytes: int, resources,
                report: IngestReport) -> Iterator[tuple[str, str, object]]:
    """("article", label, Article) | ("failed", label, error) | ("unchanged", label, None), in order.

    Pages stream through one pipeline.pipe (so its batching applies). A page that crashes a stage
    with an unexpected error ends that pipe; it is recorded as failed and the pages the pipe had
    taken but not yet returned are fed to a fresh pipe, so one bad page never loses others.
    """
    sources = iter(iter_sources(paths, max_bytes))
    in_flight: deque[RawPage] = deque()
    retry: deque[RawPage] = deque()
    fed: set[str] = set()

    def feed() -> Iterator[RawPage | NewsdeskError]:
        while True:
            if retry:  # checked when first taken: straight back into the pipe
                page = retry.popleft()
                in_flight.append(page)
                yield page
                continue
            page = next(sources, None)
            if page is None:
                return
            report.pages += 1
            if isinstance(page, NewsdeskError):
                in_flight.append(None)
                yield page
                continue
            if page.sha256 in fed or store.known(page.sha256):  # stored, or the same bytes twice in this run
                report.unchanged += 1
                pending_unchanged.append(page.label)
                continue
            fed.add(page.sha256)
            in_flight.append(page)
            yield page

    pending_unchanged: list[str] = []
    while True:
        stream = pipe(feed(), resources, options)
        try:
            for result in stream:
                for label in pending_unchanged:
                    yield "unchanged", label, None
                pending_unchanged.clear()
                page = in_flight.popleft()
                label = page.label if page is not None else ""
                if isinstance(result, Article):
                    yield "article", label, result
                else:
                    yield "failed", label, result
            for label in pending_unchanged:
                yield "unchanged", label, None
            return
        except Exception as exc:  # noqa: BLE001 - a stage bug on one page must not end the run
            if not in_flight:
                raise
            page = in_flight.popleft()
            yield "failed", page.label if page is not None else "", exc
            retry.extend(p for p in in_flight if p is not None)
            in_flight.clear()


class _Progress:
    """A Rich progress line on stderr: pages done, articles/s, failures; silent when disabled."""

    def __init__(self, paths: list[str], enabled: bool) -> None:
        self.enabled = enabled
        self.progress = None
        if not enabled:
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, SpinnerColumn, TextColumn, \
            TimeElapsedColumn
        from rich.table import Column
        from rich.text import Text

        class Rate(ProgressColumn):
            def __init__(self):
                super().__init__(table_column=Column(no_wrap=True, min_width=16))

            def render(self, task):
                return Text(f"{task.fields.get('rate', 0.0):.1f} articles/s", style="cyan", no_wrap=True)

        files = source_files(paths)
        countable = "-" not in files and not any(is_warc(f) or is_feed(f) for f in files)
        self.total = len(files) if countable else None
        self.started = time.perf_counter()
        if countable:
            columns = [SpinnerColumn(), TextColumn("[bold]ingest"), BarColumn(bar_width=24), MofNCompleteColumn()]
        else:  # WARCs and feeds: the page count is known only at the end
            columns = [SpinnerColumn(), TextColumn("[bold]ingest"), TextColumn("{task.completed} pages")]
        self.progress = Progress(*columns, Rate(), TextColumn("{task.description}"), TimeElapsedColumn(),
                                 console=Console(stderr=True), transient=False)
        self.task = self.progress.add_task("", total=self.total, rate=0.0)

    def __enter__(self) -> "_Progress":
        if self.progress:
            self.progress.start()
        return self

    def advance(self, report: IngestReport) -> None:
        if not self.progress:
            return
        elapsed = time.perf_counter() - self.started
        done = report.added + report.updated + report.unchanged + report.failed
        rate = (report.added + report.updated) / elapsed if elapsed else 0.0
        self.progress.update(self.task, completed=done, rate=rate,
                             description=f"{report.added} new · {report.unchanged} known · {report.failed} failed")

    def __exit__(self, *exc) -> None:
        if self.progress:
            self.progress.stop()
