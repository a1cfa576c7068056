"""Smart Minutes end to end through real requests: a transcript or a recording becomes a
meeting (the recording transcribed by the real small Whisper, resumably), minutes are drafted by
the real small language model, edited as versions, approved and exported; and a meeting is
nobody else's business."""

import io
import re
from datetime import date
from pathlib import Path

import docx
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from aiplus.accounts.roles import Role
from aiplus.audit.models import AuditEvent
from aiplus.core.jobs.runner import run_job
from aiplus.meetings import drafting, transcription
from aiplus.meetings.models import Meeting, Minutes, MinutesJob, Segment, TranscriptionJob
from aiplus.meetings.rendering import CITATION, render_minutes

pytestmark = pytest.mark.django_db
ASR = Path(settings.BASE_DIR).parent / "shared" / "data" / "asr"

VTT = """WEBVTT

00:00:01.000 --> 00:00:05.000
<v Chan Tai Man>Good morning. The first item is the hotline backlog.</v>

00:00:05.500 --> 00:00:09.000
<v Wong Siu Ming>The backlog of hotline enquiries fell by a third after the chatbot.</v>

00:00:09.500 --> 00:00:14.000
<v Chan Tai Man>Agreed. Wong Siu Ming will send the hotline report by Friday.</v>
"""


def details(**overrides):
    return {
        "title": "Hotline review",
        "held_on": "2026-11-20",
        "language": "en",
        "attendees": "Chan Tai Man, Chairman\nWong Siu Ming, SEO\n- Lee Ka Yan, EO",
        "agenda": "Hotline backlog",
        **overrides,
    }


def upload(client, name, content, **fields):
    return client.post(
        "/en/meetings/new/", {**details(**fields), "file": SimpleUploadedFile(name, content)}
    )


@pytest.fixture
def owner_client(client, officer):
    client.force_login(officer)
    return client


@pytest.fixture
def meeting(owner_client, officer):
    response = upload(owner_client, "teams.vtt", VTT.encode())
    assert response.status_code == 302
    return Meeting.objects.get(owner=officer)


def test_a_transcript_upload_becomes_a_meeting_with_speakers(owner_client, meeting):
    assert meeting.source == "transcript" and meeting.status == "transcribed"
    assert list(meeting.segments.values_list("position", "speaker")) == [
        (1, "Chan Tai Man"),
        (2, "Wong Siu Ming"),
        (3, "Chan Tai Man"),
    ]
    page = owner_client.get(meeting.get_absolute_url()).content.decode()
    assert 'id="turn-2"' in page and "fell by a third" in page
    # Naming a speaker once renames every turn of theirs.
    owner_client.post(
        f"/en/meetings/{meeting.uid}/speakers/", {"label": "Chan Tai Man", "name": "Chairman"}
    )
    page = owner_client.get(meeting.get_absolute_url()).content.decode()
    assert page.count("<strong>Chairman:</strong>") == 2


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.vtt", b"", "empty"),
        ("notes.mp3", b"these are not sounds at all " * 50, "could not be read as audio"),
        ("zero.wav", b"", "empty"),
        ("report.pdf", b"%PDF-1.4", "Upload a recording"),
        ("broken.json", b"{not json", "transcript"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_and_nothing_is_saved(
    owner_client, name, content, message
):
    response = upload(owner_client, name, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Meeting.objects.exists() and not Segment.objects.exists()


def test_cantonese_audio_needs_a_server_that_can_hear_it(owner_client):
    response = upload(
        owner_client,
        "clip.wav",
        (ASR / "librispeech-1995-1837-0001.wav").read_bytes(),
        language="yue",
    )
    assert "Cantonese speech recognition server" in response.content.decode()
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(
    "path",
    [
        "",
        "speakers/",
        "recording/",
        "minutes/{minutes}/",
        "minutes/{minutes}/minutes.docx",
        "minutes/{minutes}/minutes.md",
    ],
)
def test_another_user_finds_nothing_at_any_address_of_the_meeting(client, meeting, make_user, path):
    minutes = Minutes.objects.create(meeting=meeting, text="# Hotline review\n", status="draft")
    address = f"/en/meetings/{meeting.uid}/" + path.format(minutes=minutes.pk)
    for role in (Role.OFFICER, Role.ADMINISTRATOR, Role.EDITOR):
        client.force_login(make_user(role))
        expected = 405 if path == "speakers/" else 404  # a form's target only takes POST
        assert client.get(address).status_code == expected, (role, address)
        assert client.post(address, {"text": "taken", "label": "x", "name": "y"}).status_code == 404
    client.logout()
    assert client.get(address).status_code == 302  # to sign in
    minutes.refresh_from_db()
    assert minutes.text == "# Hotline review\n"


def test_the_job_progress_of_a_meeting_is_not_shown_to_others(client, officer, make_user):
    meeting = Meeting.objects.create(
        owner=officer, title="x", held_on=date(2026, 1, 1), source="audio"
    )
    job = TranscriptionJob.objects.create(meeting=meeting, started_by=officer)
    client.force_login(make_user(Role.OFFICER))
    assert client.get(job.progress_url).status_code == 404


def test_items_the_cited_turns_do_not_support_are_dropped(meeting):
    known = dict(drafting.transcript_lines(meeting))
    draft = drafting.Draft()
    drafting.read_part(
        {
            "points": [
                {
                    "item": 1,
                    "text": "The backlog of hotline enquiries fell by a third.",
                    "turns": [2],
                },
                {"item": 1, "text": "The budget for satellites was doubled.", "turns": [2]},
                {"item": 1, "text": "Hotline enquiries fell.", "turns": [99]},
            ],
            "decisions": "not a list",
            "actions": [
                {
                    "task": "Send the hotline report",
                    "owner": "Wong Siu Ming",
                    "due": "Friday",
                    "turns": [3],
                },
                {"task": "Buy a new building", "owner": "Chan", "due": "", "turns": [3]},
            ],
        },
        known,
        draft,
    )
    assert [p.text for p in draft.points] == ["The backlog of hotline enquiries fell by a third."]
    assert [(a.text, a.owner, a.due) for a in draft.actions] == [
        ("Send the hotline report", "Wong Siu Ming", "Friday")
    ]
    assert draft.dropped == 3


@pytest.mark.ai
def test_minutes_are_drafted_edited_approved_and_exported(owner_client, meeting, officer):
    response = owner_client.post(
        f"/en/meetings/{meeting.uid}/minutes/", {"template": "formal", "language": "en"}
    )
    minutes = Minutes.objects.get(meeting=meeting)
    assert response["Location"].endswith(f"/minutes/{minutes.pk}/")
    job = MinutesJob.objects.get(minutes=minutes)
    assert run_job(MinutesJob, job.pk).status == "done", job.error
    minutes.refresh_from_db()
    assert minutes.status == "draft"
    for heading in (
        "## Present",
        "## Absent with apologies",
        "## Hotline backlog",
        "## Action items",
    ):
        assert heading in minutes.text
    assert "- Lee Ka Yan, EO" in minutes.text
    assert minutes.versions.get().author is None  # drafted by the AI
    # Every citation the model kept points at a real turn.
    for citation in CITATION.findall(minutes.text):
        for number in re.findall(r"\d+", citation):
            assert meeting.segments.filter(position=int(number)).exists()

    page = owner_client.get(f"/en/meetings/{meeting.uid}/minutes/{minutes.pk}/")
    assert page.status_code == 200
    edited = minutes.text + "\nThe meeting ended at noon. [3]\n"
    owner_client.post(f"/en/meetings/{meeting.uid}/minutes/{minutes.pk}/", {"text": edited})
    minutes.refresh_from_db()
    assert minutes.text == edited.strip()
    assert list(minutes.versions.values_list("number", "author")) == [(2, officer.pk), (1, None)]

    owner_client.post(f"/en/meetings/{meeting.uid}/minutes/{minutes.pk}/approve/")
    minutes.refresh_from_db()
    assert minutes.status == "approved" and minutes.approved_by == officer
    owner_client.post(f"/en/meetings/{meeting.uid}/minutes/{minutes.pk}/", {"text": "gone"})
    minutes.refresh_from_db()
    assert "noon" in minutes.text  # approved minutes stay as they are

    exported = owner_client.get(f"/en/meetings/{meeting.uid}/minutes/{minutes.pk}/minutes.docx")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(exported.content)).paragraphs)
    assert "HOTLINE REVIEW" in text and "noon" in text
    assert AuditEvent.objects.filter(action="export", target__contains=str(meeting.uid)).exists()


