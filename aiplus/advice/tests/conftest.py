"""People around an advice request: the requester, a colleague in the same B/D, an officer of
another B/D, a user with no organisation, and DPO's advisor."""

import pytest

from aiplus.accounts.roles import Role
from aiplus.accounts.tests.factories import OrganisationFactory
from aiplus.advice import services


@pytest.fixture
def bd(db):
    return OrganisationFactory(code="FEHD-T", name="Food Test Department")


@pytest.fixture
def requester(make_user, bd):
    return make_user(Role.OFFICER, organisation=bd)


@pytest.fixture
def colleague(make_user, bd):
    return make_user(Role.OFFICER, organisation=bd)


@pytest.fixture
def outsider(make_user):
    """An officer of another B/D."""
    return make_user(Role.OFFICER)


@pytest.fixture
def loner(make_user):
    """An officer with no organisation recorded."""
    return make_user(Role.OFFICER, organisation=None)


@pytest.fixture
def advisor(make_user):
    return make_user(Role.ADVISOR)


@pytest.fixture
def ask():
    def make(user, **fields):
        data = {"title": "Hotline enquiries", "workflow": "Officers answer the phone."}
        return services.submit_request(requester=user, **{**data, **fields})

    return make


@pytest.fixture
def advice_request(ask, requester):
    return ask(requester)
