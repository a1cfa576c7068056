"""Demo figures: roll up the days the other demo loaders filled (the last 90 days, today and
the days the demo stories were published), so that `make demo` opens on a populated
dashboard. Idempotent: a day rolled up again is replaced, never added to."""

from collections.abc import Callable
from datetime import datetime, timedelta

from django.utils import timezone

from aiplus.insights.registry import sources
from aiplus.insights.rollup import days_between, roll_up_days


def load(*, log: Callable[[str], None]) -> None:
    today = timezone.localdate()
    days = set(days_between(today - timedelta(days=90), today))
    since = timezone.make_aware(datetime(2000, 1, 1))
    for source in sources():
        if source.touched is not None:
            days |= set(source.touched(since))
    rows = roll_up_days(days)
    log(f"insights: rolled up {len(days)} days ({rows} figures)")
