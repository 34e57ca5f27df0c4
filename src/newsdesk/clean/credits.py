"""Translation credits ("Переведено сервисом «Яндекс Переводчик»", "Translated by DeepL") -> Credit."""
from __future__ import annotations

import re

from ..model import Credit

_SERVICES = [
    (re.compile(r"яндекс|yandex", re.I), "Yandex Translator"),
    (re.compile(r"google", re.I), "Google Translate"),
    (re.compile(r"deepl", re.I), "DeepL"),
    (re.compile(r"bing|microsoft", re.I), "Microsoft Translator"),
    (re.compile(r"chatgpt|openai", re.I), "ChatGPT"),
]
_CREDIT = re.compile(
    r"^\s*(?:"
    r"(?:автоматически\s+)?переведено\s+(?:сервисом|с\s+помощью|при\s+помощи)?"
    r"|перевод(?:\s+выполнен)?\s+(?:сервисом|с\s+помощью)"
    r"|(?:machine[- ])?translated\s+(?:by|with|using|from)"
    r"|translation(?:\s+provided)?\s+by"
    r"|(?:this\s+(?:article|text)\s+(?:was|has\s+been)\s+)(?:machine[- ])?translated"
    r"|machine\s+translation\s+(?:by|from)"
    r")",
    re.I,
)
_LANGS = {"russian": "ru", "русского": "ru", "english": "en", "английский": "en", "английского": "en",
          "ukrainian": "uk", "german": "de", "french": "fr"}


def parse_credit(line: str, text_language: str | None = None) -> Credit | None:
    """A Credit when the line is a translation credit, else None."""
    stripped = line.strip()
    if len(stripped) > 200 or not _CREDIT.search(stripped):
        return None
    service = next((name for pattern, name in _SERVICES if pattern.search(stripped)), None)
    from_language = to_language = None
    m = re.search(r"from\s+(\w+)(?:\s+(?:in)?to\s+(\w+))?", stripped, re.I)
    if m:
        from_language = _LANGS.get(m.group(1).lower())
        to_language = _LANGS.get((m.group(2) or "").lower())
    if from_language is None and re.search(r"[а-яё]", stripped, re.I):
        # A Russian-language credit on a page: translated out of Russian.
        from_language = "ru"
    if to_language is None and text_language and text_language != from_language:
        to_language = text_language
    return Credit(kind="translation", text=stripped, service=service,
                  from_language=from_language, to_language=to_language)
