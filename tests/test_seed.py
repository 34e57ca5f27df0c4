"""The founding page, scored by the shared scorer (skips when ../shared is absent)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import SHARED, run_cli


@pytest.fixture(scope="module")
def seed_article(tmp_path_factory):
    """The seed read once through the real command (as the issue's 'done when' runs it)."""
    if not (SHARED / "seed").is_dir():
        pytest.skip("../shared is not present")
    shared = SHARED
    seed = next((shared / "seed").glob("*.txt"))
    result = run_cli("read", str(seed), "--json", "--published", "2025-08-26")
    assert result.returncode == 0, result.stderr.decode()
    out = tmp_path_factory.mktemp("seed") / "out.json"
    out.write_bytes(result.stdout)
    return out, json.loads(result.stdout.decode()), json.loads((shared / "gold" / "seed.json").read_text())


def test_seed_article_scores_perfectly(seed_article, shared):
    out, _, _ = seed_article
    score = subprocess.run([sys.executable, str(shared / "eval" / "score_article.py"), str(out),
                            str(shared / "gold" / "seed.json"), "--json"], capture_output=True, text=True)
    scores = json.loads(score.stdout)
    assert scores["block_precision"] == 1.0
    assert scores["block_recall"] == 1.0
    assert scores["headings_found"] == "2/2"
    assert scores["title_ok"] is True
    assert scores["boilerplate_leaked"] == []
    assert scores["credits_ok"] is True


def test_every_sentence_the_gold_cites_is_one_of_ours(seed_article):
    _, article, gold = seed_article
    ours = {article["text"][s["start"]:s["end"]] for s in article["sentences"]}
    cited = {item["sentence"]["text"] for key in ("quotations", "aid_commitments", "dated_events")
             for item in gold.get(key, [])}
    assert cited and cited <= ours


def test_the_credit_names_service_and_languages(seed_article):
    _, article, _ = seed_article
    assert [(c["service"], c["from_language"], c["to_language"]) for c in article["credits"]] == [
        ("Yandex Translator", "ru", "en")]
