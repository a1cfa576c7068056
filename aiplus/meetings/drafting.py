"""Drafting minutes from a transcript with the language model.

The model never writes the layout: it reads the transcript in parts that fit its context
(turns numbered as [12]) and returns, as JSON constrained by a schema, the points discussed
in reported speech, the decisions and the action items, each with the turns it comes from.
The hub then checks every item against the turns it cites (an item whose cited turns do not
hold its words is dropped), and lays the minutes out in the chosen template (`layout`). The
summary template also opens with a prose overview of the whole meeting (`summary`), which cites
no turns."""

import logging
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from aiplus.ai.protocols import ChatModel
from aiplus.ai.providers import get_chat_model
from aiplus.ai.values import ChatMessage
from aiplus.core.jobs.models import JobFailed
from aiplus.core.jobs.runner import report_progress
from aiplus.meetings import assignment, cues, layout, services, translating
from aiplus.meetings.answers import ask_json
from aiplus.meetings.models import Meeting, Minutes, MinutesJob, MinutesSettings
from aiplus.meetings.summary import summarise
from aiplus.search.tokens import term_counts

logger = logging.getLogger(__name__)
MAX_TOKENS = 900  # of the model's answer for one part
# Greedy: the same transcript gets the same minutes (and the benchmark's figures do not move
# from run to run). At 0.2 one run in a few sampled an answer that ends at once, empty.
TEMPERATURE = 0.0
MAX_POINTS = 5  # per part of PART_TOKENS: a point for every few minutes of talk
# Transcript read per part: small enough that the answer for it fits in MAX_TOKENS (a 1.5B
# model given 5,000 tokens of a 30-minute meeting ran out of answer before closing its JSON).
PART_TOKENS = 2500
# Share of an item's words that the turns it cites must hold for it to be kept.
SUPPORT_SHARE = 0.4
NEARBY = 3  # turns either side of a cited one searched when the cited one does not support
# Further away, in the rest of what the model read (it numbered an item 60 turns off), a turn
# must hold more of the item's words, and this many of them at least, to be the one it cites.
FAR_SHARE = 0.6
FAR_WORDS = 3
MAX_CITED = 5  # turns an item cites at most: those that hold most of its words
# Share of words two items must have in common to be the same item said twice (a small model
# repeats one point under every agenda item, and parts that overlap repeat each other).
SAME_ITEM = 0.8
# Turns read either side of those a section cites when that section alone is written again.
AROUND = 8
SWEEP_MAX_TOKENS = 240  # of the answer for one excerpt in the second reading (`read_sweep`)

# The turns an item cites, at most MAX_CITED: a small model otherwise lists every turn of a
# part, which costs more answer tokens than the items themselves.
TURNS: dict[str, Any] = {"type": "array", "items": {"type": "integer"}, "maxItems": MAX_CITED}

# What a small model writes for a due date the meeting did not give.
NO_DATE = frozenset(["not specified", "unspecified", "none", "n/a", "na", "-", "unknown", "未指明"])

SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "points": {
            "type": "array",
            # At least one: a sampled answer could otherwise stop at once with nothing in
            # any list, and a part of a transcript always discusses something.
            "minItems": 1,
            "maxItems": MAX_POINTS,
            "items": {
                "type": "object",
                "properties": {
                    "item": {"type": "integer"},
                    "text": {"type": "string"},
                    "turns": TURNS,
                },
                "required": ["item", "text", "turns"],
            },
        },
        "decisions": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "item": {"type": "integer"},
                    "text": {"type": "string"},
                    "turns": TURNS,
                },
                "required": ["item", "text", "turns"],
            },
        },
        "actions": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "task": {"type": "string"},
                    "owner": {"type": "string"},
                    "due": {"type": "string"},
                    "turns": TURNS,
                },
                "required": ["task", "owner", "due", "turns"],
            },
        },
    },
    "required": ["points", "decisions", "actions"],
}

