"""Hong Kong working days, and how many of them a request's clock has run.

Working days are Monday to Friday except general holidays, which the `holidays` package keeps
(its "public" category holds the statutory holidays, "optional" the rest of the general
holidays: Good Friday, Easter Monday, the day after Christmas...). Government offices close
on all of them. Days lost to typhoon or black rainstorm signals are not known in advance:
administrators record them as closure days (`ClosureDay`) once they happen, and from then on
they do not count either.

Counting follows "within N working days of receipt": the day a clock starts does not count; a
working day counts when the clock was running at its start (midnight, Hong Kong time). So a
request submitted on a Monday is due, for a 5-day target, by the end of the next Monday; a
request paused (awaiting the B/D) stops counting from the next day, and the day the B/D answers
does not count either."""

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.core.cache import cache

HONG_KONG = ZoneInfo("Asia/Hong_Kong")
# Government offices close on general holidays: the statutory ones and the others.
GENERAL_HOLIDAY_CATEGORIES = (holidays.PUBLIC, holidays.OPTIONAL)


@lru_cache(maxsize=64)
def general_holidays(year: int) -> frozenset[date]:
    return frozenset(
        holidays.country_holidays("HK", years=year, categories=GENERAL_HOLIDAY_CATEGORIES).keys()
    )


CLOSURES_KEY = "advice:closure-days"
CLOSURES_KEPT = 60  # seconds the cache keeps them (another process may have changed them)


def closure_days() -> frozenset[date]:
    """The days recorded as closures, from the cache when read in the last minute;
    `forget_closure_days()` makes the next call read them at once."""
    days = cache.get(CLOSURES_KEY)
    if days is None:
        from aiplus.advice.models import ClosureDay  # the models import this module's callers

        days = frozenset(ClosureDay.objects.values_list("day", flat=True))
        cache.set(CLOSURES_KEY, days, CLOSURES_KEPT)
    return days


def forget_closure_days() -> None:
    cache.delete(CLOSURES_KEY)


def is_working_day(day: date) -> bool:
    return working_calendar()(day)


def outside_holidays(day: date) -> bool:
    """A weekday that is not a general holiday: a working day unless offices closed (the
    calendar of the migrations that ran before closure days were recorded)."""
    return day.weekday() < 5 and day not in general_holidays(day.year)


def working_calendar() -> Callable[[date], bool]:
    """Whether a day is a working day, with the closure days read once (a clock asks about
    every day it spans)."""
    closed = closure_days()
    return lambda day: outside_holidays(day) and day not in closed


def add_working_days(
    start: date, count: int, *, working: Callable[[date], bool] | None = None
) -> date:
    """The `count`th working day after `start` (`start` itself when count is 0 or less)."""
    working = working or working_calendar()
    day = start
    while count > 0:
        day += timedelta(days=1)
        if working(day):
            count -= 1
    return day


@dataclass(frozen=True)
class Change:
    """One entry of a request's status history: from `at` on, the request was in `status`."""

    at: datetime
    status: str


def local_date(moment: datetime) -> date:
    return moment.astimezone(HONG_KONG).date()


def working_days_counted(
    history: Sequence[Change],
    *,
    counting: Collection[str],
    until: datetime,
    working: Callable[[date], bool] | None = None,
) -> int:
    """Working days from the first change up to and including `until`'s date on whose start
    the request was in one of the `counting` statuses. Pure: the history, the moment and the
    calendar are all given."""
    if not history:
        return 0
    working = working or working_calendar()
    changes = sorted(history, key=lambda change: change.at)
    day = local_date(changes[0].at) + timedelta(days=1)
    last = local_date(until)
    index, status, counted = 0, changes[0].status, 0
    while day <= last:
        midnight = datetime.combine(day, time.min, tzinfo=HONG_KONG)
        while index < len(changes) and changes[index].at <= midnight:
            status = changes[index].status
            index += 1
        if index == len(changes) and status not in counting:
            break  # stopped for good (a closed request): nothing later counts
        if status in counting and working(day):
            counted += 1
        day += timedelta(days=1)
    return counted