def test_minutes_in_traditional_chinese_are_laid_out_in_chinese(meeting):
    draft = drafting.Draft(actions=[drafting.Item("Send the report", [3], owner="Wong", due="Fri")])
    from aiplus.meetings import layout

    text = layout.render(meeting, draft, template="formal", language="zh-hant")
    assert "## 出席者" in text and "## 跟進事項" in text
    assert "| Send the report [3] | Wong | Fri |" in text


def test_hostile_minutes_text_is_shown_as_text_and_citations_link_to_turns():
    html = render_minutes(
        "## Item\n- <script>alert(1)</script> said so [2, 3]\n| a | b |\n|---|---|\n| <b> | [4] |"
    )
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="#turn-2"' in html and 'href="#turn-3"' in html and 'href="#turn-4"' in html
    assert "<table>" in html and '<th scope="col">a</th>' in html


@pytest.mark.ai
def test_a_recording_is_transcribed_piece_by_piece_and_resumes_where_it_stopped(
    owner_client, officer, monkeypatch
):
    monkeypatch.setattr(transcription, "PIECE_SECONDS", 5.0)  # the 8.7 s clip in two pieces
    response = upload(
        owner_client, "clip.wav", (ASR / "librispeech-1995-1837-0001.wav").read_bytes()
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(owner=officer)
    assert meeting.status == "transcribing" and meeting.duration == pytest.approx(8.7, abs=0.2)
    job = TranscriptionJob.objects.get(meeting=meeting)
    # A worker splits the recording and transcribes the first piece, then dies.
    transcription.split_step(job)
    job.refresh_from_db()
    assert job.pieces == 2
    Segment.objects.create(meeting=meeting, piece=0, position=100_000, text="(kept)", start=0.0)
    job.pieces_done = [0]
    job.results = {"split": {"pieces": 2}}
    job.save()
    # The next worker resumes: piece 0 is not transcribed again.
    assert run_job(TranscriptionJob, job.pk).status == "done", job.error
    meeting.refresh_from_db()
    assert meeting.status == "transcribed"
    texts = list(meeting.segments.values_list("position", "text"))
    assert texts[0] == (1, "(kept)")
    assert len(texts) >= 2 and all(p == n for n, (p, _t) in enumerate(texts, start=1))
    page = owner_client.get(meeting.get_absolute_url()).content.decode()
    assert f"/en/meetings/{meeting.uid}/recording/" in page
    assert owner_client.get(f"/en/meetings/{meeting.uid}/recording/").status_code == 200
    assert AuditEvent.objects.filter(action="meeting_file").exists()
