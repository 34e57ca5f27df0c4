"""`newsdesk facts`: tables and JSON of pledges, events, quotes and people, through the real command."""
from __future__ import annotations

import json

import pytest

from conftest import run_cli

PAGE = """Harbour towns get flood money

Lisbon will allocate about €320 million for the reconstruction of flooded villages in 2027, \
Prime Minister Ana Costa said on Tuesday. "We will rebuild every bridge," Costa told reporters.
"""


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    path = tmp_path_factory.mktemp("facts") / "page.txt"
    path.write_text(PAGE, encoding="utf-8")
    return path


def test_tables_show_each_kind(page):
    result = run_cli("facts", str(page), "--published", "2026-03-12", "--format", "clean")
    out = result.stdout.decode()
    assert result.returncode == 0, result.stderr.decode()
    for heading in ("Pledges", "Dated events", "Quotations", "People"):
        assert heading in out
    assert "Portugal" in out and "€320 million" in out and "EUR 320 m" in out
    assert "2026-03-10" in out  # "on Tuesday" before a Thursday publication


def test_json_keeps_the_sentence_of_each_fact_and_filters_kinds(page):
    result = run_cli("facts", str(page), "--json", "--kind", "pledges", "--kind", "events",
                     "--published", "2026-03-12", "--format", "clean")
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)
    assert set(data) >= {"pledges", "events"} and "quotes" not in data and "people" not in data
    (pledge,) = data["pledges"]
    assert pledge["donor"] == "Portugal" and pledge["amount"]["value"] == 320e6
    assert pledge["sentence_text"].startswith("Lisbon will allocate")
    assert {e["date"] for e in data["events"]} == {"2026-03-10", "2027"}


def test_bad_input_is_one_line_and_the_batch_goes_on(page, tmp_path):
    missing = tmp_path / "nope.txt"
    result = run_cli("facts", str(missing), str(page), "--json", "--kind", "pledges", "--format", "clean")
    err = result.stderr.decode().strip()
    assert result.returncode == 2
    assert len(err.splitlines()) == 1 and "nope.txt" in err and "Traceback" not in err
    assert json.loads(result.stdout)["pledges"][0]["donor"] == "Portugal"
