"""Audio decoding: every container FFmpeg reads becomes 16 kHz mono; bad input gets a clear,
translatable error; a six-hour file is streamed, never read whole."""

import io
import struct
import tracemalloc
import wave

import av
import numpy as np
import pytest

from aiplus.ai.audio import SAMPLE_RATE, load_audio, probe, stream_audio
from aiplus.ai.chunking import speech_chunks
from aiplus.ai.exceptions import AIError, AudioDecodeError, AudioTooLongError, EmptyAudioError

from .conftest import ASR


def encode(samples, rate, *, container, codec, channels=1):
    """Encode float samples with PyAV into an in-memory file of the given container."""
    buffer = io.BytesIO()
    layout = "stereo" if channels == 2 else "mono"
    with av.open(buffer, mode="w", format=container) as out:
        stream = out.add_stream(codec, rate=rate, layout=layout)
        frames = np.tile(samples.astype(np.float32), (channels, 1))
        fmt = stream.codec_context.codec.audio_formats[0].name
        resampler = av.AudioResampler(format=fmt, layout=layout, rate=rate)
        source = av.AudioFrame.from_ndarray(
            np.ascontiguousarray(frames.T.reshape(1, -1)), format="flt", layout=layout
        )
        source.sample_rate = rate
        for frame in resampler.resample(source):
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return buffer.getvalue()


def tone(seconds, rate):
    t = np.arange(int(seconds * rate)) / rate
    return 0.3 * np.sin(2 * np.pi * 440 * t)


@pytest.mark.parametrize(
    ("container", "codec", "rate", "channels"),
    [
        ("mp3", "libmp3lame", 44_100, 2),
        ("ogg", "libopus", 48_000, 1),
        ("webm", "libopus", 48_000, 2),
        ("mp4", "aac", 22_050, 1),
        ("flac", "flac", 8_000, 1),
    ],
)
def test_odd_rates_and_containers_become_16k_mono(container, codec, rate, channels):
    data = encode(tone(2.0, rate), rate, container=container, codec=codec, channels=channels)
    audio = load_audio(data)
    assert audio.dtype == np.float32 and audio.ndim == 1
    assert abs(audio.size / SAMPLE_RATE - 2.0) < 0.15
    assert 0.15 < float(np.abs(audio).max()) < 0.6


def test_a_text_file_is_not_audio(tmp_path):
    path = tmp_path / "minutes.mp3"
    path.write_text("This is not a recording, it is the minutes.\n" * 50)
    with pytest.raises(AudioDecodeError) as error:
        probe(path)
    assert "could not be read as audio" in str(error.value)


def test_a_zero_length_file_is_empty(tmp_path):
    path = tmp_path / "empty.wav"
    path.write_bytes(b"")
    with pytest.raises(EmptyAudioError):
        list(stream_audio(path))


def test_a_header_without_samples_is_empty(tmp_path):
    path = tmp_path / "header-only.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16_000)
    with pytest.raises(EmptyAudioError):
        load_audio(path)


def test_corrupt_audio_gets_a_clear_error(tmp_path):
    good = (ASR / "librispeech-1995-1837-0001.wav").read_bytes()
    path = tmp_path / "corrupt.mp3"
    path.write_bytes(b"ID3" + bytes(range(256)) * 40)
    with pytest.raises(AudioDecodeError):
        load_audio(path)
    truncated = tmp_path / "truncated.wav"
    truncated.write_bytes(good[:30])  # cut inside the header
    with pytest.raises(AudioDecodeError):
        load_audio(truncated)


def test_errors_are_translated():
    from django.utils import translation

    with translation.override("zh-hant"):
        message = str(EmptyAudioError())
    assert message != str(EmptyAudioError())
    assert isinstance(EmptyAudioError(), AIError)


def _six_hour_silence(path):
    frames = 6 * 3600 * SAMPLE_RATE
    header = (
        b"RIFF"
        + struct.pack("<I", 36 + frames * 2)
        + b"WAVEfmt "
        + struct.pack("<IHHIIHH", 16, 1, 1, SAMPLE_RATE, SAMPLE_RATE * 2, 2, 16)
        + b"data"
        + struct.pack("<I", frames * 2)
    )
    with path.open("wb") as out:
        out.write(header)
        out.truncate(len(header) + frames * 2)  # sparse: no disk used


def test_a_six_hour_recording_is_streamed_not_loaded_whole(tmp_path):
    path = tmp_path / "six-hours.wav"
    _six_hour_silence(path)
    assert probe(path).duration == 6 * 3600
    tracemalloc.start()  # numpy reports its buffers to tracemalloc
    blocks = stream_audio(path, block_seconds=30)
    seen = 0.0
    for chunk, done in speech_chunks(blocks):
        assert chunk is None  # silence: nothing to transcribe
        seen = done
        if seen >= 1200:  # twenty minutes in: enough to show the memory stays flat
            break
    blocks.close()
    peak_mb = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    assert seen >= 1200
    # Twenty minutes of float32 would be 77 MB, six hours 1.4 GB: only a window is held.
    assert peak_mb < 40, f"peak {peak_mb:.0f} MB"


def test_a_recording_over_the_limit_is_refused_before_decoding(tmp_path):
    path = tmp_path / "six-hours.wav"
    _six_hour_silence(path)
    with pytest.raises(AudioTooLongError):
        next(stream_audio(path, max_seconds=4 * 3600))
