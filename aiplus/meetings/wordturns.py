"""Transcript turns cut where the speaker changes, from the time of each word.

Whisper writes a segment per stretch of speech, not per speaker: in a quick exchange ("Peter,
please send it by Friday." "Yes, I will.") one segment holds both voices, and one speaker label
for it is wrong for half of it. With the words' times, each word takes the label of the speaker
turn it overlaps, and a segment is cut where the label changes. A run of fewer than
`MIN_RUN_WORDS` words joins its neighbour: a label that flips for one word is more often the
voice model's error than a one-word reply."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from aiplus.ai.values import Word
from aiplus.meetings.speakers import Turn, assign_speakers, speaker_turns_in_pieces

MIN_RUN_WORDS = 2


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
    words: Sequence[Word] = ()


def label_voices(
    pieces: Iterable[np.ndarray], heard: Sequence[Heard]
) -> list[tuple[str, list[Run]]]:
    """Who spoke when in a recording (read as consecutive 16 kHz pieces) and its segments:
    per segment, the label of the voice that covers most of it, and the runs of one speaker it
    must be cut into ([] when it is one speaker's, or its words have no times)."""
    speech = [span for h in heard for span in (speech_spans(h.words) or [(h.start, h.end)])]
    turns = speaker_turns_in_pieces(pieces, speech=speech)
    labels = assign_speakers([(h.start, h.end) for h in heard], turns)
    labelled = []
    for h, found in zip(heard, labels, strict=True):
        runs = runs_by_speaker(h.words, turns, fallback=found)
        labelled.append((found, runs if len(runs) > 1 else []))
    return labelled


def speech_spans(words: Sequence[Word]) -> list[tuple[float, float]]:
    """The words' own spans: tighter than the segments', which take in the pauses between
    speakers too."""
    return [(word.start, word.end) for word in words if word.end > word.start]


def runs_by_speaker(words: Sequence[Word], turns: list[Turn], *, fallback: str) -> list[Run]:
    """One segment's words, grouped into runs of one speaker (in order). Words no turn covers
    take their neighbour's label, or `fallback` (the segment's own) when none has one."""
    if not words:
        return []
    labels = assign_speakers([(word.start, word.end) for word in words], turns)
    labels = _filled(labels, fallback)
    groups: list[list[int]] = []  # word indexes per run
    for index, label in enumerate(labels):
        if groups and labels[groups[-1][0]] == label:
            groups[-1].append(index)
        else:
            groups.append([index])
    runs: list[tuple[str, list[int]]] = []  # (speaker, word indexes)
    for group in _absorb_short(groups):
        speaker = _majority([labels[i] for i in group])
        if runs and runs[-1][0] == speaker:
            runs[-1][1].extend(group)
        else:
            runs.append((speaker, group))
    return [
        Run(
            start=words[group[0]].start,
            end=words[group[-1]].end,
            speaker=speaker,
            text="".join(words[i].text for i in group).strip(),
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


def _absorb_short(groups: list[list[int]]) -> list[list[int]]:
    """Runs shorter than `MIN_RUN_WORDS` join the run before them (short runs at the start
    join the first long one)."""
    kept: list[list[int]] = []
    pending: list[int] = []  # short runs at the start, waiting for a long one
    for group in groups:
        if len(group) >= MIN_RUN_WORDS or len(groups) == 1:
            kept.append(pending + group)
            pending = []
        elif kept:
            kept[-1].extend(group)
        else:
            pending.extend(group)
    if pending:
        if kept:
            kept[0] = pending + kept[0]
        else:
            kept.append(pending)
    return kept


def _majority(labels: list[str]) -> str:
    return max(dict.fromkeys(labels), key=labels.count)
