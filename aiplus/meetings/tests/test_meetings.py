"""Smart Minutes end to end through real requests: a transcript or a recording becomes a
meeting (the recording transcribed by the real small Whisper, resumably), minutes are drafted by
the real small language model, edited as versions, approved and exported; and a meeting is
nobody else's business."""

import io
import json
from datetime import date
from pathlib import Path

import docx
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from aiplus.accounts.roles import Role
from aiplus.accounts.tests.factories import UserFactory
from aiplus.ai.values import ChatResult, Usage
from aiplus.audit.models import AuditEvent
from aiplus.core.jobs.runner import run_job
from aiplus.meetings import answers, drafting, transcription
from aiplus.meetings.models import (
    Meeting,
    Minutes,
    MinutesJob,
    MinutesSettings,
    Segment,
    TranscriptionJob,
)
from aiplus.meetings.rendering import cited_numbers, render_minutes

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
                {"item": 1, "text": "The backlog fell after the chatbot.", "turns": [1]},
                {"item": 1, "text": "Hotline enquiries fell.", "turns": [99]},
            ],
            "decisions": "not a list",
            "actions": [
                {
                    "task": "Send the hotline report",
                    "owner": "Siu Ming",  # shortened: the transcript's full name is used
                    "due": "Friday",
                    "turns": [3],
                },
                {"task": "Buy a new building", "owner": "Chan", "due": "", "turns": [3]},
            ],
        },
        known,
        draft,
    )
    assert [(p.text, p.turns) for p in draft.points] == [
        ("The backlog of hotline enquiries fell by a third.", [2]),
        ("The backlog fell after the chatbot.", [2]),  # cited [1]: a miscount, re-pointed
    ]
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
    assumption = MinutesSettings.load()
    assumption.writing_minutes_per_meeting_hour = 6000
    assumption.save()
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
    for number in cited_numbers(minutes.text):
        assert meeting.segments.filter(position=number).exists()

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
    assert minutes.processing_seconds > 0
    # 32 words, read at 130 a minute, times the assumption set below (6,000 minutes of
    # writing per hour of meeting, to give a number big enough to check).
    assert minutes.estimated_minutes_saved == round(32 / 130 / 60 * 6000)
    page = owner_client.get(f"/en/meetings/{meeting.uid}/minutes/{minutes.pk}/").content.decode()
    assert "About how much of your time did these minutes save?" in page
    owner_client.post(
        f"/en/meetings/{meeting.uid}/minutes/{minutes.pk}/time-saved/", {"saved": "30-60"}
    )
    minutes.refresh_from_db()
    assert minutes.reported_minutes_saved == 45

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
    assert render_minutes("- said [3-4]").count('class="cite"') == 2


@pytest.mark.parametrize(
    ("line", "cells"),
    [
        ("| Action | Action by | Due |", ["Action", "Action by", "Due"]),
        ("  |Send [3]|-| Fri |  ", ["Send [3]", "-", "Fri"]),
        ("| Tea | |", ["Tea", ""]),
        ("|---|---|---|", None),
        ("| :-- | :-: | --: |", None),
        ("|-|", None),
    ],
)
def test_a_markdown_table_line_is_its_cells_or_the_separator(line, cells):
    from aiplus.meetings.rendering import table_row

    assert table_row(line) == cells


def test_a_table_of_separators_only_is_left_out_of_the_page_and_the_word_file():
    from aiplus.meetings.export import docx_from_markdown

    text = "# Minutes\n\n|---|---|\n\nThe end."
    assert "<table>" not in render_minutes(text) and "<p>The end.</p>" in render_minutes(text)
    document = docx.Document(io.BytesIO(docx_from_markdown(text)))
    assert not document.tables
    table = docx.Document(io.BytesIO(docx_from_markdown("| a | b |\n|:-|-:|\n| 1 | 2 |"))).tables
    assert [[cell.text for cell in row.cells] for row in table[0].rows] == [["a", "b"], ["1", "2"]]


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
    assert meeting.speakers.exists()  # the one reader got a speaker label
    page = owner_client.get(meeting.get_absolute_url()).content.decode()
    assert f"/en/meetings/{meeting.uid}/recording/" in page
    assert "named a voice where the meeting says who it is" in page  # check the names
    assert owner_client.get(f"/en/meetings/{meeting.uid}/recording/").status_code == 200
    assert AuditEvent.objects.filter(action="meeting_file").exists()


