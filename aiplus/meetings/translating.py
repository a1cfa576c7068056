"""Minutes in another language than the meeting's.

The model drafts in the language the transcript is in: an item is kept only when the turns it
cites hold its words (`drafting.cited_turns`), which compares words of one language. Asked to
write Traditional Chinese minutes from an English transcript, the model wrote English anyway;
had it obeyed, no item would have passed that check. So the kept items' sentences are
translated afterwards, a batch per call, under a schema of exactly as many strings as were
sent, and each keeps the turns it cites. Dates and sums of money are put in the other language
by rule before the model sees them (`figures`). A translation is used only if it is in the
language, about as long as its sentence, with the same figures and dates and the speakers'
names (`acceptable`); otherwise the sentence is asked about again by itself, and failing that
stays as it was, so nothing the draft found is lost or changed."""

import re
from collections.abc import Callable, Collection, Iterable
from typing import Any

from aiplus.ai.protocols import ChatModel
from aiplus.ai.values import ChatMessage
from aiplus.meetings import figures
from aiplus.meetings.answers import ask_json
from aiplus.search.tokens import CJK, is_chinese

BATCH = 8  # sentences per call: the answer stays short and one bad call loses little
RETRIES = 8  # sentences asked about again one by one, at most (about 4 s each)
TOKENS_PER_SENTENCE = 120  # of the answer, per sentence sent
MAX_CHARS = 1000  # of one sentence sent (an item's text is cut to this when drafted)

_CHINESE = re.compile(f"[{CJK}]")
_WORD = re.compile(f"[^\\W\\d_{CJK}]+")  # a run of letters that are not Chinese
# The least size (`_size`) of a translation, per unit of its text's: an English sentence of ten
# words is some fifteen to twenty Chinese characters, a Chinese sentence of ten characters
# some six English words.
SHORTEST = {"zh-hant": 0.6, "en": 0.25}

# Written in the language asked for: under an English instruction the model copied a batch of
# short English requests out untranslated, under a Chinese one it translated them.
INSTRUCTIONS = {
    "zh-hant": "\n".join(
        [
            "把以下香港政府會議記錄中的每一句翻譯成繁體中文（香港書面語），每句獨立翻譯，"
            "不要增加內容。人名、日期和數字照原文保留。",
            '以 JSON 回覆："texts" 是 {count} 句譯文，次序相同。',
            "",
            "{sentences}",
        ]
    ),
    "en": "\n".join(
        [
            "Translate each numbered sentence below, from the minutes of a Hong Kong Government"
            " meeting, into English. Translate each sentence by itself and add nothing. Keep"
            " people's names, dates and figures as they are written.",
            'Return JSON with "texts": the {count} translations, in the same order.',
            "",
            "{sentences}",
        ]
    ),
}


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
    """How many model calls translating `count` sentences takes at most: a call per BATCH,
    and one for each sentence asked about again by itself (`translate`)."""
    return -(-count // BATCH) + min(count, RETRIES)


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
    names: Collection[str] = (),
    temperature: float = 0.0,
    progress: Callable[[int], None] | None = None,
) -> list[str]:
    """`texts` in `language`, in their order. Empty texts and those already in the language's
    script are not sent; a text the model did not translate acceptably (`acceptable`; `names`
    are the people's names a translation must keep) stays as it was. `progress(calls)` after
    each call."""
    # Dates and sums are put in the language by rule (`figures`) before the model reads them:
    # a due date then needs no model, and "1.2 million" is not left to the model (it wrote
    # 1.2萬, twelve thousand).
    prepared = [figures.localise(text, language) for text in texts]
    result = [
        ready if in_language(ready, language) else text
        for text, ready in zip(texts, prepared, strict=True)
    ]
    kept = _name_words(names)
    calls = 0

    def ask(places: list[int]) -> None:
        nonlocal calls
        answers = _ask([prepared[n] for n in places], language, model, temperature)
        for n, translated in zip(places, answers, strict=False):  # it may give fewer
            if acceptable(translated, texts[n], prepared[n], language, names=kept):
                result[n] = translated
        calls += 1
        if progress is not None:
            progress(calls)

    wanted = _wanted(prepared, language)
    for start in range(0, len(wanted), BATCH):
        ask(wanted[start : start + BATCH])
    # A sentence whose translation was not acceptable is often translated well by itself.
    for n in [n for n in wanted if result[n] == texts[n]][:RETRIES]:
        ask([n])
    return result


def _ask(sentences: list[str], language: str, model: ChatModel, temperature: float) -> list[str]:
    """The model's translations of `sentences`, as many as it gave."""
    numbered = "\n".join(
        f"{number}. {' '.join(sentence[:MAX_CHARS].split())}"
        for number, sentence in enumerate(sentences, 1)
    )
    prompt = INSTRUCTIONS[language].format(count=len(sentences), sentences=numbered)
    data = ask_json(
        model,
        [ChatMessage("user", prompt)],
        schema=schema(len(sentences)),
        max_tokens=TOKENS_PER_SENTENCE * len(sentences),
        temperature=temperature,
    )
    answers = data.get("texts")
    if not isinstance(answers, list):
        return []
    return [" ".join(str(answer).split())[:MAX_CHARS] for answer in answers]


def acceptable(
    translated: str, text: str, prepared: str, language: str, *, names: Collection[str] = ()
) -> bool:
    """Whether a translation of `text` can stand in the minutes: in the language; about as
    long as the text (not one phrase of it); with the figures and dates of the text as the
    rules wrote it (`prepared`), no other (a year nobody said, 8 January as 8月1日) and none
    left out; and keeping the `names` the text has (the model wrote another person's name)."""
    return (
        in_language(translated, language)
        and _size(translated) >= SHORTEST[language] * _size(text)
        and not figures.adds_figures(translated, prepared)
        and figures.dates(translated) == figures.dates(prepared)
        and all(_has(translated, name) for name in names if _has(text, name))
    )


def _name_words(names: Collection[str]) -> set[str]:
    """The words of people's names written in letters ("Mary Chan" -> Mary, Chan): kept as
    they are in a translation. Labels such as S1 are no names."""
    return {word for name in names for word in re.findall(r"[A-Za-z][A-Za-z'-]{2,}", name)}


def _has(text: str, word: str) -> bool:
    return (
        re.search(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", text, re.IGNORECASE) is not None
    )


def _size(text: str) -> int:
    """Chinese characters and other words: what a sentence says, either language."""
    return len(_CHINESE.findall(text)) + len(_WORD.findall(text))
