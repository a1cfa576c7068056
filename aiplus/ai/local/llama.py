"""Chat in process with llama.cpp (llama-cpp-python) on a GGUF file from the manifest. JSON
output is constrained by a grammar built from the schema; token counts come from the model's
own tokenizer."""

import atexit
import threading
import weakref
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from aiplus.ai.values import ChatMessage, ChatResult, Usage


class LlamaChatModel:
    def __init__(
        self, model_file: Path, *, name: str, context_tokens: int = 4096, threads: int = 2
    ) -> None:
        from llama_cpp import Llama

        self.name = name
        self.context_tokens = context_tokens
        self._llm = Llama(
            model_path=str(model_file),
            n_ctx=context_tokens,
            n_threads=threads,
            n_threads_batch=threads,
            verbose=False,
        )
        # One context: one generation at a time. It is not reset between calls: llama.cpp keeps
        # the tokens a new prompt shares with the last one (a fixed system prompt) and reads
        # only the rest, at about 60 tokens a second on two cores.
        self._lock = threading.Lock()
        # Freed while the interpreter still works: freed by its destructor at exit, llama.cpp's
        # binding calls functions already torn down and prints a TypeError.
        atexit.register(_close, weakref.ref(self._llm))

    def chat(
        self,
        messages: Sequence[ChatMessage],
        *,
        max_tokens: int = 512,
        temperature: float = 0.2,
        json_schema: dict[str, Any] | None = None,
    ) -> ChatResult:
        options: dict[str, Any] = {}
        if json_schema is not None:
            options["response_format"] = {"type": "json_object", "schema": json_schema}
        with self._lock:
            answer: Any = self._llm.create_chat_completion(
                messages=[m.as_dict() for m in messages],  # type: ignore[misc]
                max_tokens=max_tokens,
                temperature=temperature,
                **options,
            )
        choice = answer["choices"][0]
        usage = answer.get("usage") or {}
        return ChatResult(
            text=choice["message"]["content"] or "",
            usage=Usage(
                prompt_tokens=int(usage.get("prompt_tokens", 0)),
                completion_tokens=int(usage.get("completion_tokens", 0)),
            ),
            finish_reason=str(choice.get("finish_reason") or ""),
        )

    def stream(
        self, messages: Sequence[ChatMessage], *, max_tokens: int = 512, temperature: float = 0.2
    ) -> Iterator[str]:
        with self._lock:
            events: Any = self._llm.create_chat_completion(
                messages=[m.as_dict() for m in messages],  # type: ignore[misc]
                max_tokens=max_tokens,
                temperature=temperature,
                stream=True,
            )
            for event in events:
                piece = event["choices"][0]["delta"].get("content")
                if piece:
                    yield piece

    def count_tokens(self, text: str) -> int:
        return len(self._llm.tokenize(text.encode("utf-8"), add_bos=False, special=False))


def _close(model: "weakref.ref[Any]") -> None:
    llm = model()
    if llm is not None:
        llm.close()
