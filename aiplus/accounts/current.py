"""The signed-in user of a request, typed, for views behind `login_required`."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from aiplus.accounts.models import User


def signed_in(request: HttpRequest) -> User:
    """The request's user. A view that calls this must require sign-in; if one ever does not,
    an anonymous visitor is refused (403) rather than passed on (an assert would be skipped
    under `python -O`)."""
    if not isinstance(request.user, User) or not request.user.is_authenticated:
        raise PermissionDenied
    return request.user