def test_sharing_lets_someone_read_or_edit_but_only_the_owner_approves_and_shares(
    owner_client, meeting, make_user
):
    from django.test import Client

    from aiplus.notifications.models import Notification

    client = Client()  # the others' browser; owner_client stays signed in as the owner
    reader, editor = make_user(Role.OFFICER), make_user(Role.OFFICER)
    for user, can_edit in ((reader, "0"), (editor, "1")):
        owner_client.post(
            f"/en/meetings/{meeting.uid}/share/", {"who": user.email, "can_edit": can_edit}
        )
    assert Notification.objects.filter(recipient=reader, kind="meetings.shared").exists()
    minutes = Minutes.objects.create(meeting=meeting, text="# Draft\n", status="draft")
    base = f"/en/meetings/{meeting.uid}/"
    text_url = f"{base}minutes/{minutes.pk}/"

    client.force_login(reader)
    assert "Hotline review" in client.get("/en/meetings/").content.decode()
    assert client.get(base).status_code == 200
    assert client.get(text_url).status_code == 200
    opened = AuditEvent.objects.filter(actor=reader, action="meeting_opened")
    assert sorted(opened.values_list("target", flat=True)) == [
        f"meeting {meeting.uid}: minutes {minutes.pk}",
        f"meeting {meeting.uid}: transcript",
    ]
    assert client.get(f"{text_url}minutes.md").status_code == 200
    assert client.post(text_url, {"text": "changed"}).status_code == 403
    assert (
        client.post(f"{base}minutes/", {"template": "formal", "language": "en"}).status_code == 403
    )
    assert client.post(f"{text_url}approve/").status_code == 403
    assert client.post(f"{base}share/", {"who": "someone", "can_edit": "1"}).status_code == 403

    client.force_login(editor)
    assert client.post(text_url, {"text": "# Edited\n"}).status_code == 302
    assert client.post(f"{text_url}approve/").status_code == 403
    minutes.refresh_from_db()
    assert minutes.text == "# Edited" and minutes.status == "draft"

    share = meeting.shares.get(user=reader)
    owner_client.post(f"{base}share/{share.pk}/remove/")
    client.force_login(reader)
    assert client.get(base).status_code == 404


def test_sharing_with_nobody_known_says_so(owner_client, meeting):
    response = owner_client.post(
        f"/en/meetings/{meeting.uid}/share/",
        {"who": "nobody@example.org", "can_edit": "0"},
        follow=True,
    )
    assert "No hub user has that user name or e-mail address." in response.content.decode()
    assert not meeting.shares.exists()


@pytest.mark.ai
def test_the_command_drafts_minutes_from_a_file_without_the_database(tmp_path):
    from django.core.management import CommandError, call_command

    from aiplus.meetings.demo import SAMPLE

    out = io.StringIO()
    call_command(
        "minutes", str(SAMPLE), "--out", str(tmp_path), "--agenda", "Backlog;Pilot", stdout=out
    )
    assert out.getvalue().startswith("10 turns;")  # the last two turns are one speaker
    markdown = (tmp_path / "hotline-review.minutes.md").read_text(encoding="utf-8")
    assert "## Backlog" in markdown and "## Action items" in markdown
    assert (tmp_path / "hotline-review.transcript.txt").read_text().startswith("[1] Chan Tai-man:")
    docx.Document(str(tmp_path / "hotline-review.minutes.docx"))  # a real Word file
    assert not Meeting.objects.exists()
    with pytest.raises(CommandError, match="Not a recording or a transcript"):
        call_command("minutes", __file__, "--out", str(tmp_path))


