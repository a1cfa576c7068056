"""Text-to-speech in process with Piper (natural English voice, ONNX)."""

import threading
from pathlib import Path

from aiplus.ai.values import Speech


class PiperSpeaker:
    def __init__(self, model_dir: Path, *, name: str, threads: int = 2) -> None:
        from piper import PiperVoice

        self.name = name
        self._voice = PiperVoice.load(
            model_dir / "voice.onnx", config_path=model_dir / "voice.onnx.json"
        )
        self._lock = threading.Lock()

    def speak(self, text: str, *, voice: str | None = None, length_scale: float = 1.0) -> Speech:
        from piper import SynthesisConfig

        config = SynthesisConfig(length_scale=length_scale)
        with self._lock:
            chunks = list(self._voice.synthesize(text, syn_config=config))
        rate = chunks[0].sample_rate if chunks else self._voice.config.sample_rate
        return Speech(pcm=b"".join(c.audio_int16_bytes for c in chunks), sample_rate=rate)
