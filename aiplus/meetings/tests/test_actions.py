"""Action items: from approved minutes to tracked tasks, reminders and matters arising."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from aiplus.accounts.roles import Role
from aiplus.meetings import actions, layout, services
from aiplus.meetings.drafting import Draft
from aiplus.meetings.models import ActionItem, Meeting, Minutes
from aiplus.notifications.models import Notification

pytestmark = pytest.mark.django_db

TABLE = """# Review

## Action items

| Action | Action by | Due |
|---|---|---|
| Draft standard replies [4, 5] | Lee Ka-yan | 15 December |
| Prepare 200 anonymised questions [7-8] | Nobody Known | 2027-01-08 |
| Write to the privacy officer | - | - |
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-15", date(2026, 12, 15)),
        ("by 15/12/2026", date(2026, 12, 15)),
        ("15 December", date(2026, 12, 15)),
        ("December 15th", date(2026, 12, 15)),
        ("the 3rd of Jan", date(2027, 1, 3)),  # no year: the first one after the meeting
        ("12月15日", date(2026, 12, 15)),
        ("next Friday", None),
        ("31 February", None),
        ("", None),
    ],
)
def test_due_dates_are_read_from_what_people_wrote(text, expected):
    assert actions.parse_due(text, after=date(2026, 11, 20)) == expected


def test_the_action_table_is_read_as_the_owner_left_it():
    assert actions.table_rows(TABLE) == [
        ("Draft standard replies", "Lee Ka-yan", "15 December", [4, 5]),
        ("Prepare 200 anonymised questions", "Nobody Known", "2027-01-08", [7, 8]),
        ("Write to the privacy officer", "", "", []),
    ]


@pytest.fixture
def approved(officer, make_user):
    lee = make_user(Role.OFFICER, first_name="Ka-yan", last_name="Lee")
    meeting = Meeting.objects.create(
        owner=officer, title="Hotline review", held_on=date(2026, 11, 20), source="transcript"
    )
    minutes = Minutes.objects.create(meeting=meeting, text=TABLE, status="draft")
    services.approve_minutes(minutes=minutes, user=officer)
    return meeting, lee


def test_approving_minutes_tracks_their_actions_and_tells_the_people_named(approved, officer):
    _meeting, lee = approved
    items = list(ActionItem.objects.order_by("pk"))
    assert [(i.task, i.assignee, i.due_on) for i in items] == [
        ("Draft standard replies", lee, date(2026, 12, 15)),
        ("Prepare 200 anonymised questions", None, date(2027, 1, 8)),
        ("Write to the privacy officer", None, None),
    ]
    assert Notification.objects.filter(recipient=lee, kind="meetings.action").count() == 1


def test_my_actions_lists_mine_and_marks_them_done_but_not_others(approved, officer, make_user):
    _meeting, lee = approved
    client = Client()
    client.force_login(lee)
    page = client.get("/en/meetings/actions/").content.decode()
    assert "Draft standard replies" in page and "Prepare 200" not in page
    item = ActionItem.objects.get(assignee=lee)
    client.post(f"/en/meetings/actions/{item.pk}/done/", {"done": "1"})
    item.refresh_from_db()
    assert item.status == "done" and item.done_at
    # The owner sees every action of the meeting; a stranger can touch none.
    client.force_login(officer)
    assert "Prepare 200" in client.get("/en/meetings/actions/").content.decode()
    client.force_login(make_user(Role.OFFICER))
    other = ActionItem.objects.exclude(assignee=lee).first()
    assert client.post(f"/en/meetings/actions/{other.pk}/done/", {"done": "1"}).status_code == 404


def test_reminders_go_once_to_whoever_holds_each_action_due(approved, officer):
    _meeting, lee = approved
    on_the_eve = timezone.make_aware(timezone.datetime(2026, 12, 14, 8, 0))
    assert actions.remind_due(now=on_the_eve) == 1
    assert actions.remind_due(now=on_the_eve + timedelta(hours=1)) == 0
    assert Notification.objects.filter(recipient=lee, title__startswith="Action due").exists()


@pytest.mark.usefixtures("approved")
def test_open_actions_are_carried_into_the_next_meeting_as_matters_arising(officer):
    ActionItem.objects.filter(task="Write to the privacy officer").update(status="done")
    later = Meeting.objects.create(
        owner=officer, title="Hotline review", held_on=date(2027, 1, 8), source="transcript"
    )
    text = layout.render(later, Draft(), template="formal", language="en")
    arising = text.split("## Matters arising from previous meetings", 1)[1].split("##", 1)[0]
    assert "Draft standard replies (Lee Ka-yan, 15 December)" in arising
    assert "Prepare 200 anonymised questions" in arising
    assert "privacy officer" not in arising


def test_approved_minutes_are_sent_to_the_attendees_who_are_hub_users(officer, make_user):
    from aiplus.meetings.models import Share

    lee = make_user(Role.OFFICER, first_name="Ka-yan", last_name="Lee")
    wong = make_user(Role.OFFICER, first_name="Siu-ming", last_name="Wong")
    meeting = Meeting.objects.create(
        owner=officer,
        title="Hotline review",
        held_on=date(2026, 11, 20),
        source="transcript",
        # A post after a Chinese comma or in brackets is not part of the name either.
        attendees="Lee Ka-yan, EO\nSomeone Unknown, SEO\n- Wong Siu-ming，SEO（IT）",
    )
    minutes = Minutes.objects.create(meeting=meeting, text=TABLE, status="draft")
    with pytest.raises(services.MeetingError, match="Only approved"):
        services.send_minutes(minutes=minutes, by=officer)
    services.approve_minutes(minutes=minutes, user=officer)
    assert services.send_minutes(minutes=minutes, by=officer) == [lee, wong]
    note = Notification.objects.get(recipient=lee, kind="meetings.minutes")
    assert note.title == "Minutes: Hotline review"
    assert Share.objects.filter(meeting=meeting, user=lee).exists()  # the link opens for them