INSTRUCTION = "\n".join(
    [
        "You take the minutes of a Hong Kong Government meeting.",
        "Below is part of its transcript. Each turn starts with its number in square brackets"
        " and the speaker.",
        "Agenda items:",
        "{agenda}",
        "Return JSON with:",
        f'- "points": the main points discussed (at most {MAX_POINTS}), each one sentence in'
        ' reported speech (for example "The Chairman said that ..."), with "item" (the agenda item'
        ' number it belongs to, 0 if none) and "turns" (the numbers of the turns it comes'
        " from);",
        '- "decisions": what the meeting agreed or decided, with "item" and "turns";',
        '- "actions": tasks someone agreed to do, with "task", "owner" (the person\'s name as in'
        ' the transcript), "due" (the date or time limit as said, or "") and "turns".',
        "Use only what the transcript says; leave a list empty when the transcript has nothing"
        " for it. Write in {language}.",
        "",
        "Transcript:",
        "{transcript}",
    ]
)

# The second reading asks about one excerpt at a time: asked for "the decisions and actions in
# these excerpts", a small model often answered two empty lists at once, or wrote about a few
# excerpts and passed over the rest (measured: make bench-minutes-e2e). The excerpts are read
# with the same instruction before them, which the model has read already (its prompt cache).
SWEEP_KINDS = ["decision", "action", "neither"]
TASK_SHARE = 0.7  # of a "decision"'s words a request or promise must hold to make it a task
EXCERPT_ITEMS = 3  # an excerpt can hold a decision and the task that follows it

SWEEP_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "found": {
            "type": "array",
            "minItems": 1,  # "neither" when it holds nothing: the model weighs the excerpt
            "maxItems": EXCERPT_ITEMS,
            "items": {
                "type": "object",
                "properties": {
                    "kind": {"enum": SWEEP_KINDS},
                    "text": {"type": "string"},
                    "owner": {"type": "string"},
                    "due": {"type": "string"},
                },
                "required": ["kind", "text", "owner", "due"],
            },
        }
    },
    "required": ["found"],
}

SWEEP_INSTRUCTION = "\n".join(
    [
        "You take the minutes of a Hong Kong Government meeting.",
        "Below is an excerpt of its transcript where something may have been decided or given to"
        " someone to do. Each line is one speaker's turn.",
        'Return in "found" what the excerpt holds:',
        '- "kind": "decision" when the meeting agreed or decided something; "action" when a'
        ' person agreed or was asked to do a task; "neither" for a question, a report of figures,'
        " an opinion or anything else;",
        '- "text": the decision or the task, in one sentence ("" for neither);',
        '- "owner": for an action, the name of the person who will do it, as said in the'
        ' excerpt; else "";',
        '- "due": for an action, the date or time limit as said; else "".',
        "Use only what the excerpt says. Write in {language}.",
        "",
        "Excerpt:",
        "{transcript}",
    ]
)

LANGUAGE_NAMES = {"en": "English", "zh-hant": "Traditional Chinese (Hong Kong)"}


@dataclass
class Item:
    text: str
    turns: list[int]
    agenda_item: int = 0
    owner: str = ""
    due: str = ""


@dataclass
class Draft:
    points: list[Item] = field(default_factory=list)
    decisions: list[Item] = field(default_factory=list)
    actions: list[Item] = field(default_factory=list)
    dropped: int = 0  # items whose cited turns did not support them
    overview: str = ""  # a prose paragraph on the whole meeting, when asked for


def transcript_lines(meeting: Meeting) -> list[tuple[int, str]]:
    names = meeting.speaker_names()
    lines = []
    for position, speaker, text in meeting.segments.values_list("position", "speaker", "text"):
        who = names.get(speaker) or speaker or "?"
        lines.append((position, f"[{position}] {who}: {text}"))
    return lines


def parts(lines: list[tuple[int, str]], *, budget: int, count: Callable[[str], int]) -> list[str]:
    """Consecutive turns grouped so that each group fits the model's budget (a turn longer
    than the budget is cut)."""
    groups: list[str] = []
    current: list[str] = []
    used = 0
    for _position, line in lines:
        size = count(line) + 1
        if size > budget:
            line = line[: budget * 2]
            size = budget
        if current and used + size > budget:
            groups.append("\n".join(current))
            current, used = [], 0
        current.append(line)
        used += size
    if current:
        groups.append("\n".join(current))
    return groups


def _agenda_text(meeting: Meeting) -> str:
    items = layout.agenda_items(meeting)
    return "\n".join(f"{n}. {title}" for n, title in enumerate(items, 1)) or "(none given)"


