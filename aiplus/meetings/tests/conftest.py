import pytest

from aiplus.benchmarks.diarization import build_meeting
from aiplus.meetings.tests.voices import SCRIPT, VOICES, read_by


@pytest.fixture(scope="module")
def three_voices():
    """About 50 s of eight turns by three voices, with its reference turns."""
    return build_meeting(SCRIPT, seed=4, voices=read_by(VOICES))


@pytest.fixture(scope="session")
def smollm():
    from aiplus.ai.local.llama import LlamaChatModel
    from aiplus.ai.manifest import get_spec, is_installed

    spec = get_spec("smollm2-135m")
    if not is_installed(spec):
        pytest.fail("model smollm2-135m is not installed: run `make models-test`")
    return LlamaChatModel(spec.directory() / "model.gguf", name=spec.name, context_tokens=2048)
