from django_tasks import task


@task()
def remind_tomorrow_task() -> int:
    """Remind registrants of events starting within a day (each once)."""
    from aiplus.events.services import remind_tomorrow

    return remind_tomorrow()
