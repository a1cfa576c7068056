"""Scheduled jobs (reminders, retention, roll-ups, digests). Apps register them from their
`AppConfig.ready()`; `manage.py run_scheduler` (started by `run_hub`) fires them on their cron
expressions with APScheduler and queues each firing as an ordinary task for the workers.

Every scheduled task must be idempotent: a slot is queued at most once (see `ScheduledRun`),
but a task may still be retried after a worker dies."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction

from aiplus.core.models import ScheduledRun


@dataclass(frozen=True)
class Schedule:
    name: str
    task: Any  # a django_tasks Task taking no arguments
    cron: str  # five fields: minute hour day month weekday, in Hong Kong time


_SCHEDULES: dict[str, Schedule] = {}


def register(name: str, task: Any, *, cron: str) -> None:
    _SCHEDULES[name] = Schedule(name=name, task=task, cron=cron)


def schedules() -> list[Schedule]:
    return sorted(_SCHEDULES.values(), key=lambda schedule: schedule.name)


def fire(name: str, *, slot: datetime) -> bool:
    """Queue the schedule's task for this slot unless some scheduler already has."""
    schedule = _SCHEDULES[name]
    try:
        with transaction.atomic():
            ScheduledRun.objects.create(name=name, slot=slot.replace(second=0, microsecond=0))
    except IntegrityError:
        return False
    schedule.task.enqueue()
    return True
