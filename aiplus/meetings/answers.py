"""The model's JSON answers: asked for under a schema, read even when cut off."""

import json
from typing import Any

from aiplus.ai.protocols import ChatModel
from aiplus.ai.values import ChatMessage


def ask_json(
    model: ChatModel,
    messages: list[ChatMessage],
    *,
    schema: dict[str, Any],
    max_tokens: int,
    temperature: float,
) -> dict[str, Any]:
    """One drafting call: the model's JSON answer under `schema`, as much of it as is whole."""
    answer = model.chat(
        messages,
        max_tokens=max_tokens,
        temperature=temperature,
        json_schema=schema,
    )
    return read_json(answer.text)


def read_json(answer: str) -> dict[str, Any]:
    """The model's JSON, or as much of it as is whole: an answer cut off at the token limit
    keeps the items it finished (the schema's lists close after the last complete item)."""
    start = answer.find("{")
    if start < 0:
        return {}
    text = answer[start:]
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        data = _salvage(text)
    return data if isinstance(data, dict) else {}


def _salvage(text: str) -> Any:
    end = len(text)
    for _attempt in range(200):
        end = text.rfind("}", 0, end)
        if end < 0:
            return {}
        for closing in ("", "]}", "}]}", "]}]}"):
            try:
                return json.loads(text[: end + 1] + closing)
            except json.JSONDecodeError:
                continue
    return {}
