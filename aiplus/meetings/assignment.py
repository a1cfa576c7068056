"""How a meeting gave out a task: whether the words an action item comes from give one, and to
whom.

A small model reading a transcript turns reported facts into tasks ("the new word list
helped" -> "prepare the new word list"), files decisions as tasks, and names the wrong owner:
the person spoken to in a reply ("Yes, Mary, I will send it": Mary chairs, the speaker is the
owner). Each action item is therefore read against the sentence it comes from, the one in the
turns it cites (and the two turns before each, where the request to a promise usually is) that holds
most of its words (and two of them at least):
- a request by name ("Peter, please send ...", "Grace, could you draft ...", 「請陳先生跟進」)
  gives the task to the person named;
- a promise ("I will send ...", 「我會跟進」) gives it to the speaker, when the speaker has a name;
- other words of a task (a deadline, "follow up", "need to", "we will", 負責) give a task without
  saying to whom: the model's owner stands;
- a sentence with the words of a decision and no request or promise ("we decided to publish
  ...", "the meeting agreed that the budget should be raised") makes the item a decision; a
  sentence with neither a task nor a decision makes it no item at all.
Decisions are read the same way: one whose sentences say nothing was decided ("the estimates
must reach the Treasury by December") is kept as a point discussed."""

import re
from dataclasses import dataclass

from aiplus.meetings import cues
from aiplus.search.tokens import term_counts

_NAME = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}"
_REQUEST = re.compile(
    rf"(?P<name>{_NAME}),\s+(?:please|could you|can you|would you|will you|may I ask you to"
    r"|I'd like you to|would you mind)\b",
)
_CHINESE_REQUEST = re.compile(
    r"(?:請|请|麻煩|麻烦)(?P<name>[\u4e00-\u9fff]{1,3}(?:先生|女士|小姐|博士|教授|主席|經理|经理))"
)
_PROMISE = re.compile(
    rf"(?:(?P<spoken_to>{_NAME}),\s+)?\bI(?:\s+will|'ll|\s+shall|\s+can)\b"
    r"|我(?:會|会|將|将|可以)",
)
_DUTY = re.compile(
    r"\b(?:please|could you|can you|would you|need(?:s)? to|should|must|has to|have to"
    r"|ask(?:ed)?\s+\w+\s+to|is to|are to|to be done|we(?:\s+will|'ll|\s+shall))\b"
    r"|請|请|麻煩|麻烦|需要|要求|務必|务必|我(?:們|们|哋)(?:會|会|將|将)",
    re.IGNORECASE,
)
# Capitalised words that open a sentence before a comma without naming anyone.
_NOT_NAMES_TEXT = """yes no ok okay well so now then and but sorry right thanks thank please good
sure certainly fine great also first next finally indeed alright"""
_NOT_NAMES = frozenset(_NOT_NAMES_TEXT.split())
_ENDED = re.compile(r"[.?!。？！]\s*$")
_ENDS_WITH_NAME = re.compile(rf",\s+(?P<name>{_NAME})[.!]\s*$")
_UNNAMED = re.compile(r"^(?:S\d+|\?|Speaker \d+)$")
SHARE = 0.5  # of the task's words a sentence must hold to be the one it comes from
# At most, in a sentence that agrees to the next one ("So agreed.", 「同意。」).
ASSENT_WORDS = 3
ASSENT_CHARACTERS = 24
# Turns read before a cited one: the request a promise accepts can be two turns back, a word
# said between them ("Peter, please send ..." "(Mary:) Thank you." "(Peter:) I will send ...").
BEFORE = 2
MIN_SHARED = 2  # words, at least ("Thank you, Mary." is not the task of a sentence naming Mary)


@dataclass
class Source:
    turn: int
    speaker: str
    text: str
    share: float  # of the task's words it holds
    before: str = ""  # the sentence before it

    @property
    def whole(self) -> str:
        """The sentence with its first half, when a transcript broke it between turns."""
        return (
            f"{self.before} {self.text}"
            if self.before and not _ENDED.search(self.before)
            else self.text
        )


class Kind:
    ACTION = "action"
    DECISION = "decision"
    NONE = ""


