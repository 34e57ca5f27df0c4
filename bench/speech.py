"""Read-aloud benchmark: time to first audio and whole-article speed, against espeak-ng alone, one run.

    .venv/bin/python bench/speech.py [--repeat N]

Inputs: the bundled sample corpus (20 pages, en and ru). Anchors measured in the same run on the
same sentences: the issue's goal (first audio < 0.5 s) and a bare `espeak-ng --stdout` process,
the floor any espeak-ng wrapper pays.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from newsdesk import read, speech  # noqa: E402
from newsdesk.sample import sample_paths  # noqa: E402

GOAL_FIRST_AUDIO_S = 0.5


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="times each sentence is measured")
    args = parser.parse_args()

    articles = [read(path, facts=False) for path in sample_paths()]
    # The web reader starts with the first sentence it plays: the title or lead.
    firsts = [(a.sentence_text(0), a.language) for a in articles]
    espeak = shutil.which("espeak-ng")

    bare, cold, warm, mp3_one = [], [], [], []
    for _ in range(args.repeat):
        for text, language in firsts:
            bare.append(timed(lambda: subprocess.run(
                [espeak, "-v", speech.voice_for(language), "-b", "1", "--stdin", "--stdout"],
                input=text.encode(), capture_output=True, check=True)))
            speech.CACHE.clear()
            cold.append(timed(lambda: speech.synthesize(text, language)))
            warm.append(timed(lambda: speech.synthesize(text, language)))
            speech.CACHE.clear()
            mp3_one.append(timed(lambda: speech.encode(speech.synthesize(text, language), "mp3")))

    speech.CACHE.clear()
    whole, audio_s, sentences = [], 0.0, 0
    for article in articles:
        speech.CACHE.clear()
        start = time.perf_counter()
        _, timings = speech.article_audio(article, fmt="mp3")
        whole.append(time.perf_counter() - start)
        audio_s += timings[-1].end_s
        sentences += len(timings)

    def row(name: str, values: list[float]) -> None:
        p50, p95 = statistics.median(values), percentile(values, 0.95)
        print(f"{name:<38} p50 {p50 * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms   "
              f"p95/goal {p95 / GOAL_FIRST_AUDIO_S:5.2f}   p50/bare espeak-ng {p50 / statistics.median(bare):5.2f}")

    print(f"first sentence of each of {len(firsts)} sample pages, {args.repeat} runs, goal < {GOAL_FIRST_AUDIO_S} s")
    row("bare espeak-ng process (anchor)", bare)
    row("synthesize() WAV, cold cache", cold)
    row("synthesize() WAV, cached", warm)
    row("first sentence as MP3 (ffmpeg)", mp3_one)
    total = sum(whole)
    print(f"whole articles to MP3: {len(articles)} articles, {sentences} sentences, {audio_s / 60:.1f} min of audio "
          f"in {total:.1f} s = {audio_s / total:.0f}x real time; per article p50 {statistics.median(whole):.2f} s, "
          f"max {max(whole):.2f} s")


if __name__ == "__main__":
    main()
