"""Audio decoding through PyAV: any container FFmpeg reads (wav, mp3, m4a, mp4, webm, ogg, ...)
becomes 16 kHz mono float32, delivered in blocks so that a long recording is never held in
memory whole."""

import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from aiplus.ai.exceptions import AudioDecodeError, AudioTooLongError, EmptyAudioError

SAMPLE_RATE = 16_000
AudioInput = str | Path | bytes | BinaryIO


@dataclass(frozen=True)
class AudioInfo:
    duration: float | None  # seconds, when the container says
    codec: str
    sample_rate: int
    channels: int


def _size_of(source: AudioInput) -> int | None:
    if isinstance(source, bytes):
        return len(source)
    if isinstance(source, str | Path):
        try:
            return Path(source).stat().st_size
        except OSError as error:
            raise AudioDecodeError(detail=str(error)) from error
    return None


@contextmanager
def open_audio(source: AudioInput) -> Iterator[tuple[Any, Any]]:
    """Open a container and its first audio stream, or raise a clear AudioDecodeError."""
    import av

    if _size_of(source) == 0:
        raise EmptyAudioError()
    target: Any = io.BytesIO(source) if isinstance(source, bytes) else source
    try:
        container = av.open(str(target) if isinstance(target, Path) else target, mode="r")
    except (av.FFmpegError, OSError, ValueError, UnicodeDecodeError) as error:
        raise AudioDecodeError(detail=type(error).__name__) from error
    try:
        if not container.streams.audio:
            raise AudioDecodeError(detail="no audio stream")
        yield container, container.streams.audio[0]
    finally:
        container.close()


def probe(source: AudioInput) -> AudioInfo:
    with open_audio(source) as (container, stream):
        return _info(container, stream)


def _info(container: Any, stream: Any) -> AudioInfo:
    duration = None
    if stream.duration is not None and stream.time_base is not None:
        duration = float(stream.duration * stream.time_base)
    elif container.duration is not None:
        duration = container.duration / 1_000_000
    return AudioInfo(
        duration=duration,
        codec=stream.codec_context.name,
        sample_rate=stream.codec_context.sample_rate or 0,
        channels=stream.codec_context.channels or 0,
    )


def stream_audio(
    source: AudioInput,
    *,
    block_seconds: float = 30.0,
    max_seconds: float | None = None,
    info_out: list[AudioInfo] | None = None,
) -> Iterator[np.ndarray]:
    """Yield 16 kHz mono float32 blocks of about `block_seconds` each."""
    import av

    block = int(block_seconds * SAMPLE_RATE)
    limit = int(max_seconds * SAMPLE_RATE) if max_seconds else None
    with open_audio(source) as (container, stream):
        info = _info(container, stream)
        if info_out is not None:
            info_out.append(info)
        if max_seconds and info.duration and info.duration > max_seconds:
            raise AudioTooLongError(detail=f"{info.duration / 3600:.1f} h")
        resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
        pending: list[np.ndarray] = []
        pending_len = total = 0
        try:
            for frame in _frames(container, stream):
                for out in resampler.resample(frame):
                    samples = out.to_ndarray().reshape(-1).astype(np.float32, copy=False)
                    pending.append(samples)
                    pending_len += samples.size
                    total += samples.size
                    if limit is not None and total > limit:
                        raise AudioTooLongError()
                    if pending_len >= block:
                        joined = np.concatenate(pending)
                        yield joined[:block]
                        pending, pending_len = [joined[block:]], joined.size - block
            for out in resampler.resample(None):
                pending.append(out.to_ndarray().reshape(-1).astype(np.float32, copy=False))
        except av.FFmpegError as error:
            raise AudioDecodeError(detail=f"corrupt audio: {type(error).__name__}") from error
        tail = np.concatenate(pending) if pending else np.zeros(0, np.float32)
        total += int(tail.size) - pending_len
        if total <= 0:
            raise EmptyAudioError()
        if tail.size:
            yield tail


def _frames(container: Any, stream: Any) -> Iterator[Any]:
    for packet in container.demux(stream):
        yield from packet.decode()


def load_audio(source: AudioInput, *, max_seconds: float | None = None) -> np.ndarray:
    """The whole recording at once: for short clips only."""
    return np.concatenate(list(stream_audio(source, max_seconds=max_seconds)))