def test_recordings_are_deleted_after_the_retention_period_with_a_warning_first(
    officer, settings, owner_client
):
    from datetime import timedelta

    from django.core.files.base import ContentFile

    from aiplus.meetings.retention import apply_retention
    from aiplus.notifications.models import Notification

    settings.AIPLUS_MEETING_RECORDING_DAYS, settings.AIPLUS_MEETING_RECORDING_WARNING_DAYS = 30, 3
    meeting = Meeting.objects.create(
        owner=officer, title="Old", held_on=date(2026, 1, 1), source="audio"
    )
    meeting.recording.save("old.wav", ContentFile(b"RIFF"), save=True)
    Segment.objects.create(meeting=meeting, position=1, text="kept")
    path = meeting.recording.path
    uploaded = meeting.created_at

    assert apply_retention(now=uploaded + timedelta(days=26)) == {"warned": 0, "deleted": 0}
    assert apply_retention(now=uploaded + timedelta(days=28)) == {"warned": 1, "deleted": 0}
    assert apply_retention(now=uploaded + timedelta(days=29)) == {"warned": 0, "deleted": 0}
    warning = Notification.objects.get(recipient=officer, kind="meetings.retention")
    assert (uploaded + timedelta(days=30)).date().isoformat() in warning.title
    assert Path(path).exists()

    assert apply_retention(now=uploaded + timedelta(days=31)) == {"warned": 0, "deleted": 1}
    assert apply_retention(now=uploaded + timedelta(days=32)) == {"warned": 0, "deleted": 0}
    meeting.refresh_from_db()
    assert not meeting.recording and meeting.recording_deleted_at and not Path(path).exists()
    assert meeting.segments.get().text == "kept"
    page = owner_client.get(meeting.get_absolute_url()).content.decode()
    assert "(retention period)" in page and "/recording/" not in page
    assert owner_client.get(f"/en/meetings/{meeting.uid}/recording/").status_code == 404


def test_a_turn_is_corrected_given_to_another_speaker_or_split_in_two(owner_client, meeting):
    url = f"/en/meetings/{meeting.uid}/turns/2/"
    assert "fell by a third" in owner_client.get(url).content.decode()
    response = owner_client.post(
        url,
        {
            "speaker": "__new__",
            "new_speaker": "Ho Wing Sze",
            "text": "The backlog fell by a third.\n\nAnd the chatbot helped.",
            "second_speaker": "Wong Siu Ming",
        },
    )
    assert response.status_code == 302
    turns = list(meeting.segments.values_list("position", "speaker", "text"))
    assert turns == [
        (1, "Chan Tai Man", "Good morning. The first item is the hotline backlog."),
        (2, "Ho Wing Sze", "The backlog fell by a third."),
        (3, "Wong Siu Ming", "And the chatbot helped."),
        (4, "Chan Tai Man", "Agreed. Wong Siu Ming will send the hotline report by Friday."),
    ]
    first, second = meeting.segments.filter(position__in=[2, 3]).order_by("position")
    assert first.start == 5.5 and first.end == second.start and second.end == 9.0
    assert meeting.speakers.filter(label="Ho Wing Sze").exists()

    # Once minutes cite the numbers, a split is refused; other corrections still work.
    Minutes.objects.create(meeting=meeting, text="- Said [3]\n", status="draft")
    response = owner_client.post(url, {"speaker": "Ho Wing Sze", "text": "One.\n\nTwo."})
    assert "can no longer be split" in response.content.decode()
    assert meeting.segments.count() == 4
    owner_client.post(url, {"speaker": "Chan Tai Man", "text": "The backlog fell."})
    assert meeting.segments.get(position=2).speaker == "Chan Tai Man"
    response = owner_client.post(url, {"speaker": "", "text": "a\n\nb\n\nc"})
    assert "one blank line" in response.content.decode()


def test_someone_who_may_only_read_cannot_correct_the_transcript(meeting, make_user, client):
    reader = make_user(Role.OFFICER)
    meeting.shares.create(user=reader, can_edit=False)
    client.force_login(reader)
    assert client.get(f"/en/meetings/{meeting.uid}/turns/1/").status_code == 403
    assert "turns/1/" not in client.get(meeting.get_absolute_url()).content.decode()


def test_questions_go_to_the_turns_that_share_their_words(meeting):
    from aiplus.meetings.questions import only_given, relevant_turns

    found = relevant_turns(meeting, "Who sends the hotline report, and by when?", limit=1)
    assert [position for position, _line in found] == [3]
    assert relevant_turns(meeting, "satellite budget") == []
    text, cited = only_given("It fell by a third [2]. The budget doubled [9, 2].", {2, 3})
    assert text == "It fell by a third [2]. The budget doubled [2]." and cited == [2]
    assert only_given("Invented [7].", {2}) == ("Invented .", [])
    assert only_given("A range [1-3].", {2, 3}) == ("A range [2, 3].", [2, 3])


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("said so [12, 14] and [3]", [12, 14, 3]),
        ("[3-5]", [3, 4, 5]),
        ("[2] then [2,3] then [3 - 4]", [2, 3, 4]),
        ("[1-900]", [1, 900]),  # too long a range to mean every turn in it
        ("[5-3]", [5, 3]),
        ("no citation (12), [a], [12a]", []),
    ],
)
def test_cited_numbers(text, numbers):
    from aiplus.meetings.rendering import cited_numbers

    assert cited_numbers(text) == numbers


