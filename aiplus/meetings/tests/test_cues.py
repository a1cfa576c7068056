"""The second reading of a transcript: the turns where a meeting decides or gives out a task
(`aiplus.meetings.cues`), read again when the first reading passed over them; and how each
item is filed and given an owner by the words it comes from (`aiplus.meetings.assignment`)."""

import pytest

from aiplus.meetings import assignment, cues, drafting
from aiplus.meetings.tests.scripted import Scripted


@pytest.mark.parametrize(
    "text",
    [
        "Then the meeting agreed that the pilot will be extended.",
        "We have decided to publish the answers in both languages.",
        "Members endorsed the proposal.",
        "Let's go with the second option.",
        "Could you send the paper to members by 15 December?",
        "I'll circulate the revised draft before the end of March.",
        "Please reply within 10 days.",
        "The Secretariat will follow up with the department.",
        "I will prepare a note on the options.",
        "會議同意把試驗計劃擴展至九龍東。",
        "请陈先生于三月底前提交报告。",
        "財務組會在12月15日前交回預算。",
        "這件事由李小姐負責跟進。",
        "我哋決定咗下個月再開會。",
    ],
)
def test_the_words_of_decisions_deadlines_and_tasks_are_cues(text):
    assert cues.is_cue(text)


@pytest.mark.parametrize(
    "text",
    [
        "In March, the chatbot handled 12 thousand enquiries.",
        "The budget will rise by five per cent.",
        "Good morning, everyone. Let us go round the table.",
        "Older residents still prefer to speak to a person.",
        "I will chair today's meeting.",
        "九月份熱線共處理了一萬二千個查詢。",
        "我覺得長者仍然比較喜歡同真人傾。",
    ],
)
def test_discussion_is_not_a_cue(text):
    assert not cues.is_cue(text)


def _lines(texts: list[str]) -> list[tuple[int, str]]:
    return [(n, f"[{n}] S{n % 3}: {text}") for n, text in enumerate(texts, 1)]


def test_windows_hold_the_turns_around_each_run_of_cue_turns():
    lines = _lines(
        [
            "Figures for March.",  # 1
            "Alan, can you send the note by Friday?",  # 2: cue
            "Yes, I will send it by Friday.",  # 3: cue, the promise that accepts it
            "Thank you.",  # 4
            "The meeting agreed to keep the target.",  # 5: cue, its window shares turn 4
            "Next item.",  # 6
            "Figures again.",  # 7
            "Figures again.",  # 8
            "Figures again.",  # 9
            "Figures again.",  # 10
            "We decided to stop.",  # 11: cue, the last turn
        ]
    )
    found = cues.windows(lines)
    assert [(w.turns, w.cues) for w in found] == [
        ([1, 2, 3, 4], [2, 3]),
        ([4, 5, 6], [5]),
        ([10, 11], [11]),
    ]
    wider = cues.windows(lines, around=2)
    assert [(w.turns, w.cues) for w in wider] == [
        ([1, 2, 3, 4, 5], [2, 3]),
        ([3, 4, 5, 6, 7], [5]),
        ([9, 10, 11], [11]),
    ]
    # The minutes have an item from turn 5's cue sentence already.
    uncited = cues.windows(lines, said={(5, "The meeting agreed to keep the target.")})
    assert [(w.turns, w.cues) for w in uncited] == [([1, 2, 3, 4], [2, 3]), ([10, 11], [11])]


MEETING = [
    "Item one, the hotline. Alan, how many calls came in?",  # 1
    "About twelve thousand in March, most of them about fees.",  # 2
    "Then the meeting agreed that the hotline will open on Saturdays from April.",  # 3
    "Good. Next, the website.",  # 4
    "The new pages are ready for testing.",  # 5
    "Grace, please check the Chinese pages by 20 December.",  # 6
    "Certainly. I will check them by 20 December.",  # 7
    "Thank you all.",  # 8
]


FIRST_READING_FINDS_NOTHING: dict[str, list] = {"points": [], "decisions": [], "actions": []}


def _found(kind: str, text: str, owner: str = "", due: str = "") -> dict:
    return {"kind": kind, "text": text, "owner": owner, "due": due}