def numbered_lines(turns: list[tuple[str, str]]) -> list[tuple[int, str]]:
    """(speaker, text) turns as the model reads them, numbered from 1."""
    return [(n, f"[{n}] {who or '?'}: {text}") for n, (who, text) in enumerate(turns, 1)]


_TURN_NUMBER = re.compile(r"^\[(\d+)\] ", re.MULTILINE)  # how a numbered line starts


def turns_in(text: str) -> list[int]:
    """The numbers of the turns a prompt's transcript text holds ("[12] Name: ..." lines)."""
    return [int(number) for number in _TURN_NUMBER.findall(text)]


def _turns(value: Any, known: dict[int, str]) -> list[int]:
    if not isinstance(value, list):
        return []
    return sorted({int(v) for v in value if isinstance(v, int) and v in known})


def supported(text: str, turns: list[int], known: dict[int, str]) -> bool:
    """Whether the turns an item cites hold enough of its words."""
    words = set(term_counts(text))
    if not words or not turns:
        return False
    cited = set(term_counts(" ".join(known[t] for t in turns)))
    return len(words & cited) / len(words) >= SUPPORT_SHARE


def speaker_names(known: dict[int, str]) -> list[str]:
    """The names that speak in the numbered turns ("[12] Name: text")."""
    names = {line.split("] ", 1)[-1].split(":", 1)[0].strip() for line in known.values()}
    return sorted(name for name in names if name and name != "?")


def unlabelled(text: str, names: list[str]) -> str:
    """An item's text without the "Speaker Name: " a small model copies from the turn it
    quotes."""
    text = text.strip()
    label, colon, rest = text.partition(": ")
    return rest.strip() if colon and label.casefold() in {n.casefold() for n in names} else text


def full_name(owner: str, names: list[str]) -> str:
    """The speaker's name as the transcript gives it, for an owner the model shortened
    ("Ka-yan" for "Lee Ka-yan"); otherwise the owner as written."""
    wanted = owner.casefold()
    matches = [name for name in names if wanted and wanted in name.casefold()]
    return matches[0] if len(matches) == 1 else owner


def cited_turns(
    text: str, turns: list[int], known: dict[int, str], read: Collection[int] = ()
) -> list[int]:
    """The turns an item may cite: those it gave if they support it (the MAX_CITED holding
    most of its words, if they still do); else the one nearby turn (within NEARBY of a cited
    number) that supports it best, since small models miscount turn numbers by one to three
    (measured: make bench-minutes-e2e); else the turn among those the model `read` that holds
    most of its words, if it holds FAR_SHARE of them; else none."""
    if supported(text, turns, known):
        if len(turns) <= MAX_CITED:
            return turns
        words = set(term_counts(text))
        shared = {n: _held(words, n, known) for n in turns}
        ranked = sorted((n for n in turns if shared[n]), key=lambda n: -shared[n])
        fewer = sorted(ranked[:MAX_CITED])
        return fewer if supported(text, fewer, known) else turns
    nearby = sorted(
        {n for t in turns for n in range(t - NEARBY, t + NEARBY + 1) if n in known} - set(turns)
    )
    words = set(term_counts(text))
    best = max(
        nearby,
        key=lambda n: (_held(words, n, known), -min(abs(n - t) for t in turns)),
        default=None,
    )
    if best is not None and supported(text, [best], known):
        return [best]
    return _far(words, read, known)


def _held(words: set[str], turn: int, known: dict[int, str]) -> int:
    """How many of an item's words a turn holds."""
    return len(words & set(term_counts(known[turn])))


def _far(words: set[str], read: Collection[int], known: dict[int, str]) -> list[int]:
    shared = {n: _held(words, n, known) for n in read if n in known}
    best = max(shared, key=shared.__getitem__, default=None)
    if best is None or shared[best] < min(FAR_WORDS, len(words)):
        return []
    return [best] if shared[best] / len(words) >= FAR_SHARE else []


def says_nothing(text: str, agenda: list[str], kept: list[Item]) -> bool:
    """Whether an item adds nothing: no content words, only an agenda title's words (a small
    model repeats a title as a "point", citing every turn under it), or the same as an item
    already kept."""
    words = set(term_counts(text))
    if not words or any(words <= set(term_counts(title)) for title in agenda):
        return True
    return any(_same(words, item.text) for item in kept)


