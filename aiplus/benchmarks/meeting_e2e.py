"""`make bench-minutes-e2e`: Smart Minutes end to end, from a recording to finished minutes, on a
synthetic Hong Kong Government team meeting with planted decisions and action items, written
into docs/benchmarks.md.

    python -m aiplus.benchmarks.meeting_e2e [--minutes 30] [--keep DIR]

The meeting (the Hotline Modernisation Working Group of a department: the chatbot pilot, next
year's budget, staff training, any other business) is a script written for this benchmark,
read by five voices through the diarization benchmark's helpers (Piper "joe" for the chair and
four espeak-ng English voices). People's names are said aloud: they introduce themselves and
the chair addresses them. Five decisions and five action items (each with an owner named in
the meeting and a due date) are planted in it; the rest is discussion (status figures,
questions, opinions) generated from templates with varied districts, months and figures until
the audio reaches the requested length. The discussion holds no decision or action, so any
drafted beyond the planted ones is invented. The audio is rendered as 16 kHz mono WAV in a
separate process, so that the text-to-speech models do not count toward the peak memory.

The pipeline then runs as the hub runs it: a Meeting with the recording in a throwaway SQLite
database, a real TranscriptionJob whose three steps (split into 5-minute pieces, Whisper piece
by piece, speaker turns) are called one by one, then the minutes drafted with the chat model
from the stored transcript (`drafting.draft_minutes`) and laid out in the formal template in
English (`layout.render`), as the minutes job's step does. Each stage is timed separately;
model loading is timed apart. Peak memory is the process's `ru_maxrss` (its peak over the whole
run, synthesis excluded).

Scoring against the answer key (the rules are in `matches`, `owner_matches`):
- content words: lower-cased letters and digits, stop words and meeting words ("agreed",
  "decided", "will", ...) removed, words longer than five letters cut to five (a crude stem:
  "prepared", "preparing" -> "prepa");
- a planted decision is recovered when some drafted decision or point holds at least half of
  its content words (ROUGE-1 recall >= 0.5); a drafted decision is invented when it matches no
  planted decision and no planted action by the same rule;
- a planted action is recovered with the right owner when a drafted action's task holds at least
  half of its content words and the drafted owner shares a name (first name or surname,
  case-insensitive) with the planted owner; a drafted action matching no planted action or
  decision is invented;
- support: the share of drafted action items whose cited turns hold their words
  (`drafting.supported`), in the finished minutes and in the model's raw answers (the hub drops
  unsupported items, so the first is 100 % by construction and the second shows the model);
- WER: word edit distance between the script and the transcript, both normalised the same way
  (lower case, punctuation dropped, digits and letters kept), over the script's word count.
"""

import argparse
import copy
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
import wave
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

if TYPE_CHECKING:
    from aiplus.ai.protocols import ChatModel
    from aiplus.ai.values import ChatMessage, ChatResult

COMMAND = "make bench-minutes-e2e"
SECTION = "minutes-e2e"
ROOT = Path(__file__).resolve().parents[2]
RATE = 16_000
ASR_MODEL = "whisper-base"
CHAT_MODEL = "qwen2.5-coder-1.5b"
MATCH_SHARE = 0.5  # share of a planted item's content words a drafted item must hold
# Rough speaking rate of the voices, for sizing the script before it is read aloud.
WORDS_PER_SECOND = 3.1  # measured: 25.5 min for 4,239 words in 296 turns
PAUSE_SECONDS = 0.55
TARGET_RATIO = 10 / 30  # 30 minutes of audio to finished minutes in 10 minutes
TARGET_MEMORY = 4 * 1024**3

# --- The meeting ----------------------------------------------------------------------------------

TITLE = "Hotline Modernisation Working Group, 14th meeting"
AGENDA = ["Chatbot pilot", "Budget for next year", "Staff training", "Any other business"]
PEOPLE: dict[str, tuple[str, str]] = {  # role -> (full name, post)
    "mary": ("Mary Chan", "Chief Executive Officer (Chair)"),
    "peter": ("Peter Wong", "Senior Treasury Accountant"),
    "grace": ("Grace Lau", "Training Officer"),
    "david": ("David Cheung", "District Services Manager"),
    "alan": ("Alan Ho", "Systems Manager"),
}


@dataclass(frozen=True)
class PlantedAction:
    task: str
    owner: str
    due: str


DECISIONS = [
    "the chatbot pilot will be extended to the Kowloon East office from January",
    "publish the chatbot's answers in both Chinese and English",
    "the training budget should be raised to 1.2 million dollars next year",
    "all frontline staff will complete the new customer service course by the end of March",
    "the working group will meet on the first Tuesday of every month",
]
ACTIONS = [
    PlantedAction("prepare the privacy impact assessment for the chatbot", "Alan Ho", "10 January"),
    PlantedAction("arrange a site visit to the Kowloon East office", "David Cheung", "20 December"),
    PlantedAction("send the revised budget to the Treasury Branch", "Peter Wong", "15 December"),
    PlantedAction("draft the training plan for frontline staff", "Grace Lau", "31 January"),
    PlantedAction(
        "write to the Efficiency Office about extra funding for the hotline",
        "Mary Chan",
        "8 January",
    ),
]

Turn = tuple[str, str]  # (role, text)
D, A = DECISIONS, ACTIONS

OPENING: list[Turn] = [
    (
        "mary",
        "Good morning, everyone. I am Mary Chan, and I will chair today's meeting of the "
        "Hotline Modernisation Working Group. Before we start, let us go round the table.",
    ),
    ("peter", "Good morning. Peter Wong, from the Finance Section."),
    ("grace", "Grace Lau, Training and Staff Development."),
    ("david", "David Cheung, District Services."),
    ("alan", "Alan Ho, Information Technology."),
    (
        "mary",
        "Thank you. There are four items on the agenda today: the chatbot pilot, the budget "
        "for next year, staff training, and any other business.",
    ),
]

