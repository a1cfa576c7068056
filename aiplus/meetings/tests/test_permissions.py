"""Every Smart Minutes URL for people with no organisation: a meeting's visibility depends on
its owner and its shares alone, so two users who both lack an organisation never see each
other's meetings (nothing compares one missing organisation with another)."""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.urls import get_resolver

from aiplus.accounts.roles import Role
from aiplus.meetings.models import (
    ActionItem,
    Meeting,
    Minutes,
    MinutesComment,
    MinutesJob,
    MinutesTemplate,
    Question,
    Segment,
    Speaker,
    TranscriptionJob,
)
from aiplus.notifications.models import Notification

pytestmark = pytest.mark.django_db

# Every URL of the app: (name, path under /en/meetings/, what it may take, what it changes).
VIEW, EDIT, MANAGE, OWN = "view", "edit", "manage", "own"
URLS = [
    ("index", "", "GET", OWN),
    ("new", "new/", "GET", OWN),
    ("captions", "captions/", "POST", OWN),  # tied to no meeting: nothing of anyone else
    ("actions", "actions/", "GET", OWN),
    ("action_done", "actions/{action}/done/", "POST", OWN),
    ("templates", "templates/", "GET", OWN),
    ("new_template", "templates/new/", "GET POST", OWN),
    ("edit_template", "templates/{template}/", "GET POST", OWN),
    ("delete_template", "templates/{template}/delete/", "POST", OWN),
    ("detail", "{uid}/", "GET", VIEW),
    ("name_speaker", "{uid}/speakers/", "POST", EDIT),
    ("edit_turn", "{uid}/turns/1/", "GET POST", EDIT),
    ("recording", "{uid}/recording/", "GET", VIEW),
    ("share", "{uid}/share/", "POST", MANAGE),
    ("unshare", "{uid}/share/{share}/remove/", "POST", MANAGE),
    ("start_minutes", "{uid}/minutes/", "POST", EDIT),
    ("ask", "{uid}/ask/", "POST", VIEW),
    ("ai_edit", "{uid}/minutes/{minutes}/ai-edit/", "POST", EDIT),
    ("minutes", "{uid}/minutes/{minutes}/", "GET POST", VIEW),
    ("approve", "{uid}/minutes/{minutes}/approve/", "POST", MANAGE),
    ("comment", "{uid}/minutes/{minutes}/comments/", "POST", VIEW),
    ("regenerate_section", "{uid}/minutes/{minutes}/section/", "POST", EDIT),
    ("resolve_comment", "{uid}/minutes/{minutes}/comments/{comment}/resolve/", "POST", EDIT),
    ("time_saved", "{uid}/minutes/{minutes}/time-saved/", "POST", MANAGE),
    ("send", "{uid}/minutes/{minutes}/send/", "POST", MANAGE),
    ("download", "{uid}/minutes/{minutes}/minutes.docx", "GET", VIEW),
    ("download", "{uid}/minutes/{minutes}/minutes.md", "GET", VIEW),
    ("download", "{uid}/minutes/{minutes}/minutes.pdf", "GET", VIEW),
]
# A form that would succeed at any of them if the view let it through.
ANYTHING = {
    "label": "SPEAKER_00",
    "name": "Mallory",
    "speaker": "SPEAKER_00",
    "new_speaker": "",
    "second_speaker": "",
    "text": "Taken over.",
    "who": "intruder",
    "can_edit": "1",
    "template": "formal",
    "language": "en",
    "question": "What was agreed?",
    "instruction": "Shorten it.",
    "saved": "over-2h",
    "done": "1",
    "section": "Action items",
}
MINUTES_TEXT = "# Budget\n\n## Action items\n\n| Action | Action by | Due |\n|---|---|---|\n"


def test_the_list_names_every_url_of_the_app():
    names = {pattern.name for pattern in get_resolver("aiplus.meetings.urls").url_patterns}
    assert names == {name for name, *_rest in URLS}


@pytest.fixture
def people(make_user):
    owner = make_user(Role.OFFICER, organisation=None)
    reader = make_user(Role.OFFICER, organisation=None)
    stranger = make_user(Role.OFFICER, organisation=None, username="intruder")
    assert owner.organisation_id is None and stranger.organisation_id is None
    return owner, reader, stranger


@pytest.fixture
def meeting(people):
    owner, reader, _stranger = people
    meeting = Meeting.objects.create(
        owner=owner,
        title="Budget",
        held_on=date(2026, 11, 20),
        source="audio",
        status="transcribed",
        attendees="Intruder",
    )
    meeting.recording.save("budget.wav", ContentFile(b"RIFF"), save=True)
    Speaker.objects.create(meeting=meeting, label="SPEAKER_00", name="Chair")
    Segment.objects.create(meeting=meeting, position=1, speaker="SPEAKER_00", text="We agree.")
    minutes = Minutes.objects.create(meeting=meeting, text=MINUTES_TEXT, status="draft")
    minutes.versions.create(number=1, text=MINUTES_TEXT)
    meeting.shares.create(user=reader, can_edit=False)
    minutes.comments.create(author=reader, text="Item 2 is missing.")
    MinutesTemplate.objects.create(owner=owner, name="Mine", sections=[{"title": "Risks"}])
    ActionItem.objects.create(meeting=meeting, minutes=minutes, task="Write", assignee=owner)
    return meeting


