"""Translation credits ("Переведено сервисом «Яндекс Переводчик»", "Translated by DeepL") -> Credit."""
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
