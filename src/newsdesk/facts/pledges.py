"""Aid pledges: who commits how much to whom, for what and over which period (en + ru).

A pledge is a commitment verb ("allocate", "pledge", «выделить») governing a money amount, or a
commitment without an amount (co-financing a purchase, extending a mission, approving a sale).
Not pledges: a conversion in brackets, a repeated mention of an amount already pledged, a total
of past aid, a loan only asked for, an amount inside a "Read also" box.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Amount, Article, Entity, Pledge
from .money import AmountSpan, find_amounts
from .parse import Parsed, is_headline
from .morph import grammemes, nominative_role
from .places import body_of, country_of
from .syntax import SUBJECT, Tok, ancestors, children, fallback_entities, sentence_tokens, subtree

# -- vocabulary -------------------------------------------------------------------------------
_EN_PLEDGE_VERBS = {
    "allocate", "pledge", "promise", "provide", "give", "donate", "contribute", "commit", "grant", "send",
    "earmark", "transfer", "disburse", "approve", "offer", "finance", "fund", "co-finance", "cofinance",
    "co-fund", "pay", "supply", "deliver", "unveil", "release", "channel", "set", "announce", "invest",
    "dedicate", "assign", "award", "lend", "loan", "extend", "confirm", "agree", "make", "sign", "spend",
    "allot", "mobilize", "mobilise", "add",
}
_EN_PLEDGE_NOUNS = {"allocation", "pledge", "package", "contribution", "grant", "tranche", "commitment",
                    "aid", "assistance", "funding", "donation", "support", "loan", "transfer", "disbursement"}
_RECEIVE = {"receive", "get", "obtain", "secure", "win"}
_RU_RECEIVE = re.compile(r"^(?:получ)")
# Asking, hoping and weighing commit no one ("was considering a loan of up to €500 million").
_EN_REQUEST = {"ask", "request", "seek", "demand", "beg", "appeal", "urge", "call", "want", "hope", "need",
               "expect", "lobby", "plead", "consider", "weigh", "study", "examine", "mull", "discuss", "explore",
               "negotiate", "negotiation", "discussion", "talk"}
_RU_PLEDGE = re.compile(
    r"^(?:выдел|предостав|пообещ|обещ|направ|переда|перечисл|пожертв|профинансир|софинансир|финансир|добав|залож|"
    r"продл|одобр|выплат|внес|отправ|постав|вылож|дад|дат|выплач|ассигн|инвестир|утверд|заплат|оплат|"
    r"объяв|анонсир|подтверд|помощ|пакет|взнос|транш|грант|кредит|финансировани|ассигновани|выделени)",
)
_RU_REQUEST = re.compile(r"^(?:попрос|прос|запрос|обрат|призв|требова|потребова|хоч|хот|рассчитыва|надея|"
                         r"рассматрива|обсужда|изуча|переговор|веду|вест)")
_TOTAL = re.compile(
    r"\b(?:since\s+(?:(?:19|20)\d\d|the\s+start|the\s+beginning|the\s+outbreak|then)|so\s+far|to\s+date|"
    r"in\s+total|a\s+total\s+of|the\s+total|altogether|overall|cumulative(?:ly)?|over\s+the\s+past|"
    r"in\s+the\s+past|a\s+combined|(?:first|second|third|next|last|final)\s+tranche|tranches?\s+of|"
    r"already\s+(?:provided|allocated|given|sent|spent|released|disbursed|paid|received|transferred|delivered)|"
    r"has\s+(?:so\s+far\s+)?spent|bringing\s+(?:the\s+|its\s+|their\s+)?[\w'’ -]{0,30}total|"
    r"last\s+year|a\s+year\s+ago)\b"  # "Last year, the region spent …": past aid, not a commitment
    r"|(?:^|\s)(?:всего|в\s+общей\s+сложности|в\s+сумме|транш|с\s+начала|с\s+(?:19|20)\d\d\s+года|за\s+время|за\s+годы|"
    r"за\s+прошедш|ранее|в\s+прошлом\s+году|год\s+назад|уже\s+(?:выделил|предоставил|передал|направил|получил|перечислил|потратил))",
    re.I,
)
# "€45 million in Irish funding": the people's adjective on the money names the giver
_MONEY_OF = re.compile(r"\s+in\s+([A-Z][\w-]+)\s+(?:funding|aid|assistance|support|grants?|loans?|money|financing)\b")
# ", which has funded water projects since 2000,": a relative clause's past says nothing of the main verb's amount
_RELATIVE = re.compile(r",\s*(?:which|who|that|который|которая|которое|которые)\b[^,]*,", re.I)
_READ_ALSO = re.compile(r"^\s*(?:read\s+(?:also|more)|see\s+also|related|also\s+read|more\s+on\s+this|"
                        r"читайте\s+(?:также|тоже)|также\s+читайте|смотрите\s+также|по\s+теме)\b", re.I)
# Commitments without an amount: financing a purchase, extending a mission, approving a sale,
# sending a counted quantity of equipment.
_EN_NO_AMOUNT = {
    "finance": "object", "co-finance": "object", "cofinance": "object", "fund": "object", "co-fund": "object",
    "extend": "mission", "extension": "mission", "approve": "sale", "send": "quantity", "deliver": "quantity",
    "supply": "quantity", "donate": "quantity", "transfer": "quantity", "provide": "quantity", "give": "quantity",
    "hand": "quantity", "train": "quantity",
}
_MISSION = re.compile(r"\b(?:mission|operation|programme|program|training|deployment|missions|миссию|миссии|"
                      r"операцию|операции|программу|программы|подготовк\w*|обучени\w*)\b", re.I)
_SALE = re.compile(r"\b(?:sale|sales|transfer|delivery|deliveries|export|exports|supply|package|продаж\w*|"
                   r"поставк\w*|передач\w*|пакет\w*|экспорт\w*)\b", re.I)
_PERIOD = re.compile(
    r"\b(?:annually|yearly|per\s+(?:year|annum|month)|a\s+year|each\s+year|every\s+year|monthly|a\s+month|"
    r"over\s+(?:the\s+(?:next|coming)\s+)?(?:\w+|\d+)\s+years?|for\s+(?:the\s+next\s+)?(?:\w+|\d+)\s+years|"
    r"(?:until|by|before|through|till)\s+the\s+end\s+of\s+(?:(?:19|20)\d\d|this\s+year|next\s+year)|"
    r"(?:until|through|by)\s+(?:19|20)\d\d|in\s+(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?|"
    r"(?:from|between)\s+(?:19|20)\d\d\s+(?:to|and|through)\s+(?:19|20)\d\d|next\s+year|this\s+year)\b"
    r"|(?:ежегодно|ежемесячно|в\s+год\b|в\s+месяц\b|в\s+течение\s+\w+\s+(?:лет|года|месяцев)|"
    r"на\s+(?:\w+\s+)?(?:лет|года)\b|до\s+конца\s+(?:(?:19|20)\d\d\s+года|года|следующего\s+года)|"
    r"в\s+(?:19|20)\d\d(?:[-–](?:19|20)\d\d)?\s+год(?:у|ах)|до\s+(?:19|20)\d\d\s+года|"
    r"в\s+следующем\s+году|в\s+этом\s+году)",
    re.I,
)
_EN_PRONOUNS = {"he", "she", "it", "they", "we", "i", "him", "her"}
_RU_PRONOUNS = {"он", "она", "оно", "они", "мы", "я"}
_CONTINUATION = re.compile(r"^\s*(?:in\s+addition|additionally|also|moreover|furthermore|besides|separately|"
                           r"кроме\s+того|также|помимо\s+этого|дополнительно)\b", re.I)
_THE_COUNTRY = re.compile(r"\b(?:the\s+country|the\s+nation|the\s+kingdom|the\s+republic|страны|страна|"
                          r"королевства)\b", re.I)


@dataclass
class _Context:
    """What the reader remembers while going through the article."""

    article: Article
    parsed: Parsed
    persons: list[tuple[int, int, Entity]] = field(default_factory=list)  # PERSON mentions by offset
    by_offset: list[tuple[int, int, Entity]] = field(default_factory=list)  # every entity mention
    pledged: list[Amount] = field(default_factory=list)
    last_country: str | None = None
    last_block: int = -1
    last_pledge_block: int = -2
    person_country_cache: dict[str, str | None] = field(default_factory=dict)


def find_pledges(article: Article, parsed: Parsed) -> None:
    """Fill article.pledges, in text order, each with its sentence index."""
    ctx = _Context(article, parsed)
    for entity in article.entities or fallback_entities(article, parsed):
        for m in entity.mentions:
            ctx.by_offset.append((m.start, m.end, entity))
            if entity.type == "PERSON":
                ctx.persons.append((m.start, m.end, entity))
    ctx.by_offset.sort(key=lambda x: x[0])
    ctx.persons.sort(key=lambda x: x[0])
    language = article.language
    pledges: list[Pledge] = []
    # a headline restates the body's pledge: read the body first, the title only for what it adds
    headline = [is_headline(article, s.block) for s in article.sentences]
    order = [i for i, h in enumerate(headline) if not h] + [i for i, h in enumerate(headline) if h]
    for index in order:
        sentence = article.sentences[index]
        text = article.text[sentence.start:sentence.end]
        if sentence.block != ctx.last_block:
            ctx.last_block = sentence.block
        if _READ_ALSO.match(article.block_text(sentence.block)):
            continue
        amounts = [a for a in find_amounts(text, language, article.text) if not _bracketed(text, a)]
        if not amounts and not _maybe_no_amount(text, language):
            continue
        toks = sentence_tokens(parsed, sentence.start, sentence.end)
        if not toks:
            continue
        found = _pledges_in_sentence(ctx, index, text, sentence.start, toks, amounts, headline[index])
        for pledge in found:
            pledges.append(pledge)
            if pledge.amount:
                ctx.pledged.append(pledge.amount)
            country = country_of(pledge.donor, language)
            if country:
                ctx.last_country = country
            ctx.last_pledge_block = sentence.block
    pledges.sort(key=lambda p: p.sentence)
    # a pledge whose sentence names no recipient goes to the one the article's other pledges name
    recipients = [p.recipient for p in pledges if p.recipient]
    counts = sorted(((recipients.count(r), r) for r in set(recipients)), reverse=True)
    if counts and counts[0][0] >= 2 and (len(counts) == 1 or counts[0][0] > counts[1][0]):
        main = counts[0][1]
        for pledge in pledges:
            if pledge.recipient is None and country_of(pledge.donor, language) != main:
                pledge.recipient = main
    article.pledges = pledges


# -- one sentence -----------------------------------------------------------------------------
def _pledges_in_sentence(ctx: _Context, index: int, text: str, offset: int, toks: list[Tok],
                         amounts: list[AmountSpan], headline: bool = False) -> list[Pledge]:
    language = ctx.article.language
    total = bool(_TOTAL.search(text))
    out: list[Pledge] = []
    for span in amounts:
        # "has so far provided £12bn" is a total; "$250m, the largest pledge so far" is not
        clause_end = text.find(", ", span.end)
        scope = _RELATIVE.sub(lambda m: " " * len(m.group(0)) if not m.start() <= span.start < m.end() else m.group(0),
                              text[:span.end] if clause_end < 0 else text[:clause_end])
        if _TOTAL.search(scope) or _repeated(ctx, text, span):
            continue
        gapped = _GAPPED_DONOR.search(text, 0, span.start) if out else None
        if gapped and not re.search(r"\d", gapped.group(1)):
            # «Татарстан внесёт 1,2 млрд рублей, узбекская сторона — 15 млн долларов»: the verb is left out
            phrase = gapped.group(1).strip()
            donor = country_of(phrase, language) or body_of(phrase) or phrase
            out.append(Pledge(donor=donor, recipient=out[-1].recipient, amount=span.amount,
                              purpose=out[-1].purpose, period=_period(text), sentence=index))
            continue
        anchor = _token_in(toks, offset + span.start, offset + span.end)
        if anchor is None:
            continue
        trigger = _trigger_for(toks, anchor, language)
        if trigger is None:
            continue
        named = _MONEY_OF.match(text, span.end)
        donor = country_of(named.group(1), language) if named else None
        donor = donor or _donor(ctx, toks, trigger, offset, text)
        if not donor or not (country_of(donor, language) or _is_actor(ctx, donor)):
            continue  # "The package, worth $300 million, ...": no giver named
        out.append(Pledge(donor=donor, recipient=_recipient(ctx, toks, donor, span, offset),
                          amount=span.amount, purpose=_purpose(toks, trigger, _tokens_of(toks, offset, span), text, offset),
                          period=_period(text), sentence=index))
    if total and _TOTAL.search(_RELATIVE.sub(lambda m: " " * len(m.group(0)), text)) or headline and out:
        return out
    if not out and not amounts:
        trigger = _no_amount_trigger(toks, language)
        if trigger is not None:
            donor = _donor(ctx, toks, trigger, offset, text)
            if donor and (country_of(donor, language) or _is_actor(ctx, donor)):
                out.append(Pledge(donor=donor, recipient=_recipient(ctx, toks, donor, None, offset), amount=None,
                                  purpose=_object_phrase(toks, trigger, text, offset), period=_period(text),
                                  sentence=index))
                return out
    # "…, and the other side will finance the repair of the tracks", "it would send engineers": a promise in
    # kind, next to an amount given by someone else or alone
    amount_ids = {t.i for span in amounts for t in _tokens_of(toks, offset, span)}
    for trigger in [] if headline else _in_kind_triggers(toks, language):
        if any(t.i in amount_ids for t in subtree(toks, trigger.i)):
            continue
        donor = _donor(ctx, toks, trigger, offset, text)
        if not donor or not (country_of(donor, language) or _is_actor(ctx, donor)) \
                or any(p.donor == donor for p in out):
            continue
        out.append(Pledge(donor=donor, recipient=_recipient(ctx, toks, donor, None, offset), amount=None,
                          purpose=_object_phrase(toks, trigger, text, offset), period=_period(text), sentence=index))
    return out


# Giving in kind or paying for something, promised: "will send engineers", "would co-finance the drilling",
# "would pay for training teachers", «передаст котельные», «профинансирует ремонт».
# "provide"/"give" are left out: states provide guarantees and give assurances far more often than goods.
_EN_IN_KIND = {"send", "supply", "deliver", "donate", "finance", "co-finance", "cofinance", "fund", "co-fund", "pay"}
_RU_IN_KIND = re.compile(r"^(?:переда|постав|направ|профинансир|софинансир|финансир|оплат|пожертв)")
# What a state sends that is no aid: a delegation, a message.
_NOT_AID = re.compile(r"^(?:delegation|message|signal|letter|note|invitation|condolence|congratulation|envoy|"
                      r"ambassador|representative|observer|greeting|request|proposal|warning|reply|response|troops|guarantee|"
                      r"делегаци|послани|сообщени|сигнал|письм|нот|приглашени|соболезновани|поздравлени|посланник|"
                      r"посл|представител|наблюдател|предложени|запрос|ответ|войск|гаранти|усили)", re.I)
_EN_PROMISE_HEADS = {"promise", "pledge", "agree", "offer", "undertake", "commit", "vow", "plan", "intend", "decide"}
_RU_PROMISE_HEADS = re.compile(r"^(?:пообещ|обещ|обязал|обязу|соглас|намер|реши|планир|готов)")


def _promised(toks: list[Tok], tok: Tok, language: str) -> bool:
    """Said as a commitment: a future or conditional ("will send", "would pay", «передаст»), or the
    infinitive of a promise ("pledged to send", «пообещала передать»)."""
    head = toks[tok.head] if tok.head >= 0 else None
    if language == "ru":
        if head is not None and tok.dep == "xcomp" and _RU_PROMISE_HEADS.match(head.text.lower()):
            return True
        return grammemes(tok.text).tense == "futr" or any(
            c.lemma in ("будет", "будут", "быть") and c.dep == "aux" for c in children(toks, tok.i))
    if any(c.dep == "aux" and c.lemma in ("will", "would", "shall", "'ll") for c in children(toks, tok.i)):
        return True
    # "would also co-finance": the parser may hang a split verb from elsewhere; the modal is just before it
    for t in reversed(toks[max(0, tok.i - 4):tok.i]):
        if t.lemma in ("will", "would", "shall", "'ll"):
            return True
        if t.pos not in ("ADV", "PART", "VERB", "PUNCT") and t.text not in ("co", "-"):
            break
    return head is not None and tok.dep == "xcomp" and head.lemma in _EN_PROMISE_HEADS


def _in_kind_triggers(toks: list[Tok], language: str) -> list[Tok]:
    found = []
    for tok in toks:
        if tok.pos != "VERB" or _negated(toks, tok, language):
            continue
        if language == "ru":
            if not _RU_IN_KIND.match(tok.text.lower()):
                continue
        else:
            lemma = "co-finance" if tok.lemma.startswith(("co-financ", "cofinanc")) else tok.lemma
            if lemma not in _EN_IN_KIND:
                continue
        if not _promised(toks, tok, language):
            continue
        objects = [c for c in children(toks, tok.i) if c.dep in ("dobj", "obj")]
        if not objects and (language == "ru" or tok.lemma == "pay"):
            # "pay for training teachers", «оплатит обучение»
            objects = [g for c in children(toks, tok.i) if c.dep == "prep" and c.lemma == "for"
                       for g in children(toks, c.i) if g.dep in ("pobj", "pcomp")]
        if not objects or objects[0].pos == "PRON" or _NOT_AID.match(objects[0].text):
            continue
        found.append(tok)
    return found


# ", the other side — 15 million dollars": a second giver whose verb the sentence leaves out
_GAPPED_DONOR = re.compile(r"[,;]\s*(?:а\s+|and\s+)?([\w][\w\s'’-]{1,40}?)\s+[—–]\s*(?:около|примерно|ещё|еще|about|"
                           r"around|another)?\s*$")
# "Stockholm's contribution, roughly 13 million euros,": the amount restates a pledge the article named
_RESTATED = re.compile(r"(?:'s|’s)\s+(?:contribution|pledge|aid|package|grant|donation|allocation|money|support)\s*,"
                       r"\s*(?:roughly|about|around|some|approximately|nearly|almost|or)?\s*$", re.I)


def _bracketed(text: str, span: AmountSpan) -> bool:
    """A conversion like "(about $6.6 billion)": the amount sits inside brackets."""
    before = text[:span.start]
    return before.count("(") > before.count(")") or before.count("[") > before.count("]")


def _repeated(ctx: _Context, text: str, span: AmountSpan) -> bool:
    """An amount already pledged, or one pointed back to ("Berlin's €4 billion", "the €4 billion")."""
    if ctx.pledged and _RESTATED.search(text, 0, span.start):
        return True
    before = text[:span.start].rstrip()
    if re.search(r"(?:'s|’s|\bthe|\bthis|\bthat|\bthese|\bthose|\bэти|\bэтих|\bданные|\bуказанные)$", before, re.I):
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


def _is_trigger(tok: Tok, language: str) -> bool:
    if language == "ru":
        return bool(_RU_PLEDGE.match(tok.lemma) or _RU_RECEIVE.match(tok.lemma))
    return tok.lemma in _EN_PLEDGE_VERBS or tok.lemma in _EN_PLEDGE_NOUNS or tok.lemma in _RECEIVE


def _is_request(tok: Tok, language: str) -> bool:
    if language == "ru":
        return bool(_RU_REQUEST.match(tok.lemma))
    return tok.lemma in _EN_REQUEST


def _trigger_for(toks: list[Tok], anchor: Tok, language: str) -> Tok | None:
    """The commitment word governing the amount, or None (a price, a request, a mere figure)."""
    chain = [anchor] + ancestors(toks, anchor.i)
    if any(_is_request(tok, language) for tok in chain):
        return None
    for tok in chain:
        if tok.pos in ("VERB", "AUX") or tok is not anchor and tok.pos == "NOUN":
            if _is_trigger(tok, language):
                return tok
            if tok.pos == "VERB" and tok.dep not in ("xcomp", "ccomp", "acl", "advcl", "conj", "relcl") and \
                    not _is_trigger(tok, language) and tok.head >= 0 and not _has_trigger_above(toks, tok, language):
                # a main verb that commits nothing ("costs", "spends"): not a pledge
                return None
    return None


def _has_trigger_above(toks: list[Tok], tok: Tok, language: str) -> bool:
    return any(_is_trigger(t, language) for t in ancestors(toks, tok.i))


def _maybe_no_amount(text: str, language: str) -> bool:
    if language == "ru":
        return bool(re.search(r"(?:финансир|продл|одобр|переда|постав|направ|обуч|обещ|обязал|оплат|пожертв)", text, re.I))
    return bool(re.search(r"\b(?:financ|co-financ|cofinanc|fund|extend|extension|approv|send|deliver|supply|pay|"
                          r"donate|transfer|provide|give|train|pledge|promise|vow|commit)", text, re.I))


_EN_PROMISE = {"pledge", "promise", "vow", "commit"}
_EN_GIVING = {"contribute", "send", "provide", "participate", "help", "fund", "finance", "supply", "deliver",
              "give", "donate", "support", "rebuild"}
_RU_PROMISE = re.compile(r"^(?:пообещ|обещ|обязал|обязуется)")
_RU_GIVING = re.compile(r"^(?:участвова|направ|переда|выдел|помо|предостав|профинансир|постав|внес|поддерж)")


def _promised_giving(toks: list[Tok], tok: Tok, language: str) -> bool:
    """"Turkey pledged to contribute to the fund", «Япония пообещала участвовать в восстановлении»."""
    if language == "ru":
        if not _RU_PROMISE.match(tok.lemma):
            return False
        return any(c.dep == "xcomp" and _RU_GIVING.match(c.lemma) for c in children(toks, tok.i))
    if tok.lemma not in _EN_PROMISE or tok.pos != "VERB":
        return False
    return any(c.dep == "xcomp" and c.lemma in _EN_GIVING for c in children(toks, tok.i))


def _no_amount_trigger(toks: list[Tok], language: str) -> Tok | None:
    for tok in toks:
        if _promised_giving(toks, tok, language) and not _negated(toks, tok, language):
            return next(c for c in children(toks, tok.i) if c.dep == "xcomp")
        kind = _no_amount_kind(tok, language)
        if not kind:
            continue
        if _negated(toks, tok, language):
            continue
        below = {s.i for c in children(toks, tok.i) for s in subtree(toks, c.i)}
        obj = " ".join(t.text for t in toks if t.i in below)
        if kind == "object" and re.search(r"\b(?:purchase|procurement|acquisition|systems?|закупк\w*|покупк\w*|"
                                          r"приобретени\w*|систем\w*)\b", obj, re.I):
            return tok
        if kind == "mission" and _MISSION.search(obj):
            return tok
        if kind == "sale" and _SALE.search(obj):
            return tok
        if kind == "quantity" and _counted_equipment(toks, tok):
            return tok
    return None


def _no_amount_kind(tok: Tok, language: str) -> str | None:
    if language == "ru":
        word = tok.lemma
        if re.match(r"^(?:профинансир|софинансир|финансир)", word):
            return "object"
        if re.match(r"^продл", word):
            return "mission"
        if re.match(r"^одобр", word):
            return "sale"
        if re.match(r"^(?:переда|постав|направ|обуч|предостав)", word) and tok.pos == "VERB":
            return "quantity"
        return None
    lemma = tok.lemma
    if lemma.startswith(("co-financ", "cofinanc")):
        lemma = "co-finance"
    return _EN_NO_AMOUNT.get(lemma)


def _negated(toks: list[Tok], tok: Tok, language: str) -> bool:
    return any(c.dep == "neg" or c.lemma in ("not", "never", "no", "не", "нет") for c in children(toks, tok.i))


def _counted_equipment(toks: list[Tok], trigger: Tok) -> bool:
    """"send two air defence systems": a number counting what is given, in the trigger's object."""
    for c in children(toks, trigger.i):
        if c.dep in ("dobj", "obj"):
            for t in subtree(toks, c.i):
                if t.pos == "NUM" and t.dep in ("nummod", "nummod:gov") and not re.match(r"(?:19|20)\d\d$", t.text):
                    return True
    return False


