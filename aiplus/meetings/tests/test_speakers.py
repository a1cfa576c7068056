"""Automatic speaker turns: the number of speakers found and the error on short synthetic
clips, the labelling helpers, and the DER used by the benchmark."""

from itertools import pairwise

import numpy as np
import pytest

from aiplus.benchmarks.diarization import SCRIPT as MEETING_SCRIPT
from aiplus.benchmarks.diarization import build_meeting, diarization_error
from aiplus.meetings import speakers
from aiplus.meetings.speakers import Turn, assign_speakers, speaker_turns, speaker_turns_in_pieces
from aiplus.meetings.tests.voices import read_by

RATE = 16_000


def _hypothesis(turns: list[Turn]) -> list[tuple[float, float, str]]:
    return [(t.start, t.end, t.speaker) for t in turns]


@pytest.mark.ai
def test_three_voices_are_found_with_a_low_error(three_voices):
    assert 30 < three_voices.duration < 60
    turns = speaker_turns(three_voices.audio)
    assert len({t.speaker for t in turns}) == 3
    # Measured 9 % here. A 50 s clip is near the method's limit: with other pause and level
    # draws (seeds 3-7) it found 3-4 speakers at DER 7-28 %, against 1-5 % on the benchmark's
    # 6-minute meeting, so this pins one clip rather than promising every short one.
    assert diarization_error(three_voices.reference, _hypothesis(turns))["der"] < 0.15


@pytest.mark.ai
def test_turns_are_ordered_and_named_by_first_appearance(three_voices):
    turns = speaker_turns(three_voices.audio)
    assert [t.start for t in turns] == sorted(t.start for t in turns)
    assert all(t.end > t.start for t in turns)
    first_seen = list(dict.fromkeys(t.speaker for t in turns))
    assert first_seen == [f"S{i}" for i in range(1, len(first_seen) + 1)]


@pytest.mark.ai
def test_given_speech_spans_are_used(three_voices):
    spans = [(start, end) for start, end, _ in three_voices.reference]
    turns = speaker_turns(three_voices.audio, speech=spans)
    assert turns
    # Turns stay inside the given speech (bridging a short same-speaker pause aside).
    scores = diarization_error(three_voices.reference, _hypothesis(turns), collar=0.0)
    assert scores["false_alarm"] < 0.02
    assert scores["missed"] < 0.01


@pytest.mark.ai
def test_a_recording_read_in_pieces_gives_the_same_turns(three_voices):
    spans = [(start, end) for start, end, _ in three_voices.reference]
    audio = three_voices.audio
    cuts = [0, 5 * RATE + 7, 21 * RATE, audio.size]  # not on a 10 ms frame
    pieces = (audio[start:end] for start, end in pairwise(cuts))
    assert speaker_turns_in_pieces(pieces, speech=spans) == speaker_turns(audio, speech=spans)


def test_features_of_pieces_equal_those_of_the_whole_recording():
    audio = (np.random.default_rng(1).standard_normal(130 * RATE) * 0.1).astype(np.float32)
    whole = speakers.features(audio)
    for cuts in ([0, audio.size], [0, 1, 60 * RATE + 123, 61 * RATE, audio.size]):
        pieces = (audio[start:end] for start, end in pairwise(cuts))
        ceps, energy = speakers.features(pieces)
        assert np.array_equal(ceps, whole[0]) and np.array_equal(energy, whole[1])
    assert speakers.features(iter([audio[:100], audio[100:300]]))[0].shape == (1, 19)


def test_pieces_are_read_as_the_features_need_them():
    read = []

    def pieces():
        for number in range(10):  # ten minutes, a minute each
            read.append(number)
            yield np.zeros(60 * RATE, np.float32)

    blocks = speakers._blocks(pieces())
    next(blocks)  # the first minute's block needs the start of the second minute
    assert read == [0, 1]


@pytest.mark.ai
def test_a_single_voice_is_one_speaker():
    # About 70 s: one speaker in 6 of 6 draws of two voices; 35 s clips sometimes split in two.
    script = [("ann", text) for key, text in MEETING_SCRIPT[:14] if key != "kaming"]
    meeting = build_meeting(script, seed=5, voices=read_by(["ann"]))
    turns = speaker_turns(meeting.audio)
    assert turns
    assert {t.speaker for t in turns} == {"S1"}


def test_max_speakers_caps_the_count(three_voices):
    turns = speaker_turns(three_voices.audio, max_speakers=2)
    assert len({t.speaker for t in turns}) <= 2


def test_silence_gives_no_turns():
    assert speaker_turns(np.zeros(20 * RATE, np.float32)) == []
    hiss = (1e-4 * np.random.default_rng(0).standard_normal(20 * RATE)).astype(np.float32)
    assert speaker_turns(hiss) == []
    assert speaker_turns(np.zeros(0, np.float32)) == []


def test_other_sample_rates_are_refused():
    with pytest.raises(ValueError, match="16000"):
        speaker_turns(np.zeros(8000, np.float32), sample_rate=8000)


def test_assign_speakers_picks_the_most_overlapping_turn():
    turns = [
        Turn(0.0, 4.0, "S1"),
        Turn(4.0, 5.0, "S2"),
        Turn(5.5, 9.0, "S1"),
        Turn(9.0, 12.0, "S3"),
    ]
    segments = [(0.5, 3.0), (3.5, 5.2), (4.8, 7.0), (8.0, 11.0), (12.5, 14.0), (3.9, 4.1)]
    assert assign_speakers(segments, turns) == ["S1", "S2", "S1", "S3", "", "S1"]
    assert assign_speakers([], turns) == []
    assert assign_speakers([(0.0, 1.0)], []) == [""]


def test_der_counts_each_kind_of_error_after_the_best_mapping():
    reference = [(0.0, 10.0, "a"), (10.0, 20.0, "b")]
    # Same turns under other names: no error once mapped.
    assert diarization_error(reference, [(0.0, 10.0, "x"), (10.0, 20.0, "y")])["der"] == 0
    # Nothing found: all missed.
    assert diarization_error(reference, [])["missed"] == pytest.approx(1.0)
    # One speaker for everything: half is confusion (collars aside).
    scores = diarization_error(reference, [(0.0, 20.0, "x")], collar=0.0)
    assert scores["confusion"] == pytest.approx(0.5)
    # Speech where there is none: false alarm.
    scores = diarization_error(reference, [*reference, (25.0, 30.0, "a")], collar=0.0)
    assert scores["false_alarm"] == pytest.approx(0.25)
