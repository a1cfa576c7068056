from collections.abc import Sequence

from django.db import models
from django.utils.translation import gettext_lazy as _

from aiplus.accounts.models import AnyUser
from aiplus.core.jobs.models import Job, Step
from aiplus.core.storage import private_storage


class ImportRun(Job):
    """One import of a file through a mapping: a job in one step (the import writes all valid
    rows in one transaction, so it never needs resuming half-way)."""

    mapping = models.CharField(_("mapping"), max_length=100)
    file_name = models.CharField(_("file"), max_length=255)
    upload = models.FileField(
        _("uploaded file"), storage=private_storage, upload_to="imports/", blank=True
    )
    dry_run = models.BooleanField(_("dry run"), default=True)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows processed"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    rejected = models.PositiveIntegerField(_("rejected"), default=0)
    missing = models.PositiveIntegerField(_("not in the file"), default=0)
    problems = models.JSONField(_("rejected rows and notes"), default=list, blank=True)
    withdraw_missing = models.BooleanField(
        _("withdraw records no longer in the file"), default=False
    )
    withdrawn = models.PositiveIntegerField(_("withdrawn"), default=0)
    restored = models.PositiveIntegerField(_("published again"), default=0)
    # Published records of the source that the file no longer has (their keys).
    missing_keys = models.JSONField(_("records not in the file"), default=list, blank=True)
    # Per updated record: its key, title and each changed field, old and new (the first ones).
    changes = models.JSONField(_("changes"), default=list, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.mapping}: {self.file_name}"

    def steps(self) -> Sequence[Step]:
        from aiplus.cases.services import import_step

        return [Step("import", import_step, _("Reading and checking rows"))]

    def user_can_view(self, user: AnyUser) -> bool:
        from aiplus.cases.permissions import user_can_import

        return user_can_import(user)

    @property
    def changes_not_shown(self) -> int:
        return max(self.updated - len(self.changes), 0)

    @property
    def missing_not_shown(self) -> int:
        return max(self.missing - len(self.missing_keys), 0)

    @property
    def progress_percent(self) -> int:
        return round(100 * self.rows_done / self.rows_total) if self.rows_total else 0
