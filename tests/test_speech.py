"""Read aloud with the real espeak-ng and ffmpeg: WAV/MP3/OGG that play, right voice, honest timings."""
from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import wave
from pathlib import Path

import pytest

from newsdesk import read, speech
from newsdesk.errors import InputError, NewsdeskError
from newsdesk.sample import sample_manifest, sample_paths

from conftest import run_cli

pytestmark = pytest.mark.skipif(shutil.which("espeak-ng") is None or shutil.which("ffprobe") is None,
                                reason="espeak-ng and ffmpeg (Debian packages) are needed: make install")

# A Piper voice the developer has (optional): tests of espeak-ng run without it, the Piper test with it.
PIPER_MODEL = os.environ.get("NEWSDESK_PIPER_MODEL")

SHORT = "The talks resume on Monday."
LONG = ("The talks resume on Monday, when delegations from both countries will meet again in Vienna to agree "
        "on the number of observers, the width of the monitoring zone along the ceasefire line, and who will "
        "pay for the vehicles, radios and satellite links that the mission needs in its first year.")


def _sample(language: str) -> Path:
    """A bundled sample page in `language` (read as scrape, the way users feed pages)."""
    item = next(a for a in sample_manifest()["articles"] if a["language"] == language and a["format"] == "scrape")
    return next(p for p in sample_paths() if p.name == item["file"])


@pytest.fixture(scope="module")
def english():
    return read(_sample("en"), facts=False)


@pytest.fixture(scope="module")
def russian():
    return read(_sample("ru"), facts=False)


@pytest.fixture(autouse=True)
def espeak_only(monkeypatch):
    monkeypatch.delenv("NEWSDESK_PIPER_MODEL", raising=False)


def _wav_info(data: bytes) -> tuple[int, int, int, float]:
    with wave.open(io.BytesIO(data)) as w:
        return w.getnchannels(), w.getsampwidth(), w.getframerate(), w.getnframes() / w.getframerate()


