from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class JobFailed(Exception):
    """A step gives up with a message for the people who see the job (no traceback logged)."""


@dataclass(frozen=True)
class Step:
    """One resumable part of a job. `run(job)` returns a JSON-serialisable result, stored on
    the job once the step finishes. A step must be safe to run again if its worker died
    before the result was stored."""

    name: str
    run: Callable[[Any], Any]
    label: str | Promise = ""


class Job(models.Model):
    """The job row: status, progress, timings, error, who started it, and which AI model did
    the work (where one did). Subclasses add their inputs and outputs and define `steps()`."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    progress = models.FloatField(_("progress"), default=0.0)  # 0 to 1
    progress_note = models.CharField(_("current step"), max_length=200, blank=True)
    results = models.JSONField(_("finished steps"), default=dict, blank=True, editable=False)
    error = models.TextField(_("error"), blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    seconds = models.FloatField(_("seconds taken"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last heartbeat"), null=True, blank=True)
    worker = models.CharField(_("worker"), max_length=100, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    ai_model = models.CharField(_("AI model"), max_length=200, blank=True)
    ai_model_version = models.CharField(_("AI model version"), max_length=100, blank=True)

    class Meta:
        abstract = True

    def steps(self) -> Sequence[Step]:
        raise NotImplementedError

    def on_failed(self, message: str) -> None:
        """Called once when the job fails, e.g. to mark the record it works on."""

    def user_can_view(self, user: Any) -> bool:
        """Who may watch the job's progress: whoever started it, and superusers."""
        return bool(user.is_authenticated and (user.is_superuser or user.pk == self.started_by_id))

    @property
    def progress_url(self) -> str:
        return reverse("job_progress", args=[self._meta.label, self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        return round(100 * min(max(self.progress, 0.0), 1.0))