def _same(words: set[str], text: str) -> bool:
    other = set(term_counts(text))
    return len(words & other) / len(words | other) >= SAME_ITEM


def read_part(
    data: dict[str, Any],
    known: dict[int, str],
    draft: Draft,
    agenda: list[str] | None = None,
    read: Collection[int] = (),
) -> None:
    """Add one part's answer to the draft, keeping only items their cited turns support and
    that say something new (`agenda`: the agenda items' titles; `read`: the turns the model
    read, where an item citing none that supports it is looked for)."""
    names = speaker_names(known)
    titles = agenda or []
    for key, target in (("points", draft.points), ("decisions", draft.decisions)):
        for raw in data.get(key) or []:
            if not isinstance(raw, dict):
                continue
            text = unlabelled(str(raw.get("text") or ""), names)
            turns = _turns(raw.get("turns"), known)
            if not text or says_nothing(text, titles, target):
                continue
            turns = cited_turns(text, turns, known, read)
            if not turns:
                draft.dropped += 1
                continue
            item = Item(
                text, turns, agenda_item=raw["item"] if isinstance(raw.get("item"), int) else 0
            )
            if key == "decisions" and not assignment.decided(
                assignment.sources(text, turns, known)
            ):
                if not says_nothing(text, titles, draft.points):
                    draft.points.append(item)
                continue
            target.append(item)
    _drop_points_decisions_say(draft)
    for raw in data.get("actions") or []:
        if not isinstance(raw, dict):
            continue
        task = unlabelled(str(raw.get("task") or ""), names)
        turns = _turns(raw.get("turns"), known)
        if not task or says_nothing(task, [], draft.actions):
            continue
        turns = cited_turns(task, turns, known, read)
        found = assignment.sources(task, turns, known)
        filed = assignment.kind(found)
        if not turns or filed == assignment.Kind.NONE:
            draft.dropped += 1
            continue
        if filed == assignment.Kind.DECISION:
            if not says_nothing(task, titles, draft.decisions):
                draft.decisions.append(Item(task, turns))
            continue
        owner = assignment.owner_of(str(raw.get("owner") or "").strip()[:100], found)
        due = str(raw.get("due") or "").strip()[:100] or cues.deadline_in(task)
        draft.actions.append(
            Item(
                task,
                turns,
                owner=full_name(owner, names),
                due="" if due.casefold().strip(".") in NO_DATE else due,
            )
        )


def _drop_points_decisions_say(draft: Draft) -> None:
    draft.points[:] = [
        point
        for point in draft.points
        if not any(_same(set(term_counts(point.text)), d.text) for d in draft.decisions)
    ]


@dataclass
class Excerpt:
    window: cues.Window
    text: str  # as the model reads it (`cues.excerpt`)


def sweep_excerpts(lines: list[tuple[int, str]], draft: Draft) -> list[Excerpt]:
    """The excerpts (`cues.excerpt`) around the cue sentences (`cues.windows`) that no kept
    decision or action comes from."""
    known = dict(lines)
    said = {  # the sentences each kept decision and action comes from
        pair
        for item in draft.decisions + draft.actions
        for pair in assignment.said(item.text, item.turns, known)
    }
    return [
        Excerpt(window, cues.excerpt(window, known, said=said))
        for window in cues.windows(lines, said=said)
    ]


def sweep_text(excerpt: Excerpt) -> str:
    """The excerpt as the model reads it: without turn numbers (the model wrote them where it
    was asked for other numbers; the hub finds the turns an item comes from itself)."""
    return _TURN_NUMBER.sub("", excerpt.text)


