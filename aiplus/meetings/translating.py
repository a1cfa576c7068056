"""Minutes in another language than the meeting's.

The model drafts in the language the transcript is in: an item is kept only when the turns it
cites hold its words (`drafting.cited_turns`), which compares words of one language. Asked to
write Traditional Chinese minutes from an English transcript, the model wrote English anyway;
had it obeyed, no item would have passed that check. So the kept items' sentences are
translated afterwards, a batch per call, under a schema of exactly as many strings as were
sent, and each keeps the turns it cites. Dates and sums of money are put in the other language
by rule before the model sees them (`figures`). A translation that comes back empty, still in
the other script, or with a figure its sentence did not have (a year nobody said) is not used:
the sentence stays as it was, so nothing the draft found is lost or changed."""

import re
from collections.abc import Callable, Iterable
from typing import Any

from aiplus.ai.protocols import ChatModel
from aiplus.ai.values import ChatMessage
from aiplus.meetings import figures
from aiplus.meetings.answers import ask_json
from aiplus.search.tokens import CJK, is_chinese

BATCH = 8  # sentences per call: the answer stays short and one bad call loses little
TOKENS_PER_SENTENCE = 120  # of the answer, per sentence sent
MAX_CHARS = 1000  # of one sentence sent (an item's text is cut to this when drafted)

_CHINESE = re.compile(f"[{CJK}]")

NAMES = {"en": "English", "zh-hant": "Traditional Chinese as written in Hong Kong (繁體中文)"}

INSTRUCTION = "\n".join(
    [
        "Translate each numbered sentence below, from the minutes of a Hong Kong Government"
        " meeting, into {language}.",
        "Translate each sentence by itself and add nothing. Keep people's names, dates and"
        " figures exactly as they are written.",
        'Return JSON with "texts": the {count} translations, in the same order.',
        "",
        "Sentences:",
        "{sentences}",
    ]
)


def spoken_language(texts: Iterable[str]) -> str:
    """The language a transcript is written in, as the minutes' languages name it: Chinese
    (Cantonese or Mandarin, written in either script) or English."""
    return "zh-hant" if is_chinese(" ".join(texts)) else "en"


def _letters(text: str) -> tuple[int, int]:
    """How many Chinese characters and how many other letters `text` has."""
    chinese = len(_CHINESE.findall(text))
    return chinese, sum(1 for ch in text if ch.isalpha()) - chinese


def in_language(text: str, language: str) -> bool:
    """Whether `text` is written in `language`: Chinese with names in English ("Alan Ho 和
    Grace Chan 會檢查") is Chinese; English naming someone in Chinese is English."""
    chinese, other = _letters(text)
    if language == "zh-hant":
        return chinese > 0 and chinese * 4 >= other
    return other > 0 and other > 2 * chinese


def schema(count: int) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {
            "texts": {
                "type": "array",
                "items": {"type": "string"},
                "minItems": count,
                "maxItems": count,
            }
        },
        "required": ["texts"],
    }


def batches(count: int) -> int:
    """How many model calls translating `count` sentences takes."""
    return -(-count // BATCH)


def _wanted(texts: list[str], language: str) -> list[int]:
    """The places of the texts to send: those with words in the other language (not a date
    written in figures) and not already in this one."""
    other = 1 if language == "zh-hant" else 0
    return [
        n
        for n, text in enumerate(texts)
        if _letters(text)[other] and not in_language(text, language)
    ]


def calls(texts: list[str], language: str) -> int:
    """How many model calls `translate` makes for these texts."""
    prepared = [figures.localise(text, language) for text in texts]
    return batches(len(_wanted(prepared, language)))


def translate(
    texts: list[str],
    *,
    language: str,
    model: ChatModel,
    temperature: float = 0.0,
    progress: Callable[[int], None] | None = None,
) -> list[str]:
    """`texts` in `language`, in their order. Empty texts and those already in the language's
    script are not sent; a text the model did not translate stays as it was. `progress(calls)`
    after each call."""
    # Dates and sums are put in the language by rule first (`figures`): a due date often
    # needs no model at all, and the model is not left to turn "1.2 million" into figures.
    prepared = [figures.localise(text, language) for text in texts]
    result = [
        ready if in_language(ready, language) else text
        for text, ready in zip(texts, prepared, strict=True)
    ]
    wanted = _wanted(prepared, language)
    for done, start in enumerate(range(0, len(wanted), BATCH), 1):
        batch = wanted[start : start + BATCH]
        sentences = "\n".join(
            f"{number}. {' '.join(prepared[n][:MAX_CHARS].split())}"
            for number, n in enumerate(batch, 1)
        )
        prompt = INSTRUCTION.format(language=NAMES[language], count=len(batch), sentences=sentences)
        data = ask_json(
            model,
            [ChatMessage("user", prompt)],
            schema=schema(len(batch)),
            max_tokens=TOKENS_PER_SENTENCE * len(batch),
            temperature=temperature,
        )
        answers = data.get("texts")
        for n, answer in zip(batch, answers if isinstance(answers, list) else [], strict=False):
            translated = " ".join(str(answer).split())[:MAX_CHARS]
            if in_language(translated, language) and not figures.adds_figures(
                prepared[n], translated
            ):
                result[n] = translated
        if progress is not None:
            progress(done)
    return result
