"""Text-to-speech with Debian's espeak-ng, run as a separate program (robotic, very fast,
English and Cantonese voices)."""

import shutil
import subprocess
import tempfile
from pathlib import Path

from aiplus.ai.audio import load_audio
from aiplus.ai.exceptions import AIError, ModelNotInstalledError
from aiplus.ai.values import Speech


class EspeakSpeaker:
    def __init__(self, *, name: str = "espeak-ng", voice: str = "en-us", timeout: float = 60):
        self.name = name
        self.voice = voice
        self.timeout = timeout
        self.command = shutil.which("espeak-ng")
        if self.command is None:
            raise ModelNotInstalledError(detail="espeak-ng is not installed")

    def speak(self, text: str, *, voice: str | None = None, speed: int = 165) -> Speech:
        assert self.command is not None
        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder) / "speech.wav"
            try:
                subprocess.run(  # noqa: S603 - fixed program, text passed on stdin
                    [self.command, "-v", voice or self.voice, "-s", str(speed), "-w", str(out)],
                    input=text.encode("utf-8"),
                    capture_output=True,
                    timeout=self.timeout,
                    check=True,
                )
            except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
                raise AIError(detail=f"espeak-ng: {error}") from error
            audio = load_audio(out)
        pcm = (audio.clip(-1, 1) * 32767).astype("<i2").tobytes()
        return Speech(pcm=pcm, sample_rate=16_000)
