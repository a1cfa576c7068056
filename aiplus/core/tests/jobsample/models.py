import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.db import models

from aiplus.core.jobs.models import Job, JobFailed, Step
from aiplus.core.jobs.runner import report_progress


def _trace(job: "SampleJob", name: str) -> dict[str, Any]:
    """Append "step pid" to the job's trace file: tests count how often each step ran."""
    with Path(job.trace_path).open("a") as trace:
        trace.write(f"{name} {os.getpid()}\n")
    return {"pid": os.getpid()}


def _first(job: "SampleJob") -> dict[str, Any]:
    return _trace(job, "first")


def _slow(job: "SampleJob") -> dict[str, Any]:
    result = _trace(job, "slow")
    ticks = max(int(job.slow_seconds * 10), 1)
    for tick in range(ticks):
        time.sleep(0.1)
        report_progress(job, (tick + 1) / ticks)
    return result


def _last(job: "SampleJob") -> dict[str, Any]:
    if job.fail_with:
        raise JobFailed(job.fail_with)
    return _trace(job, "last")


class SampleJob(Job):
    trace_path = models.CharField(max_length=500)
    slow_seconds = models.FloatField(default=0)
    fail_with = models.CharField(max_length=200, blank=True)

    def steps(self) -> Sequence[Step]:
        return [Step("first", _first), Step("slow", _slow), Step("last", _last)]
