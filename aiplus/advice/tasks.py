from django_tasks import task


@task()
def remind_overdue_task() -> int:
    """Store each request's overdue day again (a target or the holiday calendar may have
    changed since), then remind advisors of overdue requests (each at most once a day)."""
    from aiplus.advice.services import refresh_clocks, remind_overdue

    refresh_clocks()
    return remind_overdue()


@task()
def refresh_clocks_task() -> int:
    """Store each request's overdue day again after a closure day was recorded or removed."""
    from aiplus.advice.services import refresh_clocks
    from aiplus.advice.workdays import forget_closure_days

    forget_closure_days()  # this process may have read the days before the change
    return refresh_clocks()
