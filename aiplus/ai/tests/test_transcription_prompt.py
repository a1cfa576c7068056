"""The OpenAI-compatible transcriber sends its prompt as the `prompt` form field, and sends
none when it has none (a real HTTP server on 127.0.0.1 keeps the requests)."""

from aiplus.ai.remote.adapters import OpenAITranscriber
from aiplus.ai.remote.client import OpenAIClient

from .servers import transcription_stand_in


def test_the_prompt_is_the_prompt_form_field_and_absent_without_one(librispeech):
    with transcription_stand_in() as (url, received):
        transcriber = OpenAITranscriber(OpenAIClient(url, timeout=10), model="whisper-base")
        transcript = transcriber.transcribe(librispeech, language="en", prompt=" Wong Siu-ming. ")
        transcriber.transcribe(librispeech, prompt="  ")
        transcriber.transcribe(librispeech)
    assert transcript.text == "Good morning."
    assert received[0]["prompt"] == "Wong Siu-ming."
    assert received[0]["language"] == "en" and received[0]["file"].endswith(".wav")
    assert "prompt" not in received[1] and "prompt" not in received[2]