def read_sweep(
    data: dict[str, Any], excerpt: Excerpt, known: dict[int, str], found: Draft, agenda: list[str]
) -> None:
    """The second reading's answer on one excerpt added to `found`. What each item is comes
    from the words it is said in (`assignment.kind`: a request or promise makes a task, the
    words of a decision a decision), the model's kind only passing over what it found nothing
    in, and keeping as a decision only what the words say was decided. An item cites the cue
    turns of the excerpt that hold its words."""
    items = [
        raw
        for raw in data.get("found") or []
        if isinstance(raw, dict) and raw.get("kind") in SWEEP_KINDS[:2]
    ]
    # Tasks first: of a task the model gave twice, once as a "decision", the task's words stay.
    items.sort(key=lambda raw: raw["kind"] != "action")
    for raw in items:
        text = str(raw.get("text") or "")
        turns = [turn for turn in excerpt.window.cues if supported(text, [turn], known)]
        item = {**raw, "task": text, "turns": turns, "item": 0}
        is_task = raw["kind"] == "action" or _asked(text, turns, known)
        key = "actions" if is_task else "decisions"
        read_part({key: [item]}, known, found, agenda=agenda, read=excerpt.window.turns)


def _asked(text: str, turns: list[int], known: dict[int, str]) -> bool:
    """Whether someone was asked to do what an item says, or said they would, in a sentence
    that (with its speaker's name) holds most of its words: then a "decision" is a task
    ("Peter Wong agreed to send the budget" from "Peter, please send the budget"; not "The
    meeting agreed to modernise the hotline" from "I will chair today's meeting of the hotline
    group")."""
    words = set(term_counts(text))
    strong = [
        source
        for source in assignment.sources(text, turns, known)
        if len(words & set(term_counts(f"{source.speaker} {source.whole}")))
        >= TASK_SHARE * len(words)
    ]
    return assignment.asked_or_promised(strong)


def add_new(found: Draft, draft: Draft) -> None:
    """The second reading's decisions and actions added to the draft, except those it already
    has: an item citing a turn an item of its kind cites, and sharing half the shorter one's
    words, is that item said again."""
    for new, kept in ((found.decisions, draft.decisions), (found.actions, draft.actions)):
        for item in new:
            words = set(term_counts(item.text))
            if not any(_overlaps(item, words, other) for other in kept):
                item.agenda_item = item.agenda_item or _agenda_item_at(item.turns[0], draft)
                kept.append(item)
    draft.dropped += found.dropped
    _drop_points_decisions_say(draft)
    _file_once(draft)


def _agenda_item_at(turn: int, draft: Draft) -> int:
    """The agenda item of the point cited nearest before `turn` (or, failing one, after it):
    where in the meeting an item the second reading found was said."""
    placed = [(t, point.agenda_item) for point in draft.points for t in point.turns]
    before = [pair for pair in placed if pair[0] <= turn]
    nearest = max(before) if before else min(placed, default=(0, 0))
    return nearest[1]


def _file_once(draft: Draft) -> None:
    """An item the model gave both as a decision and as an action is kept once: as the action
    when it has a due date (a dated task), else as the decision."""
    for action in list(draft.actions):
        words = set(term_counts(action.text))
        twins = [d for d in draft.decisions if _alike(words, set(term_counts(d.text)))]
        if not twins:
            continue
        if action.due:
            draft.decisions[:] = [d for d in draft.decisions if d not in twins]
        else:
            draft.actions.remove(action)


def _overlaps(item: Item, words: set[str], other: Item) -> bool:
    """Whether two items cite turns within NEARBY of each other and are alike (a request and
    the promise that accepts it are two turns, and either may be the one cited)."""
    if not any(abs(one - two) <= NEARBY for one in item.turns for two in other.turns):
        return False
    return _alike(words, set(term_counts(other.text)), share=0.5)


def _alike(words: set[str], others: set[str], share: float = SAME_ITEM) -> bool:
    """Whether the shorter of two items' word sets is mostly in the other."""
    return bool(words and others) and len(words & others) / min(len(words), len(others)) >= share


def near(lines: list[tuple[int, str]], turns: Collection[int]) -> list[tuple[int, str]]:
    """The numbered lines within AROUND turns of any of `turns`."""
    wanted = {n for turn in turns for n in range(turn - AROUND, turn + AROUND + 1)}
    return [(position, line) for position, line in lines if position in wanted]


def draft_minutes(
    meeting: Meeting,
    *,
    language: str,
    model: ChatModel | None = None,
    overview: bool = False,
    progress: Callable[[int, int], None] | None = None,
    temperature: float = TEMPERATURE,
    around: Collection[int] = (),
) -> Draft:
    """`around`: read only the turns near these (writing one section again), not the whole
    transcript."""
    lines = transcript_lines(meeting)
    return draft_from_lines(
        near(lines, around) if around else lines,
        agenda=_agenda_text(meeting),
        language=language,
        model=model or get_chat_model(),
        overview=overview,
        progress=progress,
        temperature=temperature,
    )