@pytest.mark.ai
def test_asking_a_meeting_answers_from_its_turns_or_says_it_cannot(owner_client, meeting, officer):
    from aiplus.meetings.models import Question

    owner_client.post(f"/en/meetings/{meeting.uid}/ask/", {"question": "Who sends the report?"})
    job = Question.objects.get(meeting=meeting)
    assert run_job(Question, job.pk).status == "done", job.error
    job.refresh_from_db()
    # Whatever the small model wrote, only the turns it was given can be cited.
    assert set(job.cited) <= {1, 2, 3}
    assert job.cited or job.answer == "The transcript does not answer this question."
    page = owner_client.get(meeting.get_absolute_url()).content.decode()
    assert "Who sends the report?" in page
    # Someone else the meeting is shared with does not see the owner's questions.
    reader = Client()
    other = UserFactory()
    meeting.shares.create(user=other)
    reader.force_login(other)
    assert "Who sends the report?" not in reader.get(meeting.get_absolute_url()).content.decode()


@pytest.mark.ai
def test_an_ai_edit_is_a_new_version_or_changes_nothing(owner_client, meeting):
    from aiplus.meetings.editing import acceptable

    text = "# Review\n\n## Item\n\n- The backlog fell [2].\n- Report by Friday [3].\n"
    minutes = Minutes.objects.create(meeting=meeting, text=text, status="draft")
    minutes.versions.create(number=1, text=text)
    owner_client.post(
        f"/en/meetings/{meeting.uid}/minutes/{minutes.pk}/ai-edit/",
        {"instruction": "Use formal English."},
    )
    job = MinutesJob.objects.get(minutes=minutes)
    finished = run_job(MinutesJob, job.pk)
    minutes.refresh_from_db()
    if finished.status == "done":
        assert acceptable(text, minutes.text)
        assert minutes.versions.get(number=2).note == "AI edit: Use formal English."
    else:
        assert minutes.text == text and minutes.versions.count() == 1
        assert "nothing was changed" in finished.error or "too long" in finished.error
    assert minutes.status == "draft"
    assert not acceptable(text, "# Review\n\n- The backlog fell.\n")  # a heading and citations lost


def test_every_change_is_the_next_version_of_the_minutes(meeting, officer):
    from aiplus.meetings.services import add_version, edit_minutes

    minutes = Minutes.objects.create(meeting=meeting, text="", status="draft")
    drafted = add_version(minutes=minutes, text="# A\n", note="drafted")
    edited = edit_minutes(minutes=minutes, user=officer, text="# B\n", note="x" * 300)
    by_ai = add_version(minutes=minutes, text="# C\n", note="AI edit: shorter")
    assert [v.number for v in (drafted, edited, by_ai)] == [1, 2, 3]
    assert (edited.author, len(edited.note), by_ai.author) == (officer, 200, None)
    minutes.refresh_from_db()
    assert minutes.text == "# C\n"
    minutes.versions.filter(number=2).delete()
    assert add_version(minutes=minutes, text="# D\n").number == 4  # after the highest


def test_a_draft_step_run_again_keeps_one_drafted_version(meeting, monkeypatch):
    minutes = Minutes.objects.create(meeting=meeting, template="summary", language="en")
    job = MinutesJob.objects.create(minutes=minutes)

    class Model:
        name = "scripted"

    monkeypatch.setattr(drafting, "get_chat_model", Model)
    monkeypatch.setattr(drafting, "draft_minutes", lambda meeting, **options: drafting.Draft())
    drafting.draft_step(job)
    drafting.draft_step(job)  # as when the worker died before the job stored the step's result
    minutes.refresh_from_db()
    assert minutes.status == "draft" and "## Summary" in minutes.text
    assert list(minutes.versions.values_list("number", "note")) == [(1, "drafted")]


