"""Reading the roll-up tables for a period: whole months from `MonthlyFigure`, the days at
either end from `DailyFigure`, merged. A page never reads raw activity.

Sums are cached under the time of the last roll-up, the only writer of these tables: a new
roll-up makes every earlier copy unreachable, so a cached sum is never stale."""

import hashlib
from collections import defaultdict
from collections.abc import Collection
from datetime import date, timedelta

from django.core.cache import cache
from django.db.models import Max, Q, QuerySet, Sum

from aiplus.insights.models import DailyFigure, MonthlyFigure, RollUp
from aiplus.insights.periods import Step
from aiplus.insights.rollup import month_start, next_month

Totals = dict[tuple, list[float]]  # group key -> [value, count]

# Long enough to serve a day's views; a roll-up replaces the key well before.
CACHE_SECONDS = 24 * 60 * 60


def segments(start: date, end: date) -> tuple[list[tuple[date, date]], tuple[date, date] | None]:
    """The day ranges (inclusive) to read from the daily table and the whole months
    (first month, month after the last) to read from the monthly one."""
    first_full = start if start.day == 1 else next_month(month_start(start))
    after_last_full = month_start(end + timedelta(days=1))
    if first_full >= after_last_full:
        return [(start, end)], None
    days = []
    if start < first_full:
        days.append((start, first_full - timedelta(days=1)))
    if after_last_full <= end:
        days.append((after_last_full, end))
    return days, (first_full, after_last_full)


def bucket(moment: date, step: Step) -> date:
    if step == Step.YEAR:
        return date(moment.year, 1, 1)
    if step == Step.MONTH:
        return moment.replace(day=1)
    return moment


def _narrow(
    rows: QuerySet,
    *,
    organisations: Collection[int] | None,
    metrics: Collection[str] | None,
    solutions: bool,
) -> QuerySet:
    rows = rows.filter(solution__isnull=not solutions)
    if organisations is not None:
        rows = rows.filter(organisation_id__in=list(organisations))
    if metrics is not None:
        rows = rows.filter(metric__in=list(metrics))
    return rows


def _sum_into(
    totals: Totals, rows: QuerySet, group: tuple[str, ...], when: str, step: Step | None
) -> None:
    fields = (*group, when) if step else group
    width = len(group)
    for row in rows.values_list(*fields).annotate(v=Sum("value"), c=Sum("count")).order_by():
        key = row[:width]
        if step:
            key = (bucket(row[width], step), *key)
        found = totals[key]
        found[0] += row[-2] or 0.0
        found[1] += row[-1] or 0


def last_roll_up() -> str:
    stamp = RollUp.objects.aggregate(last=Max("finished_at"))["last"]
    return stamp.isoformat() if stamp else "never"


def aggregate(
    *,
    start: date,
    end: date,
    group: tuple[str, ...] = ("metric",),
    organisations: Collection[int] | None = None,
    metrics: Collection[str] | None = None,
    solutions: bool = False,
    step: Step | None = None,
) -> Totals:
    """Sums of value and count over [start, end], grouped by `group` (of "metric",
    "organisation_id", "solution_id") and, with `step`, by day, month or year first.
    `solutions` reads the by-solution rows instead of the B/D totals. At most two queries:
    the whole months and the days at either end (one query for both ends)."""
    if start > end:
        return {}
    asked = (
        start,
        end,
        group,
        sorted(organisations) if organisations is not None else None,
        sorted(metrics) if metrics is not None else None,
        solutions,
        step,
    )
    key = "insights:figures:" + hashlib.sha256(repr((last_roll_up(), asked)).encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = _read(start, end, group, organisations, metrics, solutions, step)
        cache.set(key, found, CACHE_SECONDS)
    return found


def _read(
    start: date,
    end: date,
    group: tuple[str, ...],
    organisations: Collection[int] | None,
    metrics: Collection[str] | None,
    solutions: bool,
    step: Step | None,
) -> Totals:
    totals: Totals = defaultdict(lambda: [0.0, 0])
    if step == Step.DAY:
        day_ranges, months = [(start, end)], None
    else:
        day_ranges, months = segments(start, end)
    if day_ranges:
        days = Q()
        for first, last in day_ranges:
            days |= Q(day__gte=first, day__lte=last)
        rows = _narrow(
            DailyFigure.objects.filter(days),
            organisations=organisations,
            metrics=metrics,
            solutions=solutions,
        )
        _sum_into(totals, rows, group, "day", step)
    if months:
        rows = _narrow(
            MonthlyFigure.objects.filter(month__gte=months[0], month__lt=months[1]),
            organisations=organisations,
            metrics=metrics,
            solutions=solutions,
        )
        _sum_into(totals, rows, group, "month", step)
    return dict(totals)


def buckets(start: date, end: date, step: Step) -> list[date]:
    """Every bucket of the period in order, empty ones included (a trend shows the gaps)."""
    found = []
    current = bucket(start, step)
    while current <= end:
        found.append(current)
        if step == Step.DAY:
            current += timedelta(days=1)
        elif step == Step.MONTH:
            current = next_month(current)
        else:
            current = date(current.year + 1, 1, 1)
    return found