# Each agenda item: blocks of turns; the discussion goes between the blocks.
ITEMS: list[list[list[Turn]]] = [
    [
        [
            ("mary", "Item one, the chatbot pilot. Alan, please give us an update."),
            (
                "alan",
                "Thank you, Mary. The chatbot has now been running at the Sha Tin office for "
                "three months. It answers simple questions on the hotline, such as opening "
                "hours and how to pay fees.",
            ),
        ],
        [
            (
                "david",
                "The Kowloon East office has asked to join the pilot. Their staff are ready, "
                "and their telephone lines were upgraded last month.",
            ),
            (
                "mary",
                f"Any objection to adding Kowloon East? None. Then the meeting agreed that {D[0]}.",
            ),
        ],
        [
            (
                "alan",
                "Before we extend it, we need a privacy impact assessment, because the chatbot "
                "will keep recordings of the calls.",
            ),
            ("mary", f"Alan, can you {A[0].task} by {A[0].due}?"),
            ("alan", f"Yes. I will prepare the privacy impact assessment by {A[0].due}."),
        ],
        [
            (
                "grace",
                "One more point, Mary. At the moment the chatbot's answers are only published "
                "in English on the website.",
            ),
            (
                "mary",
                f"That is not good enough for a public service. We have decided to {D[1]}.",
            ),
        ],
        [
            ("mary", f"David, please {A[1].task} for the working group by {A[1].due}."),
            ("david", f"Certainly, Mary. I will arrange the site visit by {A[1].due}."),
        ],
    ],
    [
        [
            ("mary", "Item two, the budget for next year. Peter."),
            (
                "peter",
                "Thank you, Mary. The draft estimates for next year must reach the Treasury "
                "Branch before the end of December. The main pressure is on staff training, "
                "because the chatbot changes how officers work.",
            ),
        ],
        [
            (
                "grace",
                "The training budget is eight hundred thousand dollars this year. It will not "
                "cover the new courses.",
            ),
            (
                "peter",
                "A figure of 1.2 million dollars would cover the new courses and the refresher "
                "training.",
            ),
            ("mary", f"Then the meeting agreed that {D[2]}."),
        ],
        [
            ("mary", f"Peter, please {A[2].task} by {A[2].due}."),
            ("peter", f"Yes, Mary. I will {A[2].task} by {A[2].due}."),
        ],
    ],
    [
        [
            ("mary", "Item three, staff training. Grace."),
            (
                "grace",
                "Thank you, Mary. Frontline staff will need a new customer service course, "
                "because many callers will reach them after the chatbot has already tried to "
                "help.",
            ),
        ],
        [
            (
                "david",
                "My officers would welcome that, but they need time away from the counter to "
                "attend.",
            ),
            ("mary", f"Understood. We decided that {D[3]}."),
        ],
        [
            ("mary", f"Grace, could you {A[3].task} by {A[3].due}?"),
            ("grace", f"Of course. I will {A[3].task} by {A[3].due}."),
        ],
    ],
    [
        [
            ("mary", "Item four, any other business."),
            (
                "alan",
                "Mary, our monthly meeting often clashes with the system maintenance on Thursdays.",
            ),
            ("mary", f"Then let us change it. The meeting agreed that {D[4]} from now on."),
        ],
        [
            (
                "peter",
                "There is also the question of extra funding for the hotline. The Efficiency "
                "Office may be able to help.",
            ),
            ("mary", f"Good idea, Peter. I will {A[4].task} by {A[4].due}."),
        ],
        [("mary", "Thank you all. That is the end of the meeting. Goodbye.")],
    ],
]

# Discussion with no decision or action in it, per agenda item; {placeholders} vary per use.
DISCUSSION: list[list[list[Turn]]] = [
    [
        [
            (
                "alan",
                "In {month}, the chatbot handled {thousands} thousand enquiries. About {pct} "
                "percent were answered without passing the caller to an officer.",
            ),
            ("peter", "And the rest?"),
            (
                "alan",
                "Mostly questions about {topic}, where the chatbot had no reliable answer, so "
                "it offered a call back.",
            ),
            ("mary", "Thank you, Alan. How did the callers rate it?"),
            (
                "alan",
                "The average rating was {rating} out of five. The lowest scores came from "
                "people asking about {topic2}.",
            ),
        ],
        [
            (
                "david",
                "Our counter staff in {district} say that older residents still prefer to speak "
                "to a person, especially about {topic}.",
            ),
            (
                "grace",
                "That matches what the trainers hear. Some callers hang up as soon as they hear "
                "a recorded voice.",
            ),
            (
                "david",
                "In {district}, about {pct} percent of the calls in {month} came from people "
                "over sixty five.",
            ),
            ("mary", "That is a useful figure, David."),
        ],
        [
            (
                "grace",
                "Alan, what happens when the chatbot does not understand a question in Cantonese?",
            ),
            (
                "alan",
                "It asks the caller to repeat the question once. If it still fails, the call "
                "goes to the next free officer. In {month}, that happened {hundreds} hundred "
                "times.",
            ),
            ("grace", "Is that more or less than the month before?"),
            ("alan", "Slightly less. The new word list for {topic} helped."),
        ],
        [
            (
                "peter",
                "For the record, the pilot has so far cost {money} thousand dollars, mostly for "
                "the cloud service and the telephone lines.",
            ),
            (
                "alan",
                "The cloud charges follow the number of calls. {month} was a busy month because "
                "of {event}.",
            ),
            ("mary", "So the cost follows the demand. That seems reasonable."),
            ("peter", "Yes. It is still below the estimate in the funding paper."),
        ],
    ],
    [
        [
            (
                "peter",
                "Under the {head} head, we spent {money} thousand dollars in the first half of "
                "the year, which is about {pct} percent of the provision.",
            ),
            ("mary", "Is that in line with last year?"),
            ("peter", "It is a little higher, mainly because of {reason}."),
        ],
        [
            (
                "david",
                "The {district} office has asked for new headsets and two more workstations. "
                "Their equipment is more than seven years old.",
            ),
            (
                "peter",
                "Those would come under minor works. A workstation costs around {small} "
                "thousand dollars.",
            ),
            (
                "david",
                "They also mentioned that the air conditioning in the call room breaks down "
                "every summer.",
            ),
            (
                "peter",
                "That one is for the Architectural Services Department, not for our budget.",
            ),
        ],
        [
            (
                "alan",
                "The licences for the call recording system expire in {month}. The supplier has "
                "quoted an increase of {small} percent.",
            ),
            ("peter", "Did they give a reason for the increase?"),
            (
                "alan",
                "They said it covers the new security features and support in both languages.",
            ),
            ("mary", "That is a steep rise, but the system is essential to the hotline."),
        ],
        [
            (
                "grace",
                "Overtime on the hotline was high in {month}, mainly because of {event}.",
            ),
            (
                "peter",
                "Overtime reached {money} thousand dollars that month. It is within the "
                "provision, but only just.",
            ),
            ("grace", "Most of it was at weekends, when fewer officers are on duty."),
        ],
    ],
    [
        [
            (
                "grace",
                "In {month}, {people} officers attended the refresher course on handling "
                "difficult callers. The feedback was positive.",
            ),
            ("david", "My staff in {district} found the role play the most useful part."),
            (
                "grace",
                "We used real recorded calls about {topic}, with the personal details removed.",
            ),
        ],
        [
            (
                "grace",
                "The course on written replies is now online. So far, {people} officers have "
                "finished it.",
            ),
            ("alan", "Did the online platform work well?"),
            (
                "grace",
                "There were some problems with the video player on older computers in {district}.",
            ),
            (
                "alan",
                "That is a known problem with the old browser. The new computers do not have it.",
            ),
        ],
        [
            (
                "david",
                "New recruits in {district} told me that the first week is overwhelming. There "
                "are too many systems to learn at once.",
            ),
            (
                "grace",
                "That is a fair point. At the moment they learn six different systems in five "
                "days.",
            ),
            ("mary", "Six systems is a lot for anybody, Grace."),
        ],
        [
            ("peter", "How much did the outside trainers cost us this year?"),
            (
                "grace",
                "About {small} thousand dollars for {sessions} sessions. Our own trainers "
                "delivered the rest.",
            ),
            ("peter", "That is less than I expected."),
        ],
    ],
    [
        [
            (
                "david",
                "A quick update on the office in {district}. The renovation of the waiting area "
                "finished in {month}, on schedule.",
            ),
            ("mary", "Good to hear. How did the public find it?"),
            (
                "david",
                "The comments were mostly about the seats, which are much more comfortable now.",
            ),
        ],
        [
            (
                "alan",
                "There was a planned power cut at the data centre on a Sunday in {month}. The "
                "hotline switched to the backup site automatically.",
            ),
            ("grace", "Did callers notice anything?"),
            ("alan", "A short silence of a few seconds. Nothing more."),
        ],
    ],
]

