"""`newsdesk translate` against real HTTP servers on loopback that speak LibreTranslate's and the
OpenAI chat-completions request/response shapes (no translation model runs here, so the servers
"translate" with a tiny fictional glossary plus transliteration)."""
from __future__ import annotations

import json
import os
import re
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from anyascii import anyascii
from conftest import FIXTURES, run_cli

import newsdesk
from newsdesk.clean.credits import parse_credit
from newsdesk.errors import NewsdeskError
from newsdesk.model import Article
from newsdesk.translate import (LibreTranslate, OpenAICompatible, TranslationError, TranslatorUnavailable,
                                make_translator, translate_article)

PAGES = FIXTURES / "pages"
RU_PAGE = PAGES / "pulse_school_ru.txt"  # title, lead, heading, paragraphs, a DeepL credit, a date
EN_PAGE = PAGES / "pulse_bridge_en.txt"

# A fictional glossary; every other word is transliterated, so each output is traceable to its input.
GLOSSARY = {("ru", "en"): {"школу": "school", "школы": "school", "рынка": "market", "город": "city"},
            ("en", "ru"): {"bridge": "мост", "city": "город", "inspectors": "инспекторы"}}
_LATIN_TO_CYRILLIC = str.maketrans("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
                                   "абцдефгхийклмнопкрстуввхызАБЦДЕФГХИЙКЛМНОПКРСТУВВХЫЗ")


def fake_translate(text: str, source: str, target: str) -> str:
    glossary = GLOSSARY[(source, target)]
    words = re.sub(r"\w+", lambda m: glossary.get(m.group().lower(), m.group()), text)
    return anyascii(words) if target == "en" else words.translate(_LATIN_TO_CYRILLIC)


CHAR_LIMIT = 150


