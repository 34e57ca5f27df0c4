"""Shared fixtures: paths to our own pages and to ../shared (skipped when absent)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = Path(os.environ.get("NEWSDESK_SHARED", ROOT.parent / "shared"))


@pytest.fixture
def shared() -> Path:
    if not (SHARED / "seed").is_dir():
        pytest.skip("../shared is not present")
    return SHARED


def run_cli(*args: str, input: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the real `newsdesk` command in a subprocess."""
    return subprocess.run([sys.executable, "-m", "newsdesk", *args], input=input, capture_output=True,
                          cwd=cwd, timeout=600)
