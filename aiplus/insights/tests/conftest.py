"""Two B/Ds under one bureau, another bureau, and the people around them."""

from datetime import date, datetime, time

import pytest
from django.utils import timezone

from aiplus.accounts.models import Organisation
from aiplus.accounts.roles import Role
from aiplus.accounts.tests.factories import OrganisationFactory

DAY = date(2025, 3, 10)


def at(day: date = DAY, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


@pytest.fixture
def bureau(db):
    return OrganisationFactory(code="TB-B", name="Test Bureau", kind=Organisation.Kind.BUREAU)


@pytest.fixture
def department(bureau):
    return OrganisationFactory(code="TD-D", name="Test Department", parent=bureau)


@pytest.fixture
def other(db):
    return OrganisationFactory(code="OB-B", name="Other Bureau", kind=Organisation.Kind.BUREAU)


@pytest.fixture
def dept_officer(make_user, department):
    return make_user(Role.OFFICER, organisation=department)


@pytest.fixture
def bureau_officer(make_user, bureau):
    return make_user(Role.OFFICER, organisation=bureau)


@pytest.fixture
def other_officer(make_user, other):
    return make_user(Role.OFFICER, organisation=other)


@pytest.fixture
def advisor(make_user, other):
    return make_user(Role.ADVISOR, organisation=other)
