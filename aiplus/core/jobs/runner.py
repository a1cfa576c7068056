"""Running a job: claim the row, run the steps not yet finished, store each result, beat a
heartbeat meanwhile. A worker that dies leaves the row "running" with a stale heartbeat;
`recover_stale_jobs` puts it back in the queue and another worker resumes it."""

import logging
import os
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from aiplus.core.jobs.models import Job, JobFailed

logger = logging.getLogger(__name__)
Status = Job.Status
# Called with the job at each progress report in this process: a command running a job inline
# draws its progress bar from here (see `watching_progress`).
_progress_listeners: list[Callable[[Job], None]] = []


@contextmanager
def watching_progress(listener: Callable[[Job], None]) -> Iterator[None]:
    _progress_listeners.append(listener)
    try:
        yield
    finally:
        _progress_listeners.remove(listener)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:100]


def job_models() -> list[type[Job]]:
    return [model for model in apps.get_models() if issubclass(model, Job)]


def enqueue_job(job: Job, *, backend: str = "default") -> None:
    """Queue the job for a worker once the current transaction commits."""
    from aiplus.core.jobs.tasks import run_job_task

    label, pk = job._meta.label, job.pk
    transaction.on_commit(lambda: run_job_task.using(backend=backend).enqueue(label, pk))


class _Heartbeat(threading.Thread):
    """Marks the job alive every few seconds, even while a long step holds the main thread."""

    def __init__(self, job: Job, worker: str) -> None:
        super().__init__(daemon=True, name=f"heartbeat-{job._meta.label}-{job.pk}")
        self.model, self.pk, self.worker = type(job), job.pk, worker
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.wait(settings.AIPLUS_JOB_HEARTBEAT_SECONDS):
                try:
                    self.model._default_manager.filter(
                        pk=self.pk, worker=self.worker, status=Status.RUNNING
                    ).update(heartbeat_at=timezone.now())
                except Exception:  # a missed beat is harmless; the next one may land
                    logger.debug("heartbeat failed", exc_info=True)
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopped.set()
        self.join()


def _claim(model: type[Job], pk: int, worker: str) -> bool:
    now = timezone.now()
    return bool(
        model._default_manager.filter(pk=pk, status=Status.QUEUED).update(
            status=Status.RUNNING,
            worker=worker,
            heartbeat_at=now,
            started_at=Coalesce(F("started_at"), Value(now)),
            attempts=F("attempts") + 1,
        )
    )


def _finish(job: Job, status: str, error: str = "") -> None:
    job.status, job.error = status, error
    job.finished_at = timezone.now()
    if job.started_at:
        job.seconds = round((job.finished_at - job.started_at).total_seconds(), 2)
    if status == Status.DONE:
        job.progress, job.progress_note = 1.0, ""
    job.save()


def run_job(model: type[Job], pk: int, *, worker: str | None = None) -> Job | None:
    """Run the job if it is queued; return it afterwards, or None if another worker has it
    or it has already finished."""
    worker = worker or worker_name()
    if not _claim(model, pk, worker):
        return None
    job = model._default_manager.get(pk=pk)
    if job.attempts > settings.AIPLUS_JOB_MAX_ATTEMPTS:
        message = _("The job stopped its worker %(count)d times, so it was given up.") % {
            "count": job.attempts - 1
        }
        _finish(job, Status.FAILED, message)
        job.on_failed(message)
        return job
    heartbeat = _Heartbeat(job, worker)
    heartbeat.start()
    try:
        _run_steps(job)
    except JobFailed as failure:
        _finish(job, Status.FAILED, str(failure))
        job.on_failed(str(failure))
    except Exception:
        logger.exception("job %s %s failed", model._meta.label, pk)
        message = _("The job failed unexpectedly. The error is logged for administrators.")
        _finish(job, Status.FAILED, message)
        job.on_failed(message)
    else:
        _finish(job, Status.DONE)
    finally:
        heartbeat.stop()
    return job


def _run_steps(job: Job) -> None:
    steps = list(job.steps())
    for index, step in enumerate(steps):
        if step.name in job.results:
            continue  # finished by an earlier worker
        job.progress = index / len(steps)
        job.progress_note = str(step.label or step.name)[:200]
        type(job)._default_manager.filter(pk=job.pk).update(
            progress=job.progress, progress_note=job.progress_note
        )
        job._current_step = (index, len(steps))  # type: ignore[attr-defined]
        result = step.run(job)
        job.results = {**job.results, step.name: result}
        job.progress = (index + 1) / len(steps)
        job.save(update_fields=["results", "progress", "ai_model", "ai_model_version"])


def report_progress(job: Job, fraction: float, note: str = "") -> None:
    """Report progress within the running step (0 to 1), e.g. after each chunk of audio."""
    index, count = getattr(job, "_current_step", (0, 1))
    job.progress = (index + min(max(fraction, 0.0), 1.0)) / count
    fields: dict[str, object] = {"progress": job.progress}
    if note:
        job.progress_note = note[:200]
        fields["progress_note"] = job.progress_note
    type(job)._default_manager.filter(pk=job.pk).update(**fields)
    for listener in _progress_listeners:
        listener(job)


def run_job_inline(job: Job) -> Job:
    """Run a queued job in this process through the same path a worker takes (for commands)."""
    finished = run_job(type(job), job.pk, worker=f"inline:{worker_name()}")
    job.refresh_from_db()
    return finished or job


def recover_stale_jobs(*, stale_seconds: float | None = None, backend: str = "default") -> int:
    """Put back in the queue every running job whose worker has stopped beating, and queue it
    again. Safe to run from several machines at once: each row is taken back exactly once."""
    seconds = stale_seconds if stale_seconds is not None else settings.AIPLUS_JOB_STALE_SECONDS
    cutoff = timezone.now() - timedelta(seconds=seconds)
    recovered = 0
    for model in job_models():
        stale = model._default_manager.filter(status=Status.RUNNING, heartbeat_at__lt=cutoff)
        for pk in list(stale.values_list("pk", flat=True)):
            taken_back = model._default_manager.filter(
                pk=pk, status=Status.RUNNING, heartbeat_at__lt=cutoff
            ).update(status=Status.QUEUED, worker="")
            if taken_back:
                logger.warning("resuming %s %s: its worker stopped", model._meta.label, pk)
                job = model._default_manager.get(pk=pk)
                with transaction.atomic():
                    enqueue_job(job, backend=backend)
                recovered += 1
    return recovered
