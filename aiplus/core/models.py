from django.db import models
from django.utils.translation import gettext_lazy as _


class ScheduledRun(models.Model):
    """One firing of a scheduled job. The unique (name, slot) pair makes sure each slot is
    queued once, however many schedulers run."""

    name = models.CharField(_("schedule"), max_length=100)
    slot = models.DateTimeField(_("due at"))
    queued_at = models.DateTimeField(_("queued at"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["name", "slot"], name="core_scheduledrun_once")
        ]
        ordering = ["-slot"]
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")

    def __str__(self) -> str:
        return f"{self.name} @ {self.slot:%Y-%m-%d %H:%M}"