def _address(path: str, meeting: Meeting) -> str:
    minutes = meeting.minutes.get()
    return "/en/meetings/" + path.format(
        uid=meeting.uid,
        minutes=minutes.pk,
        share=meeting.shares.get().pk,
        action=meeting.actions.get().pk,
        comment=minutes.comments.earliest("pk").pk,
        template=MinutesTemplate.objects.get(owner=meeting.owner).pk,
    )


def _unchanged(meeting: Meeting, reader) -> None:
    minutes = meeting.minutes.get()
    assert minutes.text == MINUTES_TEXT and minutes.status == "draft"
    assert minutes.reported_minutes_saved is None and minutes.versions.count() == 1
    assert list(meeting.shares.values_list("user", "can_edit")) == [(reader.pk, False)]
    assert list(meeting.speakers.values_list("name", flat=True)) == ["Chair"]
    assert list(meeting.segments.values_list("speaker", "text")) == [("SPEAKER_00", "We agree.")]
    assert meeting.actions.get().status == "open"
    assert not MinutesComment.objects.filter(resolved_at__isnull=False).exists()
    assert not MinutesJob.objects.exists() and not Question.objects.exists()
    assert not Notification.objects.filter(kind="meetings.minutes").exists()


def test_a_user_without_an_organisation_finds_nothing_of_anothers_meeting(client, people, meeting):
    _owner, reader, stranger = people
    client.force_login(stranger)
    for name, path, methods, _kind in URLS:
        if "{" not in path:
            continue
        address = _address(path, meeting)
        if "GET" in methods:
            assert client.get(address).status_code == 404, name
        assert client.post(address, ANYTHING).status_code == 404, name
    assert MinutesTemplate.objects.get().name == "Mine"
    action = _address("actions/{action}/done/", meeting)
    assert client.post(action, {"done": "1"}).status_code == 404
    for page in ("", "actions/"):
        assert "Budget" not in client.get(f"/en/meetings/{page}").content.decode()
    assert MinutesComment.objects.count() == 1
    _unchanged(meeting, reader)


def test_their_jobs_and_answers_are_not_shown_to_a_user_without_an_organisation(
    client, people, meeting
):
    owner, _reader, stranger = people
    minutes = meeting.minutes.get()
    jobs = [
        TranscriptionJob.objects.create(meeting=meeting, started_by=owner),
        MinutesJob.objects.create(minutes=minutes, started_by=owner),
        Question.objects.create(meeting=meeting, question="Who?", started_by=owner),
    ]
    client.force_login(stranger)
    for job in jobs:
        assert client.get(job.progress_url).status_code == 404, job
    client.force_login(owner)
    for job in jobs:
        assert client.get(job.progress_url).status_code == 200, job


def test_a_user_without_an_organisation_works_on_their_own_meetings_only(client, people, meeting):
    owner, _reader, stranger = people
    Meeting.objects.create(
        owner=stranger, title="Stranger's own", held_on=date(2026, 11, 21), source="transcript"
    )
    client.force_login(owner)
    index = client.get("/en/meetings/").content.decode()
    assert "Budget" in index and "Stranger&#x27;s own" not in index
    assert "Write" in client.get("/en/meetings/actions/").content.decode()
    for name, path, methods, _kind in URLS:
        if "GET" in methods:
            assert client.get(_address(path, meeting)).status_code == 200, name
    client.post(_address("{uid}/speakers/", meeting), {"label": "SPEAKER_00", "name": "Chan"})
    assert meeting.speakers.get().name == "Chan"
    client.post(_address("{uid}/minutes/{minutes}/approve/", meeting))
    assert meeting.minutes.get().status == "approved"


def test_someone_it_is_shared_with_to_read_may_read_but_not_change_it(client, people, meeting):
    _owner, reader, _stranger = people
    client.force_login(reader)
    for name, path, methods, kind in URLS:
        if "{" not in path:
            continue
        address = _address(path, meeting)
        if kind == VIEW and "GET" in methods:
            assert client.get(address).status_code == 200, name
        if kind in (EDIT, MANAGE):
            assert client.post(address, ANYTHING).status_code == 403, name
    assert client.post(_address("{uid}/minutes/{minutes}/", meeting), ANYTHING).status_code == 403
    assert client.post(_address("actions/{action}/done/", meeting), ANYTHING).status_code == 404
    _unchanged(meeting, reader)
