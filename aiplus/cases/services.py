"""Writes for cases: import runs (the job rows of imports) and their execution."""

import logging
import time
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aiplus.cases.importer.errors import ImportFileError
from aiplus.cases.importer.mapping import load_mapping
from aiplus.cases.importer.service import ImportResult, run_import
from aiplus.cases.models import ImportRun

logger = logging.getLogger(__name__)


def start_import(*, user: Any, mapping: str, upload: UploadedFile, dry_run: bool) -> ImportRun:
    """Keep the upload, record the run, and queue it for the worker."""
    from aiplus.cases.tasks import execute_import_task

    load_mapping(mapping)  # refuse an unknown mapping now, not in the worker
    run = ImportRun(
        mapping=mapping,
        file_name=(upload.name or "upload.csv")[:255],
        dry_run=dry_run,
        started_by=user if getattr(user, "is_authenticated", False) else None,
    )
    run.upload.save(f"import-{int(time.time())}.csv", upload, save=False)
    run.save()
    transaction.on_commit(lambda: execute_import_task.enqueue(run.pk))
    return run


def _store(run: ImportRun, result: ImportResult) -> None:
    run.rows_total = result.rows_total
    run.rows_done = result.rows_total
    run.created, run.updated, run.unchanged = result.created, result.updated, result.unchanged
    run.rejected = result.rejected
    run.problems = [{"note": note} for note in result.notes] + result.problems


def execute_import(*, run_id: int) -> ImportRun:
    run = ImportRun.objects.get(pk=run_id)
    if run.status in (ImportRun.Status.DONE, ImportRun.Status.FAILED):
        return run  # already ran: a retried job does nothing twice
    run.status = ImportRun.Status.RUNNING
    run.save(update_fields=["status"])
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        ImportRun.objects.filter(pk=run.pk).update(rows_done=done, rows_total=total)

    try:
        with run.upload.open("rb") as stream:
            result = run_import(
                mapping=load_mapping(run.mapping),
                stream=stream,
                dry_run=run.dry_run,
                progress=progress,
            )
    except ImportFileError as error:
        run.status, run.error = ImportRun.Status.FAILED, str(error)
    except Exception:
        logger.exception("import %s failed", run.pk)
        run.status = ImportRun.Status.FAILED
        run.error = _("The import failed unexpectedly; nothing was written. The error is logged.")
    else:
        _store(run, result)
        run.status = ImportRun.Status.DONE
    run.seconds = round(time.perf_counter() - started, 2)
    run.finished_at = timezone.now()
    run.save()
    return run
