"""The figure sources: one small function per metric that reads one app's own tables for one
day and returns that day's figures by bureau or department (and by solution where it
matters). `sources.py` registers the hub's own; a new app adds its figures in one place:

    @register("assistant_resolved")
    def assistant_resolved(day: date) -> Iterable[Row]: ...

Rows with no solution are a B/D's totals for the day. Rows with a solution break a total down
(a story that used two solutions counts for each), so they are never added to the totals."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from django.utils import timezone


class Row(NamedTuple):
    organisation_id: int | None
    solution_id: int | None
    value: float
    records: int


Reader = Callable[[date], Iterable[Row]]
# The days whose figures changed after the fact (a story edited, an answer given later):
# given the moment of the last look, the days to roll up again.
Touched = Callable[[datetime], Iterable[date]]


@dataclass(frozen=True)
class Source:
    metric: str
    read: Reader
    touched: Touched | None = None


_SOURCES: dict[str, Source] = {}


def register(metric: str, *, touched: Touched | None = None) -> Callable[[Reader], Reader]:
    def decorate(read: Reader) -> Reader:
        _SOURCES[metric] = Source(metric=metric, read=read, touched=touched)
        return read

    return decorate


def sources() -> list[Source]:
    from aiplus.insights import sources as _hub_sources  # noqa: F401 - registers the hub's own

    return list(_SOURCES.values())


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """The day's start and the next day's start, in Hong Kong time."""
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))
