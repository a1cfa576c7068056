"""The turns of a transcript where a meeting decides something or gives someone a task.

A small model reading a long part of a transcript notes a few decisions and actions and passes
over the rest (measured: `make bench-minutes-e2e`). Drafting therefore reads the turns these
cues find a second time, one excerpt at a time (`drafting.read_sweep`). The cues are the words
minute takers listen for, in English and Chinese: "agreed", "decided", 同意, 決定; a deadline
("by 15 December", "before the end of March", 三月底前); an explicit task ("follow up", "I will
prepare", 跟進, 負責). A cue only chooses what the model reads again: the model still says
whether an excerpt holds a decision or an action, and the hub still checks each item against
the turns that hold its words."""

import re
from collections.abc import Collection
from dataclasses import dataclass

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec"
)
_DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_NUMBER = r"[0-9０-９]+|[一二三四五六七八九十廿卅兩两]+"

DECISION = re.compile(
    r"\b(?:agreed|decided|resolved|approved|endorsed|concluded|consensus"
    r"|let(?:'s| us) (?:go with|change|proceed|adopt|use|keep|move|extend|publish))\b"
    r"|同意|決定|决定|議決|议决|通過|通过|批准|贊成|赞成|共識|共识|拍板|定咗|決議|决议",
    re.IGNORECASE,
)
DEADLINE = re.compile(
    rf"\b(?:by|before|no later than|until|within)\s+(?:the\s+)?(?:end\s+of\s+(?:the\s+)?)?"
    rf"(?:next\s+|this\s+|coming\s+)?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b|(?:{_MONTHS})\b|(?:{_DAYS})\b"
    r"|\d+\s+(?:days?|weeks?|months?)\b|week\b|month\b|year\b|tomorrow\b|today\b"
    r"|\d{1,2}[/.-]\d{1,2}\b|the\s+next\s+meeting\b)"
    rf"|(?:{_NUMBER})\s*月\s*(?:(?:{_NUMBER})\s*[日號号]|底|中|初)?\s*(?:或)?\s*之?前"
    r"|(?:月底|年底|週末|周末|下次會議|下次会议)\s*之?前"
    r"|下(?:星期|週|周|個月|个月|禮拜|礼拜)|盡快|尽快|限期|截止",
    re.IGNORECASE,
)
TASK = re.compile(
    r"\b(?:action(?:\s+(?:item|point))?s?|follow(?:ed|ing)?[\s-]up|take\s+(?:it|this|that)?\s*"
    r"forward|responsible\s+for|in\s+charge\s+of|assigned\s+to"
    r"|(?:I|we)(?:\s+will|'ll|\s+shall)\s+(?:\w+\s+)?(?:prepare|send|draft|write|arrange"
    r"|circulate|report|check|contact|submit|update|review|provide|set\s+up|organi[sz]e"
    r"|look\s+into|find\s+out|coordinate|draw\s+up|issue|invite|book|share|brief|consult"
    r"|confirm|finali[sz]e|complete|deliver|launch|email|e-mail|call|ask))\b"
    r"|跟進|跟进|負責|负责|落實|落实|統籌|统筹|交由|由.{1,8}(?:處理|处理|安排|準備|准备)",
    re.IGNORECASE,
)


_DEADLINE_WORD = re.compile(r"^by\s+", re.IGNORECASE)  # "before", "within" say more


def deadline_in(text: str) -> str:
    """The time limit a task's words give ("Send the note by 8 January" -> "8 January"), or
    "" (for a due date the model left empty)."""
    found = DEADLINE.search(text)
    return _DEADLINE_WORD.sub("", found.group(0)).strip() if found else ""


# A point between digits is a decimal one, also with the space speech-to-text puts after it
# ("1.2 million", "1. 2 million"), not the end of a sentence.
_SENTENCE = re.compile(r"(?:[^.?!。？！]|(?<=\d)\.(?=\s?\d))+[.?!。？！]*")


def sentences(text: str) -> list[str]:
    return [sentence.strip() for sentence in _SENTENCE.findall(text) if sentence.strip()]


def is_cue(text: str) -> bool:
    """Whether a sentence (or a turn) has the words of a decision, a deadline or a task."""
    return bool(DECISION.search(text) or DEADLINE.search(text) or TASK.search(text))


@dataclass
class Window:
    turns: list[int]  # the turn numbers to read, in order
    cues: list[int]  # those of them with a cue


def windows(
    lines: list[tuple[int, str]], *, around: int = 1, said: Collection[tuple[int, str]] = ()
) -> list[Window]:
    """The turns around each run of cue turns: turns with a cue sentence that follow one
    another (a request and the promise that accepts it) and `around` turns either side (the
    question before a decision, the reply that names a task's owner). Each window is read by
    itself, so two may share a turn. `lines`: (number, "[n] Speaker: text") in transcript
    order; `said`: (turn, sentence) pairs the minutes have an item from already (a long turn
    may hold several decisions and tasks: it is a cue while one of its cue sentences is not in
    `said`)."""
    numbers = [number for number, _line in lines]
    runs: list[list[int]] = []  # indices of cue turns, in runs that follow one another
    for index, (number, line) in enumerate(lines):
        text = line.split(": ", 1)[-1]
        if not any(is_cue(s) and (number, s) not in said for s in sentences(text)):
            continue
        if runs and runs[-1][-1] == index - 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    return [
        Window(
            numbers[max(0, run[0] - around) : run[-1] + around + 1],
            [numbers[index] for index in run],
        )
        for run in runs
    ]


def excerpt(
    window: Window, known: dict[int, str], *, said: Collection[tuple[int, str]] = ()
) -> str:
    """The window as the model reads it: of a cue turn, its cue sentences with the sentence
    either side; of the turns around, the sentences nearest the cue (a transcript's turns can
    run to many sentences, and a small model passes over a cue in a long excerpt)."""
    lines = []
    first = window.cues[0]
    for number in window.turns:
        head, _colon, text = known[number].partition(": ")
        parts = sentences(text)
        if number in window.cues:
            wanted = {
                near
                for index, sentence in enumerate(parts)
                if is_cue(sentence) and (number, sentence) not in said
                for near in (index - 1, index, index + 1)
            }
        elif number < first:
            wanted = {len(parts) - 2, len(parts) - 1}
        else:
            wanted = {0, 1}
        indices = sorted(i for i in wanted if 0 <= i < len(parts))
        shown = [f"... {parts[i]}" if i and i - 1 not in indices else parts[i] for i in indices]
        if indices and indices[-1] < len(parts) - 1:
            shown.append("...")
        lines.append(f"{head}: {' '.join(shown)}")
    return "\n".join(lines)