def test_the_second_reading_finds_what_the_first_passed_over_and_adds_nothing_twice():
    decision = {
        "item": 1,
        "text": "The hotline will open on Saturdays from April.",
        "turns": [3],
    }

    def answer(prompt, schema):
        if schema is drafting.SCHEMA:  # the first reading: the decision only
            return {"points": [], "decisions": [decision], "actions": []}
        # The second reading, one excerpt: the task, once called a decision, once a task.
        return {
            "found": [
                _found("decision", "Grace will check the Chinese pages."),
                _found("action", "Check the Chinese pages", "Grace", "20 December"),
            ]
        }

    model = Scripted(answer)
    progress: list[tuple[int, int]] = []
    draft = drafting.draft_from_lines(
        _lines(MEETING),
        agenda="1. Hotline",
        language="en",
        model=model,
        progress=lambda done, total: progress.append((done, total)),
    )
    assert [d.text for d in draft.decisions] == [decision["text"]]
    # The task's own words are kept, citing the request that holds them (the promise, "I will
    # check them", holds too few); the owner is the person asked.
    assert [(a.text, a.owner, a.due, a.turns) for a in draft.actions] == [
        ("Check the Chinese pages", "Grace", "20 December", [6])
    ]
    assert draft.actions[0].agenda_item == 0  # actions are listed apart from agenda items
    _first, second = model.prompts
    # Only the excerpt the first reading left uncited is read again, without turn numbers.
    assert "Grace, please check the Chinese pages" in second and "[6]" not in second
    assert "Saturdays" not in second and "Item one" not in second
    # Planned before the first reading: one part and the meeting's two excerpts; after it, one.
    assert progress == [(1, 3), (2, 2)]


def test_the_second_reading_keeps_a_decision_only_if_its_words_say_one_was_made():
    meeting = [
        "I will send the notes of today's meeting of the hotline group.",  # 1: a promise
        "Thank you.",
        "Fine.",
        "The estimates must reach the Treasury by the end of December.",  # 4: a deadline
        "Thank you.",
        "Fine.",
        "Any objection? None. Then it is agreed that the office opens on Saturdays.",  # 7
        "Thank you.",
        "Fine.",
        "Peter, please send the revised budget to the Treasury by 15 December.",  # 10
    ]
    called_decisions = {  # what the model called a decision in each excerpt
        "notes": "The meeting agreed to modernise the hotline.",  # made up
        "estimates": "The estimates must reach the Treasury.",  # nothing was decided
        "Saturdays": "The office will open on Saturdays.",
        "revised": "Peter agreed to send the revised budget to the Treasury by 15 December.",
    }
    seen: list[str] = []

    def answer(prompt, schema):
        if schema is drafting.SCHEMA:
            return FIRST_READING_FINDS_NOTHING
        excerpt = prompt.rsplit("Excerpt:", 1)[1]
        (word,) = [word for word in called_decisions if word in excerpt]
        seen.append(word)
        return {"found": [_found("decision", called_decisions[word])]}

    draft = drafting.draft_from_lines(
        _lines(meeting), agenda="1. Hours", language="en", model=Scripted(answer)
    )
    assert seen == list(called_decisions)  # each excerpt read by itself
    assert [(d.text, d.turns) for d in draft.decisions] == [
        ("The office will open on Saturdays.", [7])
    ]
    # A "decision" someone was asked to carry out, in words that hold it, is their task; the
    # made-up one, only half of whose words the promise holds, is nobody's.
    assert [(a.owner, a.due, a.turns) for a in draft.actions] == [("Peter", "15 December", [10])]


def test_a_promise_the_model_called_a_decision_is_the_speakers_task():
    lines = [
        (1, "[1] Mary Chan: Alan, can you look at the data risks by Friday?"),
        (2, "[2] Alan Ho: Yes, I will check the privacy impact assessment by then."),
    ]

    def answer(prompt, schema):
        if schema is drafting.SCHEMA:
            return FIRST_READING_FINDS_NOTHING
        # The owner's name is the speaker's, not in the words of the promise.
        return {"found": [_found("decision", "Alan Ho will check the privacy impact assessment")]}

    draft = drafting.draft_from_lines(lines, agenda="", language="en", model=Scripted(answer))
    assert draft.decisions == []
    assert [(a.owner, a.turns) for a in draft.actions] == [("Alan Ho", [2])]


def test_nothing_is_read_twice_when_the_first_reading_cited_every_cue():
    def answer(prompt, schema):
        return {
            "points": [],
            "decisions": [{"item": 1, "text": "The hotline will open on Saturdays.", "turns": [3]}],
            "actions": [
                {
                    "task": "Check the Chinese pages",
                    "owner": "Grace",
                    "due": "20 December",
                    "turns": [6, 7],
                }
            ],
        }

    model = Scripted(answer)
    draft = drafting.draft_from_lines(_lines(MEETING), agenda="", language="en", model=model)
    assert len(model.prompts) == 1
    assert (len(draft.decisions), len(draft.actions)) == (1, 1)


def test_the_second_readings_items_are_checked_against_their_turns_too():
    def answer(prompt, schema):
        if schema is drafting.SCHEMA:
            return FIRST_READING_FINDS_NOTHING
        return {
            "found": [
                _found("decision", "The budget was doubled for satellites."),
                _found("action", "Buy a new building", "Grace"),
                _found("neither", "Grace will check the Chinese pages."),  # passed over
            ]
        }

    draft = drafting.draft_from_lines(
        _lines(MEETING), agenda="", language="en", model=Scripted(answer)
    )
    # Two items dropped for each of the meeting's two excerpts (turn 3, turns 6 and 7).
    assert (draft.decisions, draft.actions, draft.dropped) == ([], [], 4)


