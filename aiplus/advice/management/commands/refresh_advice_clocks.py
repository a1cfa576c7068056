"""Store every advice request's overdue day again from its history: after changing a
response-time target (AIPLUS_ADVICE_RESPONSE_DAYS, AIPLUS_ADVICE_ADVICE_DAYS) or upgrading the
holiday calendar, rather than waiting for the next morning's reminder run, which does the same."""

from typing import Any

from django.core.management.base import BaseCommand

from aiplus.advice.services import refresh_clocks


class Command(BaseCommand):
    help = "Store each advice request's overdue day again (after a target or holiday change)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"requests changed: {refresh_clocks()}")
