"""Chinese transcript files without a byte order mark: Big5-HKSCS or GB18030?

Neither encoding reliably rejects the other. GB18030 accepts almost any pair of bytes, and
GB2312 text (both bytes 0xA1-0xFE) is mostly valid Big5 too, so a short Simplified file decodes
as Big5 without an error, into the wrong characters. Both decodings are therefore tried and the
more plausible text kept: the one whose characters are more common in Chinese (the log of their
frequency in jieba's dictionary, a Traditional character counted as its Simplified form), less
a penalty for each private-use or unassigned code point, which wrong decodings produce and real
text does not. Characters both decodings share (ASCII, line breaks) weigh nothing."""

import logging
import math
import unicodedata
from collections import Counter
from functools import cache, lru_cache
from typing import Any

from aiplus.core.i18n import to_simplified

ENCODINGS = ("big5hkscs", "gb18030")  # on a tie, Big5 (Hong Kong's)
SAMPLE_CHARS = 50_000  # of each decoding, scored
WRONG_CODE_POINT = -10.0  # about minus the weight of a common character


def decode_chinese(data: bytes) -> str | None:
    """`data` as Big5-HKSCS or GB18030, whichever reads as more plausible Chinese; None when
    neither can decode it."""
    best: tuple[float, str] | None = None
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = plausibility(text[:SAMPLE_CHARS])
        if best is None or score > best[0]:
            best = (score, text)
    return None if best is None else best[1]


def plausibility(text: str) -> float:
    return sum(count * _weight(char) for char, count in Counter(text).items())


@lru_cache(maxsize=65_536)
def _weight(char: str) -> float:
    category = unicodedata.category(char)
    if category in ("Co", "Cn"):  # private use, unassigned
        return WRONG_CODE_POINT
    if category != "Lo":
        return 0.0
    frequency = _jieba().get_FREQ
    return math.log1p(max(frequency(char) or 0, frequency(to_simplified(char)) or 0))


@cache
def _jieba() -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()  # once per process (thread-safe); the search tokeniser shares it
    return jieba
