"""Article and its layers: offset records over one clean text, to and from the JSON contract."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from typing import Any

SCHEMA = "newsdesk.article/1"


@dataclass
class Source:
    path: str | None
    url: str | None
    format: str  # "text" | "html" | "warc"
    sha256: str


@dataclass
class Credit:
    kind: str  # "translation"
    text: str
    service: str | None = None
    from_language: str | None = None
    to_language: str | None = None


@dataclass
class Block:
    kind: str  # "title" | "lead" | "heading" | "paragraph" | "quote"
    start: int
    end: int


@dataclass
class Sentence:
    start: int
    end: int
    block: int
    score: float = 0.0
    important: bool = False
    reason: str | None = None  # why "Select important" picked it


@dataclass
class Mention:
    start: int
    end: int
    sentence: int


@dataclass
class Entity:
    id: str
    name: str
    type: str  # PERSON | ORG | GPE | NORP | LOC | ...
    role: str | None = None
    affiliation: str | None = None
    gender: str | None = None  # PERSON: "m" | "f" where the text shows it (pronouns, Mr/Ms, Russian forms)
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Quote:
    speaker: str | None
    speaker_entity: str | None
    cue: str | None
    type: str  # "direct" | "mixed" | "reported"
    content: str
    start: int
    end: int
    sentence: int
    speaker_native: str | None = None  # a Russian article's own name for an English-named speaker («Германия»)


@dataclass
class Amount:
    text: str
    value: float
    currency: str
    approximate: bool = False
    upper_bound: bool = False


@dataclass
class Pledge:
    donor: str
    recipient: str | None
    amount: Amount | None
    purpose: str | None
    period: str | None
    sentence: int
    donor_entity: str | None = None  # the article entity that gives, when the donor is one
    donor_native: str | None = None  # a Russian article's own name for an English-named donor («Германия»)


@dataclass
class Event:
    type: str
    date: str | None
    date_text: str | None
    who: list[str]
    where: str | None
    sentence: int


@dataclass
class Article:
    source: Source
    language: str
    text: str
    blocks: list[Block]
    title: str | None = None
    published: str | None = None
    credits: list[Credit] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    pledges: list[Pledge] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    author: str | None = None  # the byline's name(s) as the page gives them ("Nora Vance, Ilse Marr")
    confidence: float = 1.0  # 0..1: how sure the cleaner is that `text` is the page's article (see CONTRACT)

    # -- views over the offsets -------------------------------------------------
    def block_text(self, index: int) -> str:
        block = self.blocks[index]
        return self.text[block.start:block.end]

    def sentence_text(self, index: int) -> str:
        sentence = self.sentences[index]
        return self.text[sentence.start:sentence.end]

    def sentence_at(self, offset: int) -> int | None:
        """Index of the sentence containing a text offset, or None."""
        for i, sentence in enumerate(self.sentences):
            if sentence.start <= offset < sentence.end:
                return i
        return None

    # -- JSON edge ----------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        data = {"schema": SCHEMA}
        data.update(asdict(self))
        return data

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Article":
        def build(kind, item):
            return kind(**{f.name: item[f.name] for f in fields(kind) if f.name in item})

        def entity(item):
            e = build(Entity, item)
            e.mentions = [build(Mention, m) for m in item.get("mentions", [])]
            return e

        def pledge(item):
            p = build(Pledge, item)
            p.amount = build(Amount, item["amount"]) if item.get("amount") else None
            return p

        return cls(
            source=build(Source, data["source"]),
            language=data["language"],
            text=data["text"],
            blocks=[build(Block, b) for b in data.get("blocks", [])],
            title=data.get("title"),
            published=data.get("published"),
            credits=[build(Credit, c) for c in data.get("credits", [])],
            removed=list(data.get("removed", [])),
            sentences=[build(Sentence, s) for s in data.get("sentences", [])],
            entities=[entity(e) for e in data.get("entities", [])],
            quotes=[build(Quote, q) for q in data.get("quotes", [])],
            pledges=[pledge(p) for p in data.get("pledges", [])],
            events=[build(Event, e) for e in data.get("events", [])],
            author=data.get("author"),
            confidence=data.get("confidence", 1.0),
        )

    @classmethod
    def from_json(cls, text: str) -> "Article":
        return cls.from_dict(json.loads(text))
