"""An event as an iCalendar file (RFC 5545) for "add to calendar" and e-mails: Hong Kong time
zone, a reminder an hour before, the online link, and a sequence number that makes calendars
replace their copy when the event changes or is cancelled."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Alarm, Calendar
from icalendar import Event as CalendarEvent

from aiplus.core.i18n import localise
from aiplus.events.models import Event

HONG_KONG = ZoneInfo("Asia/Hong_Kong")


def event_ics(event: Event, *, language: str = "en") -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//AI+ Hub//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if event.cancelled else "PUBLISH")
    entry = CalendarEvent()
    entry.add("uid", f"{event.uid}@aiplus-hub")
    entry.add("sequence", event.sequence)
    entry.add("dtstamp", timezone.now())
    entry.add("dtstart", event.starts_at.astimezone(HONG_KONG))
    entry.add("dtend", event.ends_at.astimezone(HONG_KONG))
    entry.add("summary", str(localise(event, "title", language=language)))
    location = str(localise(event, "venue", language=language))
    if event.online_url:
        location = f"{location} ({event.online_url})" if location else event.online_url
    if location:
        entry.add("location", location)
    description = str(localise(event, "summary", language=language))
    if event.online_url:
        description = f"{description}\n\n{event.online_url}".strip()
    entry.add("description", description)
    entry.add("url", settings.WAGTAILADMIN_BASE_URL.rstrip("/") + f"/{language}/events/{event.pk}/")
    entry.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    if not event.cancelled:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", str(localise(event, "title", language=language)))
        alarm.add("trigger", timedelta(hours=-1))
        entry.add_component(alarm)
    calendar.add_component(entry)
    calendar.add_missing_timezones()
    return calendar.to_ical()
