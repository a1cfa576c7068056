"""Many people registering at the same moment never get more places than there are."""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import connections
from django.utils import timezone

from aiplus.accounts.roles import Role
from aiplus.events import services
from aiplus.events.models import Event, Registration

PEOPLE, PLACES, WORKERS = 500, 100, 16


@pytest.mark.django_db(transaction=True)
def test_500_simultaneous_registrations_for_100_places(make_user):
    start = timezone.now() + timedelta(days=5)
    event = Event.objects.create(
        kind=Event.Kind.FORUM,
        title="Popular forum",
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        capacity=PLACES,
        live=True,
    )
    users = [make_user(Role.OFFICER) for _ in range(PEOPLE)]

    def register(user) -> str:
        try:
            return services.register(event=event, user=user).status
        finally:
            connections.close_all()  # each worker thread has its own connection

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        statuses = list(pool.map(register, users))

    assert statuses.count("confirmed") == PLACES
    assert statuses.count("waitlisted") == PEOPLE - PLACES
    confirmed = Registration.objects.filter(event=event, status="confirmed")
    assert confirmed.count() == PLACES
    assert Registration.objects.filter(event=event).count() == PEOPLE  # nobody twice
