"""Ask this meeting: a question answered from the transcript alone, with the turns it comes
from. The turns that share the most words with the question (the search tokeniser: English
stems, Chinese words and bigrams, either script; a question in the other language than the
transcript's translated first) are given to the model, which must cite them;
citations of turns it was not given are removed, and an answer citing nothing says that the
transcript does not answer the question."""

import math
import re
from collections import Counter

from django.utils.translation import gettext as _

from aiplus.ai.protocols import ChatModel
from aiplus.ai.values import ChatMessage
from aiplus.meetings.drafting import transcript_lines
from aiplus.meetings.models import Meeting
from aiplus.meetings.rendering import CITATION, cited_numbers
from aiplus.meetings.translating import spoken_language, translate
from aiplus.search.tokens import term_counts

MAX_TURNS = 12
MAX_TOKENS = 300

PROMPT = "\n".join(
    [
        "Answer the question using only these turns of a meeting transcript.",
        "Each turn starts with its number in square brackets. After each sentence, cite the"
        " numbers of the turns it comes from, like [12].",
        "If the turns do not answer the question, reply exactly: NOT IN TRANSCRIPT.",
        "Answer in {language}.",
        "",
        "Turns:",
        "{turns}",
        "",
        "Question: {question}",
    ]
)
LANGUAGE_NAMES = {
    "en": "English",
    "zh-hant": "Traditional Chinese",
    "zh-hans": "Simplified Chinese",
}


def relevant_turns(
    meeting: Meeting, question: str, *, limit: int = MAX_TURNS
) -> list[tuple[int, str]]:
    """The turns sharing the most (rarer) words with the question, in transcript order."""
    lines = transcript_lines(meeting)
    asked = set(term_counts(question))
    if not asked or not lines:
        return []
    terms = {position: set(term_counts(line)) for position, line in lines}
    frequency = Counter(term for found in terms.values() for term in found)
    scored = []
    for position, line in lines:
        shared = asked & terms[position]
        if shared:
            score = sum(math.log(1 + len(lines) / frequency[term]) for term in shared)
            scored.append((score, position, line))
    best = sorted(scored, key=lambda item: (-item[0], item[1]))[:limit]
    return sorted(((position, line) for _score, position, line in best))


def in_transcript_language(meeting: Meeting, question: str, *, model: ChatModel) -> str:
    """The question as the turns would word it: a question in Chinese shares no words with an
    English transcript (nor the other way), so it is translated to find the turns. (The
    multilingual sentence encoder put question-like turns nearest a question whatever they
    were about.)"""
    spoken = spoken_language(meeting.segments.values_list("text", flat=True)[:200])
    if spoken_language([question]) == spoken:
        return question
    return translate([question.strip()[:500]], language=spoken, model=model)[0]


def answer(
    meeting: Meeting, question: str, *, model: ChatModel, language: str = "en"
) -> tuple[str, list[int]]:
    """(answer text with citations, cited turn numbers). The answer cites only turns it was
    given; without any, it says the transcript does not answer."""
    turns = relevant_turns(meeting, in_transcript_language(meeting, question, model=model))
    not_found = _("The transcript does not answer this question.")
    if not turns:
        return not_found, []
    prompt = PROMPT.format(
        language=LANGUAGE_NAMES.get(language, "English"),
        turns="\n".join(line for _position, line in turns),
        question=question.strip()[:500],
    )
    reply = model.chat([ChatMessage("user", prompt)], max_tokens=MAX_TOKENS, temperature=0.1)
    text = reply.text.strip()
    text, cited = only_given(text, {position for position, _line in turns})
    if "NOT IN TRANSCRIPT" in text.upper() or not cited:
        return not_found, []
    return text, cited


def only_given(text: str, given: set[int]) -> tuple[str, list[int]]:
    """The answer with citations of turns it was not given removed, and the turns it cites."""

    def keep(match: re.Match[str]) -> str:
        kept = [n for n in cited_numbers(match.group(0)) if n in given]
        return f"[{', '.join(str(n) for n in kept)}]" if kept else ""

    text = " ".join(CITATION.sub(keep, text).split(" "))
    return text, sorted(cited_numbers(text))
