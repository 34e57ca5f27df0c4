"""One linguistic parse per article, shared by every fact finder (spaCy for en, natasha for ru)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import Article
from ..nlp import Resources


@dataclass
class Parsed:
    """The article's parse. Offsets in both docs are offsets into article.text."""

    language: str
    spacy: Any | None = None  # spacy.tokens.Doc over article.text (en)
    natasha: Any | None = None  # natasha.Doc over article.text (ru): segmented, morph, syntax, ner
    genders: dict[str, str | None] = field(default_factory=dict)  # entity id -> "m"/"f"/None (people.py)
    cue_tokens: list[int] | None = None  # spaCy token indices with a speech-verb lemma (quotes.py)
    objects: set[int] = field(default_factory=set)  # starts of person mentions that are objects (people.py)


def parse(article: Article, resources: Resources, spacy_doc: Any | None = None) -> Parsed:
    """Parse article.text once. `spacy_doc` lets batch runs pass a doc made by nlp.pipe."""
    if article.language == "ru":
        from natasha import Doc

        segmenter, morph_vocab, morph_tagger, syntax_parser, ner_tagger = resources.natasha
        doc = Doc(article.text)
        doc.segment(segmenter)
        if article.sentences:
            # parse within our sentences: razdel alone runs a heading without a full stop into the
            # next sentence, and the parser then hangs that sentence's subject from the heading
            from natasha.doc import DocSent

            doc.sents = [DocSent(s.start, s.end, article.text[s.start:s.end]) for s in article.sentences]
            doc.envelop_sent_tokens()
        doc.tag_morph(morph_tagger)
        doc.parse_syntax(syntax_parser)
        doc.tag_ner(ner_tagger)
        for span in doc.spans:
            span.normalize(morph_vocab)
        return Parsed(language="ru", natasha=doc)
    if spacy_doc is None:
        from .people import prepare_spacy

        nlp = resources.spacy_en
        prepare_spacy(nlp)  # once per pipeline; batch callers run it before nlp.pipe
        spacy_doc = nlp(article.text)
    doc = spacy_doc
    return Parsed(language=article.language, spacy=doc)
