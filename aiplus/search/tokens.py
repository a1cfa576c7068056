"""One tokeniser for indexing and for queries, on both databases.

English: NFKC, lower case, words of letters and digits, common function words dropped, Snowball
stemming (PyStemmer), so "meetings" finds "meeting". Chinese: converted to Simplified with
OpenCC first, so Traditional and Simplified text meet on the same tokens; then jieba's
search-mode words of three or more characters (its dictionary extended with the Cantonese
words of the HKCanCor corpus that pycantonese ships), plus every character bigram, so a
two-character word inside a longer one still matches ("會議" in "會議紀錄"). A lone Chinese
character is kept as it is. Figures and Latin words written against Chinese are words of their
own ("2024年" gives "2024" and "年")."""

import logging
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from aiplus.core.i18n import to_simplified

MAX_TERM_LENGTH = 64
# Raised whenever the terms of a text change: index entries written by an earlier version no
# longer count as indexed unchanged (see indexing.fingerprint).
VERSION = 2
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Chinese runs, then runs of other letters and digits; a figure or Latin word written against
# Chinese ("2024年施政報告", "GPT模型") is a token of its own, not part of the Chinese run.
_RUNS = re.compile(rf"([{CJK}]+)|([^\W_{CJK}]+)", re.UNICODE)
_CJK_RUN = re.compile(rf"^[{CJK}]+$")

# Words so common in English prose that their postings would cost more than they rank.
STOPWORDS = frozenset(
    (
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "from",
        "has",
        "have",
        "he",
        "her",
        "his",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "our",
        "she",
        "so",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "will",
        "with",
        "you",
        "your",
    )
)


_per_thread = threading.local()


def _stemmer() -> Any:
    """A stemmer per thread: a PyStemmer object must not be used by two threads at once
    (threaded web servers crash on it)."""
    stemmer = getattr(_per_thread, "stemmer", None)
    if stemmer is None:
        import Stemmer

        stemmer = _per_thread.stemmer = Stemmer.Stemmer("english")
    return stemmer


_jieba_lock = threading.Lock()


@cache
def _jieba() -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    with _jieba_lock:
        jieba.initialize()
        for word, count in cantonese_words().items():
            jieba.add_word(word, freq=max(count, 5))
    return jieba


@cache
def cantonese_words() -> dict[str, int]:
    """Multi-character Chinese words of the HKCanCor corpus (in Simplified), with counts."""
    import pycantonese

    counts: Counter[str] = Counter()
    for word in pycantonese.hkcancor().words():
        if isinstance(word, str) and len(word) >= 2 and _CJK_RUN.match(word):
            counts[to_simplified(word)] += 1
    return dict(counts)


@dataclass(frozen=True)
class Token:
    term: str
    # Where the token's text is in the string given (for highlighting), end exclusive.
    start: int
    end: int


def normalise(text: str) -> str:
    """NFKC (full-width letters become ASCII) and lower case; control characters removed."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text.lower() if ch.isprintable() or ch in "\n\t ")


def _english(word: str) -> str | None:
    if word in STOPWORDS or len(word) > MAX_TERM_LENGTH:
        return None
    return str(_stemmer().stemWord(word))


def _word(word: str) -> str | None:
    """The term of a run of letters and digits: stemmed English, or another script's word kept
    whole and unstemmed; None for a stop word or an overlong word."""
    if not word.isascii():
        return word if len(word) <= MAX_TERM_LENGTH else None
    return _english(word)


def _chinese(run: str, offset: int) -> Iterator[Token]:
    simplified = to_simplified(run)
    if len(simplified) != len(run):  # a rare phrase conversion changed the length
        simplified = run
    if len(simplified) == 1:
        yield Token(simplified, offset, offset + 1)
        return
    for i in range(len(simplified) - 1):
        yield Token(simplified[i : i + 2], offset + i, offset + i + 2)
    if len(simplified) >= 3:
        for word in _jieba().cut_for_search(simplified):
            if len(word) >= 3:
                start = simplified.find(word)
                yield Token(word[:MAX_TERM_LENGTH], offset + start, offset + start + len(word))


def tokens(text: str) -> Iterator[Token]:
    """The tokens of `text` with their positions in the normalised text. NFKC keeps the
    length of Chinese and ASCII text, so positions also fit the original in practice."""
    for match in _RUNS.finditer(normalise(text)):
        if match.group(1):
            yield from _chinese(match.group(1), match.start())
            continue
        term = _word(match.group(2))
        if term:
            yield Token(term, match.start(), match.end())


def terms(text: str) -> list[str]:
    return [token.term for token in tokens(text)]


def words(text: str) -> list[str]:
    """The words of `text` for comparing statements rather than ranking them: English terms as
    `terms` gives them; Chinese in Simplified, cut into jieba's words (not bigrams, which
    straddle word boundaries), without one-character words (mostly particles: 的, 了, 是)."""
    found: list[str] = []
    for match in _RUNS.finditer(normalise(text)):
        if match.group(1):
            simplified = to_simplified(match.group(1))
            found.extend(word for word in _jieba().cut(simplified) if len(word) >= 2)
            continue
        term = _word(match.group(2))
        if term:
            found.append(term)
    return found


def term_counts(text: str) -> Counter[str]:
    return Counter(terms(text))


def is_chinese(text: str) -> bool:
    """Mostly Chinese characters: chunk it by characters, not words."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    chinese = sum(1 for ch in letters if re.match(rf"[{CJK}]", ch))
    return chinese * 2 >= len(letters)
