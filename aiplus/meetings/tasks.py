from django_tasks import task


@task()
def apply_retention_task() -> dict[str, int]:
    """Warn about, then delete, recordings past their retention period (idempotent)."""
    from aiplus.meetings.retention import apply_retention

    return apply_retention()


@task()
def remind_actions_task() -> int:
    """Remind people of their actions due by tomorrow (each once)."""
    from aiplus.meetings.actions import remind_due

    return remind_due()
