"""Transcript turns cut where the speaker changes, sentence by sentence.

Whisper writes a segment per stretch of speech, not per speaker: in a quick exchange ("Peter,
please send it by Friday." "Yes, I will.") one segment holds both voices, and one speaker label
for it is wrong for half of it. People hand over at the end of a sentence, so each sentence of
a segment takes the label of the voice turn it overlaps most, and the segment is cut where the
label changes. A sentence's time comes from its words' times when the transcriber gave them,
else from its share of the segment's characters.

On the end-to-end benchmark's 30-minute, five-voice meeting (`make bench-minutes-e2e`), turns
with the right speaker went from 43% with one label per segment to 94% with a label per word
and 98% per sentence (86% in a run where two voices were taken for one). Timing sentences by
characters goes wrong where a segment also holds speech that was not written down (a Cantonese
turn in an English meeting), so Whisper is asked for word times unless
`AIPLUS_MEETING_WORD_TIMES` is off."""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from aiplus.ai.values import Word
from aiplus.meetings.speakers import Turn, assign_speakers, speaker_turns_in_pieces

# A sentence ends at . ? ! (and closing quotes or brackets) before a space or the end, or
# right after a Chinese full stop, question or exclamation mark.
_LATIN_END = r"[.?!]+[\"'”’)）]*"
_CHINESE_END = r"[。？！]+[」』”’）]*"
_SENTENCE_END = re.compile(rf"{_LATIN_END}(?=\s|$)|{_CHINESE_END}")
_ENDS_SENTENCE = re.compile(rf"(?:{_LATIN_END}|{_CHINESE_END})$")  # a word that ends one


@dataclass(frozen=True)
class Run:
    start: float
    end: float
    speaker: str
    text: str


@dataclass(frozen=True)
class Heard:
    """A transcript segment as the transcriber gave it."""

    start: float
    end: float
    text: str
    words: Sequence[Word] = ()


def label_voices(
    pieces: Iterable[np.ndarray], heard: Sequence[Heard]
) -> list[tuple[str, list[Run]]]:
    """Who spoke when in a recording (read as consecutive 16 kHz pieces) and its segments:
    per segment, the label of the voice that covers most of it, and the runs of one speaker it
    must be cut into ([] when it is one speaker's)."""
    speech = [span for h in heard for span in (speech_spans(h.words) or [(h.start, h.end)])]
    turns = speaker_turns_in_pieces(pieces, speech=speech)
    labels = assign_speakers([(h.start, h.end) for h in heard], turns)
    labelled = []
    for h, found in zip(heard, labels, strict=True):
        runs = runs_by_speaker(h, turns, fallback=found)
        labelled.append((found, runs if len(runs) > 1 else []))
    return labelled


def speech_spans(words: Sequence[Word]) -> list[tuple[float, float]]:
    """The words' own spans: tighter than the segments', which take in the pauses between
    speakers too."""
    return [(word.start, word.end) for word in words if word.end > word.start]


def sentences(heard: Heard) -> list[Run]:
    """A segment's sentences in order, each with its time (speaker left empty). Their texts
    keep the spaces before them, so joined they give the segment's text back."""
    if heard.words:
        return _sentences_from_words(heard.words)
    text = heard.text
    cuts = [match.end() for match in _SENTENCE_END.finditer(text)]
    bounds = [0, *(cut for cut in cuts if 0 < cut < len(text)), len(text)]
    size = max(len(text), 1)
    span = heard.end - heard.start
    return [
        Run(
            start=heard.start + span * begin / size,
            end=heard.start + span * end / size,
            speaker="",
            text=text[begin:end],
        )
        for begin, end in pairwise(bounds)
        if text[begin:end].strip()
    ]


def _sentences_from_words(words: Sequence[Word]) -> list[Run]:
    found: list[Run] = []
    current: list[Word] = []
    for index, word in enumerate(words):
        current.append(word)
        if index == len(words) - 1 or _ENDS_SENTENCE.search(word.text.strip()):
            text = "".join(w.text for w in current)
            found.append(Run(current[0].start, current[-1].end, "", text))
            current = []
    return found


def runs_by_speaker(heard: Heard, turns: list[Turn], *, fallback: str) -> list[Run]:
    """One segment's sentences, grouped into runs of one speaker (in order). Sentences no turn
    covers take their neighbour's label, or `fallback` (the segment's own) when none has one."""
    said = sentences(heard)
    labels = _filled(assign_speakers([(s.start, s.end) for s in said], turns), fallback)
    runs: list[tuple[str, list[Run]]] = []
    for sentence, label in zip(said, labels, strict=True):
        if runs and runs[-1][0] == label:
            runs[-1][1].append(sentence)
        else:
            runs.append((label, [sentence]))
    return [
        Run(
            start=group[0].start,
            end=group[-1].end,
            speaker=speaker,
            text="".join(s.text for s in group).strip(),
        )
        for speaker, group in runs
    ]


def _filled(labels: list[str], fallback: str) -> list[str]:
    known = [label for label in labels if label]
    if not known:
        return [fallback] * len(labels)
    filled, last = [], known[0]
    for label in labels:
        last = label or last
        filled.append(last)
    return filled
