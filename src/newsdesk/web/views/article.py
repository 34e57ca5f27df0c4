"""The article page: clean text with sentence anchors, "Select important", facts panel, read aloud."""
from __future__ import annotations

import math
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from ...model import Article
from .common import cached_page, render, store

router = APIRouter()

WORDS_PER_MINUTE = {"en": 230, "ru": 180}
SPEEDS = [(0.75, "0.75×"), (1.0, "1×"), (1.25, "1.25×"), (1.5, "1.5×"), (2.0, "2×")]


@dataclass
class Piece:
    text: str
    sentence: int | None = None  # index into article.sentences, None for the space between them
    important: bool = False
    reason: str | None = None


@dataclass
class BlockView:
    kind: str
    pieces: list[Piece]


@dataclass
class QuoteView:
    content: str
    type: str
    cue: str | None
    sentence: int


@dataclass
class FactsView:
    people: list = field(default_factory=list)  # (name, role, affiliation, sentence|None)
    quotes: "OrderedDict[str, list[QuoteView]]" = field(default_factory=OrderedDict)
    pledges: list = field(default_factory=list)
    events: list = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.people or self.quotes or self.pledges or self.events)


def block_views(article: Article) -> list[BlockView]:
    """Each block as text pieces: its sentences (anchored, flagged) and the gaps between them."""
    by_block: dict[int, list[int]] = {}
    for i, s in enumerate(article.sentences):
        by_block.setdefault(s.block, []).append(i)
    views = []
    for b, block in enumerate(article.blocks):
        pieces, pos = [], block.start
        for i in by_block.get(b, []):
            s = article.sentences[i]
            if s.start > pos:
                pieces.append(Piece(article.text[pos:s.start]))
            pieces.append(Piece(article.text[s.start:s.end], i, s.important, s.reason))
            pos = max(pos, s.end)
        if pos < block.end:
            pieces.append(Piece(article.text[pos:block.end]))
        views.append(BlockView(block.kind, pieces))
    return views


def facts_view(article: Article) -> FactsView:
    facts = FactsView()
    for e in article.entities:
        if e.type == "PERSON":
            first = e.mentions[0].sentence if e.mentions else None
            facts.people.append((e.name, e.role, e.affiliation, first))
    for q in article.quotes:
        facts.quotes.setdefault(q.speaker or "Unattributed", []).append(QuoteView(q.content, q.type, q.cue, q.sentence))
    facts.pledges = list(article.pledges)
    facts.events = sorted(article.events, key=lambda e: (e.date is None, e.date or "", e.sentence))
    return facts


def reading_minutes(article: Article) -> int:
    words = len(re.findall(r"\w+", article.text))
    return max(1, math.ceil(words / WORDS_PER_MINUTE.get(article.language, 200)))


def headline(article: Article, blocks: list[BlockView]) -> tuple[list[Piece], bool]:
    """The page heading as pieces: the title block, or, when the page has none, the lead's first
    sentence, moved out of the lead so it is not shown twice."""
    for i, block in enumerate(blocks):
        if block.kind == "title":
            del blocks[i]
            return block.pieces, True
    if article.title:
        return [Piece(article.title)], True
    for i, block in enumerate(blocks):
        if block.kind in ("lead", "paragraph") and block.pieces:
            first = block.pieces[0]
            rest = block.pieces[1:]
            if rest and rest[0].sentence is None:
                rest = rest[1:] if not rest[0].text.strip() else rest
            if rest:
                block.pieces = rest
            else:
                del blocks[i]
            return [first], False
    return [Piece(article.source.path or "Untitled")], False


def safe_source_url(url: str | None) -> str | None:
    """Only http(s) links leave the page: a javascript: or data: URL in a record is shown as text."""
    if url and urlsplit(url).scheme.lower() in ("http", "https"):
        return url
    return None


def load(request: Request, article_id: int) -> Article:
    article = store(request).get_article(article_id)
    if article is None:
        raise HTTPException(404, f"There is no article {article_id}.")
    return article


# async: a page is one indexed SQLite read (WAL readers never wait for writers) and a render, cheaper
# than the hop to a worker thread it would otherwise take.
@router.get("/article/{article_id}", response_class=HTMLResponse)
async def article_page(request: Request, article_id: int):
    return cached_page(request, ("article", article_id), lambda: _article_page(request, article_id))


def _article_page(request: Request, article_id: int) -> HTMLResponse:
    article = load(request, article_id)
    blocks = block_views(article)
    title_pieces, has_title = headline(article, blocks)
    title = "".join(p.text for p in title_pieces)
    return render(request, "article.html", {
        "id": article_id,
        "article": article,
        "title": title,
        "has_title": has_title,
        "blocks": blocks,
        "title_pieces": title_pieces,
        "facts": facts_view(article),
        "minutes": reading_minutes(article),
        "n_important": sum(s.important for s in article.sentences),
        "source_url": safe_source_url(article.source.url),
        "speeds": SPEEDS,
    })


@router.get("/article/{article_id}/sentence/{index}.wav")
async def sentence_wav(request: Request, article_id: int, index: int,
                       speed: int = Query(175, ge=80, le=450)):
    """One sentence of speech: small enough that playback starts while the rest is made."""
    from ...speech import sentence_audio

    article = await run_in_threadpool(load, request, article_id)
    if not 0 <= index < len(article.sentences):
        raise HTTPException(404, f"Article {article_id} has no sentence {index}.")
    audio = await run_in_threadpool(sentence_audio, article, index, speed, "wav")
    return Response(audio, media_type="audio/wav", headers={"Cache-Control": "private, max-age=3600"})


@router.get("/article/{article_id}/audio.mp3")
async def article_mp3(request: Request, article_id: int, speed: int = Query(175, ge=80, le=450)):
    """The whole article as one MP3, for listening elsewhere."""
    from ...speech import article_audio

    article = await run_in_threadpool(load, request, article_id)
    audio, _timings = await run_in_threadpool(lambda: article_audio(article, fmt="mp3", speed=speed))
    return Response(audio, media_type="audio/mpeg", headers={
        "Cache-Control": "private, max-age=3600",
        "Content-Disposition": f'inline; filename="newsdesk-{article_id}.mp3"'})
