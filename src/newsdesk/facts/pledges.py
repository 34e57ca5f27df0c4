"""Aid pledges: who commits how much to whom, for what and over which period (en + ru).

A pledge is a commitment verb ("allocate", "pledge", «выделить») governing a money amount, or a
commitment without an amount (co-financing a purchase, extending a mission, approving a sale).
Not pledges: a conversion in brackets, a repeated mention of an amount already pledged, a total
of past aid, a loan only asked for, an amount inside a "Read also" box.

The words and patterns are the lexicon's pledge_verbs, pledge_nouns, pledge_not_aid, pledge_words,
pledge_lemmas and pledge_patterns tables of the article's language; this module reads the parse with them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Amount, Article, Entity, Pledge
from .lexicon import Lexicon, Row, alternation, lexicon
from .money import AmountSpan, find_amounts
from .morph import grammemes, nominative_role
from .parse import Parsed, is_headline
from .places import body_of, country_of
from .syntax import SUBJECT, Tok, ancestors, children, fallback_entities, sentence_tokens, subtree

_NEVER = re.compile(r"(?!)")  # a rule the language's pledge_patterns.tsv has no row for never fires
_YEAR = re.compile(r"(?:19|20)\d\d$")
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[\w'’-]+")
_CAPITALISED = re.compile(r"\b[A-ZА-ЯЁ][\w-]+")


# -- the lexicon, read once per language ------------------------------------------------------
@dataclass(frozen=True)
class _Words:
    """The rows of a table as words to look up: whole lemmas, or (a table keyed by `stem`) the starts of words."""

    rows: dict[str, Row]
    by_start: bool
    starts: tuple[str, ...] = ()

    def __contains__(self, word: str) -> bool:
        return word.startswith(self.starts) if self.by_start else word in self.rows

    def find(self, word: str) -> Row | None:
        if not self.by_start:
            return self.rows.get(word)
        return next((row for key, row in self.rows.items() if word.startswith(key)), None)


def _words(lex: Lexicon, table: str, column: str | None = None, value: str | None = None) -> _Words:
    """A table's rows with `column` set (to `value`, if given); every row without a column."""
    rows = {row.key: row for row in lex.rows(table)
            if column is None or (row[column] == value if value else row[column])}
    return _Words(rows, lex.table(table).columns[0].name == "stem", tuple(rows))


@dataclass(frozen=True)
class _Rules:
    """One language's pledge words and patterns."""

    commit: _Words
    receive: _Words
    request: _Words
    nouns: _Words
    noun_verbs: _Words
    in_kind: _Words
    no_amount: _Words
    promise_head: _Words
    promise: _Words
    giving: _Words
    not_aid: _Words
    role_words: dict[str, frozenset[str]]  # pledge_words.tsv by role
    purpose: dict[str, Row]
    future_before: frozenset[str]
    lemma_starts: dict[str, str]
    pronouns: frozenset[str]
    personal: re.Pattern
    patterns: dict[str, re.Pattern]

    def pattern(self, name: str) -> re.Pattern:
        return self.patterns.get(name, _NEVER)


@lru_cache(maxsize=4)
def _read(lex: Lexicon) -> _Rules:
    roles = next(c for c in lex.table("pledge_words").columns if c.name == "role").choices
    role_words = {role: lex.words("pledge_words", role=role) for role in roles}
    # he/she before a body point to the person announcing for it; a subject that is any personal pronoun
    # (subject or object form) is read through the person or body it stands for
    personal = lex.words("pronouns", subject="yes", gender="m") | lex.words("pronouns", subject="yes", gender="f")
    return _Rules(
        commit=_words(lex, "pledge_verbs", "amount", "commit"), receive=_words(lex, "pledge_verbs", "amount", "receive"),
        request=_words(lex, "pledge_verbs", "amount", "request"), nouns=_words(lex, "pledge_nouns"),
        noun_verbs=_words(lex, "pledge_verbs", "noun"), in_kind=_words(lex, "pledge_verbs", "in_kind"),
        no_amount=_words(lex, "pledge_verbs", "no_amount"), promise_head=_words(lex, "pledge_verbs", "promise_head"),
        promise=_words(lex, "pledge_verbs", "promise"), giving=_words(lex, "pledge_verbs", "giving"),
        not_aid=_words(lex, "pledge_not_aid"), role_words=role_words,
        purpose={row.key: row for row in lex.rows("pledge_words", role="purpose")},
        future_before=lex.words("pledge_words", role="future", before="yes"),
        lemma_starts=lex.mapping("pledge_lemmas", "lemma") if "pledge_lemmas" in lex.tables else {},
        pronouns=lex.words("pronouns", subject="yes") | lex.words("pronouns", object="yes"),
        personal=re.compile(rf"\b{alternation(list(personal))}\b", re.IGNORECASE),
        patterns={row.key: lex.pattern(row.key, "pledge_patterns") for row in lex.rows("pledge_patterns")},
    )


