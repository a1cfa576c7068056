"""Comments on draft minutes: everyone the meeting is shared with comments (on the minutes or
one section) and reads the others' comments; the owner and editors resolve them; the owner is
told; hostile text stays text; anyone else finds nothing."""

from datetime import date

import pytest

from aiplus.accounts.roles import Role
from aiplus.meetings.models import Meeting, Minutes, MinutesComment
from aiplus.notifications.models import Notification

pytestmark = pytest.mark.django_db
TEXT = "# Budget\n\n## Present\n\n- Chan\n\n## Hotline backlog\n\n- The backlog fell. [1]\n"


@pytest.fixture
def setting(make_user):
    owner = make_user(Role.OFFICER)
    reader = make_user(Role.OFFICER)
    editor = make_user(Role.OFFICER)
    stranger = make_user(Role.OFFICER)
    meeting = Meeting.objects.create(
        owner=owner, title="Budget", held_on=date(2026, 11, 20), source="transcript"
    )
    meeting.shares.create(user=reader, can_edit=False)
    meeting.shares.create(user=editor, can_edit=True)
    minutes = Minutes.objects.create(meeting=meeting, text=TEXT, status="draft")
    base = f"/en/meetings/{meeting.uid}/minutes/{minutes.pk}/"
    return owner, reader, editor, stranger, minutes, base


def test_a_reader_comments_on_a_section_and_the_owner_is_told(client, setting):
    owner, reader, editor, _stranger, _minutes, base = setting
    client.force_login(reader)
    response = client.post(
        base + "comments/", {"section": "Hotline backlog", "text": "Say by how much it fell."}
    )
    comment = MinutesComment.objects.get()
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    assert (comment.author, comment.section) == (reader, "Hotline backlog")
    told = Notification.objects.get(kind="meetings.comment")
    assert told.recipient == owner and "Budget" in told.title
    assert told.link.endswith(f"#comment-{comment.pk}")
    # The editor sees it, and comments on the whole minutes; the owner is told again.
    client.force_login(editor)
    page = client.get(base).content.decode()
    assert "Say by how much it fell." in page and "on “Hotline backlog”" in page
    client.post(base + "comments/", {"section": "", "text": "Looks right otherwise."})
    assert Notification.objects.filter(kind="meetings.comment", recipient=owner).count() == 2
    # The owner's own comment tells nobody.
    client.force_login(owner)
    client.post(base + "comments/", {"text": "Thanks both."})
    assert MinutesComment.objects.count() == 3
    assert Notification.objects.filter(kind="meetings.comment").count() == 2


def test_the_owner_and_editors_resolve_comments_a_reader_cannot(client, setting):
    owner, reader, editor, _stranger, minutes, base = setting
    comment = minutes.comments.create(author=reader, text="Typo in item 2.")
    address = base + f"comments/{comment.pk}/resolve/"
    client.force_login(reader)
    assert client.post(address).status_code == 403
    assert "Mark resolved" not in client.get(base).content.decode()
    client.force_login(editor)
    assert client.post(address, {"resolved": "1"}).status_code == 302
    comment.refresh_from_db()
    assert comment.resolved_by == editor and comment.resolved_at is not None
    page = client.get(base).content.decode()
    assert "comment--resolved" in page and "Open again" in page
    client.force_login(owner)
    client.post(address, {"resolved": "0"})
    comment.refresh_from_db()
    assert comment.resolved_at is None and comment.resolved_by is None


def test_a_stranger_finds_no_comments_and_cannot_add_or_resolve_one(client, setting):
    _owner, reader, _editor, stranger, minutes, base = setting
    comment = minutes.comments.create(author=reader, text="Private remark.")
    client.force_login(stranger)
    assert client.get(base).status_code == 404
    assert client.post(base + "comments/", {"text": "Let me in."}).status_code == 404
    assert client.post(base + f"comments/{comment.pk}/resolve/").status_code == 404
    assert MinutesComment.objects.count() == 1
    assert not MinutesComment.objects.filter(resolved_at__isnull=False).exists()
    client.logout()
    assert client.post(base + "comments/", {"text": "Anonymous."}).status_code == 302  # sign in
    assert MinutesComment.objects.count() == 1


def test_a_comment_of_another_meetings_minutes_is_not_found(client, setting, make_user):
    owner, _reader, _editor, _stranger, _minutes, base = setting
    other = Meeting.objects.create(
        owner=make_user(Role.OFFICER), title="Other", held_on=date(2026, 1, 1), source="transcript"
    )
    foreign = Minutes.objects.create(meeting=other, text=TEXT, status="draft")
    comment = foreign.comments.create(text="Not yours.")
    client.force_login(owner)
    assert client.post(base + f"comments/{comment.pk}/resolve/").status_code == 404


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"text": "   "}, "This field is required."),
        ({"text": "x" * 2001}, "at most 2000 characters"),
        ({"text": "Fine.", "section": "Not a heading"}, "not one of the available choices"),
    ],
)
def test_a_bad_comment_is_refused_with_a_message(client, setting, fields, message):
    _owner, reader, _editor, _stranger, _minutes, base = setting
    client.force_login(reader)
    page = client.post(base + "comments/", fields, follow=True).content.decode()
    assert message in page
    assert not MinutesComment.objects.exists()


def test_hostile_text_in_a_comment_is_shown_as_text(client, setting):
    _owner, reader, _editor, _stranger, _minutes, base = setting
    client.force_login(reader)
    client.post(base + "comments/", {"text": '<script>alert("x")</script><img src=x onerror=y>'})
    page = client.get(base).content.decode()
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_approved_minutes_take_no_more_comments(client, setting):
    _owner, reader, _editor, _stranger, minutes, base = setting
    minutes.comments.create(author=reader, text="Earlier remark.")
    Minutes.objects.filter(pk=minutes.pk).update(status="approved")
    client.force_login(reader)
    page = client.post(base + "comments/", {"text": "Too late."}, follow=True).content.decode()
    assert "Comments are made on a draft." in page
    assert "Earlier remark." in page and "Add the comment" not in page
    assert MinutesComment.objects.count() == 1
