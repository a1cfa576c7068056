"""Reads. A user only ever reaches their own notifications: every query here starts from the
recipient."""

from collections.abc import Iterable

from django.conf import settings
from django.db.models import QuerySet

from aiplus.accounts.models import AnyUser, User
from aiplus.notifications.kinds import Kind
from aiplus.notifications.models import Notification, NotificationPreference


def inbox(*, user: AnyUser) -> QuerySet[Notification]:
    """The user's notifications, newest first (none for an anonymous user)."""
    if not isinstance(user, User) or not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")


def unread(*, user: AnyUser) -> QuerySet[Notification]:
    return inbox(user=user).filter(read_at__isnull=True)


def unread_count(*, user: AnyUser | None) -> int:
    """One indexed count; 0 for an anonymous user, without a query."""
    if not isinstance(user, User) or not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def preferences_for(*, user: User) -> NotificationPreference:
    """The user's preferences, or the defaults (unsaved) if they never changed them."""
    try:
        return NotificationPreference.objects.get(user=user)
    except NotificationPreference.DoesNotExist:
        return NotificationPreference(user=user)


def preferences_by_user(*, users: Iterable[User]) -> dict[int, NotificationPreference]:
    """Preferences of many users in one query; defaults (unsaved) for those without a row."""
    users = list(users)
    saved = {
        preference.user_id: preference
        for preference in NotificationPreference.objects.filter(user__in=users)
    }
    return {user.pk: saved.get(user.pk) or NotificationPreference(user=user) for user in users}


def preferred_language(preference: NotificationPreference) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    return preference.language if preference.language in codes else settings.LANGUAGE_CODE


def wants_email(preference: NotificationPreference, kind: Kind) -> bool:
    """E-mail for this kind: off when the user switched e-mail off altogether, otherwise their
    choice for the kind, otherwise the kind's default."""
    if not preference.email_enabled:
        return False
    choice = (preference.email_kinds or {}).get(kind.name)
    return kind.email_by_default if choice is None else bool(choice)
