"""Reads for events, each applying who may see what: an event for chosen bureaux and
departments is listed only to their officers (and organisers); drafts only to organisers."""

from collections.abc import Iterable

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from aiplus.accounts.models import AnyUser
from aiplus.events.models import Event, Registration
from aiplus.events.permissions import user_can_organise


def visible_events(user: AnyUser) -> QuerySet[Event]:
    if user_can_organise(user):
        return Event.objects.all()
    events = Event.objects.filter(live=True)
    organisation = getattr(user, "organisation_id", None) if user.is_authenticated else None
    chosen = Q(audience=Event.Audience.CHOSEN)
    if organisation:
        theirs = Event.organisations.through.objects.filter(organisation_id=organisation)
        return events.filter(~chosen | Q(pk__in=theirs.values("event_id")))
    return events.exclude(chosen)


def with_counts(events: Iterable[Event]) -> list[Event]:
    """The events with `confirmed`, `waitlisted` and `attended` counted, in one grouped query
    for just these events (counting in the listing query itself would aggregate every event
    before the page is cut)."""
    events = list(events)
    counts: dict[int, dict[str, int]] = {e.pk: {} for e in events}
    rows = (
        Registration.objects.filter(event_id__in=counts)
        .values("event_id", "status")
        .annotate(people=Count("pk"), attended=Count("attended_at"))
    )
    for row in rows:
        found = counts[row["event_id"]]
        found[row["status"]] = row["people"]
        found["attended"] = found.get("attended", 0) + row["attended"]
    for event in events:
        found = counts[event.pk]
        event.confirmed = found.get(Registration.Status.CONFIRMED, 0)  # type: ignore[attr-defined]
        event.waitlisted = found.get(Registration.Status.WAITLISTED, 0)  # type: ignore[attr-defined]
        event.attended = found.get("attended", 0)  # type: ignore[attr-defined]
    return events


def upcoming_events(user: AnyUser, *, kind: str = "") -> QuerySet[Event]:
    events = visible_events(user).filter(ends_at__gte=timezone.now())
    if kind in Event.Kind.values:
        events = events.filter(kind=kind)
    return events.select_related("series").order_by("starts_at")


def past_events(user: AnyUser) -> QuerySet[Event]:
    events = visible_events(user).filter(ends_at__lt=timezone.now(), cancelled=False)
    return events.select_related("series").order_by("-starts_at")


def event_for(user: AnyUser, pk: int) -> Event:
    event = visible_events(user).filter(pk=pk).first()
    if event is None:
        raise Http404
    return with_counts([event])[0]


def registration_of(user: AnyUser, event: Event) -> Registration | None:
    if not user.is_authenticated:
        return None
    return event.registrations.filter(user_id=user.pk).first()


def my_registrations(user: AnyUser) -> QuerySet[Registration]:
    if not user.is_authenticated:
        return Registration.objects.none()
    return (
        Registration.objects.filter(user_id=user.pk)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("event")
        .order_by("event__starts_at")
    )


def attendance_figure(event: Event) -> int | None:
    """People counted at check-in, else the figure the organiser reported."""
    counted = getattr(event, "attended", None)
    if counted is None:
        counted = event.registrations.filter(attended_at__isnull=False).count()
    return counted or event.attendance_reported


def attendee_records(event: Event) -> list[dict]:
    return [
        {
            "name": r.user.get_full_name() or r.user.username,
            "email": r.user.email,
            "organisation": r.user.organisation.code if r.user.organisation else "",
            "status": r.status,
            "registered": r.joined_at,
            "checked_in": r.attended_at,
        }
        for r in event.registrations.exclude(status=Registration.Status.CANCELLED).select_related(
            "user__organisation"
        )
    ]


ATTENDEE_COLUMNS = ["name", "email", "organisation", "status", "registered", "checked_in"]


def feedback_of(user: AnyUser, event: Event):
    from aiplus.events.models import Feedback

    if not user.is_authenticated:
        return None
    return Feedback.objects.filter(event=event, user_id=user.pk).first()


def feedback_summary(event: Event) -> dict:
    """How many rated the event and the average rating (for everyone to see)."""
    from django.db.models import Avg

    found = event.feedback.aggregate(count=Count("pk"), average=Avg("rating"))
    return {"count": found["count"], "average": found["average"]}
