"""Translate an Article block by block through a self-hosted service the user runs (LibreTranslate, OpenAI-compatible)."""
from __future__ import annotations

import json
import os
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Protocol
from urllib.parse import urlsplit

from .errors import NewsdeskError
from .model import Article, Credit

DEFAULT_TIMEOUT = 120.0  # seconds; a local LLM on a CPU takes a while per batch
MAX_ANSWER = 50 * 1024 * 1024  # bytes; a runaway answer is an error, not memory exhausted
BATCH_CHARS = 4000  # characters of source text per request: under typical server limits, few round trips
LANGUAGE_NAMES = {"en": "English", "ru": "Russian", "uk": "Ukrainian", "de": "German", "fr": "French"}


class TranslationError(NewsdeskError):
    """The translation service failed or answered something unusable; nothing was translated."""


class TranslatorUnavailable(TranslationError):
    """The service cannot be reached at all (refused, timed out): every further page would fail too."""


class Translator(Protocol):
    name: str  # the service as credited: "LibreTranslate", "qwen2.5-7b (OpenAI-compatible)"

    def translate(self, texts: list[str], source: str, target: str) -> list[str]:
        """One translation per text, in order; raises TranslationError."""
        ...


# -- HTTP ---------------------------------------------------------------------------------------

def check_url(url: str) -> str:
    """The user's own service URL: http(s) with a host (loopback allowed); no trailing slash."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise TranslationError(f"translation URL {url!r} must be http:// or https:// with a host")
    return url.strip().rstrip("/")


def _error_detail(body: bytes) -> str:
    """The service's own reason from an error body ({"error": ...} in both APIs), one short line."""
    try:
        data = json.loads(body)
        detail = data.get("error") if isinstance(data, dict) else None
        if isinstance(detail, dict):  # OpenAI: {"error": {"message": ...}}
            detail = detail.get("message")
    except (ValueError, AttributeError):
        detail = None
    text = detail if isinstance(detail, str) else body.decode("utf-8", "replace")
    return " ".join(text.split())[:160]


_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _opener(url: str) -> urllib.request.OpenerDirector:
    """A server on this machine is reached directly: an http_proxy set for the outside world
    would otherwise carry loopback requests to the proxy (urllib ignores no_proxy when unset)."""
    host = (urllib.parse.urlsplit(url).hostname or "").lower()
    if host == "localhost" or host == "::1" or host.startswith("127."):
        return _DIRECT
    return urllib.request.build_opener()


