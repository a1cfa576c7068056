"""Writes: making notifications, marking them read, changing preferences, and delivering the
e-mail copies.

An app tells users something with `notify()`. Each recipient gets an inbox row at once and,
if their preferences allow, an e-mail in their own language, sent by a task once the caller's
transaction commits (nothing is sent if it rolls back). A failed send is logged and retried
with growing delays; it never reaches the request that called `notify()`."""

import logging
import smtplib
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Q
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation
from django.utils.functional import Promise

from aiplus.accounts.models import User
from aiplus.notifications import kinds
from aiplus.notifications.emails import (
    Attachment,
    build_message,
    check_attachments,
    check_link,
    render_email,
)
from aiplus.notifications.models import EmailDelivery, Notification, NotificationPreference
from aiplus.notifications.selectors import (
    preferences_by_user,
    preferences_for,
    preferred_language,
    wants_email,
)

logger = logging.getLogger(__name__)
Status = EmailDelivery.Status

# After a passing failure, wait this long before the next attempt (the last delay repeats).
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
)
# A delivery claimed longer ago than this lost its worker in the middle of sending.
SENDING_STALE_AFTER = timedelta(minutes=10)
# A queued delivery that no worker has claimed this long after it was due is queued again.
QUEUE_GRACE = timedelta(minutes=2)
# The e-mail copy of a sent notification is kept this long (for questions about delivery).
SENT_KEPT_FOR = timedelta(days=30)

__all__ = [
    "Attachment",
    "mark_all_read",
    "mark_read",
    "notify",
    "prune_sent_emails",
    "retry_due_emails",
    "send_email_delivery",
    "update_preferences",
]


# --- Making notifications -------------------------------------------------------------------


def notify(
    *,
    recipients: Iterable[User],
    kind: str,
    subject: str | Promise,
    body: str | Promise = "",
    template: str = "",
    html_template: str = "",
    context: Mapping[str, Any] | None = None,
    url: str | None = None,
    attachments: Sequence[Attachment] = (),
    send_email: bool = True,
) -> list[Notification]:
    """Notify each recipient: an inbox row always, an e-mail if their preferences allow.

    Text is written in each recipient's preferred language, so pass lazy translations
    (`gettext_lazy`) or templates, never text already translated for the current request:

    - `subject`: the title of the inbox row and the e-mail's subject;
    - `body` (a lazy string) or `template` (a plain-text template): the message;
    - `html_template`: optional HTML for the e-mail (otherwise the body's paragraphs);
    - `context`: interpolated into `subject` and `body` like `_("... %(name)s") % context`,
      and given to the templates with `recipient`. A callable value is called in the
      recipient's language (as templates do), e.g. `lambda: localise(event, "title")`;
    - `url`: where the notification leads, a path on the hub (switched to each reader's
      language) or an http(s) address;
    - `attachments`: files for the e-mail, e.g. `Attachment("invite.ics", text, "text/calendar")`;
    - `send_email=False`: inbox only, whatever the preferences.

    Raises `kinds.UnknownKind` for an unregistered kind and ValueError for a bad link or
    attachment. Returns the inbox rows, one per distinct recipient."""
    registered = kinds.get(kind)
    if body and template:
        raise ValueError("Give the message as `body` or as `template`, not both")
    link = check_link(url or "")
    stored_attachments = check_attachments(tuple(attachments))
    users = _distinct_users(recipients)
    if not users:
        return []
    preferences = preferences_by_user(users=users)
    now = timezone.now()
    notifications: list[Notification] = []
    deliveries: list[EmailDelivery] = []
    for user in users:
        preference = preferences[user.pk]
        language = preferred_language(preference)
        with translation.override(language):
            values = {**(context or {}), "recipient": user}
            title = _interpolate(subject, values)
            text = _render_text(template, values) if template else _interpolate(body, values)
            html_body = render_to_string(html_template, values) if html_template else ""
        notification = Notification(
            recipient=user,
            kind=registered.name,
            title=title[:300],
            body=text,
            link=link,
            language=language,
            created_at=now,
        )
        notifications.append(notification)
        if send_email and _can_email(user) and wants_email(preference, registered):
            email = render_email(
                title=notification.title,
                body=text,
                html_body=html_body,
                link=link,
                language=language,
            )
            deliveries.append(
                EmailDelivery(
                    notification=notification,
                    to=user.email,
                    subject=email.subject,
                    text=email.text,
                    html=email.html,
                    attachments=stored_attachments,
                    next_attempt_at=now,
                    created_at=now,
                )
            )
    with transaction.atomic():
        Notification.objects.bulk_create(notifications)
        for delivery in deliveries:
            delivery.notification_id = delivery.notification.pk
        EmailDelivery.objects.bulk_create(deliveries)
        for delivery in deliveries:
            # Queued only once everything is committed: a rollback sends nothing.
            transaction.on_commit(partial(_queue_send, delivery.pk))
    return notifications


