"""`newsdesk say`: read a page aloud into an audio file (MP3, WAV or OGG), optionally with timings."""
from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..errors import InputError
from ..pipeline import Options, read_raw
from ..sources import read_bytes
from ..speech import DEFAULT_SPEED, MAX_SPEED, MIN_SPEED, export_audio, format_for, voice_name
from .options import format_option, lang_option, max_bytes_option

# Below this many sentences the audio is ready before a progress bar would be worth drawing.
PROGRESS_FROM = 15


def _minutes(seconds: float) -> str:
    return f"{int(seconds // 60)}:{int(round(seconds % 60)):02d}"


@click.command()
@click.argument("path")
@click.option("-o", "--output", required=True, metavar="FILE",
              help="Audio file to write; the extension picks the format: .mp3, .wav or .ogg.")
@click.option("--speed", type=click.IntRange(MIN_SPEED, MAX_SPEED), default=DEFAULT_SPEED, show_default=True,
              help="Words per minute.")
@click.option("--json", "as_json", is_flag=True, help="Print where each sentence starts and ends, as JSON.")
@lang_option
@format_option
@max_bytes_option
def say(path, output, speed, as_json, lang, fmt, max_bytes):
    """Read the page at PATH aloud (espeak-ng) and write the audio to FILE."""
    out = Path(output)
    audio_format = format_for(out)  # a bad extension fails before any reading or synthesis
    if not out.parent.is_dir():
        raise InputError(f"{out.parent}: no such directory")
    # Speech needs sentences only: skip facts and salience, they would only cost time.
    article = read_raw(read_bytes(path, max_bytes),
                       options=Options(format=fmt, language=lang, skip=frozenset({"facts", "salience"})))
    voice = voice_name(article.language)
    console = Console(stderr=True)
    if console.is_terminal and len(article.sentences) >= PROGRESS_FROM:
        with Progress(TextColumn("reading aloud"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=console, transient=True) as bar:
            task = bar.add_task("say", total=len(article.sentences))
            timings = export_audio(article, out, audio_format, speed,
                                   progress=lambda done, total: bar.update(task, completed=done, total=total))
    else:
        timings = export_audio(article, out, audio_format, speed)
    duration = timings[-1].end_s if timings else 0.0
    if as_json:
        click.echo(json.dumps({
            "output": str(out), "format": audio_format, "voice": voice, "speed": speed,
            "language": article.language, "duration_s": duration,
            "sentences": [dict(t.to_dict(), text=article.sentence_text(t.sentence)) for t in timings],
        }, ensure_ascii=False, indent=2))
    else:
        click.echo(f"{out}: {_minutes(duration)} of {audio_format.upper()}, {len(timings)} sentences, "
                   f"{voice} at {speed} words/min")
