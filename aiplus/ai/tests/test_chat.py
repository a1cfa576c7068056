"""Generation with the real SmolLM2-135M through llama.cpp: text, streaming, JSON constrained
to a schema, token counts, and the helper for inputs longer than the context window."""

import pytest

from aiplus.ai.longtext import ask_long, split_text
from aiplus.ai.values import ChatMessage

pytestmark = pytest.mark.ai

SCHEMA = {
    "type": "object",
    "properties": {
        "title": {"type": "string"},
        "attendees": {"type": "integer"},
        "decisions": {"type": "array", "items": {"type": "string"}, "maxItems": 3},
    },
    "required": ["title", "attendees", "decisions"],
}


def test_generates_text_with_token_counts(smollm):
    result = smollm.chat(
        [ChatMessage("user", "What is the capital of France? Answer in one word.")],
        max_tokens=16,
        temperature=0,
    )
    assert "paris" in result.text.lower()
    assert result.usage.prompt_tokens > 5
    assert 0 < result.usage.completion_tokens <= 16


def test_streaming_yields_the_answer_in_pieces(smollm):
    messages = [ChatMessage("user", "Count from one to five.")]
    pieces = list(smollm.stream(messages, max_tokens=24, temperature=0))
    assert len(pieces) > 3
    whole = smollm.chat(messages, max_tokens=24, temperature=0).text
    assert "".join(pieces).strip() == whole.strip()
    assert "3" in whole or "three" in whole.lower()


def test_json_output_follows_the_schema(smollm):
    result = smollm.chat(
        [
            ChatMessage(
                "user",
                "The budget meeting had 7 attendees and decided to hire two nurses. "
                "Give its title, number of attendees and decisions as JSON.",
            )
        ],
        max_tokens=300,
        temperature=0,
        json_schema=SCHEMA,
    )
    data = result.json()
    assert set(data) >= {"title", "attendees", "decisions"}
    assert isinstance(data["attendees"], int) and isinstance(data["decisions"], list)


def test_token_counts_use_the_models_tokenizer(smollm):
    assert smollm.count_tokens("hello") == 1
    assert smollm.count_tokens("hello " * 100) >= 100


def test_split_text_keeps_every_part_within_budget(smollm):
    text = "\n\n".join(
        f"Paragraph {i}. " + "The committee discussed the budget. " * 12 for i in range(20)
    )
    parts = split_text(text, max_tokens=200, count=smollm.count_tokens)
    assert len(parts) > 5
    assert all(smollm.count_tokens(p) <= 200 for p in parts)
    assert "Paragraph 19." in parts[-1]


def test_a_text_longer_than_the_context_is_summarised_in_parts(smollm):
    from aiplus.ai.local.llama import LlamaChatModel

    small = LlamaChatModel(smollm_path(smollm), name="smollm2-small", context_tokens=768)
    text = "\n\n".join(
        f"Item {i}: the committee agreed to repair road number {i} before winter."
        for i in range(50)
    )
    assert small.count_tokens(text) > small.context_tokens
    progress = []
    result = ask_long(
        small,
        text=text,
        instruction="List the main decision of this meeting in one sentence.",
        max_tokens=48,
        progress=lambda done, total: progress.append((done, total)),
    )
    assert result.text.strip()
    assert len(progress) >= 2 and progress[-1][0] == progress[-1][1]
    assert result.usage.prompt_tokens > small.context_tokens  # several calls were made


def smollm_path(model):
    from .conftest import installed_dir

    return installed_dir("smollm2-135m") / "model.gguf"


def _prompt_tokens_read(model) -> int:
    from llama_cpp import llama_perf_context

    return llama_perf_context(model._llm._ctx.ctx).n_p_eval


def test_a_shared_prompt_opening_is_read_once(smollm):
    # The assistant and the minutes send one fixed system prompt before each new request: the
    # model keeps what it read of it and reads only what differs.
    system = ChatMessage("system", "You answer questions about geography. " * 30)
    smollm.chat([system, ChatMessage("user", "Capital of Italy?")], max_tokens=4, temperature=0)
    before = _prompt_tokens_read(smollm)
    result = smollm.chat(
        [system, ChatMessage("user", "What is the capital of France? Answer in one word.")],
        max_tokens=8,
        temperature=0,
    )
    read = _prompt_tokens_read(smollm) - before
    assert result.usage.prompt_tokens > 200
    assert read < 40
    assert "paris" in result.text.lower()
    # A different opening is read again (all but the chat template's first tokens), and
    # answered from itself alone.
    before = _prompt_tokens_read(smollm)
    other = smollm.chat(
        [ChatMessage("user", "What is the capital of France? Answer in one word.")],
        max_tokens=8,
        temperature=0,
    )
    assert _prompt_tokens_read(smollm) - before >= other.usage.prompt_tokens - 8
    assert "paris" in other.text.lower()