def test_the_version_history_shows_what_each_version_changed(owner_client, meeting, officer):
    minutes = Minutes.objects.create(meeting=meeting, text="# A\n\n- one [1]\n", status="draft")
    minutes.versions.create(number=1, text=minutes.text)
    owner_client.post(
        f"/en/meetings/{meeting.uid}/minutes/{minutes.pk}/", {"text": "# A\n\n- one [1]\n- two [2]"}
    )
    page = owner_client.get(f"/en/meetings/{meeting.uid}/minutes/{minutes.pk}/").content.decode()
    assert "+- two [2]" in page


def test_an_answer_cut_off_at_the_token_limit_keeps_its_finished_items():
    whole = (
        '{"actions": [{"task": "Send the report", "owner": "Wong", "due": "Friday", "turns": [3]}],'
        ' "decisions": [{"item": 1, "text": "The backlog target stays", "turns": [2]}],'
        ' "points": [{"item": 1, "text": "The backlog fell", "turns": [2]}, {"item": 1, "te'
    )
    data = answers.read_json("Here is the JSON: " + whole)
    assert [a["task"] for a in data["actions"]] == ["Send the report"]
    assert [d["text"] for d in data["decisions"]] == ["The backlog target stays"]
    assert [p["text"] for p in data["points"]] == ["The backlog fell"]
    assert answers.read_json("no JSON at all") == {}
    assert answers.read_json('{"actions": [{"task": "Half') == {}


def test_items_said_twice_or_only_naming_an_agenda_item_are_left_out(meeting):
    known = dict(drafting.transcript_lines(meeting))
    known[4] = "[4] Chan Tai Man: Agreed. The backlog of hotline enquiries fell by a third."
    draft = drafting.Draft()
    backlog = "The backlog of hotline enquiries fell by a third."
    for _part in range(2):  # overlapping parts repeat each other
        drafting.read_part(
            {
                "points": [
                    {"item": 1, "text": backlog, "turns": [2]},
                    {
                        "item": 2,
                        "text": "The backlog of hotline enquiries fell by a third",
                        "turns": [2],
                    },
                    {"item": 1, "text": "Hotline backlog", "turns": sorted(known)},
                ],
                "decisions": [{"item": 1, "text": f"{backlog} ", "turns": [4]}],
                "actions": [
                    {"task": "Send the hotline report", "owner": "Chan", "turns": [3]},
                    {"task": "Send the hotline report.", "owner": "Chan", "turns": [3]},
                ],
            },
            known,
            draft,
            agenda=["Hotline backlog"],
        )
    assert draft.points == []  # the decision says it
    assert [(d.text, d.agenda_item) for d in draft.decisions] == [(backlog, 1)]
    assert [a.text for a in draft.actions] == ["Send the hotline report"]


def test_items_are_filed_by_the_words_they_come_from(meeting):
    known = dict(drafting.transcript_lines(meeting))
    known[4] = "[4] Lee Ka Yan: Chan Tai Man, could you book the hall by Monday?"
    known[5] = "[5] Chan Tai Man: Yes, Lee Ka Yan, I will book the hall by Monday."
    known[6] = "[6] Chan Tai Man: We have decided to publish the figures in both languages."
    known[7] = "[7] Wong Siu Ming: The new word list for fees helped a lot."
    draft = drafting.Draft()
    drafting.read_part(
        {
            "points": [],
            "decisions": [
                # Said, not decided: kept as a point discussed.
                {"item": 1, "text": "The backlog fell by a third after the chatbot.", "turns": [2]}
            ],
            "actions": [
                # The model took the person spoken to for the owner.
                {"task": "Book the hall", "owner": "Lee Ka Yan", "due": "Monday", "turns": [5]},
                # A decision filed as a task.
                {"task": "Publish the figures in both languages", "owner": "", "turns": [6]},
                # A fact made into a task: no words give it out.
                {"task": "Prepare the new word list for fees", "owner": "Wong", "turns": [7]},
            ],
        },
        known,
        draft,
    )
    assert [p.text for p in draft.points] == ["The backlog fell by a third after the chatbot."]
    assert [d.text for d in draft.decisions] == ["Publish the figures in both languages"]
    assert [(a.text, a.owner, a.due) for a in draft.actions] == [
        ("Book the hall", "Chan Tai Man", "Monday")
    ]
    assert draft.dropped == 1


