from django.apps import apps
from django_tasks import task

from aiplus.core.jobs import runner


@task()
def run_job_task(model_label: str, pk: int) -> None:
    model = apps.get_model(model_label)
    runner.run_job(model, pk)


@task()
def recover_stale_jobs_task() -> int:
    return runner.recover_stale_jobs()


@task()
def prune_schedule_history_task() -> int:
    """Forget scheduled firings older than 30 days (idempotent)."""
    from datetime import timedelta

    from django.utils import timezone

    from aiplus.core.models import ScheduledRun

    cutoff = timezone.now() - timedelta(days=30)
    deleted, _ = ScheduledRun.objects.filter(slot__lt=cutoff).delete()
    return deleted
