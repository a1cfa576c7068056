"""The four capabilities over OpenAI-compatible HTTP endpoints."""

import io
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from aiplus.ai.audio import AudioInput, load_audio, probe
from aiplus.ai.exceptions import ProviderResponseError
from aiplus.ai.remote.client import OpenAIClient, parse_json, pick
from aiplus.ai.values import (
    ChatMessage,
    ChatResult,
    ProgressCallback,
    Segment,
    Speech,
    Transcript,
    Usage,
)


class OpenAIChatModel:
    def __init__(self, client: OpenAIClient, *, model: str, context_tokens: int = 8192) -> None:
        self.client = client
        self.name = model
        self.context_tokens = context_tokens

    def _payload(self, messages: Sequence[ChatMessage], **options: Any) -> dict[str, Any]:
        return {"model": self.name, "messages": [m.as_dict() for m in messages], **options}

    def chat(
        self,
        messages: Sequence[ChatMessage],
        *,
        max_tokens: int = 512,
        temperature: float = 0.2,
        json_schema: dict[str, Any] | None = None,
    ) -> ChatResult:
        options: dict[str, Any] = {"max_tokens": max_tokens, "temperature": temperature}
        if json_schema is not None:
            # llama.cpp's servers read "schema" here; OpenAI reads json_schema.schema.
            options["response_format"] = {"type": "json_object", "schema": json_schema}
        data = self.client.post_json("chat/completions", self._payload(messages, **options))
        text = pick(data, "choices", 0, "message", "content")
        if not isinstance(text, str):
            raise ProviderResponseError(detail="content is not text")
        usage = data.get("usage") or {}
        return ChatResult(
            text=text,
            usage=Usage(
                prompt_tokens=int(usage.get("prompt_tokens", 0)),
                completion_tokens=int(usage.get("completion_tokens", 0)),
            ),
            finish_reason=str(pick(data, "choices", 0).get("finish_reason") or ""),
        )

    def stream(
        self, messages: Sequence[ChatMessage], *, max_tokens: int = 512, temperature: float = 0.2
    ) -> Iterator[str]:
        payload = self._payload(
            messages, max_tokens=max_tokens, temperature=temperature, stream=True
        )
        for event in self.client.stream_events("chat/completions", payload):
            piece = pick(event, "choices", 0).get("delta", {}).get("content")
            if piece:
                yield piece

    def count_tokens(self, text: str) -> int:
        """An estimate (the API has no tokenizer endpoint): about 3 characters a token."""
        return max(1, len(text) // 3)


class OpenAIEmbedder:
    def __init__(self, client: OpenAIClient, *, model: str, dimensions: int = 0) -> None:
        self.client = client
        self.name = model
        self.dimensions = dimensions

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        if not texts:
            return []
        data = self.client.post_json("embeddings", {"model": self.name, "input": list(texts)})
        rows = pick(data, "data")
        if not isinstance(rows, list) or len(rows) != len(texts):
            raise ProviderResponseError(detail="wrong number of embeddings")
        ordered = sorted(rows, key=lambda row: int(pick(row, "index")))
        vectors = [[float(x) for x in pick(row, "embedding")] for row in ordered]
        self.dimensions = len(vectors[0])
        return vectors


class OpenAITranscriber:
    def __init__(self, client: OpenAIClient, *, model: str) -> None:
        self.client = client
        self.name = model

    def transcribe(
        self,
        audio: AudioInput,
        *,
        language: str | None = None,
        progress: ProgressCallback | None = None,
        prompt: str | None = None,
        words: bool = False,  # not asked for: servers differ in how they give word times
    ) -> Transcript:
        duration = probe(audio).duration  # refuses non-audio before anything is uploaded
        if hasattr(audio, "seek"):
            audio.seek(0)
        fields = {"model": self.name, "response_format": "verbose_json"}
        if language:
            fields["language"] = language
        if prompt and prompt.strip():
            fields["prompt"] = prompt.strip()
        if progress is not None:
            progress(0.0, duration)
        with _opened(audio) as (filename, handle):
            response = self.client.request(
                "POST", "audio/transcriptions", data=fields, files={"file": (filename, handle)}
            )
        data = parse_json(response)
        text = pick(data, "text")
        detected = str(data.get("language") or language or "")
        raw_segments = data.get("segments") or [
            {"start": 0.0, "end": duration or 0.0, "text": text}
        ]
        segments = [
            Segment(
                start=float(pick(s, "start")),
                end=float(pick(s, "end")),
                text=str(pick(s, "text")).strip(),
                confidence=float(np.exp(s["avg_logprob"])) if "avg_logprob" in s else 1.0,
                language=detected,
            )
            for s in raw_segments
            if str(s.get("text", "")).strip()
        ]
        total = float(data.get("duration") or duration or 0.0)
        if progress is not None:
            progress(total, duration)
        return Transcript(segments=segments, language=detected, duration=total)


class _opened:
    """(filename, binary handle) for a path, bytes or an open file."""

    def __init__(self, audio: AudioInput) -> None:
        self.audio = audio
        self.handle: BinaryIO | None = None

    def __enter__(self) -> tuple[str, BinaryIO]:
        if isinstance(self.audio, str | Path):
            self.handle = Path(self.audio).open("rb")
            return Path(self.audio).name, self.handle
        if isinstance(self.audio, bytes):
            return "audio", io.BytesIO(self.audio)
        return getattr(self.audio, "name", "audio") or "audio", self.audio

    def __exit__(self, *exc: object) -> None:
        if self.handle is not None:
            self.handle.close()


class OpenAISpeaker:
    def __init__(self, client: OpenAIClient, *, model: str, voice: str = "alloy") -> None:
        self.client = client
        self.name = model
        self.voice = voice

    def speak(self, text: str, *, voice: str | None = None) -> Speech:
        payload = {
            "model": self.name,
            "input": text,
            "voice": voice or self.voice,
            "response_format": "wav",
        }
        response = self.client.request("POST", "audio/speech", json=payload)
        if not response.content:
            raise ProviderResponseError(detail="empty audio")
        try:
            audio = load_audio(response.content)
        except Exception as error:
            raise ProviderResponseError(detail="the audio could not be decoded") from error
        pcm = (audio.clip(-1, 1) * 32767).astype("<i2").tobytes()
        return Speech(pcm=pcm, sample_rate=16_000)
