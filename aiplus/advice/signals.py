"""A closure day recorded, changed or removed moves every open request's overdue day."""

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save


def closure_days_changed(**_kwargs: Any) -> None:
    from aiplus.advice.tasks import refresh_clocks_task
    from aiplus.advice.workdays import forget_closure_days

    forget_closure_days()
    transaction.on_commit(refresh_clocks_task.enqueue)


def connect() -> None:
    from aiplus.advice.models import ClosureDay

    for signal in (post_save, post_delete):
        signal.connect(closure_days_changed, sender=ClosureDay, dispatch_uid=f"closure-{signal}")
