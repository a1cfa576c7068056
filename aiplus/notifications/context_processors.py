from collections.abc import Callable
from functools import cache

from django.http import HttpRequest

from aiplus.notifications.selectors import unread_count


def notifications(request: HttpRequest) -> dict[str, Callable[[], int]]:
    """`unread_notification_count` for the site header. Nothing is read until a template uses
    it; then one indexed count for a signed-in user, and no query for anyone else."""

    @cache
    def count() -> int:
        return unread_count(user=getattr(request, "user", None))

    return {"unread_notification_count": count}