def draft_from_lines(
    lines: list[tuple[int, str]],
    *,
    agenda: str,
    language: str,
    model: ChatModel,
    overview: bool = False,
    progress: Callable[[int, int], None] | None = None,
    temperature: float = TEMPERATURE,
) -> Draft:
    """Points, decisions and actions from numbered turns ("[12] Name: text"), the transcript
    read in parts that fit the model's context; with `overview`, a prose summary too.
    `progress(done, total)` counts model calls (the overview's total is known only once it
    starts: until then it is estimated as one call per part and one more)."""
    if not lines:
        raise JobFailed(_("The meeting has no transcript yet."))
    known = dict(lines)
    # Drafted in the transcript's language (items are checked against its words), then
    # translated into the minutes' language (`translating`).
    spoken = translating.spoken_language(line for _position, line in lines)
    language_name = LANGUAGE_NAMES[spoken]
    instruction = INSTRUCTION.format(agenda=agenda, language=language_name, transcript="")
    budget = min(
        PART_TOKENS, model.context_tokens - MAX_TOKENS - model.count_tokens(instruction) - 64
    )
    if budget < 100:
        raise JobFailed(_("The language model's context is too small for minutes."))
    report = progress or (lambda done, total: None)
    titles = [line.split(". ", 1)[-1] for line in agenda.splitlines() if line.strip()[:1].isdigit()]
    draft = Draft()
    chunks = parts(lines, budget=budget, count=model.count_tokens)
    # The second reading's calls are known once the first has cited what it found: until
    # then, as many as if it had found nothing.
    sweeps = len(sweep_excerpts(lines, draft))
    # Translating: as if every part gave its most points and a few decisions and actions.
    translations = translating.batches(len(chunks) * (MAX_POINTS + 4)) if spoken != language else 0
    planned = len(chunks) + sweeps + translations + (len(chunks) + 1 if overview else 0)
    for number, chunk in enumerate(chunks, 1):
        prompt = INSTRUCTION.format(agenda=agenda, language=language_name, transcript=chunk)
        data = ask_json(
            model,
            [ChatMessage("user", prompt)],
            schema=SCHEMA,
            max_tokens=MAX_TOKENS,
            temperature=temperature,
        )
        read_part(data, known, draft, agenda=titles, read=turns_in(chunk))
        report(number, planned)
    excerpts = sweep_excerpts(lines, draft)
    planned -= sweeps - len(excerpts)
    found = Draft()
    for number, excerpt in enumerate(excerpts, len(chunks) + 1):
        prompt = SWEEP_INSTRUCTION.format(language=language_name, transcript=sweep_text(excerpt))
        data = ask_json(
            model,
            [ChatMessage("user", prompt)],
            schema=SWEEP_SCHEMA,
            max_tokens=SWEEP_MAX_TOKENS,
            temperature=temperature,
        )
        read_sweep(data, excerpt, known, found, titles)
        report(number, planned)
    add_new(found, draft)
    done = len(chunks) + len(excerpts)
    if spoken != language:
        planned -= translations - translating.calls(_texts(draft), language)
        done += translate_draft(
            draft,
            language=language,
            model=model,
            names=speaker_names(known),
            temperature=temperature,
            progress=lambda calls: report(done + calls, planned),
        )
        report(done, done + (len(chunks) + 1 if overview else 0))  # fewer calls than planned
    if overview:
        draft.overview = summarise(
            [line for _position, line in lines],
            model=model,
            language=language,
            progress=lambda calls, total: report(done + calls, done + total),
        )
    return draft


def translate_draft(
    draft: Draft,
    *,
    language: str,
    model: ChatModel,
    names: Collection[str] = (),
    temperature: float = TEMPERATURE,
    progress: Callable[[int], None] | None = None,
) -> int:
    """The draft's items and due dates put in `language` (`translating`; `names`, the
    speakers', stay as written), their citations unchanged; how many model calls that took."""
    made = 0

    def counted(calls: int) -> None:
        nonlocal made
        made = calls
        if progress is not None:
            progress(calls)

    texts = translating.translate(
        _texts(draft),
        language=language,
        model=model,
        names=[*names, *(action.owner for action in draft.actions)],
        temperature=temperature,
        progress=counted,
    )
    _put_texts(draft, texts)
    return made