def _rules(language: str | None) -> _Rules:
    return _read(lexicon(language))


# -- the article ------------------------------------------------------------------------------
@dataclass
class _Context:
    """What the reader remembers while going through the article."""

    article: Article
    parsed: Parsed
    rules: _Rules
    persons: list[tuple[int, int, Entity]] = field(default_factory=list)  # PERSON mentions by offset
    by_offset: list[tuple[int, int, Entity]] = field(default_factory=list)  # every entity mention
    pledged: list[Amount] = field(default_factory=list)
    last_country: str | None = None
    last_block: int = -1
    last_pledge_block: int = -2
    person_country_cache: dict[str, str | None] = field(default_factory=dict)


@dataclass
class _Sentence:
    """One sentence being read: its index, text, offset in the article and tokens."""

    index: int
    text: str
    offset: int
    toks: list[Tok]


def find_pledges(article: Article, parsed: Parsed) -> None:
    """Fill article.pledges, in text order, each with its sentence index."""
    ctx = _context(article, parsed)
    pledges: list[Pledge] = []
    # a headline restates the body's pledge: read the body first, the title only for what it adds
    headline = [is_headline(article, s.block) for s in article.sentences]
    order = [i for i, h in enumerate(headline) if not h] + [i for i, h in enumerate(headline) if h]
    for index in order:
        for pledge in _sentence_pledges(ctx, index, headline[index]):
            pledges.append(pledge)
            if pledge.amount:
                ctx.pledged.append(pledge.amount)
            country = country_of(pledge.donor, article.language)
            if country:
                ctx.last_country = country
            ctx.last_pledge_block = article.sentences[index].block
    pledges.sort(key=lambda p: p.sentence)
    _share_recipient(pledges, article.language)
    article.pledges = pledges


def _context(article: Article, parsed: Parsed) -> _Context:
    ctx = _Context(article, parsed, _rules(article.language))
    for entity in article.entities or fallback_entities(article, parsed):
        for m in entity.mentions:
            ctx.by_offset.append((m.start, m.end, entity))
            if entity.type == "PERSON":
                ctx.persons.append((m.start, m.end, entity))
    ctx.by_offset.sort(key=lambda x: x[0])
    ctx.persons.sort(key=lambda x: x[0])
    return ctx


def _share_recipient(pledges: list[Pledge], language: str) -> None:
    """A pledge whose sentence names no recipient goes to the one the article's other pledges name."""
    recipients = [p.recipient for p in pledges if p.recipient]
    counts = sorted(((recipients.count(r), r) for r in set(recipients)), reverse=True)
    if counts and counts[0][0] >= 2 and (len(counts) == 1 or counts[0][0] > counts[1][0]):
        main = counts[0][1]
        for pledge in pledges:
            if pledge.recipient is None and country_of(pledge.donor, language) != main:
                pledge.recipient = main


def _sentence_pledges(ctx: _Context, index: int, headline: bool) -> list[Pledge]:
    article, rules = ctx.article, ctx.rules
    sentence = article.sentences[index]
    text = article.text[sentence.start:sentence.end]
    ctx.last_block = sentence.block
    if rules.pattern("read_also").match(article.block_text(sentence.block)):
        return []
    amounts = [a for a in find_amounts(text, article.language, article.text) if not _bracketed(text, a)]
    if not amounts and not rules.pattern("maybe_no_amount").search(text):
        return []
    toks = sentence_tokens(ctx.parsed, sentence.start, sentence.end)
    if not toks:
        return []
    return _pledges_in_sentence(ctx, _Sentence(index, text, sentence.start, toks), amounts, headline)


# -- one sentence -----------------------------------------------------------------------------
def _pledges_in_sentence(ctx: _Context, s: _Sentence, amounts: list[AmountSpan], headline: bool) -> list[Pledge]:
    total = ctx.rules.pattern("total")
    out: list[Pledge] = []
    for span in amounts:
        pledge = _amount_pledge(ctx, s, span, out)
        if pledge is not None:
            out.append(pledge)
    if total.search(s.text) and total.search(ctx.rules.pattern("relative").sub(_blank, s.text)) or headline and out:
        return out
    if not out and not amounts:
        pledge = _no_amount_pledge(ctx, s)
        if pledge is not None:
            return [pledge]
    # "…, and the other side will finance the repair of the tracks", "it would send engineers": a promise in
    # kind, next to an amount given by someone else or alone
    amount_ids = {t.i for span in amounts for t in _tokens_of(s.toks, s.offset, span)}
    for trigger in [] if headline else _in_kind_triggers(s.toks, ctx.rules):
        if any(t.i in amount_ids for t in subtree(s.toks, trigger.i)):
            continue
        donor = _donor(ctx, s.toks, trigger, s.offset, s.text)
        if not _gives(ctx, donor) or any(p.donor == donor for p in out):
            continue
        out.append(_pledge_without_amount(ctx, s, donor, trigger))
    return out


