"""Jobs: steps run in order with progress, finished steps are never redone, failures end the
job with a message, and a job whose worker was killed is resumed by another worker."""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.utils import timezone

from aiplus.core import schedule
from aiplus.core.jobs.runner import recover_stale_jobs, run_job, run_job_inline
from aiplus.core.models import ScheduledRun
from aiplus.core.tests.jobsample.models import SampleJob

ROOT = Path(__file__).resolve().parents[3]


def traced(tmp_path, **fields):
    return SampleJob.objects.create(trace_path=str(tmp_path / "trace.txt"), **fields)


def trace_lines(job):
    path = Path(job.trace_path)
    return path.read_text().split("\n")[:-1] if path.exists() else []


@pytest.mark.django_db
def test_a_job_runs_its_steps_in_order_and_records_each(tmp_path):
    job = run_job_inline(traced(tmp_path))
    assert job.status == "done" and job.progress == 1.0
    assert [line.split()[0] for line in trace_lines(job)] == ["first", "slow", "last"]
    assert set(job.results) == {"first", "slow", "last"}
    assert job.attempts == 1 and job.seconds is not None and job.finished_at


@pytest.mark.django_db
def test_a_finished_step_is_skipped_when_the_job_is_picked_up_again(tmp_path):
    job = traced(tmp_path, results={"first": {"pid": 1}})
    job = run_job_inline(job)
    assert job.status == "done"
    assert [line.split()[0] for line in trace_lines(job)] == ["slow", "last"]
    assert job.results["first"] == {"pid": 1}


@pytest.mark.django_db
def test_a_failing_step_ends_the_job_with_its_message(tmp_path):
    job = run_job_inline(traced(tmp_path, fail_with="The file is empty."))
    assert job.status == "failed" and job.error == "The file is empty."
    assert set(job.results) == {"first", "slow"}


@pytest.mark.django_db
def test_a_job_is_run_once_however_often_it_is_queued(tmp_path):
    job = traced(tmp_path)
    run_job(SampleJob, job.pk)
    assert run_job(SampleJob, job.pk) is None  # already done: the second delivery does nothing
    assert len(trace_lines(job)) == 3


@pytest.mark.django_db
def test_only_jobs_with_a_stale_heartbeat_are_taken_back(tmp_path):
    now = timezone.now()
    alive = traced(tmp_path, status="running", heartbeat_at=now, worker="a:1", attempts=1)
    dead = traced(tmp_path, status="running", heartbeat_at=now - timedelta(minutes=5), worker="b:2")
    assert recover_stale_jobs(stale_seconds=60, backend="database") == 1
    alive.refresh_from_db()
    dead.refresh_from_db()
    assert alive.status == "running" and dead.status == "queued" and dead.worker == ""


@pytest.mark.django_db
def test_a_job_that_keeps_killing_its_worker_is_given_up(tmp_path, settings):
    settings.AIPLUS_JOB_MAX_ATTEMPTS = 2
    job = traced(tmp_path, attempts=2)
    job = run_job_inline(job)
    assert job.status == "failed" and "2 times" in job.error
    assert trace_lines(job) == []


@pytest.mark.django_db
def test_progress_is_shown_only_to_who_may_see_the_job(client, tmp_path, make_user):
    owner, stranger = make_user(), make_user()
    job = traced(tmp_path, started_by=owner, progress=0.4, progress_note="Reading")
    client.force_login(stranger)
    assert client.get(job.progress_url).status_code == 404
    assert client.get("/en/jobs/accounts.User/1/progress/").status_code == 404  # not a job
    client.force_login(owner)
    response = client.get(job.progress_url, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert 'value="40"' in html and "Reading" in html and "hx-get" in html
    assert "HX-Refresh" not in response
    run_job_inline(job)
    finished = client.get(job.progress_url, headers={"HX-Request": "true"})
    assert finished["HX-Refresh"] == "true" and "hx-get" not in finished.content.decode()


@pytest.mark.django_db
def test_a_scheduled_slot_is_queued_once_however_many_schedulers_fire_it():
    from aiplus.core.jobs.tasks import prune_schedule_history_task

    schedule.register("test-prune", prune_schedule_history_task, cron="* * * * *")
    slot = timezone.now().replace(second=10, microsecond=0)  # both firings in one minute
    assert schedule.fire("test-prune", slot=slot) is True
    assert schedule.fire("test-prune", slot=slot + timedelta(seconds=5)) is False
    assert ScheduledRun.objects.filter(name="test-prune").count() == 1
    assert {s.name for s in schedule.schedules()} >= {"recover-stale-jobs", "test-prune"}


def _database_url() -> str:
    """The test database as a URL, for worker processes: the suite's URL with the test
    database's name (SQLite: the file test settings give it)."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    return urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{db['NAME']}").geturl()


def _start_worker(worker_id: str) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": _database_url(), "AIPLUS_JOB_HEARTBEAT_SECONDS": "0.5"}
    return subprocess.Popen(  # noqa: S603 - fixed argv
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--backend",
            "database",
            "--interval",
            "0.2",
            "--worker-id",
            worker_id,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


# Committed data, so that worker processes see it; the flush afterwards is limited to the tables
# this test writes, so the reference data other tests rely on stays.
@pytest.mark.django_db(
    transaction=True,
    available_apps=["aiplus.core", "aiplus.core.tests.jobsample", "django_tasks_db"],
)
def test_a_job_whose_worker_is_killed_is_resumed_by_another_without_redoing_steps(tmp_path):
    job = traced(tmp_path, slow_seconds=30)
    from aiplus.core.jobs.tasks import run_job_task

    run_job_task.using(backend="database").enqueue(SampleJob._meta.label, job.pk)
    first = _start_worker("first")
    try:
        assert _wait(lambda: len(trace_lines(job)) == 2, timeout=60), "the first worker never began"
        assert _wait(lambda: SampleJob.objects.get(pk=job.pk).progress > 0.4, timeout=30), (
            "no progress"
        )
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        if first.poll() is None:
            first.kill()
    job.refresh_from_db()
    assert job.status == "running" and "first" in job.results and "slow" not in job.results
    killed_at = job.heartbeat_at
    SampleJob.objects.filter(pk=job.pk).update(slow_seconds=0.5)  # the rerun need not be slow
    # Nothing beats for a dead worker: once its heartbeat is stale, the job is taken back.
    time.sleep(1.5)
    assert recover_stale_jobs(stale_seconds=1, backend="database") == 1
    second = _start_worker("second")
    try:
        assert _wait(lambda: SampleJob.objects.get(pk=job.pk).status == "done", timeout=60), (
            "the job was not resumed"
        )
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=20)
    job.refresh_from_db()
    steps = [line.split()[0] for line in trace_lines(job)]
    assert steps.count("first") == 1  # finished before the kill: never redone
    assert steps == ["first", "slow", "slow", "last"]
    assert job.attempts == 2 and job.heartbeat_at > killed_at
    assert job.results["first"]["pid"] != job.results["last"]["pid"]
