"""Read-only JSON API for events: the ones the caller may see, coming or past."""

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema

from aiplus.events import selectors

router = Router(tags=["events"])


class EventOut(Schema):
    id: int
    kind: str
    series: str
    title: str
    title_zh_hant: str
    starts_at: datetime
    ends_at: datetime
    venue: str
    venue_zh_hant: str
    audience: str
    capacity: int | None
    confirmed: int
    waitlisted: int
    cancelled: bool
    url: str


def event_records(events) -> list[dict]:
    return [
        {
            "id": event.pk,
            "kind": event.kind,
            "series": event.series.title if event.series else "",
            "title": event.title,
            "title_zh_hant": event.title_zh_hant,
            "starts_at": event.starts_at,
            "ends_at": event.ends_at,
            "venue": event.venue,
            "venue_zh_hant": event.venue_zh_hant,
            "audience": event.audience,
            "capacity": event.capacity,
            "confirmed": event.confirmed,
            "waitlisted": event.waitlisted,
            "cancelled": event.cancelled,
            "url": event.get_absolute_url(),
        }
        for event in events
    ]


EVENT_COLUMNS = list(EventOut.model_fields)


@router.get("/events", response=list[EventOut], summary="Events the caller may see")
def list_events(request: HttpRequest, when: str = "upcoming") -> list[dict]:
    """`when`: `upcoming` (the default, soonest first) or `past` (latest first)."""
    if when == "past":
        return event_records(selectors.with_counts(selectors.past_events(request.user)[:500]))
    return event_records(selectors.with_counts(selectors.upcoming_events(request.user)[:500]))
