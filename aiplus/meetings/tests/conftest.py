import pytest

from aiplus.benchmarks.diarization import build_meeting
from aiplus.meetings.tests.voices import SCRIPT, VOICES, read_by


@pytest.fixture(scope="module")
def three_voices():
    """About 50 s of eight turns by three voices, with its reference turns."""
    return build_meeting(SCRIPT, seed=4, voices=read_by(VOICES))
