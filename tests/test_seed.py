"""The founding page, scored by the shared scorer (skips when ../shared is absent)."""
from __future__ import annotations

import json
import subprocess
import sys

from conftest import run_cli


def test_seed_article_scores_perfectly(shared, tmp_path):
    seed = next((shared / "seed").glob("*.txt"))
    result = run_cli("read", str(seed), "--json", "--published", "2025-08-26")
    assert result.returncode == 0, result.stderr.decode()
    out = tmp_path / "out.json"
    out.write_bytes(result.stdout)
    score = subprocess.run([sys.executable, str(shared / "eval" / "score_article.py"), str(out),
                            str(shared / "gold" / "seed.json"), "--json"], capture_output=True, text=True)
    scores = json.loads(score.stdout)
    assert scores["block_precision"] == 1.0
    assert scores["block_recall"] == 1.0
    assert scores["headings_found"] == "2/2"
    assert scores["title_ok"] is True
    assert scores["boilerplate_leaked"] == []
    assert scores["credits_ok"] is True
