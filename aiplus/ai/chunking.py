"""Split a stream of audio blocks into speech chunks of at most `max_seconds` with Silero VAD
(shipped inside faster-whisper). Silent stretches are dropped cheaply without running the VAD,
and speech still going on at the end of a block is carried into the next one."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np

from aiplus.ai.audio import SAMPLE_RATE

SILENCE_PEAK = 1e-3  # below this peak amplitude a window is treated as silence
WINDOW_SECONDS = 120.0


@dataclass(frozen=True)
class Chunk:
    start: float  # seconds from the beginning of the recording
    audio: np.ndarray

    @property
    def end(self) -> float:
        return self.start + self.audio.size / SAMPLE_RATE


def _spans(audio: np.ndarray, max_seconds: float) -> list[tuple[int, int]]:
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    options = VadOptions(
        min_silence_duration_ms=500, speech_pad_ms=200, max_speech_duration_s=max_seconds
    )
    return [(s["start"], s["end"]) for s in get_speech_timestamps(audio, options)]


def _group(spans: list[tuple[int, int]], max_samples: int) -> list[tuple[int, int]]:
    groups: list[tuple[int, int]] = []
    for start, end in spans:
        if groups and end - groups[-1][0] <= max_samples:
            groups[-1] = (groups[-1][0], end)
        else:
            groups.append((start, end))
    return groups


def speech_chunks(
    blocks: Iterable[np.ndarray], *, max_seconds: float = 30.0
) -> Iterator[tuple[Chunk | None, float]]:
    """Yield (chunk, seconds read so far); chunk is None for progress-only steps."""
    max_samples = int(max_seconds * SAMPLE_RATE)
    window = int(WINDOW_SECONDS * SAMPLE_RATE)
    buffer = np.zeros(0, np.float32)
    offset = 0  # sample index of buffer[0] in the recording
    read = 0
    iterator = iter(blocks)
    finished = False
    while not finished:
        block = next(iterator, None)
        if block is None:
            finished = True
        else:
            buffer = np.concatenate([buffer, block])
            read += block.size
            if buffer.size < window:
                continue
        keep_from = buffer.size
        if buffer.size and float(np.max(np.abs(buffer))) >= SILENCE_PEAK:
            spans = _spans(buffer, max_seconds)
            if not finished and spans and spans[-1][1] >= buffer.size - SAMPLE_RATE:
                open_start = spans.pop()[0]
                if buffer.size - open_start < max_samples:
                    keep_from = open_start
                else:
                    spans.append((open_start, buffer.size))
            for start, end in _group(spans, max_samples):
                yield (
                    Chunk(start=(offset + start) / SAMPLE_RATE, audio=buffer[start:end]),
                    (offset + end) / SAMPLE_RATE,
                )
        yield None, read / SAMPLE_RATE if finished else (offset + keep_from) / SAMPLE_RATE
        buffer, offset = buffer[keep_from:].copy(), offset + keep_from
