"""The scoring of the Smart Minutes end-to-end benchmark (aiplus.benchmarks.meeting_e2e): word
error rate, decision and action matching, owners, due dates, support. No models, no database."""

import json
import random

import pytest

from aiplus.benchmarks import meeting_e2e as e2e
from aiplus.meetings.drafting import Draft, Item


def _reference_distance(a: list[str], b: list[str]) -> int:
    """Textbook Levenshtein distance, cell by cell."""
    rows = [list(range(len(b) + 1))]
    for i, x in enumerate(a, 1):
        row = [i]
        for j, y in enumerate(b, 1):
            row.append(min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (x != y)))
        rows.append(row)
    return rows[-1][-1]


def test_words_are_normalised_the_same_way_on_both_sides():
    assert e2e.normalise("The chatbot's answers: 1.2 million!") == [
        "the",
        "chatbots",
        "answers",
        "1",
        "2",
        "million",
    ]
    assert e2e.normalise("Kowloon-East") == e2e.normalise("kowloon east")


@pytest.mark.parametrize(
    ("reference", "hypothesis", "distance"),
    [
        ("kitten", "sitting", 3),
        ("", "abc", 3),
        ("abc", "", 3),
        ("same", "same", 0),
        ("abcd", "axcde", 2),
        ("ab", "ba", 2),
    ],
)
def test_edit_distance_on_known_pairs(reference, hypothesis, distance):
    assert e2e.edit_distance(list(reference), list(hypothesis)) == distance


def test_edit_distance_agrees_with_the_textbook_algorithm():
    rng = random.Random(5)
    for _ in range(200):
        a = [rng.choice("abcd") for _ in range(rng.randint(0, 12))]
        b = [rng.choice("abcd") for _ in range(rng.randint(0, 12))]
        assert e2e.edit_distance(a, b) == _reference_distance(a, b), (a, b)


def test_word_error_rate():
    assert e2e.word_error_rate("The cat sat down.", "the cat, sat down") == 0.0
    assert e2e.word_error_rate("the cat sat down", "the dog sat down") == pytest.approx(0.25)
    assert e2e.word_error_rate("the cat sat down", "the cat down") == pytest.approx(0.25)
    assert e2e.word_error_rate("a", "a b c") == pytest.approx(2.0)  # insertions count too
    assert e2e.word_error_rate("", "") == 0.0


def test_a_paraphrased_decision_matches_and_an_unrelated_one_does_not():
    planted = e2e.DECISIONS[2]  # the training budget should be raised to 1.2 million dollars...
    assert e2e.matches(planted, "The meeting agreed to raise the training budget to $1.2 million.")
    assert not e2e.matches(planted, "The training budget was discussed.")
    assert not e2e.matches(planted, "The meeting agreed that the budget is fine.")
    # the meeting words ("agreed", "meeting") do not count toward a match
    assert e2e.coverage("the meeting agreed", "the meeting agreed") == 0.0


def test_content_words_use_a_crude_stem():
    assert e2e.content_words("prepared the assessments") == e2e.content_words(
        "preparing an assessment"
    )
    assert e2e.content_words("the 31st of January") == {"31", "janua"}


@pytest.mark.parametrize(
    ("drafted", "expected"),
    [
        ("Peter", True),
        ("peter wong", True),
        ("Mr WONG", True),
        ("Mr. Wong (Finance)", True),
        ("S2", False),
        ("", False),
        ("Mary", False),
        ("Mr Chan", False),  # the honorific alone is no match
    ],
)
def test_owner_matches_on_first_name_or_surname(drafted, expected):
    assert e2e.owner_matches("Peter Wong", drafted) is expected


def test_due_dates():
    assert e2e.due_matches("15 December", "December 15th")
    assert e2e.due_matches("15 December", "by 15 December 2025")
    assert not e2e.due_matches("15 December", "15 January")
    assert not e2e.due_matches("15 December", "")


def _known() -> dict[int, str]:
    lines = [
        "[1] S1: Then the meeting agreed that the training budget should be raised to 1.2 "
        "million dollars next year.",
        "[2] S1: Peter, please send the revised budget to the Treasury Branch by 15 December.",
        "[3] S1: Grace, could you draft the training plan for frontline staff by 31 January?",
        "[4] S2: The weather was fine in Sha Tin.",
    ]
    return {n: line for n, line in enumerate(lines, 1)}