# -- donor ------------------------------------------------------------------------------------
def _source_of(toks: list[Tok], tok: Tok) -> Tok | None:
    """The giver named on a word itself: "Denmark's contribution", "a package from Japan", «помощь от Японии»,
    "provided by Canada"."""
    for c in children(toks, tok.i):
        if c.dep in ("poss", "nmod:poss") and c.pos in ("PROPN", "NOUN"):
            return c
        if c.dep == "amod" and tok.pos == "NOUN" and c.text[:1].isupper() and country_of(c.text):
            return c  # "€45 million in Irish funding": the people's adjective on the money names the giver
        if c.dep in ("agent", "obl:agent") or (c.dep == "prep" and c.lemma == "from" and (
                tok.pos == "NOUN" or any(g.pos == "PROPN" for g in children(toks, c.i)))):
            # "a package from Japan"; not "release 500 million from its reserve"
            objs = [g for g in children(toks, c.i) if g.dep == "pobj"]
            if objs:
                return objs[0]
        if c.dep in ("obl", "nmod") and any(g.lemma == "от" and g.dep == "case" for g in children(toks, c.i)):
            return c
    return None


def _subject_of(toks: list[Tok], trigger: Tok) -> Tok | None:
    """The giving subject: a passive's agent, the trigger's subject, else that of the verbs it hangs from.
    For "receive"/«получить» the giver is the "from" phrase, the subject being the recipient."""
    current: Tok | None = trigger
    steps = 0
    while current is not None and steps < 6:
        source = _source_of(toks, current)
        if source is not None:
            return source
        if current.lemma in _RECEIVE or _RU_RECEIVE.match(current.lemma):
            return None  # "Ukraine will receive $1bn" with no giver named
        if steps == 0:
            postposed = _postposed_subject(toks, current)
            if postposed is not None:
                return postposed
        for c in children(toks, current.i):
            if c.dep in SUBJECT and c.dep not in ("nsubjpass", "nsubj:pass"):
                if c.pos == "NOUN" and (c.lemma in _EN_PLEDGE_NOUNS or _RU_PLEDGE.match(c.lemma)):
                    # "A further $400 million package from the US was announced": the package's giver
                    return _source_of(toks, c)
                return c
        current = toks[current.head] if current.head >= 0 else None
        steps += 1
    return None