VALUES: dict[str, list[str]] = {
    "month": ["July", "August", "September", "October", "November"],
    "district": [
        "Sha Tin",
        "Tsuen Wan",
        "Kwun Tong",
        "Yuen Long",
        "Tuen Mun",
        "Wan Chai",
        "Sham Shui Po",
        "Tai Po",
        "Sai Kung",
        "Wong Tai Sin",
    ],
    "topic": [
        "parking permits",
        "noise complaints",
        "hawker licences",
        "refuse collection",
        "street lighting",
        "water supply interruptions",
        "library bookings",
        "sports centre bookings",
    ],
    "event": [
        "the typhoon signals",
        "the heavy rain",
        "the school holidays",
        "the new parking rules",
        "the rates demand notes",
    ],
    "head": ["staff costs", "general expenses", "minor works", "information technology"],
    "reason": [
        "the longer opening hours",
        "the extra temporary staff",
        "the higher telephone charges",
        "the new call recording licences",
    ],
}


def _fill(text: str, rng: random.Random) -> str:
    numbers = {
        "thousands": str(rng.randint(8, 30)),
        "hundreds": str(rng.randint(2, 9)),
        "pct": str(rng.choice(range(20, 95, 5))),
        "rating": rng.choice(["three", "three and a half", "four"]),
        "money": str(rng.choice(range(150, 950, 50))),
        "small": str(rng.randint(6, 25)),
        "people": str(rng.choice(range(20, 130, 10))),
        "sessions": str(rng.randint(4, 15)),
    }
    picked = {key: rng.choice(options) for key, options in VALUES.items()}
    picked["topic2"] = rng.choice([t for t in VALUES["topic"] if t != picked["topic"]])
    return text.format(**numbers, **picked)


def _seconds(turns: Sequence[Turn]) -> float:
    return sum(len(text.split()) / WORDS_PER_SECOND + PAUSE_SECONDS for _role, text in turns)


def build_script(minutes: float, *, seed: int = 3) -> list[Turn]:
    """The planted meeting with discussion added between its blocks until its estimated
    length reaches `minutes` (never shorter than the planted part alone)."""
    rng = random.Random(seed)
    planted = [*OPENING, *(turn for item in ITEMS for block in item for turn in block)]
    wanted = minutes * 60 - _seconds(planted)
    # discussion[item][gap]: clusters to put after block `gap` of the item
    extra: list[list[list[Turn]]] = [[[] for _ in range(max(len(item) - 1, 1))] for item in ITEMS]
    uses = [0] * len(ITEMS)
    weights = [3, 3, 3, 1]  # the last item (any other business) is short
    order = [i for i, w in enumerate(weights) for _ in range(w)]
    step = 0
    while wanted > 0:
        item = order[step % len(order)]
        step += 1
        clusters = DISCUSSION[item]
        cluster = [(role, _fill(text, rng)) for role, text in clusters[uses[item] % len(clusters)]]
        gap = uses[item] % len(extra[item])
        uses[item] += 1
        extra[item][gap] += cluster
        wanted -= _seconds(cluster)
    script = list(OPENING)
    for number, item_blocks in enumerate(ITEMS):
        for index, block in enumerate(item_blocks):
            script += block
            if index < len(extra[number]):
                script += extra[number][index]
    return script


# --- Rendering (in a child process) -------------------------------------------------------------