def test_score_counts_recovered_invented_and_supported_items():
    draft = Draft(
        points=[Item("The working group will meet on the first Tuesday of every month.", [4])],
        decisions=[
            Item("The training budget will be raised to 1.2 million dollars next year.", [1]),
            Item("The weather was fine in Sha Tin.", [4]),  # not planted: invented
            Item("Peter will send the revised budget to the Treasury Branch.", [2]),  # an action
        ],
        actions=[
            Item(
                "Send the revised budget to the Treasury Branch",
                [2],
                owner="Peter",
                due="December 15",
            ),
            Item("Draft the training plan for frontline staff", [4], owner="S3", due="31 Jan"),
            Item("Buy a new coffee machine", [4], owner="Alan", due=""),  # invented
        ],
    )
    scores = e2e.score(draft, _known())
    assert scores.decisions_recovered == [False, False, True, False, True]  # the point counts
    assert scores.decisions_as_decisions == [False, False, True, False, False]
    assert scores.decisions_invented == ["The weather was fine in Sha Tin."]
    assert scores.actions_task_only == [False, False, True, True, False]
    assert scores.actions_recovered == [False, False, True, False, False]  # S3 is not Grace
    assert scores.actions_due_right == [False, False, True, False, False]
    assert scores.actions_invented == ["Buy a new coffee machine (Alan, -)"]
    assert (scores.actions_supported, scores.actions_drafted) == (1, 3)


def test_raw_answers_are_scored_before_the_hubs_support_check():
    answer = json.dumps(
        {
            "points": [],
            "decisions": [
                {"item": 2, "text": "Raise the training budget to 1.2 million", "turns": [3]}
            ],
            "actions": [
                {
                    "task": "Send the revised budget to the Treasury",
                    "owner": "Peter",
                    "due": "",
                    "turns": [2],
                },
                {
                    "task": "Draft the training plan for frontline staff",
                    "owner": "Grace",
                    "due": "31 January",
                    "turns": [1],
                },  # miscounted: turn 3 holds it
            ],
        }
    )
    # The second reading's answer on one excerpt: items by kind, citing no turns.
    second = json.dumps(
        {
            "found": [
                {"kind": "action", "text": "Book the hall", "owner": "Alan", "due": ""},
                {"kind": "neither", "text": "", "owner": "", "due": ""},
            ]
        }
    )
    known = _known()
    assert e2e.raw_action_support(["not json", answer, second], known) == (1, 2)
    raw = e2e.raw_draft(["not json", answer, second])
    assert [len(raw.points), len(raw.decisions), len(raw.actions)] == [0, 1, 3]
    assert (raw.actions[1].owner, raw.actions[2].owner) == ("Grace", "Alan")
    # both items cite a turn that does not hold them, and the turn that does is two away
    assert e2e.near_miss_citations(raw, known, reach=2) == (2, 2)
    assert e2e.near_miss_citations(raw, known, reach=0) == (0, 2)


def test_the_script_holds_every_planted_item_and_grows_with_the_minutes():
    short, long = e2e.build_script(3), e2e.build_script(30)
    assert short == e2e.build_script(3)  # the same every run
    assert len(long) > 4 * len(short)
    text = " ".join(t for _role, t in long)
    for decision in e2e.DECISIONS:
        assert decision in text
    for action in e2e.ACTIONS:
        assert action.due in text
        assert action.owner.split()[0] in text
    assert {role for role, _t in long} == set(e2e.PEOPLE)


def test_the_discussion_plants_no_decision_or_action():
    for item in e2e.DISCUSSION:
        for cluster in item:
            for _role, text in cluster:
                lowered = text.lower()
                for phrase in ("agreed", "decided", "will ", "please", "by the end"):
                    assert phrase not in lowered, text


def test_speaking_time_counts_the_seconds_under_the_right_label():
    reference = [(0.0, 10.0, "ann"), (10.0, 20.0, "bob")]
    assert e2e.speech_time_right([(0.0, 10.0, "S1"), (10.0, 20.0, "S2")], reference) == 1.0
    # S1 covers ann 10 s and bob 4 s: mapped to ann, its 4 s of bob are wrong.
    assert e2e.speech_time_right([(0.0, 14.0, "S1"), (14.0, 20.0, "S2")], reference) == 0.8
    # Two labels for one voice are both right; speech in no turn is wrong.
    assert e2e.speech_time_right([(0.0, 5.0, "S1"), (5.0, 10.0, "S3")], reference) == 0.5
    # Cutting a turn into pieces with the same labels changes nothing.
    pieces = [(0.0, 4.0, "S1"), (4.0, 10.0, "S1"), (10.0, 20.0, "S2")]
    assert e2e.speech_time_right(pieces, reference) == 1.0