def http_json(url: str, payload: dict[str, Any] | None, *, service: str, timeout: float,
              headers: dict[str, str] | None = None) -> Any:
    """POST (or GET when payload is None) JSON and return the decoded answer; every failure is one line."""
    data = None if payload is None else json.dumps(payload, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(url, data=data, method="GET" if payload is None else "POST",
                                     headers={"Content-Type": "application/json", "Accept": "application/json",
                                              **(headers or {})})
    try:
        with _opener(url).open(request, timeout=timeout) as response:
            body = response.read(MAX_ANSWER + 1)
    except urllib.error.HTTPError as exc:
        detail = _error_detail(exc.read() or b"")
        raise TranslationError(f"{service} at {url} answered HTTP {exc.code}" + (f": {detail}" if detail else "")) \
            from None
    except (socket.timeout, TimeoutError):
        raise TranslatorUnavailable(f"{service} at {url} did not answer within {timeout:g} s") from None
    except urllib.error.URLError as exc:
        reason = exc.reason.strerror if isinstance(exc.reason, OSError) and exc.reason.strerror else exc.reason
        if isinstance(exc.reason, (socket.timeout, TimeoutError)):
            raise TranslatorUnavailable(f"{service} at {url} did not answer within {timeout:g} s") from None
        raise TranslatorUnavailable(f"cannot reach {service} at {url}: {reason}") from None
    except OSError as exc:  # connection reset mid-answer and the like
        raise TranslatorUnavailable(f"cannot reach {service} at {url}: {exc.strerror or exc}") from None
    if len(body) > MAX_ANSWER:
        raise TranslationError(f"{service} at {url} answered more than {MAX_ANSWER // 2**20} MB")
    try:
        return json.loads(body)
    except ValueError:
        raise TranslationError(f"{service} at {url} answered something that is not JSON") from None


def _batches(texts: list[str], limit: int = BATCH_CHARS) -> list[list[str]]:
    """Consecutive runs of texts of at most `limit` characters (a longer text goes alone)."""
    out: list[list[str]] = []
    size = 0
    for text in texts:
        if not out or size + len(text) > limit:
            out.append([])
            size = 0
        out[-1].append(text)
        size += len(text)
    return out


def _strings(value: Any, count: int, service: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TranslationError(f"{service} answered without a list of translations")
    if len(value) != count:
        raise TranslationError(f"{service} returned {len(value)} translations for {count} texts")
    return value


# -- backends -----------------------------------------------------------------------------------

@dataclass
class LibreTranslate:
    """LibreTranslate's API: POST /translate {q: [...], source, target, format: "text", api_key}."""

    url: str
    api_key: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    name: str = "LibreTranslate"

    def translate(self, texts: list[str], source: str, target: str) -> list[str]:
        out: list[str] = []
        for batch in _batches(texts):
            payload: dict[str, Any] = {"q": batch, "source": source, "target": target, "format": "text"}
            if self.api_key:
                payload["api_key"] = self.api_key
            answer = http_json(f"{self.url}/translate", payload, service=self.name, timeout=self.timeout)
            if not isinstance(answer, dict) or "translatedText" not in answer:
                raise TranslationError(f"{self.name} answered without translatedText")
            out += _strings(answer["translatedText"], len(batch), self.name)
        return out


SYSTEM_PROMPT = (
    "You are a professional news translator. Translate each string of the JSON array the user sends "
    "from {source} into {target}, faithfully and completely: keep names, numbers, dates and quotations "
    "exact, add nothing, omit nothing, no notes. Answer with only a JSON array of the translated strings, "
    "one per input string, in the same order."
)


def _json_array(content: str) -> Any:
    """The JSON array in a chat answer, tolerating a ```json fence around it."""
    fenced = re.search(r"```(?:json)?\s*(.*?)```", content, re.S)
    text = fenced.group(1) if fenced else content
    start, end = text.find("["), text.rfind("]")
    if start < 0 or end < start:
        return None
    try:
        return json.loads(text[start:end + 1])
    except ValueError:
        return None


@dataclass
class OpenAICompatible:
    """An OpenAI-compatible chat server (llama.cpp, vLLM, Ollama...): POST /v1/chat/completions per batch."""

    url: str
    api_key: str | None = None
    model: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    label: str = "OpenAI-compatible server"

    @property
    def base(self) -> str:
        return self.url if self.url.endswith("/v1") else f"{self.url}/v1"

    @property
    def name(self) -> str:
        return f"{self.model} ({self.label})" if self.model else self.label

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}

    def _model(self) -> str:
        """The configured model, else the first one the server lists (GET /v1/models)."""
        if not self.model:
            answer = http_json(f"{self.base}/models", None, service=self.label, timeout=self.timeout,
                               headers=self._headers())
            try:
                self.model = str(answer["data"][0]["id"])
            except (KeyError, IndexError, TypeError):
                raise TranslationError(f"{self.label} at {self.url} lists no model: pass --model") from None
        return self.model

    def translate(self, texts: list[str], source: str, target: str) -> list[str]:
        model = self._model()
        prompt = SYSTEM_PROMPT.format(source=LANGUAGE_NAMES.get(source, source),
                                      target=LANGUAGE_NAMES.get(target, target))
        out: list[str] = []
        for batch in _batches(texts):
            payload = {"model": model, "temperature": 0, "stream": False,
                       "messages": [{"role": "system", "content": prompt},
                                    {"role": "user", "content": json.dumps(batch, ensure_ascii=False)}]}
            answer = http_json(f"{self.base}/chat/completions", payload, service=self.name,
                               timeout=self.timeout, headers=self._headers())
            try:
                content = answer["choices"][0]["message"]["content"]
            except (KeyError, IndexError, TypeError):
                raise TranslationError(f"{self.name} answered without choices[0].message.content") from None
            if not isinstance(content, str):
                raise TranslationError(f"{self.name} answered without choices[0].message.content")
            out += _strings(_json_array(content), len(batch), self.name)
        return out


BACKENDS: dict[str, Callable[..., Translator]] = {
    "libretranslate": lambda url, api_key, model, timeout: LibreTranslate(url, api_key, timeout),
    "openai": lambda url, api_key, model, timeout: OpenAICompatible(url, api_key, model, timeout),
}


def register(name: str, factory: Callable[..., Translator]) -> None:
    """Add a backend: `factory(url, api_key, model, timeout) -> Translator`."""
    BACKENDS[name] = factory


def make_translator(name: str | None = None, url: str | None = None, api_key: str | None = None,
                    model: str | None = None, timeout: float = DEFAULT_TIMEOUT) -> Translator:
    """The configured backend: arguments first, then NEWSDESK_TRANSLATOR / _URL / _KEY / _MODEL."""
    name = name or os.environ.get("NEWSDESK_TRANSLATOR")
    url = url or os.environ.get("NEWSDESK_TRANSLATE_URL")
    api_key = api_key or os.environ.get("NEWSDESK_TRANSLATE_KEY") or None
    model = model or os.environ.get("NEWSDESK_TRANSLATE_MODEL") or None
    options = "|".join(BACKENDS)
    if not name or not url:
        raise TranslationError(f"no translator configured: pass --translator {options} and --translate-url URL "
                               "(or set NEWSDESK_TRANSLATOR and NEWSDESK_TRANSLATE_URL)")
    factory = BACKENDS.get(name.lower())
    if factory is None:
        raise TranslationError(f"unknown translator {name!r} (use one of {options})")
    return factory(check_url(url), api_key, model, timeout)


# -- articles -----------------------------------------------------------------------------------

def translation_credit(translator: Translator, source: str, target: str) -> Credit:
    return Credit(kind="translation", text=f"Translated by {translator.name} from {source} to {target}",
                  service=translator.name, from_language=source, to_language=target)


def translate_article(article: Article, target: str, translator: Translator) -> Article:
    """The article in `target`, block by block (kinds and order kept), credited to the translator.

    The new article keeps `source`, `published`, `removed` and the page's credits, adds a translation
    Credit, and gets fresh sentences (the same splitter as `read`) and "Select important" scores
    (cheap, text-only). Entities, quotes, pledges and events are NOT recomputed: their offsets and
    wording belong to the original, so they are left empty; read the original for facts.
    An article already in `target` comes back unchanged (the same object). Any failure raises
    TranslationError and nothing half-translated is returned.
    """
    from .clean import assemble
    from .pipeline import score_salience, segment_sentences

    if article.language == target:
        return article
    texts = [article.block_text(i) for i in range(len(article.blocks))]
    translated = translator.translate(texts, article.language, target)
    if not isinstance(translated, list) or not all(isinstance(t, str) for t in translated):
        raise TranslationError(f"{translator.name} did not return a list of texts")
    if len(translated) != len(texts):
        raise TranslationError(f"{translator.name} returned {len(translated)} translations for {len(texts)} blocks")
    bodies = [" ".join(t.split()) for t in translated]  # a block is one line: "\n\n" separates blocks
    if any(original.strip() and not body for original, body in zip(texts, bodies)):
        raise TranslationError(f"{translator.name} returned an empty translation for a non-empty block")
    text, blocks = assemble([(b.kind, body) for b, body in zip(article.blocks, bodies)])
    title_index = next((i for i, b in enumerate(article.blocks) if b.kind == "title"), None)
    result = replace(
        article, language=target, text=text, blocks=blocks,
        title=bodies[title_index] if article.title is not None and title_index is not None else article.title,
        credits=[*article.credits, translation_credit(translator, article.language, target)],
        removed=list(article.removed), sentences=[], entities=[], quotes=[], pledges=[], events=[],
    )
    segment_sentences(result, None)  # the splitter needs no models
    score_salience(result, None)
    return result
