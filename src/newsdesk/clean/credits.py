"""Credits: translation credits ("Переведено сервисом «Яндекс Переводчик»", "Translated by DeepL") -> Credit,
and bylines ("By Nora Vance and Ilse Marr", "Текст: Олег Сомов") -> the author's name(s)."""
from __future__ import annotations

import re

from ..model import Credit

_SERVICES = [
    (re.compile(r"яндекс|yandex", re.I), "Yandex Translator"),
    (re.compile(r"google|гугл", re.I), "Google Translate"),
    (re.compile(r"deepl", re.I), "DeepL"),
    (re.compile(r"bing|microsoft", re.I), "Microsoft Translator"),
    (re.compile(r"chatgpt|openai", re.I), "ChatGPT"),
    (re.compile(r"promt|промт", re.I), "PROMT"),
]
_CREDIT = re.compile(
    r"^\s*[(\[]?\s*(?:"
    r"(?:автоматически\s+|машинно\s+)?переведен[оа]?\b"
    r"|(?:машинный\s+|автоматический\s+)?перевод(?:\s+выполнен\w*)?(?:\s+(?:сервисом|с\s+помощью|при\s+помощи|"
    r"с\s+\w+ого)|\s*:)"
    r"|текст\s+переведен"
    r"|(?:automatically\s+|machine[- ])?translated\s+(?:by|with|using|from|via|automatically)"
    r"|(?:machine\s+|automatic\s+)?translation(?:\s+provided)?\s*(?:by\b|:)"
    r"|(?:this\s+(?:article|text|story|page)\s+(?:was|has\s+been|is)\s+)(?:automatically\s+)?(?:machine[- ])?translated"
    r")",
    re.I,
)
# Language names as credits spell them, in the cases Russian puts them in ("с английского", "на русский").
_LANGS = {
    "russian": "ru", "русского": "ru", "русский": "ru", "ru": "ru",
    "english": "en", "английского": "en", "английский": "en", "en": "en",
    "ukrainian": "uk", "украинского": "uk", "украинский": "uk", "uk": "uk",
    "german": "de", "немецкого": "de", "немецкий": "de", "de": "de",
    "french": "fr", "французского": "fr", "французский": "fr", "fr": "fr",
}
_LANG = r"(russian|english|ukrainian|german|french|ru|en|uk|de|fr)"
_RU_LANG = r"(русск\w*|английск\w*|украинск\w*|немецк\w*|французск\w*)"


def _lang(word: str | None) -> str | None:
    if not word:
        return None
    word = word.lower()
    return _LANGS.get(word) or next((code for name, code in _LANGS.items() if len(name) > 2 and
                                     word[:5] == name[:5]), None)


def _languages(text: str) -> tuple[str | None, str | None]:
    """(from, to) as the credit states them: "from Russian into English", "с английского", "ru → en"."""
    m = re.search(rf"\bfrom\s+(?:the\s+)?{_LANG}\b(?:\s+(?:in)?to\s+{_LANG}\b)?", text, re.I) or \
        re.search(rf"\b{_LANG}\s*(?:to|into|→|->|-|–)\s*{_LANG}\b", text, re.I)
    if m:
        return _lang(m.group(1)), _lang(m.group(2))
    # "с немецкого" (from German); "на русский" (into Russian) but "на немецком (языке)" is "in
    # German": the language the original was written in ("Оригинал опубликован на немецком языке").
    source = re.search(rf"\bс\s+{_RU_LANG}", text, re.I) or re.search(rf"\bна\s+{_RU_LANG}(?<=ом)\b", text, re.I)
    target = re.search(rf"\bна\s+{_RU_LANG}(?<!ом)\b", text, re.I) or re.search(rf"\b(?:in)?to\s+{_LANG}\b", text, re.I)
    return _lang(source.group(1) if source else None), _lang(target.group(1) if target else None)


def parse_credit(line: str, text_language: str | None = None) -> Credit | None:
    """A Credit when the line is a translation credit, else None."""
    stripped = line.strip()
    if len(stripped) > 200 or not _CREDIT.search(stripped):
        return None
    service = next((name for pattern, name in _SERVICES if pattern.search(stripped)), None)
    from_language, to_language = _languages(stripped)
    credit = Credit(kind="translation", text=stripped, service=service,
                    from_language=from_language, to_language=to_language)
    return settle_languages(credit, text_language) if text_language else credit


