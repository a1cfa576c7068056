"""Sign-in lockout: django-axes' lock per username and address, plus a higher limit per address.

django-axes compares every lockout parameter combination with the same AXES_FAILURE_LIMIT, so it
cannot lock a username from an address after 5 failures and the address itself only after 20.
This handler adds the second limit and leaves everything else (recording failures, the
locked-out page, the `user_locked_out` signal, resets) to django-axes.
"""

from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


class HubAxesHandler(AxesDatabaseHandler):
    """Once an address has failed AIPLUS_LOGIN_ADDRESS_FAILURE_LIMIT times within the cool-off,
    whatever the usernames, every sign-in from it counts as locked until the cool-off passes.
    A successful sign-in resets only that username's failures, so an attacker cannot clear the
    address's count with an account of their own."""

    def get_failures(self, request: Any, credentials: dict[str, Any] | None = None) -> int:
        failures: int = super().get_failures(request, credentials)
        limit = settings.AIPLUS_LOGIN_ADDRESS_FAILURE_LIMIT
        if limit and address_failures(request) >= limit:
            return max(failures, get_failure_limit(request, credentials))
        return failures


def address_failures(request: Any) -> int:
    """Failed sign-ins from the request's address within the cool-off, for any username."""
    attempts = AccessAttempt.objects.filter(ip_address=request.axes_ip_address)
    if settings.AXES_COOLOFF_TIME is not None:
        attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
    total = attempts.aggregate(total=Sum("failures_since_start"))["total"]
    return int(total or 0)
