from django_tasks import task


@task()
def remind_tomorrow_task() -> int:
    """Remind registrants of events starting within a day (each once)."""
    from aiplus.events.services import remind_tomorrow

    return remind_tomorrow()


@task()
def send_digests_task() -> int:
    """Send the weekly and monthly digests that are due (each period's once)."""
    from aiplus.events.digests import send_due_digests

    return send_due_digests()
