"""Visits and briefings on request: B/D asks, DPO proposes, B/D confirms, and the visit is an
event for that B/D alone. Other B/Ds never see the request."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from aiplus.accounts.models import Organisation
from aiplus.accounts.roles import Role
from aiplus.events.models import Event, VisitRequest
from aiplus.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_a_visit_goes_from_request_to_an_event_for_that_bd_alone(make_user):
    fehd = Organisation.objects.get(code="FEHD")
    asker = make_user(Role.OFFICER, organisation=fehd)
    colleague = make_user(Role.OFFICER, organisation=fehd)
    outsider = make_user(Role.OFFICER, organisation=Organisation.objects.get(code="CSB"))
    editor = make_user(Role.EDITOR)
    officer, dpo, other = Client(), Client(), Client()
    officer.force_login(asker)
    dpo.force_login(editor)
    other.force_login(outsider)

    officer.post(
        "/en/events/requests/",
        {
            "kind": "visit",
            "topics": "AI for hawker licensing enquiries",
            "preferred_dates": "any Tuesday morning in January",
            "audience_size": "40",
        },
    )
    request = VisitRequest.objects.get()
    assert request.organisation == fehd
    assert Notification.objects.filter(recipient=editor, kind="events.visit").exists()
    address = f"/en/events/requests/{request.pk}/"
    assert other.get(address).status_code == 404
    assert "hawker" not in other.get("/en/events/requests/").content.decode()

    start = timezone.localtime() + timedelta(days=40)
    assert (
        officer.post(
            address, {"start": "2027-01-12T10:00", "end": "2027-01-12T11:00", "venue": "x"}
        ).status_code
        == 403
    )
    dpo.post(
        address,
        {
            "start": start.strftime("%Y-%m-%dT10:00"),
            "end": start.strftime("%Y-%m-%dT11:30"),
            "venue": "FEHD Headquarters",
        },
    )
    request.refresh_from_db()
    assert request.status == "proposed"
    assert Notification.objects.filter(recipient=asker, kind="events.visit").exists()

    assert other.post(f"{address}answer/", {"action": "confirm"}).status_code == 404
    colleague_client = Client()
    colleague_client.force_login(colleague)
    colleague_client.post(f"{address}answer/", {"action": "confirm"})
    request.refresh_from_db()
    event = request.event
    assert request.status == "confirmed" and event.kind == Event.Kind.VISIT
    assert list(event.organisations.all()) == [fehd] and event.capacity == 40
    assert colleague_client.get(f"/en/events/{event.pk}/").status_code == 200
    assert other.get(f"/en/events/{event.pk}/").status_code == 404


def test_a_bd_can_ask_for_another_date_or_withdraw(make_user):
    fehd = Organisation.objects.get(code="FEHD")
    asker = make_user(Role.OFFICER, organisation=fehd)
    request = VisitRequest.objects.create(
        kind="briefing",
        organisation=fehd,
        requested_by=asker,
        topics="Smart Minutes",
        preferred_dates="soon",
        audience_size=10,
        status="proposed",
        proposed_start=timezone.now() + timedelta(days=3),
        proposed_end=timezone.now() + timedelta(days=3, hours=1),
    )
    client = Client()
    client.force_login(asker)
    client.post(f"/en/events/requests/{request.pk}/answer/", {"action": "another"})
    request.refresh_from_db()
    assert request.status == "requested"
    client.post(f"/en/events/requests/{request.pk}/answer/", {"action": "withdraw"})
    request.refresh_from_db()
    assert request.status == "withdrawn"
    response = client.post(
        f"/en/events/requests/{request.pk}/answer/", {"action": "confirm"}, follow=True
    )
    assert "There is no proposed date to confirm." in response.content.decode()


def test_someone_without_a_bd_cannot_ask(make_user):
    client = Client()
    client.force_login(make_user(Role.OFFICER, organisation=None))
    assert (
        client.post(
            "/en/events/requests/",
            {"kind": "visit", "topics": "x", "preferred_dates": "y", "audience_size": "5"},
        ).status_code
        == 403
    )
    assert not VisitRequest.objects.exists()