class Handler(BaseHTTPRequestHandler):
    """The first path segment picks a behaviour: /ok, /fenced, /http500, /garbage, /short, /slow, /limit."""

    def log_message(self, *args) -> None:  # keep pytest output clean
        pass

    def _send(self, status: int, payload, raw: bytes | None = None) -> None:
        body = raw if raw is not None else json.dumps(payload, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _route(self) -> tuple[str, str]:
        _, mode, rest = self.path.split("/", 2)
        return mode, "/" + rest

    def do_GET(self) -> None:
        mode, route = self._route()
        if route == "/v1/models":
            self._send(200, {"object": "list", "data": [{"id": "tiny-dict-1", "object": "model", "owned_by": "me"}]})
        else:
            self._send(404, {"error": "Not Found"})

    def do_POST(self) -> None:
        mode, route = self._route()
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.seen.append((route, body, dict(self.headers)))
        if mode == "slow":
            time.sleep(3)
        if mode == "http500":
            return self._send(500, {"error": "translation engine crashed"})
        if mode == "garbage":
            return self._send(200, None, raw=b"<html>upstream proxy error</html>")
        if route == "/translate":
            self._libretranslate(mode, body)
        elif route == "/v1/chat/completions":
            self._chat(mode, body)
        else:
            self._send(404, {"error": "Not Found"})

    def _libretranslate(self, mode: str, body: dict) -> None:
        for field in ("q", "source", "target"):
            if not body.get(field):
                return self._send(400, {"error": f"Invalid request: missing {field} parameter"})
        if body.get("format") not in (None, "text", "html"):
            return self._send(400, {"error": "Invalid request: format"})
        texts = body["q"] if isinstance(body["q"], list) else [body["q"]]
        if mode == "limit" and max(map(len, texts)) > CHAR_LIMIT:  # LibreTranslate --char-limit
            return self._send(400, {"error": f"Invalid request: request ({max(map(len, texts))}) exceeds text "
                                             f"limit ({CHAR_LIMIT})"})
        out = [fake_translate(t, body["source"], body["target"]) for t in texts]
        if mode == "short":
            out = out[:-1]
        self._send(200, {"translatedText": out if isinstance(body["q"], list) else out[0]})

    def _chat(self, mode: str, body: dict) -> None:
        system, user = body["messages"][0]["content"], body["messages"][1]["content"]
        source = "ru" if "from Russian" in system else "en"
        target = "en" if "into English" in system else "ru"
        out = [fake_translate(t, source, target) for t in json.loads(user)]
        if mode == "short":
            out = out[:-1]
        content = json.dumps(out, ensure_ascii=False)
        if mode == "fenced":  # chat models like to wrap JSON in a Markdown fence
            content = f"Here is the translation:\n```json\n{content}\n```"
        self._send(200, {"id": "chatcmpl-1", "object": "chat.completion", "created": 0, "model": body["model"],
                         "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                                      "finish_reason": "stop"}],
                         "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}})


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.seen = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def url(server, mode: str = "ok") -> str:
    return f"http://127.0.0.1:{server.server_address[1]}/{mode}"


@pytest.fixture(scope="module")
def ru_article() -> Article:
    return newsdesk.read(str(RU_PAGE), facts=False)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def assert_translated(original: Article, result: Article, target: str) -> None:
    """Every block translated in place: same kinds and order, the text rebuilt, sentences inside blocks."""
    assert result.language == target
    assert [b.kind for b in result.blocks] == [b.kind for b in original.blocks]
    for i in range(len(original.blocks)):
        expected = " ".join(fake_translate(original.block_text(i), original.language, target).split())
        assert result.block_text(i) == expected
    assert result.text == "\n\n".join(result.block_text(i) for i in range(len(result.blocks)))
    assert result.sentences and any(s.important for s in result.sentences)
    for s in result.sentences:
        block = result.blocks[s.block]
        assert block.start <= s.start < s.end <= block.end
    assert {s.block for s in result.sentences} == set(range(len(result.blocks)))


# -- the library ----------------------------------------------------------------------------------

def test_libretranslate_translates_every_block_and_credits_the_service(server, ru_article):
    server.seen.clear()
    result = translate_article(ru_article, "en", LibreTranslate(url(server), api_key="k-123"))
    assert_translated(ru_article, result, "en")
    assert result.title == result.block_text(0) and "school" in result.title and "market" in result.title
    assert result.published == ru_article.published and result.source == ru_article.source
    # The page's own credit stays; ours comes last, shaped like a parsed one.
    assert result.credits[:-1] == ru_article.credits
    credit = result.credits[-1]
    assert (credit.kind, credit.service, credit.from_language, credit.to_language) == \
        ("translation", "LibreTranslate", "ru", "en")
    assert credit.text == "Translated by LibreTranslate from ru to en"
    parsed = parse_credit(credit.text)
    assert parsed and (parsed.from_language, parsed.to_language) == ("ru", "en")
    # The real request shape: all blocks of this short article in one batch, with the key.
    route, body, _ = server.seen[-1]
    assert route == "/translate"
    assert body == {"q": [ru_article.block_text(i) for i in range(len(ru_article.blocks))],
                    "source": "ru", "target": "en", "format": "text", "api_key": "k-123"}
    assert ru_article.language == "ru" and ru_article.credits[-1].service == "DeepL"  # original untouched


def test_translated_article_round_trips_through_the_json_contract(server, ru_article):
    result = translate_article(ru_article, "en", LibreTranslate(url(server)))
    data = json.loads(result.to_json())
    assert data["schema"] == "newsdesk.article/1" and data["language"] == "en"
    assert Article.from_dict(data) == result
    assert data["entities"] == data["quotes"] == data["pledges"] == data["events"] == []


def test_long_articles_go_in_several_requests_and_keep_their_order(server):
    server.seen.clear()
    texts = [f"Paragraph {i} about the bridge. " * 12 for i in range(40)]
    out = LibreTranslate(url(server)).translate(texts, "en", "ru")
    assert len(server.seen) > 1
    assert out == [fake_translate(t, "en", "ru") for t in texts]


def test_openai_compatible_server_uses_its_listed_model_and_a_fenced_answer(server, ru_article):
    server.seen.clear()
    translator = OpenAICompatible(url(server, "fenced"), api_key="sk-local")
    result = translate_article(ru_article, "en", translator)
    assert_translated(ru_article, result, "en")
    assert result.credits[-1].service == "tiny-dict-1 (OpenAI-compatible server)"
    route, body, headers = server.seen[-1]
    assert route == "/v1/chat/completions" and body["model"] == "tiny-dict-1"
    assert headers.get("Authorization") == "Bearer sk-local"
    assert [m["role"] for m in body["messages"]] == ["system", "user"]


def test_an_article_already_in_the_target_language_is_returned_unchanged(server, ru_article):
    server.seen.clear()
    assert translate_article(ru_article, "ru", LibreTranslate(url(server))) is ru_article
    assert server.seen == []


@pytest.mark.parametrize("mode, message", [("http500", "HTTP 500: translation engine crashed"),
                                           ("garbage", "not JSON"),
                                           ("short", "translations for")])
def test_service_failures_raise_one_line_and_return_nothing(server, ru_article, mode, message):
    for translator in (LibreTranslate(url(server, mode)), OpenAICompatible(url(server, mode), model="m")):
        with pytest.raises(TranslationError) as info:
            translate_article(ru_article, "en", translator)
        assert message in str(info.value) and "\n" not in str(info.value)


def test_a_server_that_is_down_or_too_slow_is_unavailable(server, ru_article):
    with pytest.raises(TranslatorUnavailable, match="cannot reach LibreTranslate"):
        translate_article(ru_article, "en", LibreTranslate(f"http://127.0.0.1:{free_port()}"))
    with pytest.raises(TranslatorUnavailable, match="did not answer within 0.5 s"):
        translate_article(ru_article, "en", LibreTranslate(url(server, "slow"), timeout=0.5))


def test_configuration_from_the_environment_and_its_errors(monkeypatch, server):
    for name in ("NEWSDESK_TRANSLATOR", "NEWSDESK_TRANSLATE_URL", "NEWSDESK_TRANSLATE_KEY", "NEWSDESK_TRANSLATE_MODEL"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(NewsdeskError, match="no translator configured.*libretranslate\\|openai"):
        make_translator()
    monkeypatch.setenv("NEWSDESK_TRANSLATOR", "openai")
    monkeypatch.setenv("NEWSDESK_TRANSLATE_URL", url(server) + "/v1/")
    monkeypatch.setenv("NEWSDESK_TRANSLATE_KEY", "sk-env")
    translator = make_translator()
    assert isinstance(translator, OpenAICompatible) and translator.api_key == "sk-env"
    assert translator.translate(["the bridge"], "en", "ru") == [fake_translate("the bridge", "en", "ru")]
    with pytest.raises(NewsdeskError, match="unknown translator 'deepl'"):
        make_translator("deepl", url(server))
    for bad in ("file:///etc/passwd", "ftp://127.0.0.1/", "127.0.0.1:5000"):
        with pytest.raises(NewsdeskError, match="must be http:// or https://"):
            make_translator("libretranslate", bad)


# -- the command ----------------------------------------------------------------------------------

def test_cli_prints_the_translated_article_with_its_credit(server, ru_article):
    result = run_cli("translate", str(RU_PAGE), "--to", "en", "--translator", "libretranslate",
                     "--translate-url", url(server))
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode()
    assert fake_translate(ru_article.title, "ru", "en") in " ".join(out.split())
    assert "[translation] Translated by LibreTranslate from ru to en" in out
    assert not re.search(r"[а-яё]{3}", out.split("[translation]")[0], re.I)  # nothing left in Russian


def test_cli_json_follows_the_contract(server, ru_article):
    result = run_cli("translate", str(RU_PAGE), "--to", "en", "--translator", "openai", "--model", "tiny-dict-1",
                     "--translate-url", url(server), "--json")
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)
    assert data["schema"] == "newsdesk.article/1" and data["language"] == "en"
    assert_translated(ru_article, Article.from_dict(data), "en")
    assert data["credits"][-1] == {"kind": "translation", "text": "Translated by tiny-dict-1 (OpenAI-compatible "
                                   "server) from ru to en", "service": "tiny-dict-1 (OpenAI-compatible server)",
                                   "from_language": "ru", "to_language": "en"}


def test_cli_english_page_to_english_is_untouched(server):
    translated = run_cli("translate", str(EN_PAGE), "--to", "en", "--translator", "libretranslate",
                         "--translate-url", f"http://127.0.0.1:{free_port()}", "--json")
    read = run_cli("read", str(EN_PAGE), "--no-facts", "--json")
    assert translated.returncode == 0, translated.stderr.decode()
    assert json.loads(translated.stdout) == json.loads(read.stdout)


def test_cli_english_page_into_russian(server):
    result = run_cli("translate", str(EN_PAGE), "--to", "ru", "--translator", "libretranslate",
                     "--translate-url", url(server), "--jsonl")
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)
    assert data["language"] == "ru" and "мост" in data["title"]
    assert data["credits"][-1]["text"] == "Translated by LibreTranslate from en to ru"


def test_cli_a_page_the_service_refuses_is_one_line_and_the_others_are_translated(server, tmp_path):
    short = ["Мельницу на реке починят к весне.", "Город заплатит за новые жернова."]
    (tmp_path / "a_short.txt").write_text("\n\n".join(short) + "\n", encoding="utf-8")
    (tmp_path / "b_long.txt").write_bytes(RU_PAGE.read_bytes())  # its lead is longer than the server's limit
    result = run_cli("translate", str(tmp_path), "--to", "en", "--translator", "libretranslate",
                     "--translate-url", url(server, "limit"), "--jsonl", "--format", "clean")
    stderr = result.stderr.decode()
    assert result.returncode == 2
    assert stderr.count("\n") == 1 and "b_long.txt" in stderr and "exceeds text limit (150)" in stderr
    (line,) = result.stdout.decode().splitlines()
    data = json.loads(line)
    assert data["source"]["path"].endswith("a_short.txt") and data["language"] == "en"
    assert data["text"] == "\n\n".join(fake_translate(p, "ru", "en") for p in short)
    assert data["credits"][-1]["text"] == "Translated by LibreTranslate from ru to en"


@pytest.mark.parametrize("mode, message", [("down", "cannot reach LibreTranslate"),
                                           ("http500", "answered HTTP 500"),
                                           ("garbage", "not JSON"),
                                           ("short", "returned 6 translations for 7 texts")])
def test_cli_service_failures_exit_2_with_one_line(server, mode, message):
    target = f"http://127.0.0.1:{free_port()}" if mode == "down" else url(server, mode)
    result = run_cli("translate", str(RU_PAGE), "--to", "en", "--translator", "libretranslate",
                     "--translate-url", target)
    stderr = result.stderr.decode()
    assert result.returncode == 2
    assert stderr.count("\n") == 1 and stderr.startswith("newsdesk: ") and message in stderr
    assert "Traceback" not in stderr and result.stdout == b""  # nothing half-translated


@pytest.mark.skipif(bool(os.environ.get("NEWSDESK_TRANSLATOR") or os.environ.get("NEWSDESK_TRANSLATE_URL")),
                    reason="a translator is configured in this environment")
def test_cli_without_a_backend_names_the_options():
    result = run_cli("translate", str(RU_PAGE), "--to", "en")
    assert result.returncode == 2
    assert result.stderr.decode() == ("newsdesk: no translator configured: pass --translator libretranslate|openai "
                                      "and --translate-url URL (or set NEWSDESK_TRANSLATOR and "
                                      "NEWSDESK_TRANSLATE_URL)\n")