def voices() -> tuple[dict[str, Callable[[str], np.ndarray]], dict[str, str]]:
    """Role -> text-to-16-kHz-audio, and role -> description, from the diarization benchmark's
    voices."""
    from functools import partial

    from aiplus.benchmarks.diarization import CHAIR_FALLBACK, VOICES, _piper, espeak

    piper = _piper()
    chosen: dict[str, tuple[str, list[str]]] = {
        "peter": VOICES["raymond"],
        "grace": VOICES["helen"],
        "david": CHAIR_FALLBACK,
        "alan": VOICES["priya"],
    }
    speak: dict[str, Callable[[str], np.ndarray]] = {
        role: partial(espeak, arguments) for role, (_name, arguments) in chosen.items()
    }
    names = {role: name for role, (name, _arguments) in chosen.items()}
    if piper is not None:
        speak["mary"], names["mary"] = piper, VOICES["chair"][0]
    else:
        speak["mary"] = partial(espeak, ["-v", "en+f3", "-p", "60"])
        names["mary"] = "espeak-ng en+f3 -p 60"
    return speak, names


def write_wav(path: Path, audio: np.ndarray) -> None:
    pcm = (np.clip(audio, -1.0, 1.0) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(pcm.tobytes())


def render(minutes: float, folder: Path) -> None:
    """Read the script aloud into folder/meeting.wav, with folder/meeting.json describing it."""
    from aiplus.benchmarks.diarization import build_meeting

    script = build_script(minutes)
    speak, names = voices()
    meeting = build_meeting(script, voices=speak)
    write_wav(folder / "meeting.wav", meeting.audio)
    (folder / "meeting.json").write_text(
        json.dumps(
            {
                "script": script,
                "reference": meeting.reference,
                "voices": names,
                "seconds": meeting.duration,
                "synthesis_seconds": meeting.synthesis_seconds,
            }
        ),
        encoding="utf-8",
    )


# --- Scoring ------------------------------------------------------------------------------------

_STOPWORD_TEXT = """a about above after again all also am an and any are as at be been before
    being both but by can could did do does doing for from further had has have having he her here hers him his
    how i if in into is it its itself just me more most my no nor not of off on once only or
    other our ours out over own same she should so some such than that the their theirs them
    then there these they this those through to too under until up very was we were what when
    where which while who whom why will with would you your yours shall must may might let us
    meeting agreed agree agrees decided decide decides decision resolved noted said says
    chair chairman chairperson"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_HONORIFIC_TEXT = "mr mrs ms miss dr sir madam"
HONORIFICS = frozenset(_HONORIFIC_TEXT.split())


def normalise(text: str) -> list[str]:
    """Lower-cased words of letters and digits ("chatbot's" -> "chatbots", "1.2" -> "1", "2")."""
    text = text.lower().replace("'", "").replace("\u2019", "")
    return re.findall(r"[a-z0-9]+", text)


def _stem(word: str) -> str:
    word = re.sub(r"^(\d+)(st|nd|rd|th)$", r"\1", word)
    return word if word.isdigit() else word[:5]


def content_words(text: str) -> set[str]:
    return {_stem(w) for w in normalise(text) if w not in STOPWORDS}


def coverage(planted: str, drafted: str) -> float:
    """Share of the planted text's content words that the drafted text holds (ROUGE-1 recall
    on content words)."""
    wanted = content_words(planted)
    if not wanted:
        return 0.0
    return len(wanted & content_words(drafted)) / len(wanted)


def matches(planted: str, drafted: str) -> bool:
    return coverage(planted, drafted) >= MATCH_SHARE


def owner_matches(planted: str, drafted: str) -> bool:
    """The drafted owner names the planted person: a first name or surname in common."""
    names = {w for w in normalise(planted) if w not in HONORIFICS}
    return bool(names & {w for w in normalise(drafted) if w not in HONORIFICS})


def due_matches(planted: str, drafted: str) -> bool:
    """Every word of the planted due date is in the drafted one ("15 December" ~
    "December 15th")."""
    wanted = {_stem(w) for w in normalise(planted)}
    return bool(wanted) and wanted <= {_stem(w) for w in normalise(drafted)}


def edit_distance(reference: Sequence[str], hypothesis: Sequence[str]) -> int:
    """Levenshtein distance between two word sequences, one numpy row at a time."""
    if not reference:
        return len(hypothesis)
    if not hypothesis:
        return len(reference)
    vocabulary: dict[str, int] = {}
    ref = np.array([vocabulary.setdefault(w, len(vocabulary)) for w in reference])
    hyp = np.array([vocabulary.setdefault(w, len(vocabulary)) for w in hypothesis])
    columns = np.arange(len(hyp) + 1)
    previous = columns.copy()
    for i, word in enumerate(ref, 1):
        substitute = previous[:-1] + (hyp != word)
        delete = previous[1:] + 1
        best = np.empty_like(previous)
        best[0] = i
        best[1:] = np.minimum(substitute, delete)
        # insertions: best[j] = min over k <= j of best[k] + (j - k)
        previous = np.minimum.accumulate(best - columns) + columns
    return int(previous[-1])


def word_error_rate(reference: str, hypothesis: str) -> float:
    ref = normalise(reference)
    return edit_distance(ref, normalise(hypothesis)) / max(len(ref), 1)


class DraftItem(Protocol):
    text: str
    turns: list[int]
    owner: str
    due: str


class DraftLike(Protocol):
    @property
    def points(self) -> Sequence[DraftItem]: ...
    @property
    def decisions(self) -> Sequence[DraftItem]: ...
    @property
    def actions(self) -> Sequence[DraftItem]: ...


@dataclass
class Scores:
    decisions_recovered: list[bool] = field(default_factory=list)  # per planted decision
    decisions_as_decisions: list[bool] = field(default_factory=list)
    decisions_invented: list[str] = field(default_factory=list)
    actions_recovered: list[bool] = field(default_factory=list)  # task and owner right
    actions_task_only: list[bool] = field(default_factory=list)
    actions_due_right: list[bool] = field(default_factory=list)
    actions_invented: list[str] = field(default_factory=list)
    actions_supported: int = 0
    actions_drafted: int = 0


def score(
    draft: DraftLike,
    known: dict[int, str],
    *,
    decisions: Sequence[str] = DECISIONS,
    actions: Sequence[PlantedAction] = ACTIONS,
) -> Scores:
    """The drafted minutes against the answer key (rules in the module's docstring)."""
    from aiplus.meetings.drafting import supported

    out = Scores()
    planted_texts = [*decisions, *(a.task for a in actions)]
    for planted in decisions:
        out.decisions_recovered.append(
            any(matches(planted, i.text) for i in [*draft.decisions, *draft.points])
        )
        out.decisions_as_decisions.append(any(matches(planted, i.text) for i in draft.decisions))
    out.decisions_invented = [
        i.text for i in draft.decisions if not any(matches(p, i.text) for p in planted_texts)
    ]
    for action in actions:
        same_task = [i for i in draft.actions if matches(action.task, i.text)]
        right_owner = [i for i in same_task if owner_matches(action.owner, i.owner)]
        out.actions_task_only.append(bool(same_task))
        out.actions_recovered.append(bool(right_owner))
        out.actions_due_right.append(any(due_matches(action.due, i.due) for i in right_owner))
    out.actions_invented = [
        f"{i.text} ({i.owner or '-'}, {i.due or '-'})"
        for i in draft.actions
        if not any(matches(p, i.text) for p in planted_texts)
    ]
    out.actions_drafted = len(draft.actions)
    out.actions_supported = sum(1 for i in draft.actions if supported(i.text, i.turns, known))
    return out


def raw_action_support(answers: Sequence[str], known: dict[int, str]) -> tuple[int, int]:
    """(supported, total) action items in the model's raw answers of the first reading (the
    second cites no turns), before the hub's check."""
    from aiplus.meetings.drafting import supported

    held = total = 0
    for answer in answers:
        data = _parse(answer)
        for raw in data.get("actions") or []:
            if not isinstance(raw, dict) or not str(raw.get("task") or "").strip():
                continue
            turns = raw.get("turns")
            cited = (
                [t for t in turns if isinstance(t, int) and t in known]
                if isinstance(turns, list)
                else []
            )
            total += 1
            held += supported(str(raw["task"]), sorted(set(cited)), known)
    return held, total


@dataclass
class RawItem:
    text: str
    turns: list[int]
    owner: str = ""
    due: str = ""


@dataclass
class RawDraft:
    points: list[RawItem] = field(default_factory=list)
    decisions: list[RawItem] = field(default_factory=list)
    actions: list[RawItem] = field(default_factory=list)


def raw_draft(answers: Sequence[str]) -> RawDraft:
    """Every item of the model's raw answers, kept whether or not its cited turns hold it."""
    draft = RawDraft()
    for answer in answers:
        data = _parse(answer)
        for key, target in (
            ("points", draft.points),
            ("decisions", draft.decisions),
            ("actions", draft.actions),
        ):
            for raw in data.get(key) or []:
                if not isinstance(raw, dict):
                    continue
                text = str(raw.get("text") or raw.get("task") or "").strip()
                turns = raw.get("turns")
                cited = [t for t in turns if isinstance(t, int)] if isinstance(turns, list) else []
                if text:
                    target.append(
                        RawItem(
                            text,
                            sorted(set(cited)),
                            str(raw.get("owner") or ""),
                            str(raw.get("due") or ""),
                        )
                    )
        # The second reading's items, by the kind the model gave; they cite no turns.
        for raw in data.get("found") or []:
            kind = raw.get("kind") if isinstance(raw, dict) else None
            text = str(raw.get("text") or "").strip() if kind else ""
            if text and kind in ("decision", "action"):
                item = RawItem(text, [], str(raw.get("owner") or ""), str(raw.get("due") or ""))
                (draft.decisions if kind == "decision" else draft.actions).append(item)
    return draft


def near_miss_citations(
    draft: RawDraft, known: dict[int, str], *, reach: int = 3
) -> tuple[int, int]:
    """Of the raw items their cited turns do not support (the second number), those a turn
    within `reach` of them would support (the first): the model quoted the right words and
    miscounted the turn numbers. The hub keeps those, citing the nearby turn."""
    from aiplus.meetings.drafting import supported

    near = unsupported = 0
    for item in [*draft.points, *draft.decisions, *draft.actions]:
        if not item.turns:
            continue  # the second reading's items: the hub finds their turns
        cited = [t for t in item.turns if t in known]
        if supported(item.text, cited, known):
            continue
        unsupported += 1
        around = {n for t in item.turns for n in range(t - reach, t + reach + 1) if n in known}
        near += any(supported(item.text, [n], known) for n in around)
    return near, unsupported


def _parse(answer: str) -> dict[str, Any]:
    start, end = answer.find("{"), answer.rfind("}")
    try:
        data = json.loads(answer[start : end + 1]) if start >= 0 else {}
    except json.JSONDecodeError:
        data = {}
    return data if isinstance(data, dict) else {}


# --- The pipeline ---------------------------------------------------------------------------------


class RecordingModel:
    """The chat model, passed through, with each answer kept for scoring."""

    def __init__(self, model: "ChatModel") -> None:
        self.model = model
        self.name = model.name
        self.context_tokens = model.context_tokens
        self.answers: list[str] = []
        self.results: list[ChatResult] = []
        self.seconds: list[float] = []

    def chat(
        self,
        messages: "Sequence[ChatMessage]",
        *,
        max_tokens: int = 512,
        temperature: float = 0.2,
        json_schema: dict[str, Any] | None = None,
    ) -> "ChatResult":
        started = time.perf_counter()
        result = self.model.chat(
            messages, max_tokens=max_tokens, temperature=temperature, json_schema=json_schema
        )
        self.seconds.append(time.perf_counter() - started)
        self.answers.append(result.text)
        self.results.append(result)
        return result

    def stream(
        self,
        messages: "Sequence[ChatMessage]",
        *,
        max_tokens: int = 512,
        temperature: float = 0.2,
    ) -> Iterator[str]:
        return self.model.stream(messages, max_tokens=max_tokens, temperature=temperature)

    def count_tokens(self, text: str) -> int:
        return self.model.count_tokens(text)


def peak_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kB on Linux


@dataclass
class Stage:
    name: str
    seconds: float
    peak: int  # the process's peak so far, bytes
    note: str = ""


def setup_django(folder: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    os.environ["AIPLUS_DATA_DIR"] = str(folder)
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    call_command("migrate", verbosity=0)
    settings.AIPLUS_AI["transcriber"]["model"] = ASR_MODEL
    settings.AIPLUS_AI["chat"]["model"] = CHAT_MODEL
    from aiplus.ai import providers

    providers.reset()


def run_pipeline(wav: Path, out: Path) -> dict[str, Any]:
    """The hub's pipeline on the recording, stage by stage; the artefacts go to `out`."""
    from datetime import date

    from django.contrib.auth import get_user_model
    from django.core.files import File

    from aiplus.ai.providers import get_chat_model, get_transcriber
    from aiplus.meetings import drafting, layout, transcription
    from aiplus.meetings.models import Meeting, Minutes, TranscriptionJob

    stages: list[Stage] = []

    def timed(name: str, work: Callable[[], Any], note: Callable[[Any], str] = str) -> Any:
        started = time.perf_counter()
        result = work()
        stages.append(Stage(name, time.perf_counter() - started, peak_bytes(), note(result)))
        print(f"  {name}: {stages[-1].seconds:.1f} s  {stages[-1].note}", flush=True)
        return result

    user = get_user_model().objects.create_user(username="bench", password=None)
    meeting = Meeting.objects.create(
        owner=user,
        title=TITLE,
        held_on=date.today(),
        language=Meeting.Language.ENGLISH,
        attendees="\n".join(f"{name}, {post}" for name, post in PEOPLE.values()),
        agenda="\n".join(AGENDA),
        source=Meeting.Source.AUDIO,
        status=Meeting.Status.TRANSCRIBING,
    )
    with wav.open("rb") as handle:
        meeting.recording.save("meeting.wav", File(handle), save=True)
    job = TranscriptionJob.objects.create(meeting=meeting, started_by=user)

    transcriber = timed("load Whisper", get_transcriber, lambda t: t.name)
    timed("split into pieces", lambda: transcription.split_step(job))
    timed("ASR (Whisper, piece by piece)", lambda: transcription.transcribe_step(job))
    timed("speaker turns", lambda: transcription.speakers_step(job))
    model = RecordingModel(timed("load chat model", get_chat_model, lambda m: m.name))
    meeting.refresh_from_db()
    draft = timed(
        "minutes drafting",
        lambda: drafting.draft_minutes(meeting, language="en", model=model),
        lambda d: f"{len(model.answers)} calls",
    )
    text = timed(
        "layout (formal, English)",
        lambda: layout.render(meeting, draft, template=Minutes.Template.FORMAL, language="en"),
        lambda t: f"{len(t)} characters",
    )
    # The same minutes in Traditional Chinese: the draft's items translated, timed apart (the
    # target is for English minutes) and by the model itself, so the answers scored above
    # are the drafting calls only.
    chinese = copy.deepcopy(draft)
    started = time.perf_counter()
    names = drafting.speaker_names(dict(drafting.transcript_lines(meeting)))
    calls = drafting.translate_draft(chinese, language="zh-hant", model=model.model, names=names)
    translated = {"draft": chinese, "seconds": time.perf_counter() - started, "calls": calls}
    (out / "minutes-zh-hant.md").write_text(
        layout.render(meeting, chinese, template=Minutes.Template.FORMAL, language="zh-hant"),
        encoding="utf-8",
    )
    lines = drafting.transcript_lines(meeting)
    segments = list(meeting.segments.order_by("position").values_list("start", "end", "speaker"))
    (out / "transcript.txt").write_text("\n".join(line for _n, line in lines) + "\n", "utf-8")
    (out / "minutes.md").write_text(text, encoding="utf-8")
    (out / "answers.json").write_text(json.dumps(model.answers, indent=1), encoding="utf-8")
    return {
        "stages": stages,
        "draft": draft,
        "known": dict(lines),
        "segments": segments,
        "names": {label: name for label, name in meeting.speaker_names().items() if name},
        "model": model,
        "transcriber": transcriber.name,
        "duration": meeting.duration or 0.0,
        "chinese": translated,
    }


def speaker_accuracy(
    segments: Sequence[tuple[float | None, float | None, str]],
    reference: Sequence[tuple[float, float, str]],
) -> tuple[float, int]:
    """Share of transcript turns whose speaker label is the true voice's, each label mapped to
    the voice it most often covers; and the number of labels found."""
    truth = []
    for start, end, label in segments:
        best, voice = 0.0, ""
        for ref_start, ref_end, key in reference:
            overlap = min(end or 0.0, ref_end) - max(start or 0.0, ref_start)
            if overlap > best:
                best, voice = overlap, key
        truth.append((label, voice))
    labels = {label for label, _voice in truth if label}
    mapping = {}
    for label in labels:
        voices = [voice for lab, voice in truth if lab == label]
        mapping[label] = max(set(voices), key=voices.count)
    right = sum(1 for label, voice in truth if label and mapping[label] == voice)
    return right / max(len(truth), 1), len(labels)


def speech_time_right(
    segments: Sequence[tuple[float | None, float | None, str]],
    reference: Sequence[tuple[float, float, str]],
) -> float:
    """Share of the voices' speaking time that lies in turns labelled with the voice speaking,
    each label mapped to the voice it covers longest (time in no labelled turn counts wrong).
    Unlike the share of turns, it does not change with how finely the turns are cut."""
    overlap: dict[tuple[str, str], float] = {}
    for start, end, label in segments:
        for ref_start, ref_end, voice in reference:
            seconds = min(end or 0.0, ref_end) - max(start or 0.0, ref_start)
            if label and seconds > 0:
                overlap[(label, voice)] = overlap.get((label, voice), 0.0) + seconds
    mapping: dict[str, tuple[str, float]] = {}
    for (label, voice), seconds in overlap.items():
        if seconds > mapping.get(label, ("", 0.0))[1]:
            mapping[label] = (voice, seconds)
    right = sum(s for (label, voice), s in overlap.items() if mapping[label][0] == voice)
    total = sum(ref_end - ref_start for ref_start, ref_end, _voice in reference)
    return right / total if total else 0.0


def names_right(
    segments: Sequence[tuple[float | None, float | None, str]],
    reference: Sequence[tuple[float, float, str]],
    names: dict[str, str],
) -> int:
    """How many named labels carry the name of the voice they cover most (by time)."""
    right = 0
    for label, name in names.items():
        voices: dict[str, float] = {}
        for start, end, other in segments:
            if other != label:
                continue
            for ref_start, ref_end, key in reference:
                overlap = min(end or 0.0, ref_end) - max(start or 0.0, ref_start)
                if overlap > 0:
                    voices[key] = voices.get(key, 0.0) + overlap
        if voices and PEOPLE[max(voices, key=voices.__getitem__)][0] == name:
            right += 1
    return right


# --- Report -------------------------------------------------------------------------------------


def _mark(ok: bool) -> str:
    return "**met**" if ok else "**not met**"


def report(
    result: dict[str, Any], rendered: dict[str, Any], scores: Scores, extra: dict[str, Any]
) -> str:
    stages: list[Stage] = result["stages"]
    audio_seconds = rendered["seconds"]
    total = sum(s.seconds for s in stages)
    loads = sum(s.seconds for s in stages if s.name.startswith("load"))
    peak = max(s.peak for s in stages)
    allowed = audio_seconds * TARGET_RATIO
    n_dec, n_act = len(DECISIONS), len(ACTIONS)
    dec_found, act_found = sum(scores.decisions_recovered), sum(scores.actions_recovered)
    support = scores.actions_supported / scores.actions_drafted if scores.actions_drafted else 1.0
    raw_held, raw_total = extra["raw_support"]
    raw_scores: Scores = extra["raw_scores"]
    rows = [
        f"| {s.name} | {s.seconds:.1f} s | {s.seconds / (audio_seconds / 60):.2f} s | "
        f"{s.peak / 1024**2:,.0f} MB | {s.note} |"
        for s in stages
    ]
    usage = [r.usage for r in result["model"].results]
    finish = [r.finish_reason or "?" for r in result["model"].results]
    from aiplus.meetings.translating import in_language

    chinese = result["chinese"]
    items = chinese["draft"].points + chinese["draft"].decisions + chinese["draft"].actions
    in_chinese = f"{sum(in_language(i.text, 'zh-hant') for i in items)} of {len(items)}"
    dated = [a.due for a in chinese["draft"].actions if a.due]
    dues = f"{sum(in_language(due, 'zh-hant') for due in dated)} of {len(dated)}"
    missed_dec = [d for d, ok in zip(DECISIONS, scores.decisions_recovered, strict=True) if not ok]
    missed_act = [
        f"{a.task} ({a.owner})"
        for a, ok in zip(ACTIONS, scores.actions_recovered, strict=True)
        if not ok
    ]
    targets = [
        (
            f"audio to finished minutes <= {TARGET_RATIO:.2f} x audio length (10 min for 30 min)",
            f"{total / 60:.1f} min for {audio_seconds / 60:.1f} min (limit {allowed / 60:.1f} min)",
            total <= allowed,
        ),
        (
            ">= 4 of 5 planted decisions recovered, none invented",
            f"{dec_found} of {n_dec}, {len(scores.decisions_invented)} invented",
            dec_found >= 4 and not scores.decisions_invented,
        ),
        (
            ">= 4 of 5 planted actions recovered with the right owner, none invented",
            f"{act_found} of {n_act}, {len(scores.actions_invented)} invented",
            act_found >= 4 and not scores.actions_invented,
        ),
        (
            "100 % of action items supported by their cited turns",
            f"{support:.0%} ({scores.actions_supported} of {scores.actions_drafted})",
            support >= 1.0,
        ),
        ("peak memory <= 4 GiB", f"{peak / 1024**3:.2f} GiB", peak <= TARGET_MEMORY),
    ]
    lines = [
        "## Smart Minutes end to end (recording to formal minutes)",
        "",
        f"Synthetic Hong Kong Government team meeting ({TITLE}; agenda: {'; '.join(AGENDA)}), "
        f"written for this benchmark: {len(rendered['script'])} turns, "
        f"{len(' '.join(t for _r, t in rendered['script']).split()):,} words, "
        f"{audio_seconds / 60:.1f} min of 16 kHz mono audio read by five voices "
        f"({'; '.join(f'{PEOPLE[r][0]}: {v}' for r, v in rendered['voices'].items())}), "
        f"rendered in {rendered['synthesis_seconds']:.0f} s (not counted). Planted: "
        f"{n_dec} decisions and {n_act} action items with named owners and due dates; the rest "
        "is template-generated discussion holding no decision or action (its sentence patterns "
        "repeat with different districts and figures). Pipeline: a TranscriptionJob's steps on "
        f"a throwaway SQLite database with {result['transcriber']} (int8, "
        f"{extra['threads']} threads), then `drafting.draft_minutes` with {CHAT_MODEL} "
        f"(context {result['model'].context_tokens} tokens) and the formal template in English. "
        "Nobody named the speakers: the names are those the speaker step takes from the "
        "meeting itself (`meetings/naming.py`), and the labels it could not name stay S1, S2, "
        "... Scoring rules: `aiplus/benchmarks/meeting_e2e.py` (docstring).",
        "",
        "| stage | wall time | per audio minute | process peak memory so far | note |",
        "|---|---|---|---|---|",
        *rows,
        f"| **total** | **{total:.1f} s** ({total / 60:.1f} min; {loads:.1f} s of it loading "
        f"models) | {total / (audio_seconds / 60):.2f} s | **{peak / 1024**2:,.0f} MB** | "
        f"{total / audio_seconds:.2f} x real time |",
        "",
        "| measure | result |",
        "|---|---|",
        f"| ASR word error rate (script vs. transcript, normalised words) | {extra['wer']:.1%} |",
        f"| transcript turns; speaker labels found (true 5); turns with the right speaker | "
        f"{len(result['known'])}; {extra['labels']}; {extra['speaker_accuracy']:.0%} |",
        f"| speaking time in turns labelled with the voice speaking | "
        f"{extra['speech_time_right']:.1%} |",
        f"| speakers named from the meeting itself; of them with the right name | "
        f"{extra['named'][1]}; {extra['named'][0]} |",
        f"| chat calls (parts, then second readings of cue excerpts, one a call); prompt / "
        f"answer tokens; "
        f"finish reasons | {len(usage)}; "
        f"{sum(u.prompt_tokens for u in usage):,} / {sum(u.completion_tokens for u in usage):,}"
        f"; {', '.join(finish)} |",
        f"| drafted points / decisions / actions; dropped (unsupported by their turns, or no "
        f"task in the words they come from) | "
        f"{len(result['draft'].points)} / {len(result['draft'].decisions)} / "
        f"{len(result['draft'].actions)}; {result['draft'].dropped} |",
        f"| planted decisions recovered (as a decision or point) | {dec_found} of {n_dec} |",
        f"| ... of them as a decision | {sum(scores.decisions_as_decisions)} of {n_dec} |",
        f"| decisions invented | {len(scores.decisions_invented)} |",
        f"| planted actions recovered with the right owner | {act_found} of {n_act} |",
        f"| ... task recovered, any owner | {sum(scores.actions_task_only)} of {n_act} |",
        f"| ... with the right due date too | {sum(scores.actions_due_right)} of {n_act} |",
        f"| actions invented | {len(scores.actions_invented)} |",
        f"| action items supported by their cited turns (minutes) | {support:.0%} |",
        f"| action items supported by their cited turns (model's raw answers in the first "
        f"reading, before the hub's check) | {raw_held} of {raw_total} |",
        f"| model's raw answers, before the hub's support check: decisions recovered; "
        f"actions recovered with the right owner; invented decisions / actions | "
        f"{sum(raw_scores.decisions_recovered)} of {n_dec}; "
        f"{sum(raw_scores.actions_recovered)} of {n_act}; "
        f"{len(raw_scores.decisions_invented)} / {len(raw_scores.actions_invented)} |",
        f"| raw items of the first reading their cited turns do not support: of them, "
        f"supported by a turn within 3 "
        f"of those cited (miscounted turn numbers; the hub cites that turn instead) | "
        f"{extra['near_misses'][0]} of {extra['near_misses'][1]} |",
        f"| peak memory (the process's ru_maxrss over the whole run) | {peak / 1024**3:.2f} GiB |",
        f"| the same minutes in Traditional Chinese (the draft's items translated, not in the "
        f"total): time; calls; items now in Chinese; due dates in Chinese | "
        f"{chinese['seconds']:.1f} s; {chinese['calls']}; {in_chinese}; {dues} |",
        "",
        "| target | measured | |",
        "|---|---|---|",
        *[f"| {name} | {measured} | {_mark(ok)} |" for name, measured, ok in targets],
    ]
    details = []
    if missed_dec:
        details.append("Planted decisions missed: " + "; ".join(missed_dec) + ".")
    if scores.decisions_invented:
        details.append("Decisions invented: " + "; ".join(scores.decisions_invented) + ".")
    if missed_act:
        details.append("Planted actions missed (or wrong owner): " + "; ".join(missed_act) + ".")
    if scores.actions_invented:
        details.append("Actions invented: " + "; ".join(scores.actions_invented) + ".")
    if extra.get("load_average"):
        details.append(
            f"Load average at the start and end of the pipeline: {extra['load_average']} on "
            f"{os.cpu_count()} cores (a shared machine: above the core count means the timings "
            "are contended)."
        )
    if details:
        lines += ["", *details]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--minutes",
        type=float,
        default=30.0,
        help="length of the meeting (never shorter than its planted part, about 3.5 minutes)",
    )
    parser.add_argument("--keep", type=Path, help="keep the audio and artefacts in this folder")
    parser.add_argument("--no-report", action="store_true", help="do not write docs/benchmarks.md")
    parser.add_argument("--render-only", type=Path, help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args(argv)
    if args.render_only:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
        import django

        django.setup()
        render(args.minutes, args.render_only)
        return 0
    folder = Path(tempfile.mkdtemp(prefix="aiplus-bench-minutes-e2e-"))
    out = args.keep or folder
    out.mkdir(parents=True, exist_ok=True)
    print(f"rendering a {args.minutes:g}-minute meeting into {out} ...", flush=True)
    subprocess.run(  # noqa: S603 - this module, in a child process
        [
            sys.executable,
            *("-m", "aiplus.benchmarks.meeting_e2e"),
            *("--minutes", str(args.minutes), "--render-only", str(out)),
        ],
        check=True,
    )
    rendered = json.loads((out / "meeting.json").read_text(encoding="utf-8"))
    rendered["script"] = [tuple(turn) for turn in rendered["script"]]
    print(f"audio: {rendered['seconds'] / 60:.1f} min; running the pipeline", flush=True)
    setup_django(folder)
    from django.conf import settings

    load_before = os.getloadavg()[0]
    result = run_pipeline(out / "meeting.wav", out)
    load_after = os.getloadavg()[0]
    scores = score(result["draft"], result["known"])
    script_text = " ".join(text for _role, text in rendered["script"])
    transcript_text = " ".join(line.split(": ", 1)[-1] for line in result["known"].values())
    accuracy, labels = speaker_accuracy(
        result["segments"], [tuple(r) for r in rendered["reference"]]
    )
    time_right = speech_time_right(result["segments"], [tuple(r) for r in rendered["reference"]])
    raw = raw_draft(result["model"].answers)
    extra = {
        "speech_time_right": time_right,
        "raw_scores": score(raw, result["known"]),
        "near_misses": near_miss_citations(raw, result["known"]),
        "wer": word_error_rate(script_text, transcript_text),
        "raw_support": raw_action_support(result["model"].answers, result["known"]),
        "speaker_accuracy": accuracy,
        "labels": labels,
        "named": (
            names_right(
                result["segments"], [tuple(r) for r in rendered["reference"]], result["names"]
            ),
            len(result["names"]),
        ),
        "threads": settings.AIPLUS_AI_THREADS,
        "load_average": f"{load_before:.1f} and {load_after:.1f}",
    }
    body = report(result, rendered, scores, extra)
    print(body)
    (out / "report.md").write_text(body + "\n", encoding="utf-8")
    if not args.no_report:
        from scripts.bench_report import write_section

        write_section(SECTION, command=COMMAND, body=body)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
