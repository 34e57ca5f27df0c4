"""Read aloud: sentences to speech with espeak-ng (or a Piper voice), articles to WAV/MP3/OGG with timings."""
from __future__ import annotations

import atexit
import io
import itertools
import json
import os
import queue
import re
import secrets
import shutil
import struct
import subprocess
import tempfile
import threading
import wave
from collections import OrderedDict
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import InputError, NewsdeskError
from .model import Article

VOICES = {"en": "en-us", "ru": "ru"}
DEFAULT_SPEED = 175  # espeak-ng words per minute
MIN_SPEED, MAX_SPEED = 80, 450
# Pauses added between sentences and, longer, between paragraphs, so the article breathes.
SENTENCE_GAP_S = 0.15
BLOCK_GAP_S = 0.45
# ffmpeg arguments per output format: MP3 through LAME, OGG through Vorbis.
ENCODERS = {
    "mp3": ["-codec:a", "libmp3lame", "-b:a", "64k", "-id3v2_version", "3", "-f", "mp3"],
    "ogg": ["-codec:a", "libvorbis", "-q:a", "4", "-f", "ogg"],
}
FORMATS = ("wav", *ENCODERS)
TIMEOUT_S = 300

Progress = Callable[[int, int], None]  # (sentences done, sentences in all)


@dataclass(frozen=True)
class Timing:
    """Where one sentence sits in an article's audio, in seconds."""
    sentence: int
    start_s: float
    end_s: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Pcm:
    """Signed 16-bit mono samples at `rate` Hz."""
    data: bytes
    rate: int

    @property
    def duration_s(self) -> float:
        return len(self.data) / 2 / self.rate


# -- tools ----------------------------------------------------------------------------------

def _tool(name: str, why: str, install: str | None = None) -> str:
    path = shutil.which(name)
    if path is None:
        raise NewsdeskError(f"{name} is not installed ({why}); {install or f'on Debian: apt-get install {name}'}")
    return path


def voice_for(language: str) -> str:
    """The espeak-ng voice for an article language: "en" -> "en-us", "ru" -> "ru"."""
    voice = VOICES.get((language or "").split("-")[0].lower())
    if voice is None:
        raise InputError(f"no voice for language {language!r} (read aloud speaks {', '.join(VOICES)})")
    return voice


def _check_speed(speed: int) -> int:
    if not MIN_SPEED <= int(speed) <= MAX_SPEED:
        raise InputError(f"speed {speed} is out of range ({MIN_SPEED}-{MAX_SPEED} words per minute)")
    return int(speed)


# -- what the voice says ----------------------------------------------------------------------
# espeak-ng reads "$1.2 billion" as "dollar one point two billion" and "млрд" letter by letter;
# listeners expect the amount first and the currency after it, in words.

_EN_SYMBOLS = {"$": "dollars", "US$": "US dollars", "C$": "Canadian dollars", "A$": "Australian dollars",
               "€": "euros", "£": "pounds", "¥": "yen", "₽": "roubles"}
_EN_CODES = {"USD": "dollars", "EUR": "euros", "GBP": "pounds", "JPY": "yen", "CAD": "Canadian dollars",
             "CHF": "Swiss francs", "SEK": "Swedish kronor", "NOK": "Norwegian kroner", "DKK": "Danish kroner",
             "RUB": "roubles", "CNY": "yuan", "PLN": "zloty"}
_EN_SCALES = {"bn": "billion", "b": "billion", "m": "million", "mn": "million", "k": "thousand",
              "billion": "billion", "million": "million", "thousand": "thousand", "trillion": "trillion"}
_EN_MONEY = re.compile(
    r"(?P<cur>US\$|C\$|A\$|[$€£¥₽]|\b(?:%s)\b)\s?(?P<num>\d[\d,]*(?:\.\d+)?)"
    r"(?:\s?(?P<scale>bn|mn|[bmk]|billion|million|thousand|trillion)\b)?" % "|".join(_EN_CODES))
_RU_SCALES = {"трлн": ("триллион", "триллиона", "триллионов"), "млрд": ("миллиард", "миллиарда", "миллиардов"),
              "млн": ("миллион", "миллиона", "миллионов"), "тыс": ("тысяча", "тысячи", "тысяч")}
_RU_MONEY = re.compile(r"(?P<num>\d[\d\s]*(?:,\d+)?)\s?(?P<scale>трлн|млрд|млн|тыс)\.?(?=\s|$|[,;:)])")