def test_an_item_citing_many_turns_keeps_those_that_hold_its_words():
    known = {n: f"[{n}] A: Weather and lunch, item {n}." for n in range(1, 30)}
    known[7] = "[7] A: The hotline backlog fell by a third after the chatbot began."
    known[8] = "[8] B: Yes, the chatbot answers most calls now."
    text = "The hotline backlog fell by a third after the chatbot began."
    assert drafting.cited_turns(text, sorted(known), known) == [7, 8]
    assert drafting.cited_turns(text, [7, 8, 9], known) == [7, 8, 9]  # few: kept as given


def test_an_item_numbered_far_off_cites_the_turn_it_comes_from_among_those_read():
    known = {n: f"[{n}] A: Weather and lunch, item {n}." for n in range(1, 80)}
    known[12] = "[12] B: Then the meeting agreed to raise the training budget to 1.2 million."
    text = "The meeting agreed to raise the training budget to 1.2 million."
    assert drafting.cited_turns(text, [70], known) == []  # nothing nearby holds it
    assert drafting.cited_turns(text, [70], known, read=range(1, 80)) == [12]
    assert drafting.cited_turns(text, [70], known, read=range(20, 80)) == []  # not read
    # Far off, a turn must hold most of the item's words, not a few of them.
    assert drafting.cited_turns("Training is not yet decided", [70], known, range(1, 80)) == []
    assert drafting.turns_in("[3] A: one\n...\n[12] B: two [7]") == [3, 12]


def test_an_item_does_not_keep_the_speaker_label_the_model_copied():
    names = ["Mary Chan", "S2"]
    assert drafting.unlabelled(" Mary Chan: We agreed.", names) == "We agreed."
    assert drafting.unlabelled("s2: Noted.", names) == "Noted."
    assert drafting.unlabelled("Note: the budget rose.", names) == "Note: the budget rose."


def test_points_under_no_agenda_item_go_under_the_agendas_own_other_business(meeting):
    from aiplus.meetings import layout

    meeting.agenda = "Hotline backlog\nAny other business"
    draft = drafting.Draft(
        points=[
            drafting.Item("The backlog fell", [2], agenda_item=1),
            drafting.Item("The canteen reopens", [3], agenda_item=7),  # beyond the agenda
        ]
    )
    text = layout.render(meeting, draft, template="formal", language="en")
    assert text.count("## Any other business") == 1
    after = text.split("## Any other business", 1)[1]
    assert "The canteen reopens [3]" in after.split("## ", 1)[0]
    meeting.agenda = "Hotline backlog"
    text = layout.render(meeting, draft, template="formal", language="en")
    assert text.count("## Any other business") == 1 and "The canteen reopens [3]" in text


class _Asked:
    """A chat model that translates a question from a table and answers with the turn it is
    given that speaks of a report, keeping the prompts."""

    name = "scripted"
    context_tokens = 4096

    def __init__(self, table: dict[str, str]) -> None:
        self.table = table
        self.prompts: list[str] = []

    def chat(self, messages, *, max_tokens=512, temperature=0.2, json_schema=None):
        prompt = messages[-1].content
        self.prompts.append(prompt)
        if json_schema is not None:  # a translation
            question = prompt.rsplit("\n\n", 1)[1].split(". ", 1)[1]
            return ChatResult(text=json.dumps({"texts": [self.table[question]]}), usage=Usage(1, 1))
        turns = prompt.split("Turns:\n", 1)[1].split("\n\n", 1)[0].splitlines()
        line = next(line for line in turns if "report" in line)
        return ChatResult(text=f"{line.split(': ', 1)[1]} [{line[1]}]", usage=Usage(1, 1))

    def count_tokens(self, text: str) -> int:
        return len(text.split())


def test_a_question_in_chinese_finds_the_turns_of_an_english_meeting(meeting):
    from aiplus.meetings.questions import answer

    model = _Asked({"誰負責寄出熱線報告？": "Who will send the hotline report?"})
    text, cited = answer(meeting, "誰負責寄出熱線報告？", model=model, language="zh-hant")
    assert cited == [3] and "send the hotline report" in text
    translation, asked = model.prompts
    assert "誰負責寄出熱線報告？" in translation
    # The model is given the turns the translation found, the question as it was asked, and
    # the reader's language.
    assert "[3] Chan Tai Man" in asked and "Question: 誰負責寄出熱線報告？" in asked
    assert "Answer in Traditional Chinese." in asked
    # A question in the transcript's language is not translated.
    model = _Asked({})
    answer(meeting, "Who sends the hotline report?", model=model)
    assert len(model.prompts) == 1
