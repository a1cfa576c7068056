"""Speakers' names suggested from what the meeting says: introductions, questions answered,
thanks; only names on the attendee list, only clear ones, never over a name a person gave."""

from datetime import date

import pytest

from aiplus.meetings import transcription
from aiplus.meetings.layout import attendee_names
from aiplus.meetings.models import Meeting, Segment, Speaker
from aiplus.meetings.naming import aliases, suggest

NAMES = ["Mary Chan", "Peter Wong", "Grace Lau", "Chan Tai Man"]

ROUND_THE_TABLE = [
    ("S1", "Good morning, everyone. I am Mary Chan, and I will chair the meeting."),
    ("S2", "Good morning. Peter Wong, from the Finance Section."),
    ("S3", "Grace Lau, Training and Staff Development."),
]


def test_introductions_name_the_voices():
    assert suggest(ROUND_THE_TABLE, NAMES) == {
        "S1": "Mary Chan",
        "S2": "Peter Wong",
        "S3": "Grace Lau",
    }


def test_a_question_names_the_voice_that_answers_and_thanks_the_voice_before():
    turns = [
        ("S1", "Item two, the budget. Peter, can you give us the figures?"),
        ("S2", "Yes. We have spent half of the provision."),
        ("S1", "Thank you, Peter. Grace, please send the training plan by Friday."),
        ("S3", "Certainly. I will send it by Friday."),
        ("S1", "Item three. Peter."),
        ("S2", "The second half pays for the courses."),
        ("S3", "Thank you, Peter."),
    ]
    assert suggest(turns, NAMES) == {"S2": "Peter Wong"}  # Grace: one answer only
    assert suggest([*turns, ("S1", "Grace, could you add the dates?"), ("S3", "Yes.")], NAMES) == {
        "S2": "Peter Wong",
        "S3": "Grace Lau",
    }


def test_conflicting_or_shared_evidence_names_nobody():
    mixed = [("S1", "I am Mary Chan."), ("S1", "Peter Wong, from Finance.")]
    assert suggest(mixed, NAMES) == {}
    # Two voices both introduced as Mary: only the stronger evidence gets the name.
    twice = [
        ("S1", "I am Mary Chan."),
        ("S2", "I am Mary Chan."),
        ("S3", "Thank you, Mary."),
        ("S2", "Yes."),
    ]
    assert list(suggest(twice, NAMES).values()) == ["Mary Chan"]


def test_names_off_the_list_and_common_words_are_not_names():
    assert suggest([("S1", "I am John Smith, from Finance.")], NAMES) == {}
    turns = [("S1", "There is a grace period, please. Can you check?"), ("S2", "Yes.")] * 3
    assert suggest(turns, NAMES) == {}
    assert suggest([("S1", "Peter Wong, can you explain the figures?")], NAMES) == {}


def test_what_a_person_may_be_called():
    found = aliases(["Peter Wong", "Chan Tai Man", "陳大文", "Wong Siu Ming"])
    assert found["Peter"] == "Peter Wong" and found["Mr Chan"] == "Chan Tai Man"
    assert found["Tai Man"] == "Chan Tai Man" and found["大文"] == "陳大文"
    assert "Man" not in found  # one syllable of a name is a word
    assert "Wong" not in found and "Mr Wong" not in found  # Peter Wong and Wong Siu Ming


def test_chinese_introductions_and_thanks():
    turns = [("S1", "我係陳大文今日由我主持。"), ("S2", "多謝大文。"), ("S1", "好。")]
    assert suggest(turns, ["陳大文", "李小明"]) == {"S1": "陳大文"}


def test_attendee_lines_give_their_names():
    assert attendee_names(["Chan Tai Man, Chairman", "Lee Ka Yan（EO）", "Chan Tai Man"]) == [
        "Chan Tai Man",
        "Lee Ka Yan",
    ]


@pytest.mark.django_db
def test_the_speaker_step_names_voices_nobody_has_named(officer):
    meeting = Meeting.objects.create(
        owner=officer,
        title="Hotline review",
        held_on=date(2026, 11, 20),
        source="audio",
        attendees="Mary Chan, Chair\nPeter Wong, SEO\nGrace Lau, EO\n- Alan Ho, SITO",
    )
    for position, (label, text) in enumerate(
        [*ROUND_THE_TABLE, ("S4", "I am Alan Ho. Sorry I am late.")], start=1
    ):
        Segment.objects.create(meeting=meeting, position=position, speaker=label, text=text)
        Speaker.objects.create(meeting=meeting, label=label)
    Speaker.objects.filter(label="S3").update(name="Lau Ka Wing")  # a person named S3
    assert transcription._name_speakers(meeting) == 2
    assert dict(meeting.speakers.values_list("label", "name")) == {
        "S1": "Mary Chan",
        "S2": "Peter Wong",
        "S3": "Lau Ka Wing",
        "S4": "",  # sent apologies: not a name this meeting's voices may take
    }