def _blank(m: re.Match) -> str:
    return " " * len(m.group(0))


def _amount_pledge(ctx: _Context, s: _Sentence, span: AmountSpan, out: list[Pledge]) -> Pledge | None:
    """The pledge of one amount, or None (a total, a repeat, no commitment, no giver)."""
    rules, text, language = ctx.rules, s.text, ctx.article.language
    # "has so far provided £12bn" is a total; "$250m, the largest pledge so far" is not
    clause_end = text.find(", ", span.end)
    scope = rules.pattern("relative").sub(lambda m: _blank(m) if not m.start() <= span.start < m.end() else m.group(0),
                                          text[:span.end] if clause_end < 0 else text[:clause_end])
    if rules.pattern("total").search(scope) or _repeated(ctx, text, span):
        return None
    gapped = rules.pattern("gapped_donor").search(text, 0, span.start) if out else None
    if gapped and not _DIGIT.search(gapped.group(1)):
        # «Татарстан внесёт 1,2 млрд рублей, узбекская сторона — 15 млн долларов»: the verb is left out
        phrase = gapped.group(1).strip()
        donor = country_of(phrase, language) or body_of(phrase) or phrase
        return Pledge(donor=donor, recipient=out[-1].recipient, amount=span.amount,
                      purpose=out[-1].purpose, period=_period(text, rules), sentence=s.index)
    anchor = _token_in(s.toks, s.offset + span.start, s.offset + span.end)
    trigger = _trigger_for(s.toks, anchor, rules) if anchor is not None else None
    if trigger is None:
        return None
    named = rules.pattern("money_of").match(text, span.end)
    donor = country_of(named.group(1), language) if named else None
    donor = donor or _donor(ctx, s.toks, trigger, s.offset, text)
    if not _gives(ctx, donor):
        return None  # "The package, worth $300 million, ...": no giver named
    purpose = _purpose(s.toks, trigger, _tokens_of(s.toks, s.offset, span), text, s.offset, rules)
    return Pledge(donor=donor, recipient=_recipient(ctx, s.toks, donor, span, s.offset), amount=span.amount,
                  purpose=purpose, period=_period(text, rules), sentence=s.index)


def _no_amount_pledge(ctx: _Context, s: _Sentence) -> Pledge | None:
    trigger = _no_amount_trigger(s.toks, ctx.rules)
    if trigger is None:
        return None
    donor = _donor(ctx, s.toks, trigger, s.offset, s.text)
    return _pledge_without_amount(ctx, s, donor, trigger) if _gives(ctx, donor) else None


def _pledge_without_amount(ctx: _Context, s: _Sentence, donor: str, trigger: Tok) -> Pledge:
    return Pledge(donor=donor, recipient=_recipient(ctx, s.toks, donor, None, s.offset), amount=None,
                  purpose=_object_phrase(s.toks, trigger, s.text, s.offset, ctx.rules),
                  period=_period(s.text, ctx.rules), sentence=s.index)


def _gives(ctx: _Context, donor: str | None) -> bool:
    """A giver: a country, or a body or person named as one."""
    return bool(donor) and bool(country_of(donor, ctx.article.language) or _is_actor(ctx, donor))


def _promised(toks: list[Tok], tok: Tok, rules: _Rules) -> bool:
    """Said as a commitment: a future or conditional ("will send", "would pay", «передаст»), or the
    infinitive of a promise ("pledged to send", «пообещала передать»)."""
    head = toks[tok.head] if tok.head >= 0 else None
    if head is not None and tok.dep == "xcomp" and head.lemma in rules.promise_head:
        return True
    if any(c.dep == "aux" and c.lemma in rules.role_words["future"] for c in children(toks, tok.i)):
        return True
    if rules.future_before and _modal_before(toks, tok, rules):
        return True
    return bool(rules.role_words["tense"]) and grammemes(tok.text).tense in rules.role_words["tense"]


def _modal_before(toks: list[Tok], tok: Tok, rules: _Rules) -> bool:
    """"would also co-finance": the parser may hang a split verb from elsewhere; the modal is just before it."""
    for t in reversed(toks[max(0, tok.i - 4):tok.i]):
        if t.lemma in rules.future_before:
            return True
        if t.pos not in ("ADV", "PART", "VERB", "PUNCT") and t.text not in rules.role_words["split"]:
            break
    return False


def _lemma(tok: Tok, rules: _Rules) -> str:
    """The lemma, or the verb an unfinished one is (pledge_lemmas.tsv: "cofinancing" -> "co-finance")."""
    return next((verb for start, verb in rules.lemma_starts.items() if tok.lemma.startswith(start)), tok.lemma)


