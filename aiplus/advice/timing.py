"""Response-time targets, counted in Hong Kong working days from a request's status history.

Two clocks run on each request: the first response (until an advisor triages it) and the
advice (until it is advised or closed). Waiting for the B/D pauses the advice clock; reopening
a closed request starts it again from where it stopped. The targets are settings
(`AIPLUS_ADVICE_RESPONSE_DAYS`, `AIPLUS_ADVICE_ADVICE_DAYS`).

`timing` gives a request's clocks at a moment; `overdue_from` gives the day it falls overdue
if its status stays as it is, which the services store on the request after every move so
that the queue can filter, count and sort by lateness in SQL."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from aiplus.advice.models import AdviceRequest
from aiplus.advice.workdays import (
    Change,
    add_working_days,
    local_date,
    working_calendar,
    working_days_counted,
)
from aiplus.advice.workflow import Status

RESPONSE_COUNTING = frozenset({Status.SUBMITTED})
ADVICE_COUNTING = frozenset({Status.SUBMITTED, Status.TRIAGED, Status.IN_PROGRESS})
CLOCK_STATUSES = RESPONSE_COUNTING | ADVICE_COUNTING  # the statuses in which a clock runs


@dataclass(frozen=True)
class Clock:
    label: str | Promise
    days: int  # working days counted so far
    target: int
    running: bool
    paused: bool
    due_on: date | None  # while running: the last working day within the target

    @property
    def overdue(self) -> bool:
        return self.running and self.days > self.target


@dataclass(frozen=True)
class Timing:
    response: Clock
    advice: Clock

    @property
    def overdue(self) -> bool:
        return self.response.overdue or self.advice.overdue

    @property
    def clocks(self) -> tuple[Clock, Clock]:
        return (self.response, self.advice)


def history_of(request: AdviceRequest) -> list[Change]:
    """The request's status history; uses prefetched `status_changes` when there are some."""
    return [
        Change(at=change.at, status=change.to_status) for change in request.status_changes.all()
    ]


def _clock(
    label: str | Promise,
    history: list[Change],
    *,
    status: str,
    counting: frozenset[str],
    target: int,
    now: datetime,
) -> Clock:
    days = working_days_counted(history, counting=counting, until=now)
    running = status in counting
    due_on = add_working_days(local_date(now), target - days) if running else None
    return Clock(
        label=label,
        days=days,
        target=target,
        running=running,
        paused=status == Status.AWAITING_BD and counting is ADVICE_COUNTING,
        due_on=due_on,
    )


def timing(request: AdviceRequest, *, now: datetime | None = None) -> Timing:
    now = now or timezone.now()
    history = history_of(request)
    (response, response_target), (advice, advice_target) = _targets()
    return Timing(
        response=_clock(
            _("First response"),
            history,
            status=request.status,
            counting=response,
            target=response_target,
            now=now,
        ),
        advice=_clock(
            _("Advice"),
            history,
            status=request.status,
            counting=advice,
            target=advice_target,
            now=now,
        ),
    )


def _targets() -> tuple[tuple[frozenset[str], int], ...]:
    return (
        (RESPONSE_COUNTING, settings.AIPLUS_ADVICE_RESPONSE_DAYS),
        (ADVICE_COUNTING, settings.AIPLUS_ADVICE_ADVICE_DAYS),
    )


def overdue_from(
    history: Sequence[Change], *, status: str, working: Callable[[date], bool] | None = None
) -> date | None:
    """The first Hong Kong day on which `timing(...).overdue` holds, if the request stays in
    `status` (None while no clock runs). After the last change a running clock gains one day
    per working day, so the day is the (target - days counted by then + 1)th working day
    after the last change's."""
    if not history:
        return None
    last = max(change.at for change in history)
    working = working or working_calendar()
    days = [
        add_working_days(
            local_date(last),
            target
            - working_days_counted(history, counting=counting, until=last, working=working)
            + 1,
            working=working,
        )
        for counting, target in _targets()
        if status in counting
    ]
    return min(days, default=None)
