"""Speakers' names suggested from what is said in the meeting, for a recording whose voices the
hub told apart (S1, S2, ...).

Three kinds of evidence, each pointing one label at one attendee's name:

- an introduction: "I am Mary Chan", "my name is ...", "我係陳大文", or a turn that opens
  with an attendee's full name ("Peter Wong, from the Finance Section.", round the table);
- a question to someone ("Peter, please send ...", "Alan, can you ..."): the next voice is
  that person's, as the one asked answers;
- thanks at the start of a turn ("Thank you, Mary."): the voice before was that person's.

An introduction counts `INTRODUCTION` times a reply or thanks. A label is named only when its
evidence reaches `MIN_EVIDENCE` and no other name comes close, and each name goes to one label
(the strongest first): a wrong name is worse than "S3", since minutes name action owners by it.
The owner sees the names in the speakers form and corrects them there."""

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from aiplus.meetings.layout import attendance, attendee_names

if TYPE_CHECKING:
    from aiplus.meetings.models import Meeting

INTRODUCTION = 3
ROUND_THE_TABLE_WORDS = 14
MIN_EVIDENCE = 2
RUNNER_UP_SHARE = 0.5  # the second-best name must have at most this share of the best's evidence
TITLES = ("Mr", "Ms", "Mrs", "Miss", "Dr", "Prof")
_ASKING = re.compile(
    r"\b(please|can you|could you|would you|will you|over to you|go ahead)\b"
    r"|\?|請|麻煩|可唔可以|可否|能否",
    re.IGNORECASE,
)


def suggest_for(meeting: "Meeting", turns: Sequence[tuple[str, str]]) -> dict[str, str]:
    """`suggest` with the names of the meeting's attendees who were there (not those who sent
    apologies)."""
    people = attendance(meeting)
    return suggest(turns, attendee_names(people["present"] + people["in_attendance"]))


def aliases(names: Sequence[str]) -> dict[str, str]:
    """What a person may be called in the meeting (full name, a single given or family name, a
    title and a name) -> their full name; forms two people share are left out."""
    found: dict[str, set[str]] = defaultdict(set)
    blocked: set[str] = set()  # single parts of longer names: a word, or someone else's too
    for name in names:
        found[name].add(name)
        parts = name.split()
        if len(parts) == 2:  # "Peter Wong": Peter, Wong
            for part in parts:
                found[part].add(name)
        if len(parts) >= 3:  # "Chan Tai Man": Tai Man (a one-syllable part alone is a word)
            found[" ".join(parts[1:])].add(name)
            blocked.update(parts)
        for family in {parts[0], parts[-1]} if len(parts) > 1 else ():
            for title in TITLES:
                found[f"{title} {family}"].add(name)
        if len(name) in (2, 3, 4) and all("\u4e00" <= ch <= "\u9fff" for ch in name):
            given = name[1:]  # 陳大文 -> 大文
            found[given].add(name)
    return {
        alias: next(iter(people))
        for alias, people in found.items()
        if len(people) == 1 and alias not in blocked
    }


def suggest(turns: Sequence[tuple[str, str]], names: Sequence[str]) -> dict[str, str]:
    """(label, text) turns in order and the attendees' names -> {label: name} for the labels
    the evidence names clearly."""
    known = aliases(names)
    if not known or not turns:
        return {}
    pattern = _alias_pattern(known)
    evidence: dict[str, Counter[str]] = defaultdict(Counter)
    for index, (label, text) in enumerate(turns):
        if not label:
            continue
        introduced = _introduced(text, pattern, known, names)
        if introduced:
            evidence[label][introduced] += INTRODUCTION
        addressed = _handed_to(text, pattern, known)
        if addressed:
            following = _next_voice(turns, index)
            if following:
                evidence[following][addressed] += 1
        thanked = _thanked(text, pattern, known)
        if thanked:
            before = _previous_voice(turns, index)
            if before:
                evidence[before][thanked] += 1
    return _assign(evidence)


def _alias_pattern(known: dict[str, str]) -> str:
    forms = sorted(known, key=len, reverse=True)  # "Peter Wong" before "Peter"
    return "|".join(re.escape(form) for form in forms)


def _name_of(match: str, known: dict[str, str]) -> str:
    return known.get(" ".join(match.split()), "")


# Names are matched as written (capitalised), so "grace period" is not Grace Lau.


def _introduced(text: str, pattern: str, known: dict[str, str], names: Sequence[str]) -> str:
    opening = text[:160]
    said = re.search(
        rf"(?i:\bI am|\bI'm|\bmy name is|\bthis is|我係|我是|我叫)\s*({pattern})(?![A-Za-z0-9])",
        opening,
    )
    if said:
        return _name_of(said.group(1), known)
    # Round the table: "Good morning. Peter Wong, from the Finance Section." (short, and not
    # "Peter Wong, can you ...", which asks him).
    if len(text.split()) > ROUND_THE_TABLE_WORDS or _ASKING.search(text):
        return ""
    full = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    first = re.match(
        rf"^(?i:(?:good (?:morning|afternoon|evening)|hello|hi)[,.!]?\s*)?({full})\s*[,，.。]",
        opening.strip(),
    )
    return _name_of(first.group(1), known) if first else ""


def _handed_to(text: str, pattern: str, known: dict[str, str]) -> str:
    """The person a turn hands over to: named at the start of a sentence that asks ("Alan, can
    you ...", "David, please ..."), or alone at the end ("Item two, the budget. Peter.")."""
    asked = re.search(rf"(?:^|[.?!。？！]\s*)({pattern})\s*[,，]", text)
    if asked and _ASKING.search(text[asked.start() :]):
        return _name_of(asked.group(1), known)
    last = re.search(rf"(?:^|[.?!。？！]\s*)({pattern})\s*[.?!。？！]?\s*$", text)
    return _name_of(last.group(1), known) if last else ""


def _thanked(text: str, pattern: str, known: dict[str, str]) -> str:
    found = re.match(
        rf"^\s*(?i:thank you|thanks|多謝|謝謝|多谢|谢谢)[,，]?\s*({pattern})(?![A-Za-z0-9])",
        text,
    )
    return _name_of(found.group(1), known) if found else ""


def _next_voice(turns: Sequence[tuple[str, str]], index: int) -> str:
    label = turns[index][0]
    for other, _text in turns[index + 1 : index + 3]:
        if other and other != label:
            return other
    return ""


def _previous_voice(turns: Sequence[tuple[str, str]], index: int) -> str:
    label = turns[index][0]
    for other, _text in reversed(turns[max(0, index - 2) : index]):
        if other and other != label:
            return other
    return ""


def _assign(evidence: dict[str, Counter[str]]) -> dict[str, str]:
    candidates = []
    for label, counts in evidence.items():
        ranked = counts.most_common(2)
        best_name, best = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0
        if best >= MIN_EVIDENCE and runner_up <= RUNNER_UP_SHARE * best:
            candidates.append((best, label, best_name))
    named: dict[str, str] = {}
    for _weight, label, name in sorted(candidates, reverse=True):
        if name not in named.values():
            named[label] = name
    return named