def _distinct_users(recipients: Iterable[User]) -> list[User]:
    seen: set[int] = set()
    users: list[User] = []
    for user in recipients:
        if isinstance(user, User) and user.pk is not None and user.pk not in seen:
            seen.add(user.pk)
            users.append(user)
    return users


def _can_email(user: User) -> bool:
    return bool(user.is_active and user.email)


def _plain(value: Any) -> Any:
    """A context value as a template would see it: callables are called."""
    callable_value = callable(value) and not isinstance(value, type | Promise)
    if callable_value and not getattr(value, "do_not_call_in_templates", False):
        return value()
    return value


def _render_text(template_name: str, values: Mapping[str, Any]) -> str:
    """A plain-text template, rendered without HTML escaping."""
    template = get_template(template_name)
    return str(template.template.render(Context(dict(values), autoescape=False))).strip()  # type: ignore[attr-defined]


def _interpolate(text: str | Promise, values: Mapping[str, Any]) -> str:
    """`text` in the active language, with `%(name)s` placeholders filled from `values`."""
    translated = str(text)
    if "%" not in translated:
        return translated
    return translated % {name: _plain(value) for name, value in values.items()}


# --- The inbox ------------------------------------------------------------------------------


def mark_read(*, user: User, notification: Notification) -> Notification:
    """Mark one of the user's own notifications read (refused for anyone else's)."""
    if notification.recipient_id != user.pk:
        raise PermissionDenied("Not your notification")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def mark_all_read(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def update_preferences(
    *,
    user: User,
    language: str,
    email_enabled: bool,
    email_kinds: Mapping[str, bool],
) -> NotificationPreference:
    """Save the user's choices. Choices for kinds that are not registered (now) are kept."""
    if language not in {code for code, _name in settings.LANGUAGES}:
        raise ValueError(f"Unknown language {language!r}")
    registered = {kind.name for kind in kinds.registered_kinds()}
    unknown = set(email_kinds) - registered
    if unknown:
        raise kinds.UnknownKind(f"Unknown notification kinds: {sorted(unknown)}")
    preference = preferences_for(user=user)
    preference.language = language
    preference.email_enabled = email_enabled
    preference.email_kinds = {
        **(preference.email_kinds or {}),
        **{name: bool(value) for name, value in email_kinds.items()},
    }
    preference.save()
    return preference


# --- Delivering the e-mails -----------------------------------------------------------------


def _queue_send(delivery_id: int, *, run_after: datetime | None = None) -> None:
    """Queue the task that sends one e-mail. If queueing fails the row stays due, and the
    scheduled sweep (`retry_due_emails`) queues it again: the caller never sees an error."""
    from aiplus.notifications.tasks import send_email_task

    try:
        task = send_email_task
        if run_after is not None:
            if not task.get_backend().supports_defer:
                return  # the sweep sends it when it is due
            task = task.using(run_after=run_after)
        task.enqueue(delivery_id)
    except Exception:
        logger.exception("could not queue notification e-mail %s; the sweep will", delivery_id)


def send_email_delivery(*, delivery_id: int) -> str:
    """Send one e-mail if it is due and nobody else is sending it; returns its status then
    ("skipped" if it was not claimed). Safe to run twice: the claim is a conditional update."""
    now = timezone.now()
    claimable = Q(status__in=[Status.QUEUED, Status.RETRYING], next_attempt_at__lte=now) | Q(
        status=Status.SENDING, claimed_at__lt=now - SENDING_STALE_AFTER
    )
    claimed = EmailDelivery.objects.filter(claimable, pk=delivery_id).update(
        status=Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    if not claimed:
        return "skipped"
    delivery = EmailDelivery.objects.get(pk=delivery_id)
    try:
        build_message(delivery).send(fail_silently=False)
    except Exception as error:
        _record_failure(delivery, error, now=now)
    else:
        delivery.status, delivery.sent_at, delivery.error = Status.SENT, timezone.now(), ""
        delivery.save(update_fields=["status", "sent_at", "error"])
        logger.info("notification e-mail %s sent", delivery.pk)
    return delivery.status


def _is_permanent(error: Exception) -> bool:
    """A refusal that sending again will not change: the server rejected the recipient or the
    message itself (5xx), or the message could not be built."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return bool(codes) and all(500 <= code < 600 for code in codes)
    if isinstance(error, smtplib.SMTPDataError):
        return 500 <= error.smtp_code < 600
    return isinstance(error, ValueError)


def _record_failure(delivery: EmailDelivery, error: Exception, *, now: datetime) -> None:
    delivery.error = f"{type(error).__name__}: {error}"[:2000]
    max_attempts = settings.AIPLUS_NOTIFICATION_EMAIL_ATTEMPTS
    if _is_permanent(error) or delivery.attempts >= max_attempts:
        delivery.status = Status.FAILED
        delivery.save(update_fields=["status", "error"])
        logger.error(
            "notification e-mail %s failed after %d attempt(s) and is given up: %s",
            delivery.pk,
            delivery.attempts,
            delivery.error,
        )
        return
    delay = RETRY_DELAYS[min(delivery.attempts, len(RETRY_DELAYS)) - 1]
    delivery.status, delivery.next_attempt_at = Status.RETRYING, now + delay
    delivery.save(update_fields=["status", "error", "next_attempt_at"])
    logger.warning(
        "notification e-mail %s failed (attempt %d of %d), retrying after %s: %s",
        delivery.pk,
        delivery.attempts,
        max_attempts,
        delivery.next_attempt_at.isoformat(),
        delivery.error,
    )
    transaction.on_commit(partial(_queue_send, delivery.pk, run_after=delivery.next_attempt_at))


def retry_due_emails(*, limit: int = 500) -> int:
    """Queue every e-mail that is due but has no task coming: a retry on a task backend that
    cannot defer, a queue that was lost, a worker that died while sending. Scheduled every
    minute; sending twice is prevented by the claim in `send_email_delivery`."""
    from aiplus.notifications.tasks import send_email_task

    now = timezone.now()
    # When the backend defers tasks, each retry is already queued for its time: leave it a
    # moment before queueing it again.
    grace = QUEUE_GRACE if send_email_task.get_backend().supports_defer else timedelta(0)
    due = (
        EmailDelivery.objects.filter(
            Q(status=Status.QUEUED, next_attempt_at__lte=now - QUEUE_GRACE)
            | Q(status=Status.RETRYING, next_attempt_at__lte=now - grace)
            | Q(status=Status.SENDING, claimed_at__lt=now - SENDING_STALE_AFTER)
        )
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    queued = 0
    for delivery_id in list(due):
        _queue_send(delivery_id)
        queued += 1
    return queued


def prune_sent_emails(*, older_than: timedelta = SENT_KEPT_FOR) -> int:
    """Forget the e-mail copies (and their attachments) of notifications e-mailed long ago; the
    inbox rows stay. Failed deliveries are kept for administrators to look into."""
    cutoff = timezone.now() - older_than
    deleted, _by_model = EmailDelivery.objects.filter(
        status=Status.SENT, sent_at__lt=cutoff
    ).delete()
    return deleted
