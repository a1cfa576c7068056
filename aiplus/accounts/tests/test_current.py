"""The signed-in user of a request."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from aiplus.accounts.current import signed_in


def test_a_signed_in_user_is_returned(officer):
    request = RequestFactory().get("/")
    request.user = officer
    assert signed_in(request) == officer


def test_an_anonymous_visitor_is_refused_even_without_login_required():
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with pytest.raises(PermissionDenied):
        signed_in(request)