def _texts(draft: Draft) -> list[str]:
    """The sentences of a draft's items, then the actions' due dates (`_put_texts`)."""
    items = draft.points + draft.decisions + draft.actions
    return [item.text for item in items] + [action.due for action in draft.actions]


def _put_texts(draft: Draft, texts: list[str]) -> None:
    items = draft.points + draft.decisions + draft.actions
    for item, text in zip(items, texts[: len(items)], strict=True):
        item.text = text
    for action, due in zip(draft.actions, texts[len(items) :], strict=True):
        action.due = due


def processing_seconds(job: MinutesJob) -> float:
    """Transcribing (when the meeting was a recording) and drafting, as the jobs measured."""
    drafting = (timezone.now() - job.started_at).total_seconds() if job.started_at else 0.0
    transcribing = job.minutes.meeting.transcriptions.filter(seconds__isnull=False).aggregate(
        total=Sum("seconds")
    )["total"]
    return drafting + (transcribing or 0.0)


def estimated_minutes_saved(meeting: Meeting) -> int:
    """The assumption (MinutesSettings) times the meeting's length: the recording's duration,
    or the transcript's length read at a speaking pace (130 English words or 200 Chinese
    characters a minute)."""
    hours = (meeting.duration or 0) / 3600
    if not hours:
        text = " ".join(meeting.segments.values_list("text", flat=True))
        chinese = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
        hours = (chinese / 200 + len(text.split()) / 130) / 60
    rate = MinutesSettings.load().writing_minutes_per_meeting_hour
    return round(hours * rate)


def compose(
    minutes: Minutes,
    *,
    model: ChatModel,
    progress: Callable[[int, int], None] | None = None,
    temperature: float = TEMPERATURE,
    around: Collection[int] = (),
) -> tuple[str, Draft]:
    """The minutes' whole text drafted from the transcript in their template: a built-in one
    (`layout`), or one an officer wrote (`custom`, its sections as they were when drafting
    began); and the draft's items (for the custom templates, the sections' in `points`).
    `around`: for a built-in template, read only the turns near these (and write no overview)."""
    from aiplus.meetings import custom

    meeting = minutes.meeting
    if minutes.template == Minutes.Template.CUSTOM:
        found = custom.draft(
            meeting,
            sections=minutes.sections,
            language=minutes.language,
            model=model,
            progress=progress,
            temperature=temperature,
        )
        text = custom.render(meeting, minutes.sections, found, language=minutes.language)
        return text, Draft(points=[item for items in found for item in items])
    draft = draft_minutes(
        meeting,
        language=minutes.language,
        model=model,
        overview=minutes.template == Minutes.Template.SUMMARY and not around,
        progress=progress,
        temperature=temperature,
        around=around,
    )
    return layout.render(
        meeting, draft, template=minutes.template, language=minutes.language
    ), draft


def draft_step(job: MinutesJob) -> dict[str, Any]:
    """The job's one step: draft, lay out, store as the first version."""
    minutes = job.minutes
    meeting = minutes.meeting
    model = get_chat_model()
    job.ai_model = model.name[:200]
    text, draft = compose(
        minutes, model=model, progress=lambda done, total: report_progress(job, done / total)
    )
    with transaction.atomic():
        minutes.status = Minutes.Status.DRAFT
        minutes.processing_seconds = round(processing_seconds(job), 1)
        minutes.estimated_minutes_saved = estimated_minutes_saved(meeting)
        minutes.save(
            update_fields=["status", "processing_seconds", "estimated_minutes_saved", "updated_at"]
        )
        # A step run again (its worker died before the job stored its result) keeps the
        # first draft rather than adding a second "drafted" version.
        if not minutes.versions.exists():
            services.add_version(minutes=minutes, text=text, note="drafted")
    logger.info("minutes %s drafted at %s", minutes.pk, timezone.now())
    return {
        "points": len(draft.points),
        "decisions": len(draft.decisions),
        "actions": len(draft.actions),
        "dropped": draft.dropped,
    }
