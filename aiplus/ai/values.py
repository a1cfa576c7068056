"""Plain values passed between the hub and the AI providers."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

Role = Literal["system", "user", "assistant"]

# Called with (seconds of audio done, total seconds or None when unknown).
ProgressCallback = Callable[[float, float | None], None]


@dataclass(frozen=True)
class Word:
    start: float
    end: float
    text: str  # as the model wrote it, with its leading space in languages that have them


@dataclass(frozen=True)
class Segment:
    start: float
    end: float
    text: str
    confidence: float  # 0..1, from the model's average log-probability
    language: str = ""
    words: tuple[Word, ...] = ()  # with their times, when the model gives them


@dataclass(frozen=True)
class Transcript:
    segments: list[Segment]
    language: str
    duration: float  # seconds of audio read

    @property
    def text(self) -> str:
        return " ".join(s.text.strip() for s in self.segments if s.text.strip())


@dataclass(frozen=True)
class ChatMessage:
    role: Role
    content: str

    def as_dict(self) -> dict[str, str]:
        return {"role": self.role, "content": self.content}


@dataclass(frozen=True)
class Usage:
    prompt_tokens: int = 0
    completion_tokens: int = 0

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


@dataclass(frozen=True)
class ChatResult:
    text: str
    usage: Usage = field(default_factory=Usage)
    finish_reason: str = ""

    def json(self) -> Any:
        """The text parsed as JSON (for calls made with a schema)."""
        import json

        from aiplus.ai.exceptions import ProviderResponseError

        try:
            return json.loads(self.text)
        except ValueError as error:
            raise ProviderResponseError(detail=f"not JSON: {self.text[:80]!r}") from error


@dataclass(frozen=True)
class Speech:
    """Synthesised speech as 16-bit mono PCM."""

    pcm: bytes
    sample_rate: int

    @property
    def duration(self) -> float:
        return len(self.pcm) / 2 / self.sample_rate

    def wav(self) -> bytes:
        import io
        import wave

        buffer = io.BytesIO()
        with wave.open(buffer, "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(self.sample_rate)
            out.writeframes(self.pcm)
        return buffer.getvalue()
