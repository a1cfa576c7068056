"""Roll up the manpower figures for a day or a range of days (idempotent: a day's figures
are replaced), or, with no dates, as the nightly job does."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from aiplus.insights.periods import parse_date
from aiplus.insights.rollup import days_between, roll_up_days, roll_up_recent


class Command(BaseCommand):
    help = "Roll up the manpower figures (python manage.py rollup_insights --from D --to D)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--from", dest="start", help="first day, YYYY-MM-DD")
        parser.add_argument("--to", dest="end", help="last day, YYYY-MM-DD (default: --from)")

    def handle(self, *args: Any, start: str | None, end: str | None, **options: Any) -> None:
        if not start:
            rows = roll_up_recent()
        else:
            first, last = parse_date(start), parse_date(end or start)
            if first is None or last is None or first > last:
                raise CommandError("give --from and --to as YYYY-MM-DD, first day first")
            rows = roll_up_days(days_between(first, last))
        self.stdout.write(f"{rows} figures written")
