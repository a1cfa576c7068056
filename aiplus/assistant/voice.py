"""Voice for the assistant: a spoken question becomes text (the configured transcriber), and an
answer becomes speech (the configured speaker for English; espeak-ng's Cantonese or Mandarin
voice for Chinese, which the installed Piper voice cannot read) with a mouth-shape track for
the digital human.

The track follows the synthesised audio itself: the recording is cut into 50 ms frames, a frame
quieter than a fraction of the loudest is silence and keeps the mouth closed, and the answer's
phonemes (espeak-ng's transcription) are laid in order over the frames that sound, so each shape
comes when its sound does, whichever engine spoke."""

import io
import re
import shutil
import subprocess
from dataclasses import dataclass

import numpy as np

from aiplus.ai.exceptions import AudioTooLongError, EmptyAudioError
from aiplus.ai.local.espeak import EspeakSpeaker
from aiplus.ai.providers import get_speaker, get_transcriber
from aiplus.ai.values import Speech

FRAME_SECONDS = 0.05
SILENCE = 0.12  # of the loudest frame's level
MAX_SPEECH_CHARS = 1500
MAX_RECORDING_SECONDS = 60
MAX_RECORDING_BYTES = 5 * 1024 * 1024
CHINESE_VOICES = {"zh-hant": "yue", "zh-hans": "cmn"}

REST = "rest"  # closed, at ease
# Mouth shapes by the first letter of espeak-ng's phoneme mnemonics (its -x output).
SHAPES = [
    ("closed", "pbm"),
    ("teeth", "fv"),
    ("round", "oOuUwQ0"),
    ("wide", "iIeEjy"),
    ("open", "aA@3V&"),
]


@dataclass(frozen=True)
class Spoken:
    wav: bytes
    duration: float
    frames: list[str]  # one mouth shape per FRAME_SECONDS


def shape_of(phoneme: str) -> str:
    first = phoneme[:1]
    for shape, letters in SHAPES:
        if first in letters:
            return shape
    return "mid"


def phonemes(text: str, *, voice: str = "en-us") -> list[str]:
    """espeak-ng's phonemes for the text; the letters themselves if it is not installed."""
    command = shutil.which("espeak-ng")
    if command is not None:
        try:
            done = subprocess.run(  # noqa: S603 - fixed program, text on stdin
                [command, "-q", "-x", "--sep=_", "-v", voice],
                input=text.encode("utf-8"),
                capture_output=True,
                timeout=30,
                check=True,
            )
            found = [p for p in re.split(r"[_\s]+", done.stdout.decode("utf-8", "replace")) if p]
            found = [p.lstrip("'ˈˌ,%=:") for p in found]
            if found:
                return [p for p in found if p]
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
            pass
    return [ch for ch in text.lower() if ch.isalpha()]


def mouth_track(pcm: np.ndarray, sample_rate: int, sounds: list[str]) -> list[str]:
    """One shape per frame: REST where the audio is silent, the phonemes' shapes in order
    across the frames that sound."""
    size = max(1, int(sample_rate * FRAME_SECONDS))
    count = max(1, int(np.ceil(len(pcm) / size)))
    padded = np.zeros(count * size, dtype=np.float32)
    padded[: len(pcm)] = pcm
    levels = np.sqrt(np.mean(padded.reshape(count, size) ** 2, axis=1))
    loudest = float(levels.max()) if len(levels) else 0.0
    voiced = levels > loudest * SILENCE if loudest > 0 else np.zeros(count, dtype=bool)
    shapes = [shape_of(p) for p in sounds] or ["open"]
    spoken = int(voiced.sum())
    track, seen = [], 0
    for is_voiced in voiced:
        if not is_voiced:
            track.append(REST)
            continue
        track.append(shapes[min(len(shapes) - 1, seen * len(shapes) // max(spoken, 1))])
        seen += 1
    return track


def speak(text: str, *, language: str) -> Spoken:
    text = " ".join(text.split())[:MAX_SPEECH_CHARS]
    voice = CHINESE_VOICES.get(language)
    speech: Speech = EspeakSpeaker(voice=voice).speak(text) if voice else get_speaker().speak(text)
    pcm = np.frombuffer(speech.pcm, dtype="<i2").astype(np.float32) / 32768
    track = mouth_track(pcm, speech.sample_rate, phonemes(text, voice=voice or "en-us"))
    return Spoken(speech.wav(), speech.duration, track)


def transcribe(data: bytes, *, language: str) -> str:
    """The words of a short spoken question. Raises AIError (with a message fit to show) for
    audio that cannot be read."""
    if not data:
        raise EmptyAudioError()
    if len(data) > MAX_RECORDING_BYTES:
        raise AudioTooLongError()
    # The page's language, never detection: on a short clip detection picks wrong and invents.
    whisper_language = "zh" if language.startswith("zh") else "en"
    transcript = get_transcriber().transcribe(io.BytesIO(data), language=whisper_language)
    if transcript.duration > MAX_RECORDING_SECONDS + 5:
        raise AudioTooLongError()
    return transcript.text.strip()