def _known(*texts: str) -> dict[int, str]:
    return {n: f"[{n}] {text}" for n, text in enumerate(texts, 1)}


def test_a_task_belongs_to_the_person_asked_or_the_named_speaker_who_promised_it():
    known = _known(
        "S1: Thank you. 陳先生，請陳先生於三月底前提交報告。",
        "S2: 好，我會提交報告。",
        "S1: Good idea, Peter. I will write to the Treasury about the funding.",
        "Grace Lau: Of course, Mary, I will draft the training plan.",
    )
    owner = assignment.owner_of
    report = assignment.sources("提交報告", [2], known)
    assert owner("S2", report) == "陳先生"  # the request in the turn before the promise
    # The model took the person spoken to for the owner; the unnamed speaker is unknown.
    assert owner("Peter", assignment.sources("Write to the Treasury", [3], known)) == ""
    assert owner("Mary", assignment.sources("Draft the training plan", [4], known)) == "Grace Lau"


def test_a_promise_by_an_unnamed_speaker_goes_to_the_person_asked_two_turns_before():
    known = _known(
        "Mary Chan: Peter, please send the revised budget to the Treasury by 15 December.",
        "Mary Chan: Thank you.",
        "S2: Yes, Mary, I will send the revised budget to the Treasury by 15 December.",
    )
    found = assignment.sources("Send the revised budget to the Treasury", [3], known)
    assert assignment.owner_of("Mary", found) == "Peter"


def test_a_request_or_promise_broken_between_two_turns_is_read_whole():
    known = _known(
        "Mary Chan: Good idea, Peter, I will write to",
        "Mary Chan: the Efficiency Office about extra funding by 8 January.",
        "Alan Ho: Thank you.",
        "Mary Chan: Grace, could you draft the training plan",
        "Mary Chan: for frontline staff by 31 January? Of course.",
    )
    letter = assignment.sources("Write to the Efficiency Office about extra funding", [2], known)
    assert assignment.owner_of("Peter", letter) == "Mary Chan"  # not the person spoken to
    plan = assignment.sources("Draft the training plan for frontline staff", [5], known)
    assert assignment.asked_or_promised(plan)
    assert assignment.owner_of("", plan) == "Grace"


def test_a_decision_broken_between_two_turns_is_still_a_decision():
    known = _known(
        "S1: Understood, we decided that all",
        "S1: frontline staff will complete the course by March.",
        "S2: The course was popular.",
    )
    assert assignment.decided(assignment.sources("Staff complete the course by March", [2], known))
    assert not assignment.decided(assignment.sources("The course was popular", [3], known))


def test_a_decimal_point_does_not_end_a_sentence():
    assert cues.sentences("The budget is 1.2 million. Agreed to raise it to 1. 5 million!") == [
        "The budget is 1.2 million.",
        "Agreed to raise it to 1. 5 million!",
    ]
    known = _known(
        "S1: Then the meeting agreed that the training budget should be raised to 1. 2 million"
        " dollars next year."
    )
    found = assignment.sources("The budget for next year will be 1. 2 million dollars", [1], known)
    assert assignment.decided(found)


def test_an_excerpt_shows_the_cue_sentences_of_a_long_turn_with_their_neighbours():
    known = _known(
        "S1: Figures for March. Figures for April. Figures for May.",
        "S2: The counters were busy. Any objection? None. Then the meeting agreed to open on"
        " Saturdays. The renovation finished in July. Good to hear. How did the public find it?",
        "S3: The comments were about the seats. They are comfortable. Nothing else.",
    )
    (window,) = cues.windows(list(known.items()))
    assert cues.excerpt(window, known) == (
        "[1] S1: ... Figures for April. Figures for May.\n"
        "[2] S2: ... None. Then the meeting agreed to open on Saturdays."
        " The renovation finished in July. ...\n"
        "[3] S3: The comments were about the seats. They are comfortable. ..."
    )


def test_courtesies_are_not_tasks():
    known = _known("S1: Certainly, Mary, I will arrange the site visit by 20 December.")
    assert assignment.sources("Thank you, Mary.", [1], known) == []
    drafted = drafting.Draft()
    drafting.read_part(
        {"actions": [{"task": "Thank you, Mary.", "owner": "Peter", "due": "", "turns": [1]}]},
        known,
        drafted,
    )
    assert (drafted.actions, drafted.dropped) == ([], 1)


def test_what_is_said_after_a_decision_is_not_decided():
    known = _known(
        "S1: Then the meeting agreed that the group will meet on Tuesdays. The renovation of"
        " the waiting area finished in July.",
        "S1: Agreed. The office will open on Saturdays.",
    )
    assert not assignment.decided(assignment.sources("The renovation finished in July", [1], known))
    assert assignment.decided(assignment.sources("The office will open on Saturdays", [2], known))