def _in_kind_triggers(toks: list[Tok], rules: _Rules) -> list[Tok]:
    """Giving in kind or paying for something, promised: "will send engineers", "would co-finance the drilling",
    "would pay for training teachers", «передаст котельные», «профинансирует ремонт». ("provide" and "give"
    are no such verbs: states provide guarantees and give assurances far more often than goods.)"""
    found = []
    for tok in toks:
        if tok.pos != "VERB" or _negated(toks, tok, rules):
            continue
        row = rules.in_kind.find(_lemma(tok, rules))
        if row is None or not _promised(toks, tok, rules):
            continue
        objects = [c for c in children(toks, tok.i) if c.dep in ("dobj", "obj")]
        if not objects and row["in_kind"] != "yes":
            # "pay for training teachers": the object after the preposition the row names
            objects = [g for c in children(toks, tok.i) if c.dep == "prep" and c.lemma == row["in_kind"]
                       for g in children(toks, c.i) if g.dep in ("pobj", "pcomp")]
        if not objects or objects[0].pos == "PRON" or objects[0].text.lower() in rules.not_aid:
            continue
        found.append(tok)
    return found


def _bracketed(text: str, span: AmountSpan) -> bool:
    """A conversion like "(about $6.6 billion)": the amount sits inside brackets."""
    before = text[:span.start]
    return before.count("(") > before.count(")") or before.count("[") > before.count("]")


def _repeated(ctx: _Context, text: str, span: AmountSpan) -> bool:
    """An amount already pledged, or one pointed back to ("Berlin's €4 billion", "the €4 billion")."""
    if ctx.pledged and ctx.rules.pattern("restated").search(text, 0, span.start):
        return True
    before = text[:span.start].rstrip()
    if ctx.rules.pattern("pointer").search(before):
        if any(abs(a.value - span.amount.value) <= 0.01 * a.value and a.currency == span.amount.currency
               for a in ctx.pledged):
            return True
    return any(abs(a.value - span.amount.value) <= 0.001 * a.value and a.currency == span.amount.currency
               for a in ctx.pledged)


def _token_in(toks: list[Tok], start: int, end: int) -> Tok | None:
    """The head token of an amount span: the one whose head lies outside the span."""
    inside = [t for t in toks if t.start >= start and t.end <= end + 1 or t.start <= start < t.end]
    if not inside:
        return None
    ids = {t.i for t in inside}
    for t in inside:
        if t.head not in ids:
            return t
    return inside[-1]


def _is_trigger(tok: Tok, rules: _Rules) -> bool:
    return tok.lemma in rules.commit or tok.lemma in rules.nouns or tok.lemma in rules.receive


def _trigger_for(toks: list[Tok], anchor: Tok, rules: _Rules) -> Tok | None:
    """The commitment word governing the amount, or None (a price, a request, a mere figure)."""
    chain = [anchor] + ancestors(toks, anchor.i)
    if any(tok.lemma in rules.request for tok in chain):
        return None
    for tok in chain:
        if tok.pos in ("VERB", "AUX") or tok is not anchor and tok.pos == "NOUN":
            if _is_trigger(tok, rules):
                return tok
            if tok.pos == "VERB" and tok.dep not in ("xcomp", "ccomp", "acl", "advcl", "conj", "relcl") and \
                    tok.head >= 0 and not any(_is_trigger(t, rules) for t in ancestors(toks, tok.i)):
                # a main verb that commits nothing ("costs", "spends"): not a pledge
                return None
    return None


def _promised_giving(toks: list[Tok], tok: Tok, rules: _Rules) -> bool:
    """"Turkey pledged to contribute to the fund", «Япония пообещала участвовать в восстановлении»."""
    row = rules.promise.find(tok.lemma)
    if row is None or row["verb_only"] and tok.pos != "VERB":
        return False
    return any(c.dep == "xcomp" and c.lemma in rules.giving for c in children(toks, tok.i))


def _no_amount_trigger(toks: list[Tok], rules: _Rules) -> Tok | None:
    for tok in toks:
        if _promised_giving(toks, tok, rules) and not _negated(toks, tok, rules):
            return next(c for c in children(toks, tok.i) if c.dep == "xcomp")
        kind = _no_amount_kind(tok, rules)
        if not kind or _negated(toks, tok, rules):
            continue
        if kind == "quantity":
            if _counted_equipment(toks, tok):
                return tok
            continue
        below = {s.i for c in children(toks, tok.i) for s in subtree(toks, c.i)}
        if rules.pattern(f"no_amount_{kind}").search(" ".join(t.text for t in toks if t.i in below)):
            return tok  # co-financing a purchase, extending a mission, approving a sale
    return None


def _no_amount_kind(tok: Tok, rules: _Rules) -> str | None:
    row = rules.no_amount.find(_lemma(tok, rules))
    if row is None or row["verb_only"] and tok.pos != "VERB":
        return None
    return row["no_amount"]


