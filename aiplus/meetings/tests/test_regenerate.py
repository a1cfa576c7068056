"""One section of draft minutes written again by the model, as a job: only that section
changes (hand edits elsewhere stay), its statements cite the turns that support them, and the
result is the next version by the AI with its diff in the history."""

import json
from datetime import date

import pytest

from aiplus.accounts.roles import Role
from aiplus.ai.values import ChatResult, Usage
from aiplus.core.jobs.runner import run_job
from aiplus.meetings import drafting, layout, regenerate
from aiplus.meetings.models import Meeting, Minutes, MinutesJob, Segment
from aiplus.meetings.rendering import cited_numbers
from aiplus.meetings.sections import body, headings, replace_body

pytestmark = pytest.mark.django_db

TURNS = [
    ("Chan Tai Man", "Good morning. The first item is the hotline backlog."),
    ("Wong Siu Ming", "The backlog of hotline enquiries fell by a third after the chatbot."),
    ("Chan Tai Man", "Agreed. Wong Siu Ming will send the hotline report by Friday."),
    ("Lee Ka Yan", "On the second item, the new office opens in March."),
]


class Scripted:
    """A chat model that gives one set answer and keeps the temperatures it was asked for."""

    name = "scripted"
    context_tokens = 4096

    def __init__(self, answer: dict) -> None:
        self.answer = json.dumps(answer)
        self.temperatures: list[float] = []

    def chat(self, messages, *, max_tokens=512, temperature=0.2, json_schema=None):
        self.temperatures.append(temperature)
        return ChatResult(text=self.answer, usage=Usage(10, 10))

    def count_tokens(self, text: str) -> int:
        return len(text.split())


@pytest.fixture
def meeting(officer):
    meeting = Meeting.objects.create(
        owner=officer,
        title="Hotline review",
        held_on=date(2026, 11, 20),
        source="transcript",
        attendees="Chan Tai Man, Chairman\nWong Siu Ming, SEO",
        agenda="Hotline backlog\nNew office",
    )
    for number, (speaker, text) in enumerate(TURNS, start=1):
        Segment.objects.create(meeting=meeting, position=number, speaker=speaker, text=text)
    return meeting


@pytest.fixture
def minutes(meeting):
    first = drafting.Draft(
        points=[
            drafting.Item("The Chairman opened the item on the hotline.", [1], agenda_item=1),
            drafting.Item("The new office opens in March.", [4], agenda_item=2),
        ],
        actions=[drafting.Item("Send the hotline report", [3], owner="Wong Siu Ming")],
    )
    text = layout.render(meeting, first, template="formal", language="en")
    # A hand edit in another section, which writing one section again must keep.
    text = text.replace("The new office opens in March.", "The office opens on 3 March.")
    minutes = Minutes.objects.create(meeting=meeting, text=text, status="draft")
    minutes.versions.create(number=1, text=text)
    return minutes


def test_the_sections_the_model_writes_can_be_written_again(minutes):
    assert regenerate.regenerable(minutes) == ["Hotline backlog", "New office", "Action items"]
    assert "Present" in headings(minutes.text)


def test_a_section_is_replaced_and_every_other_line_kept():
    text = "# T\n\n## A\n\n- one [1]\n\n## B\n\n- two [2]\n"
    assert (
        replace_body(text, "A", ["", "- new [3]"])
        == "# T\n\n## A\n\n- new [3]\n\n## B\n\n- two [2]\n"
    )
    assert replace_body(text, "B", ["", "- last"]) == "# T\n\n## A\n\n- one [1]\n\n## B\n\n- last\n"
    assert body(text, "C") is None


def test_one_section_is_written_again_as_a_new_version(
    client, officer, meeting, minutes, monkeypatch
):
    model = Scripted(
        {
            "points": [
                {
                    "item": 1,
                    "text": "Mr Wong said that the backlog of hotline enquiries fell by a third.",
                    "turns": [2],
                },
                {"item": 1, "text": "The satellites were sold.", "turns": [2]},  # unsupported
                {"item": 2, "text": "The new office opens in March.", "turns": [4]},
            ],
            "decisions": [{"item": 1, "text": "The chatbot stays in use.", "turns": [99]}],
            "actions": [],
        }
    )
    monkeypatch.setattr(regenerate, "get_chat_model", lambda: model)
    before = minutes.text
    client.force_login(officer)
    page = client.get(f"/en/meetings/{meeting.uid}/minutes/{minutes.pk}/").content.decode()
    assert "Write one section again" in page and '<option value="Hotline backlog">' in page
    response = client.post(
        f"/en/meetings/{meeting.uid}/minutes/{minutes.pk}/section/", {"section": "Hotline backlog"}
    )
    assert response.status_code == 302
    job = MinutesJob.objects.get(minutes=minutes)
    assert job.section == "Hotline backlog" and job.status == "queued"
    page = client.get(f"/en/meetings/{meeting.uid}/minutes/{minutes.pk}/").content.decode()
    assert f'id="job-{job.pk}"' in page  # its progress is shown
    assert run_job(MinutesJob, job.pk).status == "done"
    # Every call (the reading, and the second reading of turn 3's decision) at that warmth.
    assert model.temperatures == [regenerate.TEMPERATURE] * 2
    minutes.refresh_from_db()
    section = "\n".join(body(minutes.text, "Hotline backlog") or [])
    assert "fell by a third. [2]" in section
    assert "satellites" not in section and "chatbot stays" not in section
    assert "The Chairman opened" not in section
    # Every other section is exactly as it was, the hand edit included.
    for heading in headings(before):
        if heading != "Hotline backlog":
            assert body(minutes.text, heading) == body(before, heading), heading
    assert "The office opens on 3 March." in minutes.text
    assert set(cited_numbers(section)) <= {1, 2, 3, 4}
    version = minutes.versions.get(number=2)
    assert version.author is None and version.note == "AI: wrote again “Hotline backlog”"
    page = client.get(f"/en/meetings/{meeting.uid}/minutes/{minutes.pk}/").content.decode()
    assert "+- Mr Wong said that the backlog" in page  # the diff in the version history
    assert "-- The Chairman opened the item" in page


