"""Facts on our own fictional articles (tests/fixtures/facts): F1 >= 0.9 per kind, scored like the seed."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from facts_scoring import Score, score_facts
from newsdesk.pipeline import read

FACTS = Path(__file__).resolve().parent / "fixtures" / "facts"
ARTICLES = sorted(p for p in FACTS.iterdir() if p.suffix in (".txt", ".html"))

def _gold(article: Path) -> dict:
    return json.loads(article.with_suffix(".json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def outputs() -> dict[str, dict]:
    return {p.name: read(p, published=_gold(p)["assumed_publication_date"]).to_dict() for p in ARTICLES}


def _passes(score: Score) -> bool:
    if score.gold == 0:
        return score.predicted == 0  # nothing to find: any prediction is a false one
    return score.f1 >= 0.9


def test_fixtures_cover_both_languages_and_html():
    languages = [_gold(p)["language"] for p in ARTICLES]
    assert len(ARTICLES) >= 6 and languages.count("ru") >= 2
    assert any(p.suffix == ".html" for p in ARTICLES)


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.name)
def test_quotes(article: Path, outputs):
    score = score_facts(outputs[article.name], _gold(article))["quotes"]
    assert _passes(score), f"quotes {score} F1={score.f1:.3f}"


@pytest.mark.parametrize("kind", ["pledges", "events"])
@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.name)
def test_pledges_and_events(article: Path, kind: str, outputs):
    score = score_facts(outputs[article.name], _gold(article))[kind]
    assert _passes(score), f"{kind} {score} F1={score.f1:.3f}"
