"""Interviews: answers in a question-and-answer layout are the interviewee's words, though no line says so."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Article, Entity, Quote
from .lexicon import lexicon

# The words of an interview's layout are data, lexicon/{en,ru}/interview.tsv: "Q: …" / «Вопрос: …» labels, the
# sentence that introduces the interview, the words before an interviewer's name. Typography stays here:
# «— …»: a dialogue turn with no label; a question ends with a question mark.
_DASH = re.compile(r"^\s*[—–-]\s+")
# "Lousen: …": a turn labelled with a speaker's name (an interviewer's or outlet's name marks a question).
_NAME_LABEL = re.compile(r"^\s*([A-ZА-ЯЁ][\w'’.-]*(?:\s+[A-ZА-ЯЁ][\w'’.-]*){0,2})\s*:\s+")
_LINE_BREAK = re.compile(r"\s*\n+\s*")


@dataclass
class _Turn:
    block: int
    start: int  # the words after the dash or label
    end: int
    question: bool
    labelled: bool = False  # "A:", «Ответ:»: an answer by its label, whatever else the page kept
    speaker: Entity | None = None  # named by its label


def _turns(article: Article, persons: list[Entity], attributed: set[int]) -> list[_Turn]:
    by_surname = {p.name.split()[-1].lower(): p for p in persons}
    label = lexicon(article.language).pattern("label", "interview")
    turns: list[_Turn] = []
    for b, block in enumerate(article.blocks):
        if block.kind == "title" or b in attributed:
            continue  # a short question often looks like a heading to the cleaner: it may be a turn
        body = article.text[block.start:block.end]
        m = label.match(body)
        if m:
            turns.append(_Turn(b, block.start + m.end(), block.end, question=bool(m["q"]), labelled=True))
            continue
        m = _DASH.match(body)
        if m:
            turns.append(_Turn(b, block.start + m.end(), block.end, question=body.rstrip().endswith("?")))
            continue
        m = _NAME_LABEL.match(body)
        if m and len(body) - m.end() > 20 and block.kind != "heading":
            speaker = by_surname.get(m.group(1).split()[-1].lower())
            turns.append(_Turn(b, block.start + m.end(), block.end, question=speaker is None, speaker=speaker))
    return turns


def _interviewee(article: Article, persons: list[Entity], before: int) -> Entity | None:
    """The person the text before the first turn introduces as giving the interview: one named in the
    sentence that mentions the interview, else the first person named (a role given counts first)."""
    mentions = sorted(((m.start, m.sentence, p) for p in persons for m in p.mentions if m.start < before),
                      key=lambda x: x[0])
    text = article.text
    lex = lexicon(article.language)
    interviewer, cue = lex.pattern("interviewer", "interview"), lex.pattern("cue", "interview")
    candidates = [(start, si, p) for start, si, p in mentions
                  if not interviewer.search(text[max(0, start - 40):start])
                  and article.blocks[article.sentences[si].block].kind not in ("title", "heading")]
    for start, si, person in candidates:
        if cue.search(article.sentence_text(si)):
            return person
    with_role = [p for _s, _si, p in candidates if p.role]
    if with_role:
        return with_role[0]
    return candidates[0][2] if candidates else None


def interview_answers(article: Article, quotes: list[Quote]) -> list[Quote]:
    """Quotes for the answers of a question-and-answer interview, attributed to the interviewee.

    A layout counts as an interview when it has a question turn and an answer turn, or a labelled answer. An
    answer runs on over the plain paragraphs that follow it, up to the next turn."""
    persons = [e for e in article.entities if e.type == "PERSON"]
    if not persons:
        return []
    # "— …, — he said.": dialogue with its own attribution is no interview turn
    attributed = set()
    for q in quotes:
        block = article.sentences[q.sentence].block
        if q.type == "direct" and not article.text[article.blocks[block].start:q.start].strip(" —–-\n"):
            attributed.add(block)
    turns = _turns(article, persons, attributed)
    # a question and an answer make an interview; an "A:" label alone does (cleaners may drop short questions)
    if all(t.question for t in turns) or not any(t.question or t.labelled for t in turns):
        return []
    interviewee = _interviewee(article, persons, article.blocks[turns[0].block].start)
    starts = [s.start for s in article.sentences]
    out: list[Quote] = []
    for k, turn in enumerate(turns):
        speaker = turn.speaker or interviewee
        if turn.question or speaker is None:
            continue
        end = turn.end
        next_block = turns[k + 1].block if k + 1 < len(turns) else turn.block + 1
        for b in range(turn.block + 1, next_block):
            if article.blocks[b].kind in ("title", "heading"):
                break
            end = article.blocks[b].end  # the answer goes on in the next paragraph
        content = _LINE_BREAK.sub(" ", article.text[turn.start:end]).strip()
        sentence = max(i for i, s in enumerate(starts) if s <= turn.start)
        if any(q.sentence == sentence and q.speaker == speaker.name for q in quotes):
            continue
        out.append(Quote(speaker=speaker.name, speaker_entity=speaker.id, cue="interview", type="direct",
                         content=content, start=turn.start, end=end, sentence=sentence))
    return out