def _ru_plural(number: str, forms: tuple[str, str, str]) -> str:
    if "," in number:  # "1,5 млрд" -> "полтора миллиарда": a fraction takes the genitive singular
        return forms[1]
    n = int(re.sub(r"\D", "", number) or 0)
    if n % 10 == 1 and n % 100 != 11:
        return forms[0]
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return forms[1]
    return forms[2]


def speakable(text: str, language: str) -> str:
    """The sentence as the voice should say it: amounts and abbreviations in words."""
    if language.startswith("ru"):
        return _RU_MONEY.sub(lambda m: f"{m['num'].strip()} {_ru_plural(m['num'], _RU_SCALES[m['scale']])}", text)

    def money(m: re.Match) -> str:
        cur = m["cur"]
        words = _EN_SYMBOLS.get(cur) or _EN_CODES[cur]
        scale = _EN_SCALES.get((m["scale"] or "").lower())
        return " ".join(part for part in (m["num"], scale, words) if part)

    return _EN_MONEY.sub(money, text)


# -- synthesis --------------------------------------------------------------------------------

def _parse_wav(raw: bytes) -> Pcm:
    """espeak-ng --stdout writes a streaming WAV whose sizes are placeholders: read the chunks by hand."""
    if raw[:4] != b"RIFF" or raw[8:12] != b"WAVE":
        raise NewsdeskError("speech engine returned no WAV audio")
    pos, rate = 12, None
    while pos + 8 <= len(raw):
        chunk, size = raw[pos:pos + 4], struct.unpack("<I", raw[pos + 4:pos + 8])[0]
        if chunk == b"fmt ":
            channels, rate, _, _, bits = struct.unpack("<HIIHH", raw[pos + 10:pos + 24])
            if channels != 1 or bits != 16:
                raise NewsdeskError(f"speech engine returned {channels}-channel {bits}-bit audio, expected mono 16-bit")
        elif chunk == b"data":
            data = raw[pos + 8:]
            if size < len(data):
                data = data[:size]
            if rate is None:
                break
            return Pcm(data[:len(data) // 2 * 2], rate)
        pos += 8 + size + (size & 1)
    raise NewsdeskError("speech engine returned a WAV without audio data")


def _wav(pcm: Pcm) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(pcm.rate)
        w.writeframes(pcm.data)
    return out.getvalue()


def _espeak(text: str, voice: str, speed: int) -> Pcm:
    # Text goes through stdin (-b 1: UTF-8) so a sentence starting with "-" is never an option.
    cmd = [_tool("espeak-ng", "needed to read aloud"), "-v", voice, "-s", str(speed), "-b", "1", "--stdin",
           "--stdout"]
    try:
        done = subprocess.run(cmd, input=text.encode("utf-8"), capture_output=True, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        raise NewsdeskError(f"espeak-ng took over {TIMEOUT_S} s on one sentence") from None
    if done.returncode != 0:
        reason = (done.stderr.decode("utf-8", "replace").strip().splitlines() or ["no message"])[-1]
        raise NewsdeskError(f"espeak-ng failed: {reason}")
    return _parse_wav(done.stdout)


# -- optional Piper neural voice ---------------------------------------------------------------
# Used when the user points NEWSDESK_PIPER_MODEL at a Piper .onnx voice and has the `piper`
# command; only for articles in the model's language, espeak-ng for everything else.

@dataclass(frozen=True)
class PiperVoice:
    binary: str
    model: str
    language: str  # "en"

    @property
    def name(self) -> str:
        return f"piper:{Path(self.model).name.removesuffix('.onnx')}"


@lru_cache(maxsize=8)
def _piper_model_language(model: str) -> str:
    config = Path(model + ".json")
    if not config.is_file():
        config = Path(model).with_suffix(".json")
    try:
        data = json.loads(config.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise NewsdeskError(f"NEWSDESK_PIPER_MODEL: no readable voice config beside {model} (want {model}.json)") \
            from None
    family = (data.get("language") or {}).get("family") or (data.get("espeak") or {}).get("voice", "")
    return family.split("-")[0].split("_")[0].lower()


def piper_voice(language: str) -> PiperVoice | None:
    """The Piper voice to use for `language`, or None to use espeak-ng."""
    model = os.environ.get("NEWSDESK_PIPER_MODEL")
    if not model:
        return None
    if not Path(model).is_file():
        raise NewsdeskError(f"NEWSDESK_PIPER_MODEL={model}: no such file")
    binary = _tool("piper", "NEWSDESK_PIPER_MODEL is set; unset it to use espeak-ng",
                   install="install it with: pipx install piper-tts")
    model_language = _piper_model_language(model)
    if model_language != (language or "").split("-")[0].lower():
        return None
    return PiperVoice(binary, model, model_language)


def voice_name(language: str) -> str:
    """What will speak `language`: "piper:<model>" or "espeak-ng:<voice>"."""
    voice = piper_voice(language)
    return voice.name if voice else f"espeak-ng:{voice_for(language)}"


class _PiperWorker:
    """One long-lived `piper` process (loading the model takes seconds; a sentence then takes a
    fraction of one): a line of text in, one WAV file out in its directory, announced on its output."""

    def __init__(self, voice: PiperVoice, speed: int) -> None:
        self.folder = tempfile.mkdtemp(prefix="newsdesk-piper-")
        cmd = [voice.binary, "-m", voice.model, "-d", self.folder, "--length-scale", f"{DEFAULT_SPEED / speed:.3f}"]
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.lines: queue.Queue[bytes] = queue.Queue()
        self.tail: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.lock = threading.Lock()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.put(line)
        self.lines.put(b"")  # the process ended

    def say(self, texts: list[str]) -> list[Pcm]:
        with self.lock:
            try:
                self.proc.stdin.write("".join(t + "\n" for t in texts).encode("utf-8"))
                self.proc.stdin.flush()
            except (BrokenPipeError, OSError):
                raise NewsdeskError(f"piper stopped: {' '.join(self.tail[-1:]) or 'no message'}") from None
            pieces = []
            # Each finished sentence is announced with its file's path ("Wrote <path>" or the path alone).
            wait = TIMEOUT_S + 10 * len(texts)
            while len(pieces) < len(texts):
                try:
                    line = self.lines.get(timeout=wait).decode("utf-8", "replace").strip()
                except queue.Empty:
                    raise NewsdeskError(f"piper gave no audio for {wait} s") from None
                if not line and self.proc.poll() is not None:
                    raise NewsdeskError(f"piper stopped: {' '.join(self.tail[-1:]) or 'no message'}")
                found = re.search(r"(\S+\.wav)\b", line)
                if found and Path(found.group(1)).parent == Path(self.folder):
                    wav = Path(found.group(1))
                    pieces.append(_parse_wav(wav.read_bytes()))
                    wav.unlink(missing_ok=True)
                elif line:
                    self.tail = (self.tail + [line])[-5:]
            return pieces

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


_PIPER_WORKERS: OrderedDict[tuple[str, int], _PiperWorker] = OrderedDict()
_PIPER_LOCK = threading.Lock()
MAX_PIPER_WORKERS = 2  # one per speed in use; a listener rarely switches back and forth more


def _piper(voice: PiperVoice, texts: list[str], speed: int) -> list[Pcm]:
    """Sentences spoken by the Piper voice, through a worker kept alive for this model and speed."""
    key = (voice.model, speed)
    with _PIPER_LOCK:
        worker = _PIPER_WORKERS.pop(key, None)
        if worker is None or worker.proc.poll() is not None:
            worker = _PiperWorker(voice, speed)
        _PIPER_WORKERS[key] = worker
        while len(_PIPER_WORKERS) > MAX_PIPER_WORKERS:
            _PIPER_WORKERS.popitem(last=False)[1].close()
    try:
        return worker.say(texts)
    except NewsdeskError:
        with _PIPER_LOCK:
            if _PIPER_WORKERS.get(key) is worker:
                del _PIPER_WORKERS[key]
        worker.close()
        raise


@atexit.register
def _close_piper_workers() -> None:
    with _PIPER_LOCK:
        while _PIPER_WORKERS:
            _PIPER_WORKERS.popitem()[1].close()


class PcmCache:
    """Least-recently-used sentences, bounded by bytes: the web reader asks for the same sentences
    again on replay, previous/next and speed changes, and a long article must not evict everything."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[tuple[str, str, str, int], Pcm] = OrderedDict()
        self._bytes = self.hits = self.misses = 0
        self._lock = threading.Lock()

    def get(self, key: tuple[str, str, str, int]) -> Pcm | None:
        with self._lock:
            pcm = self._items.get(key)
            if pcm is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return pcm

    def put(self, key: tuple[str, str, str, int], pcm: Pcm) -> None:
        if len(pcm.data) > self.max_bytes:
            return
        with self._lock:
            old = self._items.pop(key, None)
            self._bytes += len(pcm.data) - (len(old.data) if old else 0)
            self._items[key] = pcm
            while self._bytes > self.max_bytes:
                _, evicted = self._items.popitem(last=False)
                self._bytes -= len(evicted.data)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = self.hits = self.misses = 0

    def info(self) -> dict[str, int]:
        with self._lock:
            return {"hits": self.hits, "misses": self.misses, "sentences": len(self._items), "bytes": self._bytes}


# 64 MB holds about 25 minutes of espeak-ng speech (22050 Hz, 16-bit mono).
CACHE = PcmCache(int(os.environ.get("NEWSDESK_SPEECH_CACHE_MB", "64")) * 1024 * 1024)


def _sentence_pcm(text: str, language: str, speed: int) -> Pcm:
    piper = piper_voice(language)
    key = (piper.name if piper else "espeak-ng", text, language, speed)
    pcm = CACHE.get(key)
    if pcm is None:
        if piper:
            pcm = _piper(piper, [speakable(text, language)], speed)[0]
        else:
            pcm = _espeak(speakable(text, language), voice_for(language), speed)
        CACHE.put(key, pcm)
    return pcm


def _prefetch_piper(texts: list[str], language: str, speed: int) -> None:
    """Send every uncached sentence to Piper at once: it works through them without waiting on us."""
    piper = piper_voice(language)
    if piper is None:
        return
    todo = list(dict.fromkeys(t for t in texts if CACHE.get((piper.name, t, language, speed)) is None))
    if todo:
        for text, pcm in zip(todo, _piper(piper, [speakable(t, language) for t in todo], speed)):
            CACHE.put((piper.name, text, language, speed), pcm)


def _pcm(text: str, language: str, speed: int) -> Pcm:
    if not text.strip():
        raise InputError("nothing to read aloud: the text is empty")
    return _sentence_pcm(" ".join(text.split()), language, _check_speed(speed))


def synthesize(text: str, language: str, speed: int = DEFAULT_SPEED) -> bytes:
    """WAV bytes (mono, 16-bit) of `text` spoken by the voice for `language` (espeak-ng, or Piper if set up)."""
    return _wav(_pcm(text, language, speed))


def encode(wav: bytes, fmt: str, title: str | None = None) -> bytes:
    """WAV bytes -> the same audio as "wav", "mp3" or "ogg" (through ffmpeg)."""
    fmt = _check_format(fmt)
    if fmt == "wav":
        return wav
    return _encode_stream(iter([_parse_wav(wav)]), fmt, title)


def _encode_stream(pieces: Iterator[Pcm], fmt: str, title: str | None = None) -> bytes:
    """Feed PCM pieces to ffmpeg as they come and return the encoded file's bytes."""
    ffmpeg = _tool("ffmpeg", f"needed for {fmt.upper()} audio; .wav works without it")
    first = next(pieces)
    cmd = [ffmpeg, "-hide_banner", "-loglevel", "error", "-f", "s16le", "-ar", str(first.rate), "-ac", "1",
           "-i", "pipe:0"]
    if title:
        cmd += ["-metadata", f"title={title}"]
    cmd += [*ENCODERS[fmt], "pipe:1"]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # Drain stdout and stderr in threads so a full pipe never blocks ffmpeg while we write.
    outputs: dict[str, bytes] = {}
    readers = [threading.Thread(target=lambda name=name, stream=stream: outputs.__setitem__(name, stream.read()),
                                daemon=True) for name, stream in (("out", proc.stdout), ("err", proc.stderr))]
    for reader in readers:
        reader.start()
    try:
        for piece in itertools.chain([first], pieces):
            proc.stdin.write(piece.data)
    except BrokenPipeError:
        pass  # ffmpeg stopped early; its message is reported below
    except BaseException:
        proc.kill()
        raise
    finally:
        try:
            proc.stdin.close()
        except BrokenPipeError:
            pass
        try:
            proc.wait(timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        for reader in readers:
            reader.join()
    if proc.returncode != 0 or not outputs.get("out"):
        reason = (outputs.get("err", b"").decode("utf-8", "replace").strip().splitlines() or ["no output"])[-1]
        raise NewsdeskError(f"ffmpeg could not encode {fmt.upper()}: {reason}")
    return outputs["out"]


def _check_format(fmt: str) -> str:
    fmt = (fmt or "").lower().lstrip(".")
    if fmt not in FORMATS:
        raise InputError(f"unknown audio format {fmt!r} (use {', '.join(FORMATS)})")
    return fmt


def format_for(path: str | Path, fmt: str | None = None) -> str:
    """The audio format to write: `fmt` when given, else from the file's extension (.mp3, .wav, .ogg)."""
    if fmt:
        return _check_format(fmt)
    suffix = Path(path).suffix
    if not suffix:
        raise InputError(f"{path}: give the audio file an extension ({', '.join('.' + f for f in FORMATS)})")
    return _check_format(suffix)


# -- articles ---------------------------------------------------------------------------------

def _spoken_sentences(article: Article) -> list[tuple[int, str]]:
    """(sentence index, text) for every sentence that has something to say."""
    return [(i, article.sentence_text(i)) for i in range(len(article.sentences))
            if re.search(r"\w", article.sentence_text(i))]


def sentence_audio(article: Article, index: int, speed: int = DEFAULT_SPEED, fmt: str = "wav") -> bytes:
    """One sentence of the article, for sentence-by-sentence playback."""
    if not 0 <= index < len(article.sentences):
        raise InputError(f"no sentence {index}: the article has {len(article.sentences)}")
    wav = synthesize(article.sentence_text(index), article.language, speed)
    return encode(wav, fmt)


def _article_stream(article: Article, speed: int, progress: Progress | None,
                    timings: list[Timing]) -> Iterator[Pcm]:
    """The article's audio piece by piece (pauses and sentences, in order), filling `timings`."""
    speed = _check_speed(speed)
    voice_for(article.language)  # fail before starting any work
    spoken = _spoken_sentences(article)
    if not spoken:
        raise InputError("nothing to read aloud: the article has no sentences")
    # One espeak-ng process per sentence, a few at a time: sentences are independent, and the
    # per-sentence cache then serves the web reader's sentence-by-sentence playback too.
    _prefetch_piper([" ".join(text.split()) for _, text in spoken], article.language, speed)
    workers = min(4, os.cpu_count() or 2, len(spoken))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(_pcm, text, article.language, speed) for _, text in spoken]
        rate, frames, previous_block = None, 0, None
        for done, ((index, _), future) in enumerate(zip(spoken, futures), 1):
            pcm = future.result()
            rate = rate or pcm.rate
            if pcm.rate != rate:
                raise NewsdeskError(f"speech engine changed sample rate mid-article ({rate} -> {pcm.rate} Hz)")
            block = article.sentences[index].block
            if previous_block is not None:
                silence = int((BLOCK_GAP_S if block != previous_block else SENTENCE_GAP_S) * rate)
                yield Pcm(b"\x00\x00" * silence, rate)
                frames += silence
            start = frames
            frames += len(pcm.data) // 2
            timings.append(Timing(index, round(start / rate, 3), round(frames / rate, 3)))
            previous_block = block
            yield pcm
            if progress:
                progress(done, len(futures))


def article_pcm(article: Article, speed: int = DEFAULT_SPEED,
                progress: Progress | None = None) -> tuple[Pcm, list[Timing]]:
    """The whole article as one PCM stream, with where each sentence starts and ends."""
    timings: list[Timing] = []
    pieces = list(_article_stream(article, speed, progress, timings))
    return Pcm(b"".join(p.data for p in pieces), pieces[0].rate), timings


def article_audio(article: Article, fmt: str = "mp3", speed: int = DEFAULT_SPEED,
                  progress: Progress | None = None) -> tuple[bytes, list[Timing]]:
    """The whole article as audio bytes ("mp3", "wav" or "ogg") and each sentence's timing."""
    fmt = _check_format(fmt)
    if fmt == "wav":
        pcm, timings = article_pcm(article, speed, progress)
        return _wav(pcm), timings
    # Encoding starts with the first sentence, so ffmpeg's start-up and work overlap synthesis.
    timings: list[Timing] = []
    audio = _encode_stream(_article_stream(article, speed, progress, timings), fmt, article.title)
    return audio, timings


def export_audio(article: Article, path: str | Path, fmt: str | None = None, speed: int = DEFAULT_SPEED,
                 progress: Progress | None = None) -> list[Timing]:
    """Write the article's audio to `path` (format from the extension unless given) and return timings.

    The file appears whole or not at all: audio goes to a temporary file beside it, then is renamed.
    """
    path = Path(path)
    fmt = format_for(path, fmt)
    if not path.parent.is_dir():
        raise InputError(f"{path.parent}: no such directory")
    audio, timings = article_audio(article, fmt, speed, progress)
    tmp = path.parent / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.part"
    try:
        # os.open with 0o666 so the file gets the user's usual permissions (mkstemp would give 0600).
        handle = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(handle, "wb") as out:
            out.write(audio)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise NewsdeskError(f"{path}: cannot write audio ({exc.strerror or exc})") from None
    return timings