def _postposed_subject(toks: list[Tok], verb: Tok) -> Tok | None:
    """«…, из которых 19 млрд рублей выделит федеральный бюджет»: in a relative clause the giver follows the
    verb, and the parser may take it for a second object or take the main clause's noun for the subject.
    A nominative noun after the verb with no figure in it, when a «который» stands before the verb."""
    if verb.pos != "VERB" or not re.search(r"[а-яё]", verb.text) or verb.text.lower().endswith(("ть", "ти")):
        return None
    relative = [t for t in toks if t.start < verb.start and t.text.lower().startswith("котор")]
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


_OWNED_BODY = re.compile(r"\b(?:[Tt]he\s+)?(?:(?:Executive\s+)?Board(?:\s+of\s+(?:Directors|Governors))?|Government|"
                         r"Cabinet|Administration|Council|Executive\s+Directors)\s+of\s+(?:the\s+)?"
                         r"([A-Z][\w'’.-]*(?:\s+(?:of\s+|for\s+)?[A-Z][\w'’.-]*)*)")
# "COLOMBO, Nov 3 (Agency) - ", «МУРМАНСК, 21 апреля. »: a wire dateline names where, never who
_WIRE_DATELINE = re.compile(r"[A-ZА-ЯЁ][A-ZА-ЯЁ .'-]{2,},[^-–—.]{0,40}(?:[-–—]|\.)\s+")


