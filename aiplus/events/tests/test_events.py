"""Events through real requests and services: registration with capacity and waitlist,
audience rules, calendar files, organiser tools and notifications."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from aiplus.accounts.models import Organisation
from aiplus.accounts.roles import Role
from aiplus.events import services
from aiplus.events.models import Event, Registration
from aiplus.notifications.models import Notification

pytestmark = pytest.mark.django_db
Status = Registration.Status


def make_event(**fields) -> Event:
    start = timezone.now() + timedelta(days=10)
    values = {
        "kind": Event.Kind.SEMINAR,
        "title": "AI for hotlines",
        "title_zh_hant": "熱線人工智能",
        "starts_at": start,
        "ends_at": start + timedelta(hours=2),
        "live": True,
        **fields,
    }
    return Event.objects.create(**values)


def test_places_then_waitlist_and_the_first_waiting_is_promoted(make_user):
    event = make_event(capacity=2)
    first, second, third, fourth = (make_user(Role.OFFICER) for _ in range(4))
    assert services.register(event=event, user=first).status == Status.CONFIRMED
    assert services.register(event=event, user=second).status == Status.CONFIRMED
    assert services.register(event=event, user=third).status == Status.WAITLISTED
    assert services.register(event=event, user=fourth).status == Status.WAITLISTED
    promoted = services.cancel(registration=event.registrations.get(user=first), user=first)
    assert promoted.user == third and promoted.status == Status.CONFIRMED
    promotion = Notification.objects.get(recipient=third, title__startswith="A place is yours")
    assert promotion.link.endswith(f"/events/{event.pk}/")
    # Leaving the waitlist promotes nobody; coming back puts one at the back of the queue.
    services.cancel(registration=event.registrations.get(user=fourth), user=fourth)
    assert services.register(event=event, user=first).status == Status.WAITLISTED
    assert list(
        event.registrations.filter(status=Status.WAITLISTED).values_list("user", flat=True)
    ) == [first.pk]


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("twice", "already registered"),
        ("after the deadline", "closed"),
        ("not directorate", "not open to you"),
        ("other B/D", "not open to you"),
        ("draft", "closed"),
        ("cancelled", "closed"),
    ],
)
def test_registrations_that_are_refused(make_user, case, message):
    user = make_user(Role.OFFICER, organisation=Organisation.objects.get(code="CSB"))
    event = {
        "twice": lambda: make_event(),
        "after the deadline": lambda: make_event(
            registration_deadline=timezone.now() - timedelta(minutes=1)
        ),
        "not directorate": lambda: make_event(audience=Event.Audience.DIRECTORATE),
        "other B/D": lambda: _chosen_event("DPO"),
        "draft": lambda: make_event(live=False),
        "cancelled": lambda: make_event(cancelled=True),
    }[case]()
    if case == "twice":
        services.register(event=event, user=user)
    with pytest.raises(services.RegistrationError, match=message):
        services.register(event=event, user=user)
    assert event.registrations.filter(status=Status.CONFIRMED).count() == (
        1 if case == "twice" else 0
    )


def _chosen_event(code: str) -> Event:
    event = make_event(audience=Event.Audience.CHOSEN, kind=Event.Kind.VISIT)
    event.organisations.set([Organisation.objects.get(code=code)])
    return event


def test_a_directorate_officer_may_register_for_a_directorate_event(make_user):
    event = make_event(audience=Event.Audience.DIRECTORATE)
    boss = make_user(Role.OFFICER, is_directorate=True)
    assert services.register(event=event, user=boss).status == Status.CONFIRMED


def test_nobody_cancels_someone_elses_registration(make_user, client):
    event = make_event()
    owner, other = make_user(Role.OFFICER), make_user(Role.OFFICER)
    registration = services.register(event=event, user=owner)
    with pytest.raises(services.RegistrationError):
        services.cancel(registration=registration, user=other)
    client.force_login(other)
    assert client.post(f"/en/events/{event.pk}/cancel/").status_code == 404
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_a_visit_for_one_bd_is_hidden_from_the_others(make_user, client):
    visit = _chosen_event("DPO")
    client.force_login(make_user(Role.OFFICER, organisation=Organisation.objects.get(code="CSB")))
    assert client.get(f"/en/events/{visit.pk}/").status_code == 404
    assert "AI for hotlines" not in client.get("/en/events/").content.decode()
    client.force_login(make_user(Role.OFFICER, organisation=Organisation.objects.get(code="DPO")))
    assert client.get(f"/en/events/{visit.pk}/").status_code == 200
    client.logout()
    assert client.get(f"/en/events/{visit.pk}/").status_code == 404


def test_the_register_button_and_the_confirmation_with_its_calendar_file(make_user, client):
    event = make_event(capacity=1, online_url="https://meet.example.org/x")
    officer = make_user(Role.OFFICER)
    client.force_login(officer)
    page = client.get(f"/zh-hant/events/{event.pk}/").content.decode()
    assert "熱線人工智能" in page and "https://meet.example.org/x" not in page
    client.post(f"/en/events/{event.pk}/register/")
    page = client.get(f"/en/events/{event.pk}/").content.decode()
    assert "Place confirmed" in page and "https://meet.example.org/x" in page
    note = Notification.objects.get(recipient=officer, title__startswith="Your place is confirmed")
    delivery = note.email_delivery
    assert delivery is None or any(a["name"] == "event.ics" for a in delivery.attachments)


def test_the_calendar_file_has_hong_kong_time_an_alarm_and_a_sequence(make_user):
    event = make_event(online_url="https://meet.example.org/x", venue="Tamar")
    calendar = Calendar.from_ical(Client().get(f"/en/events/{event.pk}/event.ics").content)
    entry = calendar.walk("VEVENT")[0]
    assert entry["DTSTART"].dt == event.starts_at.replace(microsecond=0)
    assert str(entry["DTSTART"].params["TZID"]) == "Asia/Hong_Kong"
    assert calendar.walk("VTIMEZONE") and calendar.walk("VALARM")
    assert "https://meet.example.org/x" in str(entry["LOCATION"])
    assert int(entry["SEQUENCE"]) == 0
    user = make_user(Role.OFFICER)
    services.register(event=event, user=user)
    assert services.event_changed(event=event, cancelled=True) == 1
    calendar = Calendar.from_ical(Client().get(f"/en/events/{event.pk}/event.ics").content)
    entry = calendar.walk("VEVENT")[0]
    assert int(entry["SEQUENCE"]) == 1 and str(entry["STATUS"]) == "CANCELLED"
    assert Notification.objects.filter(recipient=user, title__startswith="Cancelled:").exists()


def test_organisers_see_attendees_export_them_and_check_people_in(make_user, client):
    event = make_event()
    officer, editor = make_user(Role.OFFICER), make_user(Role.EDITOR)
    registration = services.register(event=event, user=officer)
    client.force_login(officer)
    assert client.get(f"/en/events/{event.pk}/attendees/").status_code == 403
    assert client.get(f"/en/events/check-in/{registration.token}/").status_code == 403
    # The officer's own check-in code is theirs alone.
    assert client.get(f"/en/events/mine/{registration.pk}/code.svg").status_code == 200
    client.force_login(make_user(Role.OFFICER))
    assert client.get(f"/en/events/mine/{registration.pk}/code.svg").status_code == 404

    client.force_login(editor)
    exported = client.get(f"/en/events/{event.pk}/attendees/?format=csv")
    assert officer.email in b"".join(exported.streaming_content).decode()
    client.post(f"/en/events/check-in/{registration.token}/")
    registration.refresh_from_db()
    assert registration.attended_at is not None
    again = client.post(f"/en/events/check-in/{registration.token}/").content.decode()
    assert "already before this scan" in again


def test_past_events_show_attendance_counted_or_reported(make_user, client):
    past = make_event(
        starts_at=timezone.now() - timedelta(days=3),
        ends_at=timezone.now() - timedelta(days=3) + timedelta(hours=2),
        attendance_reported=120,
    )
    page = client.get("/en/events/past/").content.decode()
    assert "AI for hotlines" in page and "<td>120</td>" in page
    Registration.objects.create(
        event=past,
        user=make_user(Role.OFFICER),
        status=Status.CONFIRMED,
        attended_at=timezone.now(),
    )
    assert "<td>1</td>" in client.get("/en/events/past/").content.decode()


def test_a_reminder_goes_once_the_day_before(make_user):
    event = make_event(
        starts_at=timezone.now() + timedelta(hours=20), ends_at=timezone.now() + timedelta(hours=22)
    )
    user = make_user(Role.OFFICER)
    services.register(event=event, user=user)
    assert services.remind_tomorrow() == 1
    assert services.remind_tomorrow() == 0
    assert Notification.objects.filter(recipient=user, title__startswith="Tomorrow:").count() == 1


def test_events_are_listed_in_the_api_and_exports_as_the_caller_may_see_them(make_user, client):
    make_event(title="Open seminar")
    visit = _chosen_event("DPO")
    visit.title = "DPO visit"
    visit.save()
    listed = [e["title"] for e in client.get("/api/v1/events").json()]
    assert listed == ["Open seminar"]
    client.force_login(make_user(Role.OFFICER, organisation=Organisation.objects.get(code="DPO")))
    assert {e["title"] for e in client.get("/api/v1/events").json()} == {
        "Open seminar",
        "DPO visit",
    }
    exported = b"".join(client.get("/en/events/?format=csv").streaming_content).decode()
    assert exported.lstrip("\ufeff").startswith("id,kind,series,title")
    assert "DPO visit" in exported
    assert client.get("/api/v1/events?when=past").json() == []


def test_feedback_after_the_event_from_those_who_had_a_place(make_user, client):
    event = make_event()
    attendee, outsider = make_user(Role.OFFICER), make_user(Role.OFFICER)
    services.register(event=event, user=attendee)
    with pytest.raises(services.RegistrationError, match="when the event has ended"):
        services.give_feedback(event=event, user=attendee, rating=5)
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - timedelta(hours=3), ends_at=timezone.now() - timedelta(hours=1)
    )
    event.refresh_from_db()
    with pytest.raises(services.RegistrationError, match="had a place"):
        services.give_feedback(event=event, user=outsider, rating=5)
    client.force_login(attendee)
    client.post(f"/en/events/{event.pk}/feedback/", {"rating": "4", "comment": "Useful"})
    client.post(f"/en/events/{event.pk}/feedback/", {"rating": "9"})
    assert list(event.feedback.values_list("rating", "comment")) == [(4, "Useful")]
    assert "4.0 out of 5 (1 ratings)" in client.get(f"/en/events/{event.pk}/").content.decode()


def test_materials_show_on_the_event_and_the_resource_for_those_who_may_see_them(make_user, client):
    from aiplus.resources.tests.test_visibility import make_resource

    event = make_event()
    public = make_resource("Forum slides", "public")
    secret = make_resource("Speaker notes", "restricted")
    event.materials.set([public, secret])
    page = client.get(f"/en/events/{event.pk}/").content.decode()
    assert "Forum slides" in page and "Speaker notes" not in page
    resource_page = client.get(f"/en/resources/{public.pk}/").content.decode()
    assert "Presented at" in resource_page and "AI for hotlines" in resource_page
