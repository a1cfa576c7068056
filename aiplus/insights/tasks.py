from django_tasks import task


@task()
def roll_up_recent_task() -> int:
    """Nightly: roll up the last week's days (idempotent: each day's rows are replaced)."""
    from aiplus.insights.rollup import roll_up_recent

    return roll_up_recent()
