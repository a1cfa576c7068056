from django_tasks import task


@task()
def remind_overdue_task() -> int:
    """Remind advisors of overdue requests (each request at most once a day)."""
    from aiplus.advice.services import remind_overdue

    return remind_overdue()
