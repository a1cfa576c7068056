"""A synthetic meeting for the benchmark: several text-to-speech voices read the speaker turns
of a real committee transcript (QMSum), with short pauses between turns."""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from aiplus.ai.audio import SAMPLE_RATE, load_audio
from aiplus.ai.values import Speech

MARKUP = re.compile(r"\{[^}]*\}")


@dataclass(frozen=True)
class Turn:
    speaker: str
    text: str


def committee_turns(path: Path, *, meeting: int = 0) -> list[Turn]:
    line = path.read_text(encoding="utf-8").splitlines()[meeting]
    turns = []
    for raw in json.loads(line)["meeting_transcripts"]:
        text = " ".join(MARKUP.sub(" ", raw["content"]).split())
        if len(text.split()) >= 3:
            turns.append(Turn(raw["speaker"], text))
    return turns


def build_meeting(
    turns: list[Turn],
    voices: list[Callable[[str], Speech]],
    *,
    target_seconds: float = 600.0,
    pause_seconds: float = 0.5,
) -> tuple[np.ndarray, str, int]:
    """16 kHz mono audio, its reference text, and how many voices were used."""
    speakers: dict[str, int] = {}
    pieces: list[np.ndarray] = []
    words: list[str] = []
    total = 0.0
    pause = np.zeros(int(pause_seconds * SAMPLE_RATE), np.float32)
    for turn in turns:
        voice = speakers.setdefault(turn.speaker, len(speakers) % len(voices))
        audio = load_audio(voices[voice](turn.text).wav())
        pieces += [audio, pause]
        words.append(turn.text)
        total += audio.size / SAMPLE_RATE + pause_seconds
        if total >= target_seconds:
            break
    return np.concatenate(pieces), " ".join(words), len(set(speakers.values()))


def write_wav(audio: np.ndarray, path: Path) -> None:
    pcm = (audio.clip(-1, 1) * 32767).astype("<i2").tobytes()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(Speech(pcm=pcm, sample_rate=SAMPLE_RATE).wav())
