"""The OpenAI-compatible adapters against real servers on 127.0.0.1: llama.cpp's own server for
chat, the hub's model server for transcription, embeddings and speech, and servers that are
down, slow, flaky or answer garbage."""

import numpy as np
import pytest

from aiplus.ai.exceptions import (
    AudioDecodeError,
    ProviderResponseError,
    ProviderTimeoutError,
    ProviderUnavailableError,
)
from aiplus.ai.remote.adapters import (
    OpenAIChatModel,
    OpenAIEmbedder,
    OpenAISpeaker,
    OpenAITranscriber,
)
from aiplus.ai.remote.client import OpenAIClient
from aiplus.ai.tools.metrics import word_error_rate
from aiplus.ai.values import ChatMessage

from .conftest import installed_dir, reference
from .servers import free_port, hub_model_server, llama_cpp_server, misbehaving_server
from .test_embeddings import PAIRS

pytestmark = pytest.mark.ai


@pytest.fixture(scope="module")
def hub_server(django_db_blocker):
    from django.conf import settings

    from aiplus.ai import providers

    for capability in ("transcriber", "embedder", "speaker"):
        assert settings.AIPLUS_AI[capability]["provider"] == "local"
    providers.reset()
    with hub_model_server(["transcriber", "embedder", "speaker"]) as url:
        yield url
    providers.reset()


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory):
    log = tmp_path_factory.mktemp("llama") / "server.log"
    with llama_cpp_server(installed_dir("smollm2-135m") / "model.gguf", log) as url:
        yield url


def client(url, **kwargs):
    return OpenAIClient(url, **{"timeout": 60, "retries": 1, "backoff": 0.05, **kwargs})


def test_chat_through_llama_cpp_server(llama_server):
    model = OpenAIChatModel(client(llama_server), model="smollm2-135m")
    messages = [ChatMessage("user", "What is the capital of France? Answer in one word.")]
    result = model.chat(messages, max_tokens=16, temperature=0)
    assert "paris" in result.text.lower()
    assert result.usage.prompt_tokens > 5 and result.usage.completion_tokens > 0
    pieces = list(model.stream(messages, max_tokens=16, temperature=0))
    assert len(pieces) > 1 and "paris" in "".join(pieces).lower()


def test_json_schema_through_llama_cpp_server(llama_server):
    from .test_chat import SCHEMA

    model = OpenAIChatModel(client(llama_server), model="smollm2-135m")
    result = model.chat(
        [ChatMessage("user", "A meeting of 4 people decided to buy chairs. Reply as JSON.")],
        max_tokens=300,
        temperature=0,
        json_schema=SCHEMA,
    )
    assert set(result.json()) >= {"title", "attendees", "decisions"}


def test_transcription_through_the_hub_model_server(hub_server, librispeech):
    transcriber = OpenAITranscriber(client(hub_server), model="whisper-tiny.en")
    progress = []
    transcript = transcriber.transcribe(librispeech, progress=lambda d, t: progress.append(d))
    assert word_error_rate(reference("librispeech-1995-1837-0001"), transcript.text) <= 0.10
    assert transcript.segments[0].end > transcript.segments[0].start
    assert transcript.language == "en" and progress[-1] > 8


def test_a_prompt_reaches_whisper_through_the_hub_model_server(hub_server, librispeech):
    transcriber = OpenAITranscriber(client(hub_server), model="whisper-tiny.en")
    assert "Kotton" in transcriber.transcribe(librispeech, prompt="Phantasy, Kotton.").text


def test_not_audio_is_refused_before_upload(hub_server, tmp_path):
    path = tmp_path / "a.wav"
    path.write_text("hello")
    with pytest.raises(AudioDecodeError):
        OpenAITranscriber(client(hub_server), model="whisper-tiny.en").transcribe(path)


def test_embeddings_through_the_hub_model_server(hub_server, usem):
    embedder = OpenAIEmbedder(client(hub_server), model="usem3")
    remote = np.array(embedder.embed([en for en, _ in PAIRS]))
    local = np.array(usem.embed([en for en, _ in PAIRS]))
    assert embedder.dimensions == 512
    assert np.allclose(remote, local, atol=1e-5)


def test_speech_through_the_hub_model_server(hub_server, whisper_tiny):
    speech = OpenAISpeaker(client(hub_server), model="espeak-ng").speak("Good morning everyone.")
    assert speech.duration > 0.8
    assert "morning" in whisper_tiny.transcribe(speech.wav()).text.lower()


def test_the_hub_server_answers_bad_requests_with_an_error(hub_server):
    embedder = OpenAIEmbedder(client(hub_server), model="usem3")
    with pytest.raises(ProviderResponseError, match="HTTP 400"):
        embedder.client.post_json("embeddings", {"input": 42})
    with pytest.raises(ProviderResponseError, match="HTTP 404"):
        embedder.client.post_json("nothing/here", {})


def test_a_server_that_is_down(tmp_path):
    embedder = OpenAIEmbedder(client(f"http://127.0.0.1:{free_port()}"), model="x")
    with pytest.raises(ProviderUnavailableError) as error:
        embedder.embed(["hello"])
    assert "could not be reached" in str(error.value)


def test_a_server_that_answers_garbage():
    with misbehaving_server("garbage") as (url, state):
        with pytest.raises(ProviderResponseError):
            OpenAIEmbedder(client(url), model="x").embed(["hello"])
        with pytest.raises(ProviderResponseError):
            OpenAIChatModel(client(url), model="x").chat([ChatMessage("user", "hi")])
    assert state["calls"] == 2  # a 200 with garbage is not retried


def test_a_server_that_is_too_slow():
    with misbehaving_server("slow") as (url, state), pytest.raises(ProviderTimeoutError):
        OpenAIEmbedder(client(url, timeout=0.3), model="x").embed(["hello"])
    assert state["calls"] == 2  # tried, backed off, tried again


def test_a_server_that_fails_once_is_retried():
    with misbehaving_server("flaky") as (url, state):
        assert OpenAIEmbedder(client(url), model="x").embed(["hello"]) == [[0.5, 0.5]]
    assert state["calls"] == 2


def test_chat_streams_through_the_hub_model_server_and_concurrent_requests_queue():
    """The default layout's model process: answers stream as server-sent events, and two
    requests at once both complete (the second waits for the model, it is not refused)."""
    from concurrent.futures import ThreadPoolExecutor

    from aiplus.ai import providers

    providers.reset()
    with hub_model_server(["chat"]) as url:
        model = OpenAIChatModel(client(url), model="smollm2-135m")
        messages = [ChatMessage("user", "What is the capital of France? Answer in one word.")]
        pieces = list(model.stream(messages, max_tokens=16, temperature=0))
        assert len(pieces) > 1 and "paris" in "".join(pieces).lower()
        with ThreadPoolExecutor(max_workers=2) as pool:
            answers = list(
                pool.map(lambda _: model.chat(messages, max_tokens=8, temperature=0).text, "ab")
            )
        assert all("paris" in answer.lower() for answer in answers)
    providers.reset()
