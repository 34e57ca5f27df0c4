"""Bytes -> str: BOMs, utf-8, then charset-normalizer for cp1251, koi8-r and friends."""
from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

from ..errors import InputError

_BOMS = [(codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
         (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32")]
# Control bytes that never occur in text; a page full of them is binary.
_BINARY = set(range(0, 9)) | {11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31}
_NOT_BINARY = bytes(b for b in range(256) if b not in _BINARY)  # deleted to count the binary bytes in C


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if any(sample.startswith(bom) for bom, _ in _BOMS[1:]):
        return False
    if b"\x00" in sample:
        return True
    return len(sample.translate(None, _NOT_BINARY)) > len(sample) * 0.01


def decode(data: bytes, label: str = "<input>") -> str:
    """Decode page bytes to text, or raise InputError naming why it cannot be text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                text = None
            if text is None or _unassigned_share(text) > 0.01:
                raise InputError(f"{label}: undecodable bytes after a {encoding} byte-order mark")
            return text
    if looks_binary(data):
        raise InputError(f"{label}: binary file, not a text or HTML page")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=["cp1251", "koi8_r", "cp1252", "iso8859_5", "latin_1", "mac_cyrillic",
                                          "utf_16", "cp866"]).best()
    text = str(best) if best is not None and best.chaos <= 0.3 else None
    if text is None or _junk_share(text) > 0.05:
        raise InputError(f"{label}: undecodable bytes (not utf-8, cp1251, koi8-r or utf-16)")
    return text


_PLAIN = re.compile(r"[\sA-Za-zÀ-ɏА-Яа-яЁёІіЇїЄєҐґЎў0-9.,;:!?'\"«»„“”‘’()\[\]{}<>/\\|@#$%&*+=_~`^№€£¥°±×÷§©®™—–…·•-]")


def _unassigned_share(text: str) -> float:
    """Private-use, unassigned and surrogate characters: what a byte-order mark in front of bytes of
    another encoding decodes to."""
    sample = text[:20000]
    return sum(unicodedata.category(c) in ("Co", "Cn", "Cs") for c in sample) / max(1, len(sample))


def _junk_share(text: str) -> float:
    """Characters an en/ru page hardly uses; a legacy code page applied to bytes it does not
    describe turns them out in numbers ("ЂЃђ")."""
    sample = text[:20000]
    return (len(sample) - len(_PLAIN.findall(sample))) / max(1, len(sample))
