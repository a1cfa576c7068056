"""Speech to text with real Whisper tiny.en: word error rate on a real recording, timed
segments, progress, other containers, and speech synthesised by both voices read back."""

import pytest

from aiplus.ai.exceptions import AudioDecodeError, EmptyAudioError
from aiplus.ai.tools.metrics import word_error_rate

from .conftest import reference
from .test_audio import encode

pytestmark = pytest.mark.ai


def test_librispeech_clip_is_transcribed_within_the_error_bound(whisper_tiny, librispeech):
    calls = []
    transcript = whisper_tiny.transcribe(librispeech, progress=lambda d, t: calls.append((d, t)))
    wer = word_error_rate(reference("librispeech-1995-1837-0001"), transcript.text)
    assert wer <= 0.10, (wer, transcript.text)
    assert transcript.language == "en"
    assert abs(transcript.duration - 8.7) < 0.2
    first, last = transcript.segments[0], transcript.segments[-1]
    assert 0 <= first.start < first.end <= last.end <= transcript.duration + 0.1
    assert all(0 < s.confidence <= 1 for s in transcript.segments)
    assert calls and calls[-1][0] == pytest.approx(transcript.duration, abs=0.1)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_a_compressed_stereo_copy_reads_the_same(whisper_tiny, librispeech):
    from aiplus.ai.audio import load_audio

    mp3 = encode(load_audio(librispeech), 16_000, container="mp3", codec="libmp3lame", channels=2)
    transcript = whisper_tiny.transcribe(mp3)
    assert word_error_rate(reference("librispeech-1995-1837-0001"), transcript.text) <= 0.15


@pytest.mark.parametrize("speaker_fixture", ["espeak", "piper"])
def test_synthesised_speech_is_transcribed_back(request, whisper_tiny, speaker_fixture):
    speaker = request.getfixturevalue(speaker_fixture)
    sentence = "The committee approved the budget for the new library on Monday."
    speech = speaker.speak(sentence)
    assert speech.duration > 1.5
    transcript = whisper_tiny.transcribe(speech.wav())
    assert word_error_rate(sentence, transcript.text) <= 0.35, transcript.text


def test_bad_files_give_clear_errors_and_the_model_keeps_working(
    whisper_tiny, tmp_path, librispeech
):
    text = tmp_path / "notes.wav"
    text.write_text("not audio at all")
    with pytest.raises(AudioDecodeError):
        whisper_tiny.transcribe(text)
    empty = tmp_path / "empty.m4a"
    empty.write_bytes(b"")
    with pytest.raises(EmptyAudioError):
        whisper_tiny.transcribe(empty)
    assert "cotton" in whisper_tiny.transcribe(librispeech).text.lower()


def test_a_prompt_spells_a_word_as_the_prompt_writes_it(whisper_tiny, librispeech):
    assert "cotton" in whisper_tiny.transcribe(librispeech).text
    assert "Kotton" in whisper_tiny.transcribe(librispeech, prompt="Phantasy, Kotton.").text
