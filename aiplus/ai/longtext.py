"""Ask a chat model about a text longer than its context window: split the text into parts that
fit, summarise each part, then answer from the merged summaries (repeating while they are
still too long)."""

from collections.abc import Callable

from aiplus.ai.protocols import ChatModel
from aiplus.ai.values import ChatMessage, ChatResult, Usage

PART_PROMPT = (
    "Summarise this part of a longer document. Keep every decision, figure, name and action "
    "item. Write in the document's language.\n\n{text}"
)
MERGE_SEPARATOR = "\n\n"


def split_text(text: str, *, max_tokens: int, count: Callable[[str], int]) -> list[str]:
    """Split at paragraph, then line, then sentence, then word boundaries into parts whose
    token count stays within `max_tokens`."""
    if count(text) <= max_tokens:
        return [text]
    for separator in ("\n\n", "\n", "。", ". ", " "):
        pieces = [p for p in text.split(separator) if p.strip()]
        if len(pieces) > 1:
            break
    else:  # one unbreakable run: cut by characters
        step = max(1, len(text) * max_tokens // max(count(text), 1))
        return [text[i : i + step] for i in range(0, len(text), step)]
    parts: list[str] = []
    current = ""
    for piece in pieces:
        candidate = f"{current}{separator}{piece}" if current else piece
        if count(candidate) <= max_tokens:
            current = candidate
            continue
        if current:
            parts.append(current)
        if count(piece) > max_tokens:
            parts.extend(split_text(piece, max_tokens=max_tokens, count=count))
            current = ""
        else:
            current = piece
    if current:
        parts.append(current)
    return parts


def ask_long(
    model: ChatModel,
    *,
    text: str,
    instruction: str,
    max_tokens: int = 512,
    reserve_tokens: int = 256,
    progress: Callable[[int, int], None] | None = None,
) -> ChatResult:
    """Answer `instruction` about `text`, however long `text` is."""
    budget = model.context_tokens - max_tokens - reserve_tokens - model.count_tokens(instruction)
    if budget < 64:
        raise ValueError("the context window is too small for this instruction")
    prompt_tokens = completion_tokens = 0
    rounds = 0
    while model.count_tokens(text) > budget and rounds < 4:
        parts = split_text(text, max_tokens=budget, count=model.count_tokens)
        summaries = []
        for index, part in enumerate(parts, start=1):
            result = model.chat(
                [ChatMessage("user", PART_PROMPT.format(text=part))],
                max_tokens=max(64, min(max_tokens, budget // max(len(parts), 1))),
            )
            prompt_tokens += result.usage.prompt_tokens
            completion_tokens += result.usage.completion_tokens
            summaries.append(result.text.strip())
            if progress is not None:
                progress(index, len(parts))
        text = MERGE_SEPARATOR.join(summaries)
        rounds += 1
    final = model.chat([ChatMessage("user", f"{instruction}\n\n{text}")], max_tokens=max_tokens)
    return ChatResult(
        text=final.text,
        usage=Usage(
            prompt_tokens=prompt_tokens + final.usage.prompt_tokens,
            completion_tokens=completion_tokens + final.usage.completion_tokens,
        ),
        finish_reason=final.finish_reason,
    )
