"""The four capabilities the hub asks of a model. Each has a local, in-process adapter
(`aiplus.ai.local`) and an OpenAI-compatible HTTP adapter (`aiplus.ai.remote`); settings choose
one per capability (`aiplus.ai.providers`)."""

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO, Protocol, runtime_checkable

from aiplus.ai.values import ChatMessage, ChatResult, ProgressCallback, Speech, Transcript

AudioSource = str | Path | bytes | BinaryIO


@runtime_checkable
class Transcriber(Protocol):
    name: str

    def transcribe(
        self,
        audio: AudioSource,
        *,
        language: str | None = None,
        progress: ProgressCallback | None = None,
        prompt: str | None = None,
        words: bool = False,
    ) -> Transcript:
        """`prompt`: words the recording is likely to hold (names, terms), given to Whisper as
        the text before it so that they are spelt as written; every chunk gets the same one.
        `words`: give each segment's words with their times, where the model can (slower)."""
        ...


@runtime_checkable
class ChatModel(Protocol):
    name: str
    context_tokens: int

    def chat(
        self,
        messages: Sequence[ChatMessage],
        *,
        max_tokens: int = 512,
        temperature: float = 0.2,
        json_schema: dict[str, Any] | None = None,
    ) -> ChatResult: ...

    def stream(
        self,
        messages: Sequence[ChatMessage],
        *,
        max_tokens: int = 512,
        temperature: float = 0.2,
    ) -> Iterator[str]: ...

    def count_tokens(self, text: str) -> int: ...


@runtime_checkable
class Embedder(Protocol):
    name: str
    dimensions: int

    def embed(self, texts: Sequence[str]) -> list[list[float]]: ...


@runtime_checkable
class Speaker(Protocol):
    name: str

    def speak(self, text: str, *, voice: str | None = None) -> Speech: ...
