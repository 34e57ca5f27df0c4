"""Cleaning rules kept as data (clean/data/*): read once, checked on load, named by file:line when wrong."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from ..errors import NewsdeskError

POLICY_KINDS = ("notice", "label")
LABEL_WORDS = 8  # a site-page name is chrome in a line this short, or in a row of links
MAX_POLICY_WORDS = 40  # longer lines are prose, whatever they mention

_WORD = re.compile(r"\w+")
_LINK_ROW = re.compile(r"\s[|·•]\s")


def _data_lines(name: str) -> list[tuple[int, str]]:
    text = (resources.files("newsdesk.clean") / "data" / name).read_text(encoding="utf-8")
    return [(number, line) for number, line in enumerate(text.splitlines(), 1)
            if line.strip() and not line.startswith("#")]


def _compile(name: str, number: int, pattern: str) -> re.Pattern:
    try:
        return re.compile(pattern, re.I)
    except re.error as exc:
        raise NewsdeskError(f"clean/data/{name}:{number}: bad pattern ({exc})") from None


@lru_cache(maxsize=None)
def container_marks() -> re.Pattern:
    """class/id marks of an element holding the article body (data/article_containers.txt), as one pattern."""
    name = "article_containers.txt"
    lines = _data_lines(name)
    for number, line in lines:
        _compile(name, number, line)
    return re.compile("|".join(f"(?:{line.strip()})" for _, line in lines), re.I)


@lru_cache(maxsize=None)
def _story_end() -> re.Pattern:
    name = "story_end.txt"
    lines = _data_lines(name)
    for number, line in lines:
        _compile(name, number, line.strip())
    labels = "|".join(f"(?:{line.strip()})" for _, line in lines)
    return re.compile(rf"^\W*(?:{labels})\b(?:\s*\(\d+\))?[^\w:]*$", re.I)


def ends_story(line: str) -> bool:
    """A box label that follows a story (data/story_end.txt): what comes after it is not the story."""
    return len(_WORD.findall(line)) <= 8 and bool(_story_end().match(line))


@lru_cache(maxsize=None)
def _policy_table() -> dict[str, re.Pattern]:
    name = "site_policy.tsv"
    by_kind: dict[str, list[str]] = {kind: [] for kind in POLICY_KINDS}
    for number, line in _data_lines(name):
        kind, sep, pattern = line.partition("\t")
        if not sep or kind not in POLICY_KINDS or not pattern.strip():
            raise NewsdeskError(f"clean/data/{name}:{number}: expected 'notice|label<TAB>pattern'")
        _compile(name, number, pattern.strip())
        by_kind[kind].append(pattern.strip())
    return {kind: re.compile("|".join(f"(?:{p})" for p in patterns), re.I) for kind, patterns in by_kind.items()}


def site_policy(line: str, words: int | None = None) -> str | None:
    """"site notice" or "site page link" when a line is the site talking about itself, else None.
    `words`: the line's word count when the caller has it."""
    if words is None:
        words = len(_WORD.findall(line))
    if not words or words > MAX_POLICY_WORDS:
        return None
    table = _policy_table()
    if table["notice"].search(line):
        return "site notice"
    if table["label"].search(line) and (words <= LABEL_WORDS or _LINK_ROW.search(line)):
        return "site page link"
    return None