def _donor(ctx: _Context, toks: list[Tok], trigger: Tok, offset: int, text: str) -> str | None:
    language = ctx.article.language
    subject = _subject_of(toks, trigger)
    if subject is None:
        return None
    for owner in _OWNED_BODY.finditer(text):
        if owner.start() <= subject.start - offset < owner.end():
            # "The Board of Directors of the African Development Bank", "the Government of Mozambique":
            # the body of whom gives, not its board
            name = owner.group(1).strip()
            return country_of(name, language) or body_of(name) or name
    wire = _WIRE_DATELINE.match(text)
    if wire and subject.start < offset + wire.end():
        # the parser took the dateline's city for the subject: the first name after it gives
        after = next((entity for s, _, entity in ctx.by_offset if s >= offset + wire.end()), None)
        if after is None:
            return None
        return country_of(after.name, language) or body_of(after.name) or after.name
    pronouns = _RU_PRONOUNS if language == "ru" else _EN_PRONOUNS
    # "the Ministry announced that it would finance": the pronoun is the outer subject
    if subject.lemma in pronouns and subject.text.lower() in ("it", "they", "оно", "они", "она"):
        outer = _subject_of(toks, toks[subject.head]) if subject.head >= 0 else None
        outer_verb = toks[subject.head] if subject.head >= 0 else None
        if outer_verb is not None and outer_verb.head >= 0:
            outer = _subject_of(toks, toks[outer_verb.head])
        if outer is not None and outer.text.lower() not in pronouns:
            subject = outer
        elif ctx.last_country:
            return ctx.last_country
    if subject.text.lower() in pronouns:
        person = _person_before(ctx, subject.start)
        if person is None:
            return ctx.last_country
        return _person_country(ctx, person) or _continuing_country(ctx, text) or person.name
    start, end = _phrase(toks, subject, text, offset)
    phrase = ctx.article.text[start:end]
    if re.match(r"(?:his|her|their)\s+(?:country|government|nation)\b|(?:его|её|ее|их)\s+(?:страна|правительство)",
                phrase, re.I):
        # "President X said his country would send ...": the country of the person just named
        person = _person_before(ctx, subject.start)
        country = _person_country(ctx, person) if person else None
        if country:
            return country
    if _THE_COUNTRY.search(phrase) and ctx.last_country:
        return ctx.last_country
    if _BARE_AUTHORITY.fullmatch(phrase.strip()):
        # "she said the government would release …", «регион добавит …»: the one the speaker runs.
        # The body gives, not the official announcing it: a regional governor's «регион» is his
        # region («регион (Архангельская область)»), never the governor himself.
        bare = re.sub(r"(?i)^the\s+", "", phrase.strip())
        # the official before it ("X said the region would …"), else the one after ("…, council leader X said")
        person = _announcer(ctx, subject, offset, text)
        if person is None:
            return bare
        # Named by what the speaker's role says it is, else by whose it is: "government (Amélia Cossa)".
        body = _role_body(person.role or person.affiliation or "", language) or person.name
        return _person_country(ctx, person) or f"{bare} ({body})"
    phrase = re.sub(r"^(?:the|a|an)\s+", "", phrase, flags=re.I).strip()
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


