"""A prose summary of a whole meeting, for the paragraph at the top of the minutes.

The transcript (turns numbered as "[12] Speaker: text") is read in parts that fit the model's
context, cut between turns (`ai.longtext.split_text`, which also splits a turn too long for one
part). Each part becomes a short third-person account of what was asked and answered (map). The
accounts are then joined into one paragraph (reduce), in several rounds when they are still too
long together. Unlike the drafted minutes (`drafting`), this paragraph carries no turn
citations: turn numbers are kept out of the prompts and removed from answers."""

import re
from collections.abc import Callable

from aiplus.ai.longtext import split_text
from aiplus.ai.protocols import ChatModel
from aiplus.ai.values import ChatMessage
from aiplus.core.i18n import to_traditional

# Tokens of transcript per part. Smaller parts than the context allows: a small model keeps
# more of each part, and prompt processing on a CPU slows down as the context fills.
PART_TOKENS = 3000
PART_WORDS = 120  # asked of the model for each part's account
REDUCE_TOKENS = 3000  # of joined accounts read in one reduce call
PROMPT_RESERVE = 400  # tokens for the instructions around the text
TEMPERATURE = 0.0
LOOP_WORDS = 6  # a run of this many words said twice is a repetition
# Words in the paragraph at most: one a reader takes in at a glance above the minutes. People
# who summed up whole committee meetings for QMSum wrote 107 to 188 words; at 250 the model's
# paragraphs ran to about 230 and scored lower against theirs (ROUGE-L 21.8, against 24.7 at 150).
MAX_WORDS = 150
# A long meeting's summary under this share of the cap leaves most topics out (the small model
# sometimes sums up five parts' notes in two sentences): it is asked for once more.
THIN = 0.5

SYSTEM = "You write accurate, neutral reports of committee meetings for the public record."

PART_PROMPT = """Here is part {part} of {parts} of the transcript of a meeting. Each line is one \
speaker's turn.

{text}

Write a report of this part in one paragraph of at most {words} words. Write in the third \
person and the past tense. Say which topics came up, what members asked or argued and what \
those answering them (ministers, officials or witnesses) replied, naming people by their role or \
name. Report only what the transcript says. No lists, no headings, no quotations."""

REDUCE_PROMPT = """Here are notes on the successive parts of one meeting, in order.

{text}

Write a summary of the whole meeting in one paragraph of about {words} words, in the third \
person and the past tense, for someone who did not attend. Start with one sentence saying which \
committee met, with whom, and what the meeting was about. Then give the main topics in the order \
they came up, a sentence or two each: what members asked or were concerned about, and what the \
minister, officials or witnesses said in reply. Leave out procedure (opening, apologies, \
petitions, closing). Keep to what the notes say: add no dates, names or titles they do not \
give. No lists, no headings.{language}"""

# Added to the reduce prompt when the first answer was thin.
FULLER = """

Cover every topic in the notes, from the first part to the last, in about {words} words: a \
summary of {said} words leaves most of the meeting out."""

SINGLE_PROMPT = """Here is the transcript of a meeting. Each line is one speaker's turn.

{text}

Write a summary of the whole meeting in one paragraph of about {words} words, in the third \
person and the past tense, for someone who did not attend. Start with one sentence saying which \
committee met, with whom, and what the meeting was about. Then give the main topics in the order \
they came up, a sentence or two each: what members asked or were concerned about, and what the \
minister, officials or witnesses said in reply. Leave out procedure (opening, apologies, \
petitions, closing). Report only what the transcript says: add no dates, names or titles it \
does not give. No lists, no headings.{language}"""

LANGUAGE_NOTES = {
    "en": "",
    "zh-hant": "\nWrite the summary in Traditional Chinese (繁體中文), as used in Hong Kong.",
}

_TURN_NUMBER = re.compile(r"^\s*\[\d+\]\s*")
# "[12]", "[12, 14]", "[turns 3-5]", "(turn 7)"; not "(2019)" or "(5)", which may be figures.
_NUMBERS = r"\d+(?:\s*[-–,;]\s*\d+)*"
_CITATION = re.compile(rf"\s*(?:\[(?:turns?\s*)?{_NUMBERS}\]|\(turns?\s*{_NUMBERS}\))", re.I)
_TRAILING = re.compile(
    r"(?:[\s,;:]+(?:and|or|but|while|as well as|including|that|which|who|whether|the|a|an|of|to"
    r"|for|with|about|in|on|by))*[\s,;:]*$",
    re.IGNORECASE,
)
_ENDS = ".!?。！？\"'”’)"
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+|(?<=[。！？])")


