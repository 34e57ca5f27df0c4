"""Text scrapes -> article blocks: tell site chrome from lead, headings and paragraphs, line by line."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Credit
from .credits import parse_credit

WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
STOPWORDS = set("""the a an of to in on and or for with by at from is are was were be been has have had that
this it its as but not he she they we his her their who which will would said says than into after about
в и на не что с по о к у за из от для как это его её их он она они мы но же бы ли был была были будет
""".split())
CHROME = re.compile(
    r"^(skip to|advertisement|реклама|live broadcast|прямой эфир|select important|выделить главное|"
    r"on|off|вкл|выкл|share|поделиться|subscribe|подписаться|newsletter|read also|читайте также|"
    r"read more|related|cookies?|we use cookies|main slide|beginning of the article|озвучить текст|"
    r"menu|меню|search|поиск|log ?in|sign (in|up)|войти|photo|фото|source|источник)\b",
    re.I,
)


@dataclass
class ScrapeResult:
    title: str | None
    blocks: list[tuple[str, str]]  # (kind, text)
    credits: list[Credit] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def _is_body(line: str) -> bool:
    words = WORD.findall(line)
    if len(words) < 8:
        return False
    stop = sum(w.lower() in STOPWORDS for w in words) / len(words)
    return line.rstrip()[-1:] in ".!?…\"»”:)" and stop > 0.15


def _is_heading_shape(line: str) -> bool:
    words = WORD.findall(line)
    return 2 <= len(words) <= 16 and line.rstrip()[-1:] not in ".,;:" and not CHROME.match(line)


def clean_scrape(text: str, language: str | None = None) -> ScrapeResult:
    lines = [line.strip() for line in text.splitlines()]
    credits, removed, kinds = [], [], []
    for line in lines:
        if not line:
            kinds.append("blank")
            continue
        credit = parse_credit(line, language)
        if credit:
            credits.append(credit)
            kinds.append("credit")
        elif _is_body(line):
            kinds.append("body")
        elif _is_heading_shape(line):
            kinds.append("heading?")
        else:
            kinds.append("chrome")
    body_at = [i for i, k in enumerate(kinds) if k == "body"]
    blocks: list[tuple[str, str]] = []
    if not body_at:
        return ScrapeResult(None, [], credits, [l for l in lines if l])
    first, last = body_at[0], body_at[-1]
    for i, (line, kind) in enumerate(zip(lines, kinds)):
        if kind == "blank" or kind == "credit":
            continue
        if kind == "body":
            blocks.append(("lead" if not any(k == "lead" for k, _ in blocks) else "paragraph", line))
        elif kind == "heading?" and first < i < last:
            blocks.append(("heading", line))
        else:
            removed.append(line)
    return ScrapeResult(None, blocks, credits, removed)
