"""The hub's own figure sources (see registry.py): each function reads one app's tables for
one day. Activity is counted under the bureau or department of the person who did it (the
requesting B/D for advice requests, the story's B/D for stories).
Questions to the Digital Assistant count under the asker's B/D, or for visitors on a public
assistant under the B/D that runs it."""

from collections.abc import Iterable
from datetime import date, datetime

from django.db.models import (
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    QuerySet,
    Sum,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from aiplus.advice.models import AdviceRequest, StatusChange
from aiplus.advice.timing import ADVICE_COUNTING
from aiplus.advice.workdays import Change, working_days_counted
from aiplus.advice.workflow import Status
from aiplus.assistant.models import Exchange
from aiplus.assistant.models import Status as AnswerStatus
from aiplus.cases.models import Case, Collection
from aiplus.catalogue.models import ShortlistItem
from aiplus.events.models import Registration
from aiplus.insights.models import TimeSavedAnswer
from aiplus.insights.registry import Row, day_bounds, register
from aiplus.meetings.models import Minutes
from aiplus.resources.models import Download


def _rows(
    queryset: QuerySet, organisation: str, *, value: str | None = None, solution: str | None = None
) -> list[Row]:
    """The queryset grouped by organisation (and solution): records counted, `value` summed."""
    fields = {"org": F(organisation)}
    if solution:
        fields["sol"] = F(solution)
        queryset = queryset.filter(**{f"{solution}__isnull": False})
    grouped = queryset.values(**fields).annotate(
        n=Count("pk", distinct=bool(solution)), v=Sum(value) if value else Count("pk")
    )
    return [
        Row(row["org"], row.get("sol"), float(row["v"] or 0), row["n"])
        for row in grouped.order_by()
        if row["org"] is not None
    ]


# --- Reported: success stories -------------------------------------------------------------
# A story's figures count on the day it was first published: when the hub learned of them.


def stories_between(start: datetime, end: datetime) -> QuerySet[Case]:
    return Case.objects.filter(
        collection=Collection.STORY,
        live=True,
        first_published_at__gte=start,
        first_published_at__lt=end,
    )


def _stories(day: date) -> QuerySet[Case]:
    return stories_between(*day_bounds(day))


def _stories_touched(since: datetime) -> Iterable[date]:
    published = Case.objects.filter(
        collection=Collection.STORY, updated_at__gte=since, first_published_at__isnull=False
    ).values_list("first_published_at", flat=True)
    return {timezone.localdate(moment) for moment in published}


@register("stories", touched=_stories_touched)
def stories(day: date) -> list[Row]:
    found = _stories(day)
    return _rows(found, "organisation_id") + _rows(found, "organisation_id", solution="solutions")


@register("story_hours", touched=_stories_touched)
def story_hours(day: date) -> list[Row]:
    found = _stories(day).filter(hours_saved_per_year__isnull=False)
    return _rows(found, "organisation_id", value="hours_saved_per_year") + _rows(
        found, "organisation_id", value="hours_saved_per_year", solution="solutions"
    )


@register("story_posts", touched=_stories_touched)
def story_posts(day: date) -> list[Row]:
    found = _stories(day).filter(posts_redeployed__isnull=False)
    return _rows(found, "organisation_id", value="posts_redeployed") + _rows(
        found, "organisation_id", value="posts_redeployed", solution="solutions"
    )


# --- Measured (and estimated) by Smart Minutes: minutes approved that day --------------------


def _approved_minutes(day: date) -> QuerySet[Minutes]:
    start, end = day_bounds(day)
    return Minutes.objects.filter(
        status=Minutes.Status.APPROVED, approved_at__gte=start, approved_at__lt=end
    )


MINUTES_OWNER = "meeting__owner__organisation_id"


@register("minutes_approved")
def minutes_approved(day: date) -> list[Row]:
    return _rows(_approved_minutes(day), MINUTES_OWNER)


@register("minutes_processing")
def minutes_processing(day: date) -> list[Row]:
    found = _approved_minutes(day).filter(processing_seconds__isnull=False)
    return _rows(found, MINUTES_OWNER, value="processing_seconds")


@register("minutes_answered")
def minutes_answered(day: date) -> list[Row]:
    found = _approved_minutes(day).filter(reported_minutes_saved__isnull=False)
    return _rows(found, MINUTES_OWNER, value="reported_minutes_saved")


@register("minutes_estimated")
def minutes_estimated(day: date) -> list[Row]:
    found = _approved_minutes(day).filter(estimated_minutes_saved__isnull=False)
    return _rows(found, MINUTES_OWNER, value="estimated_minutes_saved")


# --- Adoption: advice requests -------------------------------------------------------------


def opened_between(start: datetime, end: datetime) -> QuerySet[AdviceRequest]:
    return AdviceRequest.objects.filter(submitted_at__gte=start, submitted_at__lt=end)


@register("advice_opened")
def advice_opened(day: date) -> list[Row]:
    found = opened_between(*day_bounds(day))
    return _rows(found, "organisation_id") + _rows(found, "organisation_id", solution="solution_id")


def first_advised_between(start: datetime, end: datetime) -> QuerySet[StatusChange]:
    """The moves to "advised" in the time that were the request's first."""
    earlier = StatusChange.objects.filter(
        request=OuterRef("request"), to_status=Status.ADVISED, at__lt=OuterRef("at")
    )
    return StatusChange.objects.filter(to_status=Status.ADVISED, at__gte=start, at__lt=end).filter(
        ~Exists(earlier)
    )


def _first_advised(day: date) -> QuerySet[StatusChange]:
    return first_advised_between(*day_bounds(day))


@register("advice_advised")
def advice_advised(day: date) -> list[Row]:
    return _rows(_first_advised(day), "request__organisation_id")


@register("advice_turnaround")
def advice_turnaround(day: date) -> list[Row]:
    """Working days from submission to the first advice (the advice clock, which pauses while
    DPO waits for the B/D), summed; the page shows the average."""
    advised = list(_first_advised(day).values_list("request_id", "at", "request__organisation_id"))
    history: dict[int, list[Change]] = {}
    for change in StatusChange.objects.filter(request_id__in=[a[0] for a in advised]).order_by(
        "at", "pk"
    ):
        history.setdefault(change.request_id, []).append(
            Change(at=change.at, status=change.to_status)
        )
    totals: dict[int, list[float]] = {}
    for request_id, at, organisation_id in advised:
        if organisation_id is None:
            continue
        days = working_days_counted(history.get(request_id, []), counting=ADVICE_COUNTING, until=at)
        total = totals.setdefault(organisation_id, [0.0, 0])
        total[0] += days
        total[1] += 1
    return [Row(org, None, value, int(count)) for org, (value, count) in totals.items()]


# --- Measured: officers' answers about advice ----------------------------------------------


@register("advice_answered")
def advice_answered(day: date) -> list[Row]:
    start, end = day_bounds(day)
    found = TimeSavedAnswer.objects.filter(
        subject=TimeSavedAnswer.Subject.ADVICE, answered_at__gte=start, answered_at__lt=end
    )
    return _rows(found, "organisation_id", value="minutes")


# --- Adoption: catalogue, events, resources ------------------------------------------------


def shortlisted_between(start: datetime, end: datetime) -> QuerySet[ShortlistItem]:
    return ShortlistItem.objects.filter(added_at__gte=start, added_at__lt=end)


@register("shortlists")
def shortlists(day: date) -> list[Row]:
    found = shortlisted_between(*day_bounds(day))
    return _rows(found, "user__organisation_id") + _rows(
        found, "user__organisation_id", solution="solution_id"
    )


def registered_between(start: datetime, end: datetime) -> QuerySet[Registration]:
    return Registration.objects.filter(joined_at__gte=start, joined_at__lt=end).exclude(
        status=Registration.Status.CANCELLED
    )


def attended_between(start: datetime, end: datetime) -> QuerySet[Registration]:
    return Registration.objects.filter(attended_at__gte=start, attended_at__lt=end)


def downloaded_between(start: datetime, end: datetime) -> QuerySet[Download]:
    return Download.objects.filter(at__gte=start, at__lt=end)


@register("event_registrations")
def event_registrations(day: date) -> list[Row]:
    return _rows(registered_between(*day_bounds(day)), "user__organisation_id")


@register("event_attendance")
def event_attendance(day: date) -> list[Row]:
    return _rows(attended_between(*day_bounds(day)), "user__organisation_id")


@register("downloads")
def downloads(day: date) -> list[Row]:
    return _rows(downloaded_between(*day_bounds(day)), "organisation_id")


# --- Measured and estimated: the Digital Assistant ------------------------------------------


def resolved_between(start: datetime, end: datetime) -> QuerySet[Exchange]:
    """Questions answered from the sources (fully or in part) and not handed to a person."""
    return Exchange.objects.filter(
        created_at__gte=start,
        created_at__lt=end,
        status__in=(AnswerStatus.ANSWERED, AnswerStatus.PARTLY),
        handed_over=False,
    ).annotate(
        asker_bd=Coalesce("conversation__organisation_id", "assistant__organisation_id"),
        seconds=ExpressionWrapper(F("total_ms") / 1000.0, output_field=FloatField()),
        assumed=ExpressionWrapper(
            F("assistant__minutes_saved_per_enquiry") * 1.0, output_field=FloatField()
        ),
    )


def _resolved_questions(day: date) -> QuerySet[Exchange]:
    return resolved_between(*day_bounds(day))


@register("assistant_resolved")
def assistant_resolved(day: date) -> list[Row]:
    return _rows(_resolved_questions(day), "asker_bd")


@register("assistant_answer_time")
def assistant_answer_time(day: date) -> list[Row]:
    return _rows(
        _resolved_questions(day).filter(total_ms__isnull=False), "asker_bd", value="seconds"
    )


@register("assistant_estimated")
def assistant_estimated(day: date) -> list[Row]:
    return _rows(_resolved_questions(day), "asker_bd", value="assumed")