def settle_languages(credit: Credit, page_language: str) -> Credit:
    """Fill what the credit leaves unsaid from the page it sits under."""
    russian_credit = bool(re.search(r"[а-яё]", credit.text, re.I))
    if credit.from_language is None and russian_credit and page_language != "ru":
        # A Russian credit under a page in another language: the page was translated out of Russian.
        credit.from_language = "ru"
    if credit.to_language is None and page_language != credit.from_language:
        credit.to_language = page_language
    return credit


# -- bylines -------------------------------------------------------------------------------------

# What opens a byline: "By", "Written by", "Posted on 18.03.2026 12:02 by", "Text:", "Автор:", "Текст:".
_BYLINE_OPENER = re.compile(
    r"^\W*(?:(?:(?:written|story|words|text|reporting|reported|posted|published|compiled|edited)"
    r"(?:\s+(?:on|at)\s+[^A-Za-zА-ЯЁа-яё]*(?:\w+\s+){0,3}?)?\s+)?by\b\s*:?|"
    r"(?:author|authors|text|by|автор|авторы|текст|записал[аи]?|подготовил[аи]?|беседовал[аи]?)\s*:)\s*",
    re.I)
_NAME_WORD = r"(?:[A-ZА-ЯЁ][a-zа-яё]+(?:[-'’][A-ZА-ЯЁ]?[a-zа-яё]+)?|[A-ZА-ЯЁ]\.)"
_NAME = re.compile(rf"{_NAME_WORD}(?:\s+(?:(?:van|von|de|da|di|del|der|le|la|bin|ibn|al)\s+)?{_NAME_WORD}){{1,3}}")
_NAME_JOIN = re.compile(r"\s*(?:,|&|\band\b|\bи\b)\s*", re.I)
# What follows the names: a role, the outlet, a date ("By Ada Finch, Health Correspondent | 21 March 2032").
_BYLINE_TAIL = re.compile(r"\s*(?:[|•·—–]|\s-\s|\(|\bfor\b|\bin\b|\bon\b|\d).*$", re.I)
_ROLE_WORD = re.compile(
    r"^(?:(?:senior|chief|deputy|political|health|business|science|sports?|foreign|staff|special|our|the)\s+)*"
    r"(?:correspondent|reporter|editor|writer|columnist|photographer|journalist|contributor|staff|"
    r"корреспондент\w*|обозревател\w*|редактор\w*|журналист\w*|фотограф\w*)\b", re.I)


def parse_byline(line: str, *, bare: bool = False) -> str | None:
    """The author name(s) a byline gives, joined by ", "; None when the line names no one.

    "By Nora Vance and Ilse Marr" -> "Nora Vance, Ilse Marr"; "Текст: Олег Сомов" -> "Олег Сомов";
    "Posted on 18.03.2026 12:02 by Hal Brennan" -> "Hal Brennan". With bare=True a line that is only
    a name, or a name and a role ("Мария Гордеева, корреспондент"), counts too: the caller knows it
    sits among the article's bylines and dates.
    """
    text = " ".join(line.split())
    if len(text) > 120:
        return None
    opener = _BYLINE_OPENER.match(text)
    if opener:
        rest = text[opener.end():]
    else:
        posted = re.search(r"\bby\s+(?=[A-ZА-ЯЁ])", text)
        if posted and re.match(r"^\W*(?:posted|published|updated|written|added)\b", text, re.I):
            rest = text[posted.end():]
        elif bare:
            rest = text
        else:
            return None
    names = []
    for part in _NAME_JOIN.split(_BYLINE_TAIL.sub("", rest)):
        part = part.strip(" .")
        if not part or _ROLE_WORD.match(part):
            continue
        if not _NAME.fullmatch(part):
            if names:
                break  # "Jane Roe, Staff Writer": the names are over
            return None
        names.append(part)
    return ", ".join(names) or None