def _negated(toks: list[Tok], tok: Tok, rules: _Rules) -> bool:
    return any(c.dep == "neg" or c.lemma in rules.role_words["negation"] for c in children(toks, tok.i))


def _counted_equipment(toks: list[Tok], trigger: Tok) -> bool:
    """"send two air defence systems": a number counting what is given, in the trigger's object."""
    for c in children(toks, trigger.i):
        if c.dep in ("dobj", "obj"):
            for t in subtree(toks, c.i):
                if t.pos == "NUM" and t.dep in ("nummod", "nummod:gov") and not _YEAR.match(t.text):
                    return True
    return False


# -- donor ------------------------------------------------------------------------------------
def _source_of(toks: list[Tok], tok: Tok, rules: _Rules) -> Tok | None:
    """The giver named on a word itself: "Denmark's contribution", "a package from Japan", «помощь от Японии»,
    "provided by Canada"."""
    source = rules.role_words["source"]
    for c in children(toks, tok.i):
        if c.dep in ("poss", "nmod:poss") and c.pos in ("PROPN", "NOUN"):
            return c
        if c.dep == "amod" and tok.pos == "NOUN" and c.text[:1].isupper() and country_of(c.text):
            return c  # "€45 million in Irish funding": the people's adjective on the money names the giver
        if c.dep in ("agent", "obl:agent") or (c.dep == "prep" and c.lemma in source and (
                tok.pos == "NOUN" or any(g.pos == "PROPN" for g in children(toks, c.i)))):
            # "a package from Japan"; not "release 500 million from its reserve"
            objs = [g for g in children(toks, c.i) if g.dep == "pobj"]
            if objs:
                return objs[0]
        if c.dep in ("obl", "nmod") and any(g.lemma in source and g.dep == "case" for g in children(toks, c.i)):
            return c
    return None


def _subject_of(toks: list[Tok], trigger: Tok, rules: _Rules) -> Tok | None:
    """The giving subject: a passive's agent, the trigger's subject, else that of the verbs it hangs from.
    For "receive"/«получить» the giver is the "from" phrase, the subject being the recipient."""
    current: Tok | None = trigger
    steps = 0
    while current is not None and steps < 6:
        source = _source_of(toks, current, rules)
        if source is not None:
            return source
        if current.lemma in rules.receive:
            return None  # "Ukraine will receive $1bn" with no giver named
        postposed = _postposed_subject(toks, current, rules) if steps == 0 else None
        if postposed is not None:
            return postposed
        for c in children(toks, current.i):
            if c.dep in SUBJECT and c.dep not in ("nsubjpass", "nsubj:pass"):
                if c.pos == "NOUN" and (c.lemma in rules.nouns or c.lemma in rules.noun_verbs):
                    # "A further $400 million package from the US was announced": the package's giver
                    return _source_of(toks, c, rules)
                return c
        current = toks[current.head] if current.head >= 0 else None
        steps += 1
    return None


def _postposed_subject(toks: list[Tok], verb: Tok, rules: _Rules) -> Tok | None:
    """«…, из которых 19 млрд рублей выделит федеральный бюджет»: in a relative clause the giver follows the
    verb, and the parser may take it for a second object or take the main clause's noun for the subject.
    A nominative noun after the verb with no figure in it, when a «который» stands before the verb."""
    if verb.pos != "VERB" or not rules.pattern("postposed_verb").search(verb.text):
        return None
    relative = [t for t in toks if t.start < verb.start and rules.pattern("relative_word").match(t.text)]
    subjects = [c for c in children(toks, verb.i) if c.dep in SUBJECT]
    if subjects and not (relative and all(s.start < relative[-1].start for s in subjects)):
        return None
    for c in children(toks, verb.i):
        if c.dep in ("obj", "nsubj") and c.start > verb.start and c.pos in ("NOUN", "PROPN") \
                and not any(t.pos == "NUM" for t in subtree(toks, c.i)) \
                and "nomn" in grammemes(c.text):
            return c
    return None


def _phrase(toks: list[Tok], head: Tok, text: str, offset: int) -> tuple[int, int]:
    """The subject's noun phrase without relative clauses, appositions or trailing modifiers."""
    keep = [head]
    stop = {"relcl", "acl", "appos", "punct", "cc", "conj", "prep", "advcl", "acl:relcl", "parataxis"}
    frontier = [head]
    while frontier:
        node = frontier.pop()
        for c in children(toks, node.i):
            if c.dep in stop:
                continue
            if c.start > head.end and c.dep not in ("flat", "flat:name", "nmod", "compound", "case"):
                continue
            keep.append(c)
            frontier.append(c)
    start = min(t.start for t in keep)
    end = max(t.end for t in keep)
    return start, end


