"""Fixtures shared by every app's tests."""

import pytest

from aiplus.accounts.roles import Role
from aiplus.accounts.tests.factories import UserFactory


@pytest.fixture(autouse=True)
def english_by_default():
    """Requests activate their URL's language in this thread; start every test from English."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (the footer's links are cached, for example)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def make_user(db):
    def make(role: Role | None = None, **kwargs):
        return UserFactory(roles=[role] if role else [], **kwargs)

    return make


@pytest.fixture
def officer(make_user):
    return make_user(Role.OFFICER)


@pytest.fixture
def editor(make_user):
    return make_user(Role.EDITOR)


@pytest.fixture
def administrator(make_user):
    return make_user(Role.ADMINISTRATOR)


@pytest.fixture
def home_page(db):
    from aiplus.pages.demo import ensure_home_page

    return ensure_home_page()
