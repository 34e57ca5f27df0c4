"""Bad input: one stderr line naming the path and the reason, exit status 2, the other pages still read.
Encodings: real utf-8, cp1251, koi8-r and utf-16 bytes decode to the same article."""
from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from conftest import FIXTURES, run_cli

import newsdesk
from newsdesk.clean.decode import decode
from newsdesk.errors import InputError

GOOD = FIXTURES / "pages" / "pulse_bridge_en.txt"
RUSSIAN = FIXTURES / "pages" / "ledger_ferry_ru.txt"


@pytest.fixture
def bad_pages(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """name -> (path, words the error line must contain)."""
    pages = {}

    def page(name: str, data: bytes, reason: str) -> None:
        path = tmp_path / name
        path.write_bytes(data)
        pages[name] = (path, reason)

    page("empty.txt", b"", "empty")
    page("blank.txt", b"  \n\n \n", "empty")
    page("binary.bin", bytes(range(256)) * 20, "binary")
    page("undecodable.txt", b"caf\xe9 \x90\x91\x92\x93\x94\xff\xfe\xfd\x80\x81 \x98\x98 \x9a\x9b", "undecodable")
    page("fake_bom.txt", codecs.BOM_UTF16_LE + b"\xe9\xd8\x00\xdc\xff\xff\x34\x12\x00\xe0", "undecodable")
    page("menu_only.txt", b"Home\nNews\nSport\nLog in\nShare\nAdvertisement\n", "no article text")
    page("huge.txt", GOOD.read_bytes() * 40, "over the limit")
    pages["missing.txt"] = (tmp_path / "missing.txt", "no such file")
    (tmp_path / "empty_dir").mkdir()
    pages["empty_dir"] = (tmp_path / "empty_dir", "no files")
    return pages


def test_each_bad_page_is_one_line_and_the_good_pages_are_still_read(bad_pages, tmp_path):
    cp1251 = tmp_path / "ferry_cp1251.txt"
    cp1251.write_bytes(RUSSIAN.read_text(encoding="utf-8").encode("cp1251"))
    paths = [str(GOOD)] + [str(path) for path, _ in bad_pages.values()] + [str(cp1251)]
    result = run_cli("read", *paths, "--jsonl", "--no-facts", "--max-bytes", "20000")
    assert result.returncode == 2
    errors = result.stderr.decode().splitlines()
    assert "Traceback" not in result.stderr.decode()
    assert len(errors) == len(bad_pages)
    for (path, reason), line in zip(bad_pages.values(), errors):
        assert str(path) in line and reason in line, line
    articles = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [a["language"] for a in articles] == ["en", "ru"]
    assert articles[1]["title"] == "Паром через Верран снова пойдёт по расписанию"


def test_one_bad_path_alone_exits_2_with_nothing_on_stdout(tmp_path):
    result = run_cli("read", str(tmp_path / "nope.txt"), "--json")
    assert result.returncode == 2
    assert result.stdout == b""
    assert result.stderr.decode().strip() == f"newsdesk: {tmp_path / 'nope.txt'}: no such file"


def test_stdin_over_the_limit_is_refused():
    result = run_cli("read", "-", "--json", "--no-facts", "--max-bytes", "100", input=GOOD.read_bytes())
    assert result.returncode == 2
    assert "over the limit" in result.stderr.decode() and len(result.stderr.decode().splitlines()) == 1


@pytest.mark.parametrize("encoding", ["cp1251", "koi8-r", "utf-16", "utf-16-be", "utf-8-sig"])
def test_russian_page_in_legacy_and_bom_encodings_reads_like_utf8(encoding):
    # koi8-r has no em dash or ©: those become "?" in the page as a koi8-r site would serve it.
    text = RUSSIAN.read_text(encoding="utf-8").encode(encoding, "replace").decode(encoding)
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    assert decode(data) == text
    assert newsdesk.read(data, facts=False).text == newsdesk.read(text, facts=False).text


def test_short_koi8_text_is_not_mistaken_for_cp1251():
    text = "Городской совет одобрил проект новой школы на Садовой улице."
    assert decode(text.encode("koi8-r")) == text
    assert decode(text.encode("cp1251")) == text


def test_library_raises_input_error_with_the_reason():
    with pytest.raises(InputError, match="binary"):
        decode(bytes(range(256)) * 4, "page.bin")
