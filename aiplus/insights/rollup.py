"""The daily roll-up: every figure source reads one day's activity, and the day's rows in
`DailyFigure` are replaced as a whole in one transaction, then its month's `MonthlyFigure`
rows are rebuilt from the daily ones. Running it again for a day gives the same rows, so it
can be re-run for any day, any number of times."""

import logging
import time
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from aiplus.accounts.models import Organisation
from aiplus.insights.models import DailyFigure, MonthlyFigure, RollUp
from aiplus.insights.registry import sources

logger = logging.getLogger(__name__)

# The nightly run looks this many days back: answers given and changes made a few days after
# the work are counted too.
LOOK_BACK_DAYS = 7


def month_start(day: date) -> date:
    return day.replace(day=1)


def next_month(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1)


def government_ids() -> set[int]:
    """Bureaux, offices and departments: vendors' companies are not counted."""
    return set(
        Organisation.objects.exclude(kind=Organisation.Kind.COMPANY).values_list("pk", flat=True)
    )


def _day_rows(day: date, keep: set[int]) -> list[DailyFigure]:
    rows: dict[tuple[str, int, int | None], DailyFigure] = {}
    for source in sources():
        for row in source.read(day):
            if row.organisation_id not in keep or not (row.records or row.value):
                continue
            key = (source.metric, row.organisation_id, row.solution_id)
            figure = rows.get(key)
            if figure is None:
                rows[key] = DailyFigure(
                    day=day,
                    metric=source.metric,
                    organisation_id=row.organisation_id,
                    solution_id=row.solution_id,
                    value=row.value,
                    count=row.records,
                )
            else:  # a source that returned a group twice: add, never overwrite
                figure.value += row.value
                figure.count += row.records
    return list(rows.values())


def rebuild_month(month: date) -> int:
    """The month's rows as the sum of its days' rows."""
    MonthlyFigure.objects.filter(month=month).delete()
    grouped = (
        DailyFigure.objects.filter(day__gte=month, day__lt=next_month(month))
        .values("metric", "organisation_id", "solution_id")
        .annotate(v=Sum("value"), c=Sum("count"))
        .order_by()
    )
    rows = [
        MonthlyFigure(
            month=month,
            metric=row["metric"],
            organisation_id=row["organisation_id"],
            solution_id=row["solution_id"],
            value=row["v"] or 0.0,
            count=row["c"] or 0,
        )
        for row in grouped
    ]
    MonthlyFigure.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def roll_up_day(day: date, *, months: bool = True) -> RollUp:
    """Replace `day`'s figures with what the sources read now (and rebuild its month unless
    `months` is False, for a caller that rebuilds each month once at the end)."""
    started = time.perf_counter()
    keep = government_ids()
    with transaction.atomic():
        rows = _day_rows(day, keep)
        DailyFigure.objects.filter(day=day).delete()
        DailyFigure.objects.bulk_create(rows, batch_size=2000)
        if months:
            rebuild_month(month_start(day))
        run, _created = RollUp.objects.update_or_create(
            day=day,
            defaults={
                "rows": len(rows),
                "seconds": round(time.perf_counter() - started, 3),
                "finished_at": timezone.now(),
            },
        )
    logger.info("insights: rolled up %s (%d rows)", day, len(rows))
    return run


def roll_up_days(days: Iterable[date]) -> int:
    """Roll up these days, rebuilding each month they touch once: with its last day, in that
    day's transaction, so the newest `RollUp` (the dashboard's cache key) is never seen before
    the months are rebuilt. Returns the rows written."""
    ordered = sorted(set(days))
    written = 0
    for day, following in zip(ordered, [*ordered[1:], None], strict=True):
        last_of_month = following is None or month_start(following) != month_start(day)
        written += roll_up_day(day, months=last_of_month).rows
    return written


def days_between(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def roll_up_recent(*, today: date | None = None, since: datetime | None = None) -> int:
    """The nightly run: the last LOOK_BACK_DAYS days up to yesterday, and the days whose
    figures changed after the fact (a story edited since the last look)."""
    today = today or timezone.localdate()
    days = set(days_between(today - timedelta(days=LOOK_BACK_DAYS), today - timedelta(days=1)))
    last = RollUp.objects.order_by("-finished_at").values_list("finished_at", flat=True).first()
    since = since or last or (timezone.now() - timedelta(days=LOOK_BACK_DAYS))
    for source in sources():
        if source.touched is not None:
            days |= {day for day in source.touched(since) if day < today}
    return roll_up_days(days)