def summarise(
    lines: list[str],
    *,
    model: ChatModel,
    language: str = "en",
    max_words: int = MAX_WORDS,
    progress: Callable[[int, int], None] | None = None,
) -> str:
    """A prose summary of the meeting whose turns are `lines`, in English ("en") or Traditional
    Chinese ("zh-hant"). `progress(done, total)` is called after each model call."""
    turns = [_TURN_NUMBER.sub("", line).strip() for line in lines]
    turns = [turn for turn in turns if turn]
    if not turns:
        return ""
    note = LANGUAGE_NOTES.get(language, "")
    # Asked for half the cap: a small model overshoots, and asked for more it copies the notes.
    words = max(40, max_words // 2)
    budget = _budget(model, PART_TOKENS, max(PART_WORDS, words))
    parts = split_text("\n".join(turns), max_tokens=budget, count=model.count_tokens)
    calls = _Calls(len(parts) + 1 if len(parts) > 1 else 1, progress)
    if len(parts) == 1:
        prompt = SINGLE_PROMPT.format(text=parts[0], words=words, language=note)
        return _finish(calls.ask(model, prompt, words), language, max_words)
    accounts = [
        calls.ask(
            model,
            PART_PROMPT.format(part=n, parts=len(parts), text=part, words=PART_WORDS),
            PART_WORDS,
        )
        for n, part in enumerate(parts, 1)
    ]
    text = _reduce(accounts, model=model, calls=calls, words=words)
    prompt = REDUCE_PROMPT.format(text=text, words=words, language=note)
    whole = calls.ask(model, prompt, words)
    said = _length(whole)
    if said < THIN * max_words:
        calls.total += 1
        again = calls.ask(model, prompt + FULLER.format(words=words, said=said), words)
        whole = again if _length(again) > said else whole
    return _finish(whole, language, max_words)


def _length(text: str) -> int:
    """Words, counting two Chinese characters as one."""
    chinese = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return len(re.findall(r"[A-Za-z0-9]+", text)) + chinese // 2


class _Calls:
    """Counts model calls and reports them; the total grows when a reduce round is added."""

    def __init__(self, total: int, progress: Callable[[int, int], None] | None) -> None:
        self.done = 0
        self.total = total
        self.progress = progress

    def ask(self, model: ChatModel, prompt: str, words: int) -> str:
        answer = model.chat(
            [ChatMessage("system", SYSTEM), ChatMessage("user", prompt)],
            max_tokens=_answer_tokens(words),
            temperature=TEMPERATURE,
        )
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, max(self.total, self.done))
        return clean(answer.text)


def _budget(model: ChatModel, wanted: int, answer_words: int) -> int:
    """Tokens of text a prompt may hold: `wanted`, or less when the context is small."""
    room = model.context_tokens - PROMPT_RESERVE - _answer_tokens(answer_words)
    return max(64, min(wanted, room))


def _answer_tokens(words: int) -> int:
    # About 1.4 tokens per English word, and room for Chinese, which takes more.
    return int(words * 2) + 64


def _reduce(accounts: list[str], *, model: ChatModel, calls: _Calls, words: int) -> str:
    """The accounts joined, after summarising groups of them (in rounds) while together they are
    too long for one prompt."""
    budget = _budget(model, REDUCE_TOKENS, words)
    text = "\n\n".join(accounts)
    for _round in range(4):
        if model.count_tokens(text) <= budget:
            return text
        groups = split_text(text, max_tokens=budget, count=model.count_tokens)
        calls.total += len(groups)
        text = "\n\n".join(
            [
                calls.ask(
                    model,
                    REDUCE_PROMPT.format(text=chunk, words=words // 2, language=""),
                    words // 2,
                )
                for chunk in groups
            ]
        )
    return split_text(text, max_tokens=budget, count=model.count_tokens)[0]


def clean(text: str) -> str:
    """One paragraph of prose: no turn citations, list markers, headings or repetition (a
    small model at temperature 0 can loop on a phrase or repeat a sentence)."""
    text = _CITATION.sub("", text)
    kept: list[str] = []
    seen: set[tuple[str, ...]] = set()
    for line in text.splitlines():
        line = re.sub(r"^\s*(?:[-*•]|\d+[.)]|#+)\s*", "", line).strip()
        if not line or (line.endswith(":") and len(line.split()) <= 6):
            continue
        for sentence in _SENTENCE_END.split(line):
            sentence = _unloop(sentence.strip(), seen)
            if sentence:
                kept.append(sentence)
    return _complete(_join(kept))


def _complete(text: str) -> str:
    """Without a last sentence left unfinished (the answer ran out of tokens)."""
    if not text or text[-1] in _ENDS:
        return text
    end = max(text.rfind(mark) for mark in ".!?。！？")
    return text[: end + 1] if end > 0 else text + "."


def _unloop(sentence: str, seen: set[tuple[str, ...]]) -> str:
    """The sentence cut where it starts to repeat a run of words said before (in it or in an
    earlier sentence); "" when it opens with one. `seen` gathers the runs."""
    words = sentence.split()
    lowered = [word.lower() for word in words]
    runs = [tuple(lowered[i : i + LOOP_WORDS]) for i in range(len(words) - LOOP_WORDS + 1)] or [
        tuple(lowered)
    ]
    new: set[tuple[str, ...]] = set()
    for index, run in enumerate(runs):
        if run in seen or run in new:
            seen |= new
            if index < LOOP_WORDS + 2:  # it opens with what was said before
                return ""
            return _TRAILING.sub("", " ".join(words[:index])) + "."
        new.add(run)
    seen |= new
    return sentence


def _join(sentences: list[str]) -> str:
    text = ""
    for sentence in sentences:
        joiner = "" if not text or text[-1] in "。！？" else " "
        text += joiner + sentence
    return text.replace("**", "").strip()


def _finish(text: str, language: str, max_words: int) -> str:
    if language == "zh-hant":
        return to_traditional(text)
    return truncate(text, max_words)


def truncate(text: str, max_words: int) -> str:
    """At most `max_words` words, ending at a sentence end when one is near."""
    words = text.split()
    if len(words) <= max_words:
        return text
    cut = " ".join(words[:max_words])
    end = max(cut.rfind(mark) for mark in ".?!")
    if end >= len(cut) // 2:
        return cut[: end + 1]
    return cut
