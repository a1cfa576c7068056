from django_tasks import task


@task()
def apply_retention_task() -> dict[str, int]:
    """Warn about, then delete, recordings past their retention period (idempotent)."""
    from aiplus.meetings.retention import apply_retention

    return apply_retention()