def _continuing_country(ctx: _Context, text: str) -> str | None:
    """"In addition, Prime Minister X announced ...": the country whose pledge this paragraph is about."""
    if ctx.last_country and (ctx.last_pledge_block == ctx.last_block or _CONTINUATION.match(text)):
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


_PERSONAL = re.compile(r"(?i)\b(?:he|she|он|она)\b")


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
    return (_person_after(ctx, paragraph, subject.start, last=True)
            or (_person_before(ctx, subject.start) if _PERSONAL.search(text[:subject.start - offset]) else None)
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


_ROLE_BODY_EN = re.compile(r"(?i)\bof\s+((?:the\s+)?[\w' -]*\b(?:government|council|region|province|state|"
                           r"city|county|district|administration|ministry|agency)\b[\w' -]*)$")
_ROLE_BODY_RU = re.compile(r"(?i)((?:[\w-]+\s+){0,2}(?:област\w*|кра[яюе]\w*|республик\w*|округ\w*|город\w*|"
                           r"район\w*|правительств\w*|министерств\w*|администраци\w*|мэри\w*)(?:\s+[\w-]+)?)$")


def _role_body(role: str, language: str) -> str | None:
    """The body a role belongs to: "Deputy Chairman of the regional government" -> "the regional
    government"; «губернатор Архангельской области» -> «Архангельская область» (put in the nominative)."""
    if language != "ru":
        m = _ROLE_BODY_EN.search(role)
        return m.group(1).strip() if m else None
    m = _ROLE_BODY_RU.search(role)
    if not m:
        return None
    words = m.group(1).split()
    while words and not words[0][:1].isupper() and len(words) > 1 and grammemes(words[0]).POS == "NOUN":
        words = words[1:]  # «губернатор Архангельской области»: the title is not the body
    body = nominative_role(words)  # the agreement rules roles already use
    return body[:1].upper() + body[1:] if words[0][:1].isupper() else body


_BARE_AUTHORITY = re.compile(r"(?i)(?:the\s+)?(?:government|authorities|cabinet|region|province|state|council|"
                             r"city|town|municipality|county|district|agency)|"
                             r"(?:правительство|власти|кабмин|регион|область|край|республика|город|мэрия)")
# «федеральный бюджет выделит …», "the federal government will allocate …", «областное правительство»:
# public money and the bodies that hold it give
_BUDGET = re.compile(r"(?i)\b(?:budget|treasury|government|ministry|administration|бюджет\w*|казн\w*|"
                     r"правительств\w*|министерств\w*|администраци\w*)\b")


def _is_actor(ctx: _Context, donor: str) -> bool:
    """A named body: an entity of the article, a capitalised name ("the Harlow administration"), a budget."""
    if any(e.name == donor for e in ctx.article.entities) or _BUDGET.search(donor) and len(donor.split()) >= 2:
        return True
    if _BARE_AUTHORITY.fullmatch(donor.strip()):
        return True  # "the council has pledged …", «правительство выделит …»: a body, though unnamed  # "the federal government", «областное правительство»; not a bare "ministry" met before
    return bool(re.search(r"\b[A-ZА-ЯЁ][\w-]+", donor))


def _person_country(ctx: _Context, person: Entity) -> str | None:
    """The country a person speaks for: affiliation, role ("Norwegian Prime Minister"), or the
    state their mentions are tied to ("Berlin was represented by X", "X confirmed Germany's ...")."""
    if person.id in ctx.person_country_cache:
        return ctx.person_country_cache[person.id]
    language = ctx.article.language
    found = None
    for source in (person.affiliation, person.role):
        if source and not found:
            found = country_of(source, language)
            if not found:
                for word in re.findall(r"[\w'’-]+", source):
                    found = country_of(word, language)
                    if found:
                        break
    if not found:
        votes: dict[str, int] = {}
        for m in person.mentions:
            sentence = ctx.article.sentences[m.sentence] if m.sentence < len(ctx.article.sentences) else None
            if sentence is None:
                continue
            toks = sentence_tokens(ctx.parsed, sentence.start, sentence.end)
            country = _clause_country(ctx, toks, m.start, m.end)
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


def _purpose(toks: list[Tok], trigger: Tok, amount: list[Tok], text: str, offset: int) -> str | None:
    """"for the development of air defense", "to help Ukraine", "in financial assistance", «на развитие ПВО»."""
    candidates = []
    heads = amount + [trigger]
    if trigger.pos == "NOUN" and trigger.head >= 0:
        heads.append(toks[trigger.head])  # "announced the allocation of $1bn ... for the supply of weapons"
    for head in heads:
        for c in children(toks, head.i):
            word = c.lemma
            if word in ("for", "in", "on") and c.dep == "prep" and (word != "on" or trigger.lemma == "spend"):
                objs = subtree(toks, c.i)
                phrase_toks = objs[1:]
                if phrase_toks and not any(t.pos == "NUM" and re.match(r"(?:19|20)\d\d$", t.text) for t in phrase_toks) \
                        and not re.match(r"(?:the\s+)?(?:next|coming|\w+\s+years?)", " ".join(t.text for t in phrase_toks)):
                    if word in ("for", "on") or re.search(r"assistance|aid|support|help|funding|guarantee|grant|loan",
                                                  " ".join(t.lemma for t in phrase_toks)):
                        candidates.append(phrase_toks)
            elif c.dep in ("advcl", "xcomp") and any(g.lemma == "to" for g in children(toks, c.i)) and c.i > trigger.i:
                candidates.append([t for t in subtree(toks, c.i) if t.lemma != "to" or t.i != c.i - 1])
            elif c.dep in ("obl", "nmod") and any(g.lemma in ("на", "для") and g.dep == "case"
                                                   for g in children(toks, c.i)):
                candidates.append(subtree(toks, c.i))
    if not candidates and amount:
        # natasha often leaves «на развитие ...» unattached: read it straight after the amount
        after = text[amount[-1].end - offset:]
        match = re.match(r"\s*(?:[\w-]+\s+){0,2}?((?:на|для)\s+[^,.;:()]+)", after)
        if match and re.search(r"[а-яё]", match.group(1)):
            phrase = _cut_period(match.group(1))
            if phrase and not country_of(re.sub(r"^(?:для|на)\s+", "", phrase)):
                return phrase
    for group in candidates:
        phrase = _cut_period(text[group[0].start - offset:group[-1].end - offset])
        if re.match(r"(?:на\s+(?:общую\s+)?сумм|в\s+размере|the\s+amount|a\s+total)", phrase, re.I):
            continue  # «на сумму $300 млн» names the amount, not what it is for
        if phrase and not re.fullmatch(r"(?:на|для)?\s*(?:\w+\s+)?(?:год|лет|года)", phrase) \
                and not country_of(re.sub(r"^(?:для|на)\s+", "", phrase)):  # "for Ukraine" names the recipient
            return phrase
    return None


def _object_phrase(toks: list[Tok], trigger: Tok, text: str, offset: int) -> str | None:
    objects = [c for c in children(toks, trigger.i) if c.dep in ("dobj", "obj", "pobj", "prep")]
    head = objects[0] if objects and objects[0].dep in ("dobj", "obj") else trigger
    group = [t for t in subtree(toks, head.i) if (t.i >= head.i or head is not trigger) and t.pos != "PUNCT"]
    if not group:
        return None
    return _cut_period(text[group[0].start - offset:group[-1].end - offset]) or None


def _cut_period(phrase: str) -> str:
    match = _PERIOD.search(phrase)
    if match:
        phrase = phrase[:match.start()]
    return re.sub(r"^(?:to|for)\s+", "", phrase.strip(" ,.;:"), flags=re.I).strip(" ,.;:")


def _period(text: str) -> str | None:
    match = _PERIOD.search(text)
    return match.group(0) if match else None
