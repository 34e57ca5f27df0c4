"""The parsed-document layer: one linguistic parse per article (spaCy for en, natasha for ru), made once
and read by every fact finder; nothing above it writes to it."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy
from spacy.attrs import LEMMA
from spacy.language import Language
from spacy.strings import StringStore

from ..model import Article
from ..nlp import Resources
from .lexicon import lexicon
from .places import english_place_names


@dataclass
class Parsed:
    """The article's parse. Offsets in both docs are offsets into article.text."""

    language: str
    spacy: Any | None = None  # spacy.tokens.Doc over article.text (en)
    natasha: Any | None = None  # natasha.Doc over article.text (ru): segmented, morph, syntax, ner
    cue_tokens: list[int] = field(default_factory=list)  # spaCy token indices with a speech-verb lemma (en)
    # memo of syntax.sentence_tokens: the same sentences are asked for by several fact kinds
    token_cache: dict[tuple[int, int], list] = field(default_factory=dict, repr=False)
    token_starts: list[int] | None = field(default=None, repr=False)


def parse(article: Article, resources: Resources, spacy_doc: Any | None = None) -> Parsed:
    """Parse article.text once. `spacy_doc` lets batch runs pass a doc made by nlp.pipe."""
    if article.language == "ru":
        return Parsed(language="ru", natasha=_natasha_doc(article, resources))
    if spacy_doc is None:
        nlp = resources.spacy_en
        prepare_spacy(nlp)  # once per pipeline; batch callers run it before nlp.pipe
        spacy_doc = nlp(article.text)
    return Parsed(language=article.language, spacy=spacy_doc, cue_tokens=_cue_token_indices(spacy_doc))


def _natasha_doc(article: Article, resources: Resources) -> Any:
    # natasha is imported with the first Russian article, not with the package: an English-only run
    # never needs it (it costs 8 MB and 0.15 s at import, and the pipeline's peak memory must not grow)
    from natasha import Doc
    from natasha.doc import DocSent

    segmenter, morph_vocab, morph_tagger, syntax_parser, ner_tagger = resources.natasha
    doc = Doc(article.text)
    doc.segment(segmenter)
    if article.sentences:
        # parse within our sentences: razdel alone runs a heading without a full stop into the
        # next sentence, and the parser then hangs that sentence's subject from the heading
        doc.sents = [DocSent(s.start, s.end, article.text[s.start:s.end]) for s in article.sentences]
        doc.envelop_sent_tokens()
    doc.tag_morph(morph_tagger)
    doc.parse_syntax(syntax_parser)
    doc.tag_ner(ner_tagger)
    for span in doc.spans:
        span.normalize(morph_vocab)
    return doc


def is_headline(article: Article, block: int) -> bool:
    """A title or heading, or a one-line block without a full stop (a headline the cleaner kept)."""
    kind = article.blocks[block].kind
    text = article.block_text(block).strip()
    return kind in ("title", "heading") or ("\n" not in text and not re.search(r"[.!?…»\"”]$", text))


# -- speech cues ----------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _cue_hashes() -> numpy.ndarray:
    """Hashes of every English speech lemma (cues, attributions, belief adjectives, phrase heads)."""
    en = lexicon("en")
    strings = StringStore()  # string hashes do not depend on the vocabulary
    words = en.words("speech") - en.words("speech", use="attribution")  # those report nothing alone
    return numpy.array(sorted(strings.add(w) for w in words), dtype="uint64")


def _cue_token_indices(doc: Any) -> list[int]:
    """Token indices whose lemma may introduce speech, found in one vectorised pass over the doc."""
    lemmas = doc.to_array([LEMMA]).reshape(-1)
    return numpy.nonzero(numpy.isin(lemmas, _cue_hashes()))[0].tolist()


# -- spaCy setup ----------------------------------------------------------------------------------

_PARAGRAPH_BREAK = re.compile(r"\n\s*")


def _paragraph_starts(doc: Any) -> Any:
    """spaCy component: the first token after a line break starts a sentence (the parser keeps it)."""
    for m in _PARAGRAPH_BREAK.finditer(doc.text):
        span = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        if span is not None and span.start > 0:
            span[0].is_sent_start = True
    return doc


def prepare_spacy(nlp: Any) -> None:
    """Add, once per loaded pipeline: a component that starts a sentence at each paragraph, so the
    parser never joins a heading to the next paragraph; and an entity ruler that tags capitals and
    countries as GPE before the statistical NER runs (it reads "Kiev" as PERSON and "Oslo" as ORG).
    Call before nlp.pipe."""
    if "newsdesk_places" in nlp.pipe_names:
        return
    if "parser" in nlp.pipe_names:
        if not Language.has_factory("newsdesk_paragraphs"):
            Language.component("newsdesk_paragraphs", func=_paragraph_starts)
        nlp.add_pipe("newsdesk_paragraphs", before="parser")
    ruler = nlp.add_pipe("entity_ruler", name="newsdesk_places", before="ner",
                         config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True})
    patterns = [{"label": "GPE", "pattern": name} for name in english_place_names()]
    with nlp.select_pipes(enable=["newsdesk_places"]):
        ruler.add_patterns(patterns)