def sources(task: str, turns: list[int], known: dict[int, str]) -> list[Source]:
    """The sentences holding at least SHARE of the task's words, most first, in the cited
    turns and the BEFORE turns before each. `known`: turn number -> "[n] Speaker: text"."""
    words = set(term_counts(task))
    if not words:
        return []
    numbers = sorted(known)
    read = sorted({n for t in turns if t in known for n in _with_previous(t, numbers)})
    found = []
    before, previous = "", None
    for number in read:
        speaker, _colon, text = known[number].split("] ", 1)[-1].partition(": ")
        # A transcript may break a sentence between turns: its first half stays "before".
        follows = previous is not None and numbers.index(number) == numbers.index(previous) + 1
        before = before if follows and not _ENDED.search(before) else ""
        previous = number
        for sentence in cues.sentences(text):
            shared = len(words & set(term_counts(sentence)))
            if shared >= min(MIN_SHARED, len(words)) and shared / len(words) >= SHARE:
                found.append(Source(number, speaker.strip(), sentence, shared / len(words), before))
            before = sentence
    return sorted(found, key=lambda source: -source.share)


def said(text: str, turns: list[int], known: dict[int, str]) -> set[tuple[int, str]]:
    """The (turn, sentence) pairs an item comes from: its best source, and the cue sentences
    sharing a word with it in the turns either side (the request and the promise that accepts
    it: "Grace, please check the pages by Friday." "I will check them by Friday.")."""
    found = sources(text, turns, known)
    if not found:
        return set()
    best = found[0]
    pairs = {(best.turn, best.text)}
    words = set(term_counts(text))
    numbers = sorted(known)
    index = numbers.index(best.turn)
    for number in numbers[max(0, index - 1) : index + 2]:
        for sentence in cues.sentences(known[number].split(": ", 1)[-1]):
            if cues.is_cue(sentence) and words & set(term_counts(sentence)):
                pairs.add((number, sentence))
    return pairs


def kind(found: list[Source]) -> str:
    """What the sentences an action item comes from make it."""
    if asked_or_promised(found):
        return Kind.ACTION
    if any(cues.DECISION.search(source.whole) for source in found):
        return Kind.DECISION  # "the meeting agreed that the budget should be raised"
    if any(_gives_task(source.text) for source in found):
        return Kind.ACTION
    if decided(found):
        return Kind.DECISION
    return Kind.NONE


def asked_or_promised(found: list[Source]) -> bool:
    """Whether someone is asked by name to do it, or says they will (in the sentence, with its
    first half when a transcript broke it between turns)."""
    return any(_addressee(source.whole) or _PROMISE.search(source.whole) for source in found)


def decided(found: list[Source]) -> bool:
    """Whether the sentences a decision comes from say that something was decided, there or in
    a short assent before it ("Agreed. The office will open on Saturdays."); otherwise the model
    has made a decision of what was only said (or of the next thing said after a decision)."""
    return any(
        cues.DECISION.search(source.whole)
        or (_is_assent(source.before) and cues.DECISION.search(source.before))
        for source in found
    )


def _is_assent(sentence: str) -> bool:
    """A sentence of a few words, like "Agreed." or "So decided." or 「同意。」."""
    return len(sentence.split()) <= ASSENT_WORDS and len(sentence) <= ASSENT_CHARACTERS


def owner_of(model_owner: str, found: list[Source]) -> str:
    """The owner the words of the meeting give, else the model's ("" when the model named the
    person spoken to). Sentences are read whole, with a first half the transcript broke off into
    the turn before ("Good idea, Peter, I will write to" / "the Efficiency Office ...")."""
    for source in found:
        name = _addressee(source.whole)
        if name:
            return name
    for source in found:
        promise = _PROMISE.search(source.whole)
        if not promise:
            continue
        if source.speaker and not _UNNAMED.match(source.speaker):
            return source.speaker
        spoken_to = promise.group("spoken_to") or _name_ending(source.before)
        if spoken_to and _same_person(model_owner, spoken_to):
            return ""
        break
    return model_owner


def _gives_task(sentence: str) -> bool:
    return bool(
        _addressee(sentence)
        or _PROMISE.search(sentence)
        or _DUTY.search(sentence)
        or cues.TASK.search(sentence)
        or cues.DEADLINE.search(sentence)
    )


def _with_previous(turn: int, numbers: list[int]) -> list[int]:
    index = numbers.index(turn)
    return numbers[max(0, index - BEFORE) : index + 1]


def _addressee(sentence: str) -> str:
    for found in _REQUEST.finditer(sentence):
        name = found.group("name")
        if name.split()[0].casefold() not in _NOT_NAMES:
            return name
    chinese = _CHINESE_REQUEST.search(sentence)
    return chinese.group("name") if chinese else ""


def _name_ending(sentence: str) -> str:
    """The name a sentence like "Good idea, Peter." ends by speaking to."""
    found = _ENDS_WITH_NAME.search(sentence)
    return found.group("name") if found else ""


def _same_person(one: str, other: str) -> bool:
    return bool(set(one.casefold().split()) & set(other.casefold().split()))
