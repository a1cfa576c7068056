"""Writes for events: registration (a place while there are places, else the waitlist),
cancellation (the first on the waitlist is promoted), check-in, and telling registrants when an
event changes. Registration takes a lock on the event row, so that however many people register
at once, no more than `capacity` places are ever confirmed."""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aiplus.accounts.models import User
from aiplus.core.i18n import localise
from aiplus.events.calendar import event_ics
from aiplus.events.models import Event, Registration
from aiplus.events.permissions import user_in_audience
from aiplus.notifications.emails import Attachment
from aiplus.notifications.services import notify

Status = Registration.Status


class RegistrationError(ValueError):
    """A refusal with a message for the person (translated)."""


def _locked(event: Event) -> Event:
    # On PostgreSQL this row lock serialises registrations for the event; SQLite's IMMEDIATE
    # transactions (settings) serialise every writer already.
    return Event.objects.select_for_update().get(pk=event.pk)


def _confirmed_count(event: Event) -> int:
    return event.registrations.filter(status=Status.CONFIRMED).count()


def _has_place(event: Event) -> bool:
    return event.capacity is None or _confirmed_count(event) < event.capacity


@transaction.atomic
def register(*, event: Event, user: User) -> Registration:
    event = _locked(event)
    if not event.registration_open:
        raise RegistrationError(_("Registration for this event is closed."))
    if not user_in_audience(user, event):
        raise RegistrationError(_("This event is not open to you."))
    existing = Registration.objects.filter(event=event, user=user).first()
    if existing is not None and existing.status != Status.CANCELLED:
        raise RegistrationError(_("You are already registered for this event."))
    status = Status.CONFIRMED if _has_place(event) else Status.WAITLISTED
    if existing is None:
        registration = Registration.objects.create(event=event, user=user, status=status)
    else:
        existing.status, existing.joined_at = status, timezone.now()
        existing.save(update_fields=["status", "joined_at"])
        registration = existing
    _tell_registered(registration)
    return registration


@transaction.atomic
def cancel(*, registration: Registration, user: User) -> Registration | None:
    """Cancel one's own registration (or leave the waitlist); returns whoever was promoted."""
    if registration.user_id != user.pk:
        raise RegistrationError(_("You can only cancel your own registration."))
    event = _locked(registration.event)
    registration.refresh_from_db()
    if registration.status == Status.CANCELLED:
        return None
    had_place = registration.status == Status.CONFIRMED
    registration.status = Status.CANCELLED
    registration.save(update_fields=["status"])
    return promote(event) if had_place else None


def promote(event: Event) -> Registration | None:
    """Give a free place to the first on the waitlist (inside the caller's lock)."""
    if event.starts_at <= timezone.now() or not _has_place(event):
        return None
    first = event.registrations.filter(status=Status.WAITLISTED).order_by("joined_at", "pk").first()
    if first is None:
        return None
    first.status = Status.CONFIRMED
    first.save(update_fields=["status"])
    notify(
        recipients=[first.user],
        kind="events.registration",
        subject=gettext_lazy("A place is yours: %(title)s"),
        body=gettext_lazy(
            "A place became free and you were next on the waitlist. The calendar file is attached."
        ),
        context=_context(event),
        url=event.get_absolute_url(),
        attachments=[_ics_attachment(event)],
    )
    return first


def _context(event: Event) -> dict:
    # Called in each recipient's language by notify().
    return {"title": lambda: str(localise(event, "title"))}


def _ics_attachment(event: Event) -> Attachment:
    return Attachment("event.ics", event_ics(event).decode(), "text/calendar")


def _tell_registered(registration: Registration) -> None:
    event = registration.event
    if registration.status == Status.CONFIRMED:
        subject = gettext_lazy("Your place is confirmed: %(title)s")
        body = gettext_lazy("Add the event to your calendar with the attached file.")
    else:
        subject = gettext_lazy("You are on the waitlist: %(title)s")
        body = gettext_lazy("You will be told at once if a place becomes free.")
    notify(
        recipients=[registration.user],
        kind="events.registration",
        subject=subject,
        body=body,
        context=_context(event),
        url=event.get_absolute_url(),
        attachments=[_ics_attachment(event)] if registration.status == Status.CONFIRMED else [],
    )


@transaction.atomic
def event_changed(*, event: Event, cancelled: bool = False) -> int:
    """After an organiser changes (or cancels) an event: calendars get a new sequence and
    everyone registered is told, with the updated calendar file. Returns how many."""
    Event.objects.filter(pk=event.pk).update(
        sequence=F("sequence") + 1, cancelled=cancelled or F("cancelled")
    )
    event.refresh_from_db()
    people = [
        registration.user
        for registration in event.registrations.exclude(status=Status.CANCELLED).select_related(
            "user"
        )
    ]
    notify(
        recipients=people,
        kind="events.change",
        subject=(
            gettext_lazy("Cancelled: %(title)s")
            if event.cancelled
            else gettext_lazy("Changed: %(title)s")
        ),
        body=(
            gettext_lazy("The event is cancelled. The attached file removes it from your calendar.")
            if event.cancelled
            else gettext_lazy("Check the new details. The attached file updates your calendar.")
        ),
        context=_context(event),
        url=event.get_absolute_url(),
        attachments=[_ics_attachment(event)],
    )
    return len(people)


def check_in(*, registration: Registration) -> bool:
    """Mark attendance (from the organiser's list or the QR code); False if already in."""
    if registration.status != Status.CONFIRMED:
        raise RegistrationError(_("Only people with a confirmed place can be checked in."))
    return bool(
        Registration.objects.filter(pk=registration.pk, attended_at=None).update(
            attended_at=timezone.now()
        )
    )


def remind_tomorrow(*, now: datetime | None = None) -> int:
    """Remind people with a place of an event starting within a day (each once)."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=Status.CONFIRMED,
        reminded_at=None,
        event__cancelled=False,
        event__starts_at__gt=now,
        event__starts_at__lte=now + timedelta(days=1),
    ).select_related("event", "user")
    count = 0
    for registration in due:
        notify(
            recipients=[registration.user],
            kind="events.reminder",
            subject=gettext_lazy("Tomorrow: %(title)s"),
            body=gettext_lazy("A reminder of the event you registered for."),
            context=_context(registration.event),
            url=registration.event.get_absolute_url(),
            attachments=[_ics_attachment(registration.event)],
        )
        Registration.objects.filter(pk=registration.pk).update(reminded_at=now)
        count += 1
    return count


def give_feedback(*, event: Event, user: User, rating: int, comment: str = "") -> None:
    """Attendees (people with a confirmed place) rate an event once it has ended; giving it
    again replaces the earlier answer."""
    from aiplus.events.models import Feedback

    if not event.is_past:
        raise RegistrationError(_("Feedback opens when the event has ended."))
    if not event.registrations.filter(user=user, status=Status.CONFIRMED).exists():
        raise RegistrationError(_("Only people who had a place can give feedback."))
    if not 1 <= rating <= 5:
        raise RegistrationError(_("Choose a rating from 1 to 5."))
    Feedback.objects.update_or_create(
        event=event, user=user, defaults={"rating": rating, "comment": comment.strip()[:2000]}
    )