def _donor(ctx: _Context, toks: list[Tok], trigger: Tok, offset: int, text: str) -> str | None:
    rules = ctx.rules
    subject = _subject_of(toks, trigger, rules)
    if subject is None:
        return None
    owner = _owner_body(ctx, subject, offset, text)
    if owner:
        return owner
    wire = rules.pattern("wire_dateline").match(text)
    if wire and subject.start < offset + wire.end():
        # the parser took the dateline's city for the subject: the first name after it gives
        return _first_name_after(ctx, offset + wire.end())
    # "the Ministry announced that it would finance": the pronoun is the outer subject
    if subject.lemma in rules.pronouns and subject.text.lower() in rules.role_words["body_pronoun"]:
        outer = _outer_subject(toks, subject, rules)
        if outer is not None and outer.text.lower() not in rules.pronouns:
            subject = outer
        elif ctx.last_country:
            return ctx.last_country
    if subject.text.lower() in rules.pronouns:
        person = _person_before(ctx, subject.start)
        if person is None:
            return ctx.last_country
        return _person_country(ctx, person) or _continuing_country(ctx, text) or person.name
    return _phrase_donor(ctx, toks, subject, offset, text)


def _owner_body(ctx: _Context, subject: Tok, offset: int, text: str) -> str | None:
    """"The Board of Directors of the African Development Bank", "the Government of Mozambique":
    the body of whom gives, not its board."""
    language = ctx.article.language
    for owner in ctx.rules.pattern("owned_body").finditer(text):
        if owner.start() <= subject.start - offset < owner.end():
            name = owner.group(1).strip()
            return country_of(name, language) or body_of(name) or name
    return None


def _first_name_after(ctx: _Context, start: int) -> str | None:
    after = next((entity for s, _, entity in ctx.by_offset if s >= start), None)
    if after is None:
        return None
    return country_of(after.name, ctx.article.language) or body_of(after.name) or after.name


def _outer_subject(toks: list[Tok], subject: Tok, rules: _Rules) -> Tok | None:
    """The subject of the clause the pronoun's verb depends on ("the Ministry announced that it …")."""
    if subject.head < 0:
        return None
    verb = toks[subject.head]
    return _subject_of(toks, toks[verb.head] if verb.head >= 0 else verb, rules)


def _phrase_donor(ctx: _Context, toks: list[Tok], subject: Tok, offset: int, text: str) -> str | None:
    """The giver a subject's noun phrase names: a country, a body, an entity, the country talked about."""
    rules, language = ctx.rules, ctx.article.language
    start, end = _phrase(toks, subject, text, offset)
    phrase = ctx.article.text[start:end]
    if rules.pattern("his_country").match(phrase):
        # "President X said his country would send ...": the country of the person just named
        person = _person_before(ctx, subject.start)
        country = _person_country(ctx, person) if person else None
        if country:
            return country
    if rules.pattern("the_country").search(phrase) and ctx.last_country:
        return ctx.last_country
    if rules.pattern("bare_authority").fullmatch(phrase.strip()):
        return _authority_donor(ctx, subject, offset, text, phrase)
    phrase = rules.pattern("article").sub("", phrase).strip()
    country = country_of(phrase, language) or body_of(phrase)
    if country:
        return country
    entity = _entity_at(ctx, subject.start, subject.end) or (
        _entity_at(ctx, start, end) if subject.pos == "PROPN" else None)
    if entity is not None:
        if entity.type == "PERSON" and not entity.name.isupper():  # "EU" read as a person is a body
            return _person_country(ctx, entity) or _continuing_country(ctx, text) or entity.name
        return country_of(entity.name, language) or body_of(entity.name) or entity.name
    if subject.pos == "PROPN" and _continuing_country(ctx, text):
        return _continuing_country(ctx, text)
    return phrase or None


def _authority_donor(ctx: _Context, subject: Tok, offset: int, text: str, phrase: str) -> str:
    """"she said the government would release …", «регион добавит …»: the one the speaker runs.
    The body gives, not the official announcing it: a regional governor's «регион» is his region
    («регион (Архангельская область)»), never the governor himself."""
    bare = ctx.rules.pattern("article").sub("", phrase.strip())
    # the official before it ("X said the region would …"), else the one after ("…, council leader X said")
    person = _announcer(ctx, subject, offset, text)
    if person is None:
        return bare
    # Named by what the speaker's role says it is, else by whose it is: "government (Amélia Cossa)".
    body = _role_body(person.role or person.affiliation or "", ctx.rules) or person.name
    return _person_country(ctx, person) or f"{bare} ({body})"


def _continuing_country(ctx: _Context, text: str) -> str | None:
    """"In addition, Prime Minister X announced ...": the country whose pledge this paragraph is about."""
    if ctx.last_country and (ctx.last_pledge_block == ctx.last_block or ctx.rules.pattern("continuation").match(text)):
        return ctx.last_country
    return None


