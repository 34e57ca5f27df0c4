"""Facts on the founding page, scored by the shared scorer: a seed fact that is lost fails here.

Skips when ../shared is absent. Quotes and pledges: every core gold item is found and no prediction
is false. Events: every gold event the text can date is found and no prediction is false. Which
events the text cannot date is read off the gold file itself (see `undatable_events`), never from a
list of indices or the page's wording.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from facts_scoring import score_facts
from newsdesk.pipeline import read

KINDS = ("quotes", "pledges", "events")
_GOLD_KEYS = {"quotes": "quotations", "pledges": "aid_commitments", "events": "dated_events"}


def _counted(event: dict) -> bool:
    """The shared scorer's rule: an event counts for recall when it is resolved and not optional."""
    return event.get("resolved") is not None and not event.get("optional")


def undatable_events(gold: dict) -> set[str]:
    """Ids of counted gold events whose date no expression in the text gives.

    An event is undatable when the gold records no date as written for it (`date_as_written` is null:
    the date comes from outside the text), or when its `resolution_basis` counts from another gold
    event (cited by id) that is itself undatable ("10 days after" a meeting the text never dates).
    """
    events = gold.get("dated_events") or []
    ids = {e["id"] for e in events if e.get("id")}
    undatable = {e["id"] for e in events if e.get("id") and e.get("date_as_written") is None}
    changed = True
    while changed:
        changed = False
        for event in events:
            if event.get("id") in undatable:
                continue
            cited = set(re.findall(r"\b[a-z]\d+\b", event.get("resolution_basis") or "")) & ids
            if cited & undatable:
                undatable.add(event["id"])
                changed = True
    return {e["id"] for e in events if e.get("id") in undatable and _counted(e)}


def _text_dated_gold(gold: dict) -> dict:
    """The gold with the undatable events made optional: predicting them is neither a hit nor a miss."""
    undatable = undatable_events(gold)
    out = json.loads(json.dumps(gold))
    for event in out.get("dated_events") or []:
        if event.get("id") in undatable:
            event["optional"] = True
    return out


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    from conftest import SHARED

    if not (SHARED / "seed").is_dir() or not (SHARED / "gold" / "seed.json").is_file():
        pytest.skip("../shared is not present")
    gold = json.loads((SHARED / "gold" / "seed.json").read_text(encoding="utf-8"))
    page = SHARED / gold["source_file"] if (SHARED / gold.get("source_file", "")).is_file() \
        else next((SHARED / "seed").glob("*.txt"))
    article = read(page, published=gold["assumed_publication_date"]).to_dict()
    folder = tmp_path_factory.mktemp("seed")
    out = folder / "out.json"
    out.write_text(json.dumps(article, ensure_ascii=False), encoding="utf-8")
    dated = folder / "gold_text_dated.json"
    dated.write_text(json.dumps(_text_dated_gold(gold), ensure_ascii=False), encoding="utf-8")

    def shared_scores(gold_path: Path) -> dict:
        result = subprocess.run([sys.executable, str(SHARED / "eval" / "score_facts.py"), str(out), str(gold_path),
                                 "--json"], capture_output=True, text=True, check=True)
        return json.loads(result.stdout)

    return {"gold": gold, "article": article, "shared": shared_scores(SHARED / "gold" / "seed.json"),
            "shared_text_dated": shared_scores(dated)}


def _lost(seed: dict, kind: str, gold: dict) -> list[str]:
    """Counted gold items no prediction matches on its own (for the failure message)."""
    lost = []
    counts = {"quotes": lambda g: g.get("tier") == "core", "pledges": lambda g: g.get("tier", "core") == "core",
              "events": _counted}[kind]
    for item in gold.get(_GOLD_KEYS[kind]) or []:
        if counts(item) and score_facts(seed["article"], {**gold, _GOLD_KEYS[kind]: [item]})[kind].tp == 0:
            lost.append(f"{item.get('id')}: {item['sentence']['text'][:60]}…")
    return lost


def _all_found_none_false(scores: dict, kind: str, lost: list[str]) -> None:
    s = scores[kind]
    assert s["gold"] > 0, scores
    assert s["tp"] == s["gold"], f"{kind}: {s['gold'] - s['tp']} gold facts lost: {lost}"
    assert s["predicted"] == s["tp"], f"{kind}: {s['predicted'] - s['tp']} false facts ({s})"


@pytest.mark.parametrize("kind", ["quotes", "pledges"])
def test_every_seed_quote_and_pledge_is_found_and_none_is_false(seed, kind):
    _all_found_none_false(seed["shared"], kind, _lost(seed, kind, seed["gold"]))


def test_every_seed_event_the_text_dates_is_found_and_none_is_false(seed):
    gold = _text_dated_gold(seed["gold"])
    _all_found_none_false(seed["shared_text_dated"], "events", _lost(seed, "events", gold))


def test_the_undatable_seed_events_are_few_and_told_apart_by_the_gold(seed):
    gold = seed["gold"]
    undatable = undatable_events(gold)
    counted = [e for e in gold["dated_events"] if _counted(e)]
    # Each has no date as written, or counts from an event that has none; most events the text dates.
    assert undatable and len(undatable) * 2 < len(counted), undatable
    by_id = {e["id"]: e for e in gold["dated_events"]}
    for ident in undatable:
        event = by_id[ident]
        assert event.get("date_as_written") is None or re.search(r"\b[a-z]\d+\b", event.get("resolution_basis", ""))
    # Scored against the full gold (undatable events counted), nothing else is missed.
    shared = seed["shared"]["events"]
    assert shared["predicted"] == shared["tp"] and shared["gold"] - shared["tp"] <= len(undatable), shared


def test_our_scorer_agrees_with_the_shared_one(seed):
    for gold, shared in ((seed["gold"], seed["shared"]), (_text_dated_gold(seed["gold"]), seed["shared_text_dated"])):
        ours = score_facts(seed["article"], gold)
        for kind in KINDS:
            score = ours[kind]
            assert (score.tp, score.predicted, score.gold) == \
                (shared[kind]["tp"], shared[kind]["predicted"], shared[kind]["gold"]), kind
