"""Facts on the founding page, scored by the shared scorer (skips when ../shared is absent)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from facts_scoring import score_facts
from newsdesk.pipeline import read

# H3: remove the mark on your kind once it reaches its target.
PENDING_H3 = "pledges/events are H3's (facts/pledges.py, facts/events.py), not landed yet"


@pytest.fixture(scope="module")
def seed_scores(tmp_path_factory):
    from conftest import SHARED

    if not (SHARED / "seed").is_dir():
        pytest.skip("../shared is not present")
    seed = next((SHARED / "seed").glob("*.txt"))
    article = read(seed, published="2025-08-26").to_dict()
    out = tmp_path_factory.mktemp("seed") / "out.json"
    out.write_text(json.dumps(article, ensure_ascii=False), encoding="utf-8")
    gold = SHARED / "gold" / "seed.json"
    result = subprocess.run([sys.executable, str(SHARED / "eval" / "score_facts.py"), str(out), str(gold), "--json"],
                            capture_output=True, text=True, check=True)
    ours = score_facts(article, json.loads(gold.read_text(encoding="utf-8")))
    return json.loads(result.stdout), ours


def test_seed_quotes(seed_scores):
    shared, _ = seed_scores
    assert shared["quotes"]["f1"] >= 0.95, shared["quotes"]


@pytest.mark.xfail(reason=PENDING_H3, strict=False)
def test_seed_pledges(seed_scores):
    shared, _ = seed_scores
    assert shared["pledges"]["f1"] >= 0.95, shared["pledges"]


@pytest.mark.xfail(reason=PENDING_H3, strict=False)
def test_seed_events(seed_scores):
    shared, _ = seed_scores
    assert shared["events"]["f1"] >= 0.90, shared["events"]


def test_our_scorer_agrees_with_the_shared_one(seed_scores):
    shared, ours = seed_scores
    for kind, score in ours.items():
        assert (score.tp, score.predicted, score.gold) == \
            (shared[kind]["tp"], shared[kind]["predicted"], shared[kind]["gold"]), kind
