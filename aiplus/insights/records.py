"""The records behind a figure, for the figure's page: the stories, advice requests, events,
resources, solutions and assistants that a period's figure counts, read with the same queries
as the roll-up (`sources.py`), each linked to its own page where the viewer may open it.

Minutes, shortlists and officers' answers about time saved are people's own records: their
figures are shown by B/D and by day only. Events and resources the viewer may not open are
counted but not named."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Count, Model, QuerySet
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from aiplus.accounts.models import AnyUser
from aiplus.advice.selectors import visible_requests
from aiplus.assistant.models import Assistant
from aiplus.assistant.permissions import user_can_manage
from aiplus.catalogue.models import Solution
from aiplus.events.selectors import visible_events
from aiplus.insights import metrics as m
from aiplus.insights import sources
from aiplus.insights.periods import Period
from aiplus.insights.registry import day_bounds
from aiplus.resources.selectors import visible_resources

LIMIT = 50  # rows shown; the CSV of the figure's table has the B/D totals


@dataclass(frozen=True)
class Record:
    item: Model
    field: str  # the item's name field, shown in the reader's language
    url: str
    on: date | datetime | None = None
    count: int = 1  # how many of the figure's records it stands for


@dataclass(frozen=True)
class Records:
    heading: str | Promise
    rows: list[Record]
    total: int  # records counted in all (rows shows at most LIMIT of them)
    hidden: int = 0  # of those, in events or resources the viewer may not open
    counts: bool = False  # whether each row stands for several records (show its count)
    cut: bool = False  # whether more were found than the rows show


Reader = Callable[[datetime, datetime, tuple[int, ...] | None, AnyUser], Records]


def _within(queryset: QuerySet, lookup: str, organisations: tuple[int, ...] | None) -> QuerySet:
    return (
        queryset if organisations is None else queryset.filter(**{f"{lookup}__in": organisations})
    )


def _stories(only: str = "") -> Reader:
    def read(start, end, organisations, user) -> Records:
        found = _within(sources.stories_between(start, end), "organisation_id", organisations)
        if only:
            found = found.filter(**{f"{only}__isnull": False})
        found = found.order_by("-first_published_at")
        rows = [
            Record(
                case, "title", reverse("cases:detail", args=[case.slug]), case.first_published_at
            )
            for case in found[:LIMIT]
        ]
        total = found.count()
        return Records(
            _("Success stories published in the period"), rows, total, cut=total > len(rows)
        )

    return read


def _requests(start, end, organisations, user, *, advised: bool) -> Records:
    if advised:
        ids = _within(
            sources.first_advised_between(start, end), "request__organisation_id", organisations
        ).values("request_id")
        found = visible_requests(user).filter(pk__in=ids)
        heading = _("Advice requests first advised in the period")
    else:
        ids = _within(sources.opened_between(start, end), "organisation_id", organisations)
        found = visible_requests(user).filter(pk__in=ids.values("pk"))
        heading = _("Advice requests opened in the period")
    found = found.order_by("-submitted_at")
    rows = [Record(r, "title", r.get_absolute_url(), r.submitted_at) for r in found[:LIMIT]]
    total = found.count()
    return Records(heading, rows, total, cut=total > len(rows))


def _grouped(
    found: QuerySet,
    key: str,
    visible: QuerySet,
    name: str,
    heading: str | Promise,
    url: Callable[[Any], str],
) -> Records:
    """Records counted by what they are about (an event, a resource, a solution), most first;
    what the viewer may not open is counted as hidden, not named."""
    counts = dict(found.values_list(key).annotate(n=Count("*")).order_by())
    shown = {item.pk: item for item in visible.filter(pk__in=list(counts))}
    ranked = sorted(shown, key=lambda pk: (-counts[pk], pk))[: LIMIT + 1]
    rows = [Record(shown[pk], name, url(shown[pk]), count=counts[pk]) for pk in ranked]
    hidden = sum(n for pk, n in counts.items() if pk not in shown)
    return Records(
        heading,
        rows[:LIMIT],
        sum(counts.values()),
        hidden=hidden,
        counts=True,
        cut=len(rows) > LIMIT,
    )


def _events(attended: bool) -> Reader:
    def read(start, end, organisations, user) -> Records:
        between = sources.attended_between if attended else sources.registered_between
        found = _within(between(start, end), "user__organisation_id", organisations)
        heading = (
            _("Attendance in the period, by event")
            if attended
            else _("Registrations made in the period, by event")
        )
        return _grouped(
            found,
            "event_id",
            visible_events(user),
            "title",
            heading,
            lambda event: event.get_absolute_url(),
        )

    return read


def _downloads(start, end, organisations, user) -> Records:
    found = _within(sources.downloaded_between(start, end), "organisation_id", organisations)
    return _grouped(
        found,
        "resource_id",
        visible_resources(user),
        "title",
        _("Downloads in the period, by resource"),
        lambda resource: resource.get_absolute_url(),
    )


def _shortlists(start, end, organisations, user) -> Records:
    found = _within(sources.shortlisted_between(start, end), "user__organisation_id", organisations)
    return _grouped(
        found,
        "solution_id",
        Solution.objects.filter(live=True),
        "name",
        _("Solutions shortlisted in the period"),
        lambda solution: solution.get_absolute_url(),
    )


def _assistants(start, end, organisations, user) -> Records:
    found = _within(sources.resolved_between(start, end), "asker_bd", organisations)
    page = "assistant:insights" if user_can_manage(user) else "assistant:chat"
    return _grouped(
        found,
        "assistant_id",
        Assistant.objects.all(),
        "name",
        _("Questions resolved in the period, by assistant"),
        lambda assistant: reverse(page, args=[assistant.slug]),
    )


READERS: dict[str, Reader] = {
    "stories": _stories(),
    "story_hours": _stories("hours_saved_per_year"),
    "story_posts": _stories("posts_redeployed"),
    "advice_opened": lambda *args: _requests(*args, advised=False),
    "advice_advised": lambda *args: _requests(*args, advised=True),
    "advice_turnaround": lambda *args: _requests(*args, advised=True),
    "advice_estimated": lambda *args: _requests(*args, advised=True),
    "event_registrations": _events(attended=False),
    "event_attendance": _events(attended=True),
    "downloads": _downloads,
    "shortlists": _shortlists,
    "assistant_resolved": _assistants,
    "assistant_answer_time": _assistants,
    "assistant_estimated": _assistants,
}


def records_behind(
    metric: m.Metric, period: Period, organisations: tuple[int, ...] | None, user: AnyUser
) -> Records | None:
    """The records the figure counts in the period, for B/Ds `organisations` (None: all), as
    far as `user` may see them; None for figures with no records to list (a state of the
    catalogue, or records that are people's own: see `is_private`)."""
    read = READERS.get(metric.key)
    if read is None or period.future:
        return None
    start, _day_end = day_bounds(period.start)
    _day_start, end = day_bounds(period.end)
    return read(start, end, organisations, user)


def is_private(metric: m.Metric) -> bool:
    return metric.key not in READERS and not metric.current