def _entity_at(ctx: _Context, start: int, end: int) -> Entity | None:
    best = None
    for s, e, entity in ctx.by_offset:
        if s >= end:
            break
        if s < end and start < e:
            if best is None or entity.type == "PERSON":
                best = entity
    return best


def _announcer(ctx: _Context, subject: Tok, offset: int, text: str) -> Entity | None:
    """Who announces a body's money in this sentence: the speaker of its quotation (an interview
    answer, "…, council leader X said"), a person named earlier in the paragraph, the one a
    pronoun before the body points to, or a person named after it in the sentence."""
    by_id = {e.id: e for e in ctx.article.entities}
    for quote in ctx.article.quotes:
        if offset <= quote.start < offset + len(text) and quote.speaker_entity in by_id \
                and by_id[quote.speaker_entity].type == "PERSON":
            return by_id[quote.speaker_entity]
    paragraph = next((b.start for b in ctx.article.blocks if b.start <= subject.start < b.end), 0)
    pointed = ctx.rules.personal.search(text[:subject.start - offset])
    return (_person_after(ctx, paragraph, subject.start, last=True)
            or (_person_before(ctx, subject.start) if pointed else None)
            or _person_after(ctx, subject.end, offset + len(text)))


def _person_after(ctx: _Context, offset: int, end: int, last: bool = False) -> Entity | None:
    """The first (or `last`) person named between two offsets."""
    found = [entity for s, _, entity in ctx.persons if offset <= s < end]
    return (found[-1] if last else found[0]) if found else None


def _person_before(ctx: _Context, offset: int) -> Entity | None:
    best = None
    for s, e, entity in ctx.persons:
        if s >= offset:
            break
        best = entity
    return best


def _role_body(role: str, rules: _Rules) -> str | None:
    """The body a role belongs to: "Deputy Chairman of the regional government" -> "the regional
    government"; «губернатор Архангельской области» -> «Архангельская область» (put in the nominative)."""
    m = rules.pattern("role_body").search(role)
    if m:
        return m.group(1).strip()
    m = rules.pattern("role_body_declined").search(role)
    if not m:
        return None
    words = m.group(1).split()
    while words and not words[0][:1].isupper() and len(words) > 1 and grammemes(words[0]).POS == "NOUN":
        words = words[1:]  # «губернатор Архангельской области»: the title is not the body
    body = nominative_role(words)  # the agreement rules roles already use
    return body[:1].upper() + body[1:] if words[0][:1].isupper() else body


def _is_actor(ctx: _Context, donor: str) -> bool:
    """A named body: an entity of the article, a capitalised name ("the Harlow administration"), a budget
    ("the federal government", «областное правительство»; not a bare "ministry" met before), or a body
    though unnamed ("the council has pledged …", «правительство выделит …»)."""
    rules = ctx.rules
    if any(e.name == donor for e in ctx.article.entities) or rules.pattern("budget").search(donor) \
            and len(donor.split()) >= 2:
        return True
    if rules.pattern("bare_authority").fullmatch(donor.strip()):
        return True
    return bool(_CAPITALISED.search(donor))


def _person_country(ctx: _Context, person: Entity) -> str | None:
    """The country a person speaks for: affiliation, role ("Norwegian Prime Minister"), or the
    state their mentions are tied to ("Berlin was represented by X", "X confirmed Germany's ...")."""
    if person.id in ctx.person_country_cache:
        return ctx.person_country_cache[person.id]
    language = ctx.article.language
    found = None
    for source in (person.affiliation, person.role):
        if source and not found:
            found = country_of(source, language) or next(
                (c for c in (country_of(w, language) for w in _WORD.findall(source)) if c), None)
    if not found:
        votes: dict[str, int] = {}
        for m in person.mentions:
            if m.sentence >= len(ctx.article.sentences):
                continue
            sentence = ctx.article.sentences[m.sentence]
            country = _clause_country(ctx, sentence_tokens(ctx.parsed, sentence.start, sentence.end), m.start, m.end)
            if country:
                votes[country] = votes.get(country, 0) + 1
        if votes:
            found = max(votes, key=lambda k: votes[k])
    ctx.person_country_cache[person.id] = found
    return found


def _clause_verb(toks: list[Tok], tok: Tok) -> Tok | None:
    for t in [tok] + ancestors(toks, tok.i):
        if t.pos in ("VERB", "AUX"):
            return t
    return None


def _clause_country(ctx: _Context, toks: list[Tok], start: int, end: int) -> str | None:
    """A country that is subject or possessor in the person's own clause."""
    language = ctx.article.language
    person_tok = next((t for t in toks if t.start <= start < t.end), None)
    if person_tok is None:
        return None
    verb = _clause_verb(toks, person_tok)
    # "X said that Portugal would provide ...": a speaker announcing a country's pledge speaks for it
    reported = {t.i for t in toks if verb is not None and t.head == verb.i and t.dep in ("ccomp", "xcomp")}
    for t in toks:
        if t.dep in SUBJECT and t.head in reported and not (start <= t.start < end):
            country = country_of(t.text, language)
            if country:
                return country
    for t in toks:
        if start <= t.start < end:
            continue
        if t.dep not in SUBJECT | {"poss", "nmod:poss"} or _clause_verb(toks, t) is not verb:
            continue
        country = country_of(t.text, language)
        if country:
            return country
    return None