def test_a_section_the_model_finds_nothing_for_says_so(meeting, minutes, monkeypatch, officer):
    monkeypatch.setattr(
        regenerate,
        "get_chat_model",
        lambda: Scripted({"points": [], "decisions": [], "actions": []}),
    )
    job = MinutesJob.objects.create(minutes=minutes, section="Action items", started_by=officer)
    assert run_job(MinutesJob, job.pk).status == "done"
    minutes.refresh_from_db()
    assert body(minutes.text, "Action items") == ["", "No action items were recorded."]
    assert "The Chairman opened the item on the hotline." in minutes.text


def test_a_section_that_is_gone_or_not_the_models_is_refused(client, officer, meeting, minutes):
    client.force_login(officer)
    address = f"/en/meetings/{meeting.uid}/minutes/{minutes.pk}/section/"
    page = client.post(address, {"section": "Present"}, follow=True).content.decode()
    assert "Choose a section the AI writes." in page
    assert not MinutesJob.objects.exists()
    # A job whose section was renamed by hand after it was queued changes nothing.
    job = MinutesJob.objects.create(minutes=minutes, section="New office", started_by=officer)
    text = minutes.text.replace("## New office", "## Premises")
    Minutes.objects.filter(pk=minutes.pk).update(text=text)
    finished = run_job(MinutesJob, job.pk)
    assert finished.status == "failed" and "no longer in the draft" in finished.error
    minutes.refresh_from_db()
    assert minutes.text == text and minutes.status == "draft" and minutes.versions.count() == 1


def test_only_those_who_may_edit_write_a_section_again(client, meeting, minutes, make_user):
    reader, editor, stranger = (make_user(Role.OFFICER) for _ in range(3))
    meeting.shares.create(user=reader)
    meeting.shares.create(user=editor, can_edit=True)
    address = f"/en/meetings/{meeting.uid}/minutes/{minutes.pk}/section/"
    client.force_login(stranger)
    assert client.post(address, {"section": "Action items"}).status_code == 404
    client.force_login(reader)
    assert client.post(address, {"section": "Action items"}).status_code == 403
    page = client.get(f"/en/meetings/{meeting.uid}/minutes/{minutes.pk}/").content.decode()
    assert "Write one section again" not in page
    assert not MinutesJob.objects.exists()
    client.force_login(editor)
    assert client.post(address, {"section": "Action items"}).status_code == 302
    assert MinutesJob.objects.get().started_by == editor


@pytest.mark.ai
def test_the_small_model_writes_a_section_again(officer, meeting, minutes):
    job = MinutesJob.objects.create(minutes=minutes, section="Hotline backlog", started_by=officer)
    finished = run_job(MinutesJob, job.pk)
    assert finished.status == "done", finished.error
    minutes.refresh_from_db()
    for number in cited_numbers("\n".join(body(minutes.text, "Hotline backlog") or [])):
        assert 1 <= number <= 4
    assert "The office opens on 3 March." in minutes.text
    assert body(minutes.text, "Present") == ["", "- Chan Tai Man, Chairman", "- Wong Siu Ming, SEO"]


def test_a_section_of_a_long_meeting_is_written_from_the_turns_near_those_it_cites(
    officer, monkeypatch
):
    meeting = Meeting.objects.create(
        owner=officer,
        title="Long review",
        held_on=date(2026, 11, 20),
        source="transcript",
        agenda="Hotline backlog\nNew office",
    )
    for number in range(1, 121):
        text = f"Turn {number}: the district figures for month {number} were read out in full."
        Segment.objects.create(meeting=meeting, position=number, speaker="Chan", text=text)
    draft = drafting.Draft(
        points=[
            drafting.Item("The district figures for month 60 were read out.", [60], agenda_item=1),
            drafting.Item("Nothing else.", [], agenda_item=2),
        ]
    )
    text = layout.render(meeting, draft, template="formal", language="en")
    minutes = Minutes.objects.create(meeting=meeting, text=text, status="draft")
    model = Scripted({"points": [], "decisions": [], "actions": []})
    model.context_tokens = 1300  # a part holds about twenty of these turns
    prompts: list[str] = []
    chat = model.chat

    def keeping(messages, **options):
        prompts.append(messages[-1].content)
        return chat(messages, **options)

    model.chat = keeping
    drafting.compose(minutes, model=model)
    parts_for_all = len(prompts)
    assert parts_for_all >= 4

    prompts.clear()
    monkeypatch.setattr(regenerate, "get_chat_model", lambda: model)
    job = MinutesJob.objects.create(minutes=minutes, started_by=officer, section="Hotline backlog")
    assert run_job(MinutesJob, job.pk).status == "done"
    read = " ".join(prompts)
    assert len(prompts) < parts_for_all
    assert "[60] Chan:" in read and "[52] Chan:" in read and "[68] Chan:" in read
    assert "[51] Chan:" not in read and "[69] Chan:" not in read and "[1] Chan:" not in read