def _probe(path: Path) -> dict:
    done = subprocess.run(["ffprobe", "-v", "error", "-show_entries",
                           "format=format_name,duration:stream=codec_name,sample_rate", "-of", "json", str(path)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_voice_follows_the_article_language():
    assert speech.voice_for("en") == "en-us"
    assert speech.voice_for("ru") == "ru"
    with pytest.raises(InputError, match="no voice"):
        speech.voice_for("de")


def test_synthesized_wav_is_well_formed_and_lasts_as_long_as_the_text():
    short, long = speech.synthesize(SHORT, "en"), speech.synthesize(LONG, "en")
    # espeak-ng streams a WAV with placeholder sizes; ours must carry the real ones.
    assert short[:4] == b"RIFF" and int.from_bytes(short[4:8], "little") == len(short) - 8
    channels, width, rate, short_s = _wav_info(short)
    assert (channels, width) == (1, 2) and rate >= 16000
    long_s = _wav_info(long)[3]
    assert 0.8 < short_s < 4
    words = len(LONG.split()) / len(SHORT.split())
    assert 0.5 * words < long_s / short_s < 1.5 * words


def test_speed_changes_the_duration_and_is_bounded():
    normal = _wav_info(speech.synthesize(LONG, "en", speed=175))[3]
    fast = _wav_info(speech.synthesize(LONG, "en", speed=350))[3]
    assert fast < 0.7 * normal
    with pytest.raises(InputError, match="speed"):
        speech.synthesize(SHORT, "en", speed=5)


def test_text_is_never_taken_for_an_espeak_option():
    assert _wav_info(speech.synthesize("--help is on the way, the minister said.", "en"))[3] > 1


def test_amounts_are_spoken_in_words():
    assert speech.speakable("Canada pledged C$120 million and Britain £45m.", "en") == \
        "Canada pledged 120 million Canadian dollars and Britain 45 million pounds."
    assert speech.speakable("The EU will commit €1.5 billion.", "en") == "The EU will commit 1.5 billion euros."
    assert speech.speakable("Москва выделит 85 млрд рублей и около 2 млн евро.", "ru") == \
        "Москва выделит 85 миллиардов рублей и около 2 миллиона евро."


def test_cache_keeps_the_recent_sentences_within_its_byte_budget():
    cache = speech.PcmCache(max_bytes=1000)
    for i in range(5):
        cache.put((str(i), "en", 175), speech.Pcm(b"\x00" * 300, 22050))
    assert cache.info()["bytes"] <= 1000 and cache.info()["sentences"] == 3
    assert cache.get(("0", "en", 175)) is None and cache.get(("4", "en", 175)) is not None
    cache.put(("big", "en", 175), speech.Pcm(b"\x00" * 2000, 22050))  # larger than the budget: not kept
    assert cache.get(("big", "en", 175)) is None and cache.get(("4", "en", 175)) is not None


def test_empty_text_is_refused():
    with pytest.raises(InputError, match="nothing to read"):
        speech.synthesize("   ", "en")


def test_sentence_audio_is_one_sentence_and_is_cached(english):
    first = speech.sentence_audio(english, 1)
    hits = speech.CACHE.info()["hits"]
    assert speech.sentence_audio(english, 1) == first
    assert speech.CACHE.info()["hits"] == hits + 1
    whole = speech.synthesize(english.sentence_text(1), "en")
    assert first == whole
    with pytest.raises(InputError, match="no sentence"):
        speech.sentence_audio(english, len(english.sentences))


def test_sentence_audio_as_mp3(english, tmp_path):
    out = tmp_path / "one.mp3"
    out.write_bytes(speech.sentence_audio(english, 0, fmt="mp3"))
    assert _probe(out)["streams"][0]["codec_name"] == "mp3"


def test_article_timings_are_monotonic_and_cover_every_sentence(english):
    audio, timings = speech.article_audio(english, fmt="wav")
    assert [t.sentence for t in timings] == list(range(len(english.sentences)))
    for before, after in zip(timings, timings[1:]):
        assert before.start_s < before.end_s <= after.start_s
    assert timings[0].start_s == 0
    assert abs(timings[-1].end_s - _wav_info(audio)[3]) < 0.01
    # each span is as long as that sentence said alone
    alone = _wav_info(speech.synthesize(english.sentence_text(2), "en"))[3]
    assert abs((timings[2].end_s - timings[2].start_s) - alone) < 0.01


def test_cli_writes_a_valid_mp3_in_the_russian_voice(russian, tmp_path):
    out = tmp_path / "ru.mp3"
    done = run_cli("say", str(_sample("ru")), "-o", str(out), "--json")
    assert done.returncode == 0, done.stderr.decode()
    report = json.loads(done.stdout)
    probe = _probe(out)
    assert probe["format"]["format_name"] == "mp3" and probe["streams"][0]["codec_name"] == "mp3"
    duration = float(probe["format"]["duration"])
    assert abs(duration - report["duration_s"]) < 0.3
    assert report["voice"] == "espeak-ng:ru" and report["language"] == "ru"
    times = report["sentences"]
    assert [t["sentence"] for t in times] == list(range(len(russian.sentences)))
    assert all(a["end_s"] <= b["start_s"] for a, b in zip(times, times[1:]))
    # The English voice spells Cyrillic out letter by letter and takes far longer: the audio's
    # length tells which voice spoke.
    text = russian.sentence_text(0)
    ru_s = speech._espeak(text, "ru", 175).duration_s
    en_s = speech._espeak(text, "en-us", 175).duration_s
    assert abs((times[0]["end_s"] - times[0]["start_s"]) - ru_s) < 0.05 and en_s > 1.5 * ru_s
    assert not [p for p in tmp_path.iterdir() if p.name != "ru.mp3"], "temporary files left behind"


def test_cli_missing_input_is_one_line(tmp_path):
    out = tmp_path / "out.mp3"
    done = run_cli("say", str(tmp_path / "missing.txt"), "-o", str(out))
    assert done.returncode == 2
    err = done.stderr.decode().strip()
    assert err.count("\n") == 0 and "no such file" in err and "Traceback" not in err
    assert not out.exists()


def test_cli_unknown_extension_is_refused_before_reading(tmp_path):
    done = run_cli("say", str(_sample("en")), "-o", str(tmp_path / "out.flac"))
    assert done.returncode == 2 and "unknown audio format" in done.stderr.decode()


def test_export_ogg_and_wav(english, tmp_path):
    ogg = tmp_path / "a.ogg"
    timings = speech.export_audio(english, ogg)
    assert _probe(ogg)["streams"][0]["codec_name"] == "vorbis"
    wav = tmp_path / "a.wav"
    assert speech.export_audio(english, wav) == timings
    assert abs(_wav_info(wav.read_bytes())[3] - timings[-1].end_s) < 0.01


def test_failed_export_leaves_the_old_file_alone(english, tmp_path):
    out = tmp_path / "keep.mp3"
    out.write_bytes(b"old audio")
    english_as_german = read(_sample("en"), facts=False, lang="en")
    english_as_german.language = "de"
    with pytest.raises(InputError):
        speech.export_audio(english_as_german, out)
    assert out.read_bytes() == b"old audio"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.mp3"]


def test_missing_tools_are_named(english, tmp_path, monkeypatch):
    # A PATH with espeak-ng but no ffmpeg: WAV still works, MP3 says what to install.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    os.symlink(shutil.which("espeak-ng"), bin_dir / "espeak-ng")
    monkeypatch.setenv("PATH", str(bin_dir))
    speech.export_audio(english, tmp_path / "ok.wav")
    with pytest.raises(NewsdeskError, match="ffmpeg is not installed"):
        speech.export_audio(english, tmp_path / "no.mp3")
    assert not (tmp_path / "no.mp3").exists()
    # No espeak-ng at all: one line naming it (new text, so the cache cannot answer).
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    with pytest.raises(NewsdeskError, match="espeak-ng is not installed"):
        speech.synthesize("A sentence nobody has synthesized yet in this test run.", "en")


@pytest.mark.slow
@pytest.mark.skipif(not (PIPER_MODEL and shutil.which("piper")),
                    reason="optional Piper voice: set NEWSDESK_PIPER_MODEL to an English .onnx voice and put piper on PATH")
def test_piper_voice_reads_english_and_leaves_russian_to_espeak(english, monkeypatch):
    monkeypatch.setenv("NEWSDESK_PIPER_MODEL", PIPER_MODEL)
    assert speech.voice_name("en").startswith("piper:")
    assert speech.voice_name("ru") == "espeak-ng:ru"
    audio, timings = speech.article_audio(english, fmt="wav")
    assert [t.sentence for t in timings] == list(range(len(english.sentences)))
    assert all(a.end_s <= b.start_s for a, b in zip(timings, timings[1:]))
    assert abs(timings[-1].end_s - _wav_info(audio)[3]) < 0.01
    neural = speech.sentence_audio(english, 1)  # served from the cache the article filled
    # The model loads once: a new sentence goes to the same long-lived piper process.
    (worker,) = speech._PIPER_WORKERS.values()
    assert _wav_info(speech.synthesize("A sentence this article does not have.", "en"))[3] > 1
    assert tuple(speech._PIPER_WORKERS.values()) == (worker,) and worker.proc.poll() is None
    monkeypatch.delenv("NEWSDESK_PIPER_MODEL")
    assert speech.sentence_audio(english, 1) != neural
