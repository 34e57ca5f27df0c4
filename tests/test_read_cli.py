"""`newsdesk read`: files, stdin, directories; JSON, JSON lines and the readable rendering."""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys

from conftest import FIXTURES, run_cli

import newsdesk

PAGES = FIXTURES / "pages"
LAYERS = ("sentences", "entities", "quotes", "pledges", "events")


def test_one_page_as_json_follows_the_contract():
    page = PAGES / "ledger_barrier_en.txt"
    result = run_cli("read", str(page), "--json", "--no-facts", "--published", "2031-03-20")
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)
    assert data["schema"] == "newsdesk.article/1"
    assert data["source"] == {"path": str(page), "url": None, "format": "text",
                              "sha256": hashlib.sha256(page.read_bytes()).hexdigest()}
    assert data["language"] == "en"
    assert data["published"] == "2031-03-20"
    assert data["title"] == "Flood barrier on the Verran river will be finished a year early"
    assert data["credits"][0]["service"] == "DeepL"
    assert "Advertisement" in data["removed"]
    kinds = [b["kind"] for b in data["blocks"]]
    assert kinds[:2] == ["title", "lead"] and "heading" in kinds
    assert data["text"] == "\n\n".join(data["text"][b["start"]:b["end"]] for b in data["blocks"])
    assert data["sentences"] and all(isinstance(data[layer], list) for layer in LAYERS)


def test_a_directory_as_json_lines_one_article_per_file_in_order(tmp_path):
    for name in ("b_volna_port_ru.txt", "a_pulse_bridge_en.txt"):
        shutil.copy(PAGES / name.split("_", 1)[1], tmp_path / name)
    result = run_cli("read", str(tmp_path), "--jsonl", "--no-facts")
    assert result.returncode == 0, result.stderr.decode()
    lines = result.stdout.decode().splitlines()
    assert [json.loads(line)["language"] for line in lines] == ["en", "ru"]
    assert json.loads(lines[0])["source"]["path"].endswith("a_pulse_bridge_en.txt")


def test_stdin_with_format_clean_keeps_every_paragraph():
    text = "Advertisement\n\nThe council met on Tuesday and agreed to extend the night buses.\n\nShare\n"
    result = run_cli("read", "-", "--json", "--no-facts", "--format", "clean", "--lang", "en",
                     input=text.encode())
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)
    assert data["text"] == text.strip()
    assert data["removed"] == []


def test_format_scrape_forces_chrome_removal_on_bytes():
    article = newsdesk.read((PAGES / "pulse_school_ru.txt").read_bytes(), format="scrape", facts=False)
    assert article.language == "ru" and "Реклама" in article.removed


def test_readable_rendering_shows_title_heading_and_paragraphs():
    result = run_cli("read", str(PAGES / "pulse_bridge_en.txt"), "--no-facts")
    assert result.returncode == 0, result.stderr.decode()
    out = " ".join(result.stdout.decode().split())
    assert "Inspectors find cracks in the North Street bridge" in out
    assert "Who pays for the repair" in out
    assert "About 18,000 vehicles cross the bridge each day." in out
    assert "Advertisement" not in out and "Tags:" not in out


def test_a_bad_published_date_is_a_usage_error():
    result = run_cli("read", str(PAGES / "pulse_bridge_en.txt"), "--published", "next Tuesday")
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr and b"next Tuesday" in result.stderr


def test_python_api_reads_paths_bytes_and_text_alike():
    page = PAGES / "volna_port_ru.txt"
    from_path = newsdesk.read(page, facts=False)
    from_bytes = newsdesk.read(page.read_bytes(), facts=False)
    from_text = newsdesk.read(page.read_text(encoding="utf-8"), facts=False)
    assert from_path.text == from_bytes.text == from_text.text
    assert from_path.source.sha256 == from_bytes.source.sha256
    again = newsdesk.Article.from_json(from_path.to_json())
    assert again.to_dict() == from_path.to_dict()


def test_reading_without_facts_loads_no_spacy_model():
    code = ("import sys, newsdesk; newsdesk.read(sys.argv[1], facts=False); "
            "print(sorted(m for m in sys.modules if m.startswith(('en_core_web', 'natasha'))))")
    out = subprocess.run([sys.executable, "-c", code, str(PAGES / "ledger_barrier_en.txt")],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
