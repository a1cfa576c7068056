"""The advisors' queue: requests narrowed by status, assignment, B/D and lateness, with a count
beside each choice (counted with every *other* filter applied, so the count says what choosing
it would show), late requests first, a page at a time. Lateness is the day each request falls
overdue, stored by the services (`timing.overdue_from`), so filtering, counting and sorting
happen in SQL; the clocks shown are worked out for the page's rows only."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from aiplus.accounts.models import Organisation, User
from aiplus.advice.filters import ALL, QueueFilters
from aiplus.advice.models import AdviceRequest
from aiplus.advice.timing import Timing, timing
from aiplus.advice.workdays import local_date
from aiplus.advice.workflow import OPEN_STATUSES, Status
from aiplus.core.i18n import localise


@dataclass(frozen=True)
class Row:
    request: AdviceRequest
    timing: Timing


@dataclass(frozen=True)
class Option:
    label: str
    count: int | None
    selected: bool
    querystring: str  # the queue's URL with this option chosen, the other filters kept
    value: str = ""


@dataclass(frozen=True)
class Queue:
    rows: list[Row]  # the page's
    page: Page  # of request ids, for the page links
    statuses: list[Option]
    assignment: list[Option]
    lateness: list[Option]
    organisations: list[Option]
    items: QuerySet[AdviceRequest]  # every request as filtered, in the queue's order (exports)


class _Narrowing:
    def __init__(self, filters: QueueFilters, user: User, late: Q) -> None:
        self.filters, self.user, self.late = filters, user, late

    def apply(
        self, requests: QuerySet[AdviceRequest], *, skip: str = ""
    ) -> QuerySet[AdviceRequest]:
        filters = self.filters
        if skip != "status":
            if not filters.status:
                requests = requests.filter(status__in=OPEN_STATUSES)
            elif filters.status != ALL:
                requests = requests.filter(status=filters.status)
        if skip != "assigned":
            if filters.assigned == "me":
                requests = requests.filter(assigned_to=self.user)
            elif filters.assigned == "nobody":
                requests = requests.filter(assigned_to=None)
        if skip != "organisation" and filters.organisation:
            requests = requests.filter(organisation__code=filters.organisation)
        if skip != "overdue" and filters.overdue:
            requests = requests.filter(self.late)
        return requests


def advisor_queue(
    *, filters: QueueFilters, user: User, page: int = 1, now: datetime | None = None
) -> Queue:
    """Every request (the caller has checked that `user` is an advisor), as filtered."""
    now = now or timezone.now()
    late = Q(overdue_from__lte=local_date(now))
    narrowing = _Narrowing(filters, user, late)

    def option(label: str, count: int | None, **chosen: object) -> Option:
        field, value = next(iter(chosen.items()))
        return Option(
            label=label,
            count=count,
            selected=getattr(filters, field) == value,
            querystring=filters.querystring(**chosen),
            value=str(value),
        )

    by_status = _counts(narrowing.apply(AdviceRequest.objects.all(), skip="status"), "status")
    open_count = sum(n for status, n in by_status.items() if status in OPEN_STATUSES)
    statuses = [
        option(_("Open"), open_count, status=""),
        *(option(str(s.label), by_status.get(s.value, 0), status=s.value) for s in Status),
        option(_("All, closed ones included"), sum(by_status.values()), status=ALL),
    ]

    any_advisor = narrowing.apply(AdviceRequest.objects.all(), skip="assigned")
    assignment = [
        option(_("Anyone"), None, assigned=""),
        option(_("Given to me"), any_advisor.filter(assigned_to=user).count(), assigned="me"),
        option(
            _("Not yet given to anyone"),
            any_advisor.filter(assigned_to=None).count(),
            assigned="nobody",
        ),
    ]

    overdue = narrowing.apply(AdviceRequest.objects.all(), skip="overdue").filter(late)
    lateness = [
        option(_("Any"), None, overdue=False),
        option(_("Overdue"), overdue.count(), overdue=True),
    ]

    by_organisation = _counts(
        narrowing.apply(AdviceRequest.objects.exclude(organisation=None), skip="organisation"),
        "organisation__code",
    )
    organisations = [option(_("All"), None, organisation="")] + [
        option(localise(o, "name").value, by_organisation[o.code], organisation=o.code)
        for o in Organisation.objects.filter(code__in=by_organisation).order_by("code")
    ]

    # Late ones first, oldest first within.
    ordered = (
        narrowing.apply(AdviceRequest.objects.all())
        .annotate(
            on_time=Case(When(late, then=Value(0)), default=Value(1), output_field=IntegerField())
        )
        .order_by("on_time", "submitted_at", "pk")
    )
    # The database sorts ids alone (narrow rows), then the page's rows are read by id.
    shown = Paginator(ordered.values_list("pk", flat=True), settings.AIPLUS_PAGE_SIZE).get_page(
        page
    )
    found = (
        AdviceRequest.objects.select_related("requester", "organisation", "assigned_to")
        .prefetch_related("status_changes")
        .in_bulk(list(shown.object_list))
    )
    rows = [Row(found[pk], timing(found[pk], now=now)) for pk in shown.object_list]
    items = ordered.select_related("requester", "organisation", "assigned_to")
    return Queue(rows, shown, statuses, assignment, lateness, organisations, items)


def _counts(requests: QuerySet[AdviceRequest], field: str) -> dict[str, int]:
    return dict(requests.values_list(field).annotate(n=Count("pk")).values_list(field, "n"))
