"""Fire the registered scheduled jobs on time (see aiplus/core/schedule.py)."""

import contextlib
from typing import Any

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils import timezone

from aiplus.core import schedule


def _fire(name: str) -> None:
    close_old_connections()
    schedule.fire(name, slot=timezone.now())


class Command(BaseCommand):
    help = "Run the scheduler: queue each registered scheduled job when it is due."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--list", action="store_true", help="list the schedules and stop")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list"]:
            for item in schedule.schedules():
                self.stdout.write(f"{item.cron:<16} {item.name}")
            return
        scheduler = BlockingScheduler(timezone=settings.TIME_ZONE)
        for item in schedule.schedules():
            scheduler.add_job(
                _fire,
                CronTrigger.from_crontab(item.cron, timezone=settings.TIME_ZONE),
                args=[item.name],
                id=item.name,
                coalesce=True,  # after a pause, fire once, not once per missed slot
                misfire_grace_time=60,
            )
        with contextlib.suppress(KeyboardInterrupt, SystemExit):
            scheduler.start()