# -- recipient, purpose, period ---------------------------------------------------------------
def _recipient(ctx: _Context, toks: list[Tok], donor: str, span: AmountSpan | None, offset: int) -> str | None:
    language = ctx.article.language
    for t in toks:
        if t.pos not in ("PROPN", "ADJ", "NOUN") or t.dep in SUBJECT | {"poss"}:
            continue
        country = country_of(t.text, language)
        if country and country != donor and country != country_of(donor, language):
            return country
    return None


def _tokens_of(toks: list[Tok], offset: int, span: AmountSpan) -> list[Tok]:
    return [t for t in toks if offset + span.start <= t.start < offset + span.end]


def _purpose(toks: list[Tok], trigger: Tok, amount: list[Tok], text: str, offset: int, rules: _Rules) -> str | None:
    """"for the development of air defense", "to help Ukraine", "in financial assistance", «на развитие ПВО»."""
    candidates = _purpose_candidates(toks, trigger, amount, rules)
    if not candidates and amount:
        match = rules.pattern("purpose_after_amount").match(text[amount[-1].end - offset:])
        if match:
            phrase = _cut_period(match.group(1), rules)
            if phrase and not country_of(rules.pattern("purpose_prep").sub("", phrase)):
                return phrase
    for group in candidates:
        phrase = _cut_period(text[group[0].start - offset:group[-1].end - offset], rules)
        if rules.pattern("purpose_amount").match(phrase):
            continue  # «на сумму $300 млн» names the amount, not what it is for
        if phrase and not rules.pattern("purpose_years").fullmatch(phrase) \
                and not country_of(rules.pattern("purpose_prep").sub("", phrase)):  # "for Ukraine" names the recipient
            return phrase
    return None


def _purpose_candidates(toks: list[Tok], trigger: Tok, amount: list[Tok], rules: _Rules) -> list[list[Tok]]:
    heads = amount + [trigger]
    if trigger.pos == "NOUN" and trigger.head >= 0:
        heads.append(toks[trigger.head])  # "announced the allocation of $1bn ... for the supply of weapons"
    groups = (_purpose_group(toks, c, trigger, rules) for head in heads for c in children(toks, head.i))
    return [group for group in groups if group is not None]


def _purpose_group(toks: list[Tok], c: Tok, trigger: Tok, rules: _Rules) -> list[Tok] | None:
    """The tokens of a purpose hanging from `c`: a preposition's object, an infinitive, a case phrase."""
    prep = rules.purpose.get(c.lemma)
    if prep is not None and c.dep == "prep" and (not prep["verb"] or trigger.lemma == prep["verb"]):
        phrase = subtree(toks, c.i)[1:]
        if phrase and not any(t.pos == "NUM" and _YEAR.match(t.text) for t in phrase) \
                and not rules.pattern("purpose_period").match(" ".join(t.text for t in phrase)):
            if not prep["aid"] or rules.pattern("purpose_aid").search(" ".join(t.lemma for t in phrase)):
                return phrase
        return None
    infinitive = rules.role_words["infinitive"]
    if c.dep in ("advcl", "xcomp") and any(g.lemma in infinitive for g in children(toks, c.i)) and c.i > trigger.i:
        return [t for t in subtree(toks, c.i) if t.lemma not in infinitive or t.i != c.i - 1]
    if c.dep in ("obl", "nmod") and any(g.lemma in rules.purpose and g.dep == "case" for g in children(toks, c.i)):
        return subtree(toks, c.i)
    return None


def _object_phrase(toks: list[Tok], trigger: Tok, text: str, offset: int, rules: _Rules) -> str | None:
    objects = [c for c in children(toks, trigger.i) if c.dep in ("dobj", "obj", "pobj", "prep")]
    head = objects[0] if objects and objects[0].dep in ("dobj", "obj") else trigger
    group = [t for t in subtree(toks, head.i) if (t.i >= head.i or head is not trigger) and t.pos != "PUNCT"]
    if not group:
        return None
    return _cut_period(text[group[0].start - offset:group[-1].end - offset], rules) or None


def _cut_period(phrase: str, rules: _Rules) -> str:
    match = rules.pattern("period").search(phrase)
    if match:
        phrase = phrase[:match.start()]
    return rules.pattern("purpose_lead").sub("", phrase.strip(" ,.;:")).strip(" ,.;:")


def _period(text: str, rules: _Rules) -> str | None:
    match = rules.pattern("period").search(text)
    return match.group(0) if match else None
