"""Writes for cases: import runs (the job rows of imports) and their execution."""

import time
from pathlib import Path

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from aiplus.accounts.models import AnyUser, User
from aiplus.cases.importer.errors import ImportFileError
from aiplus.cases.importer.mapping import load_mapping
from aiplus.cases.importer.run import ImportResult, run_import
from aiplus.cases.models import ImportRun
from aiplus.core.jobs.models import JobFailed
from aiplus.core.jobs.runner import enqueue_job, report_progress

# Stored uploads keep a known suffix only; the mapping, not the name, decides how to read them.
UPLOAD_SUFFIXES = {".csv", ".json", ".xlsx"}
# How many changed records and missing keys a run keeps for its report.
REPORTED_CHANGES = 500
REPORTED_MISSING_KEYS = 1000


def start_import(
    *,
    user: AnyUser,
    mapping: str,
    upload: UploadedFile,
    dry_run: bool,
    withdraw_missing: bool = False,
) -> ImportRun:
    """Keep the upload, record the run, and queue it for the worker."""
    load_mapping(mapping)  # refuse an unknown or invalid mapping now, not in the worker
    name = upload.name or "upload"
    suffix = Path(name).suffix.lower()
    run = ImportRun(
        mapping=mapping,
        file_name=name[:255],
        dry_run=dry_run,
        withdraw_missing=withdraw_missing,
        started_by=user if isinstance(user, User) else None,
    )
    stored_suffix = suffix if suffix in UPLOAD_SUFFIXES else ".dat"
    run.upload.save(f"import-{int(time.time())}{stored_suffix}", upload, save=False)
    run.save()
    enqueue_job(run)
    return run


def _store(run: ImportRun, result: ImportResult) -> None:
    run.rows_total = result.rows_total
    run.rows_done = result.rows_total
    run.created, run.updated, run.unchanged = result.created, result.updated, result.unchanged
    run.rejected = result.rejected
    run.problems = [{"note": note} for note in result.notes] + result.problems
    run.withdrawn, run.restored = result.withdrawn, result.restored
    run.missing = len(result.missing_keys)
    run.missing_keys = result.missing_keys[:REPORTED_MISSING_KEYS]
    run.changes = result.changes[:REPORTED_CHANGES]


def import_step(run: ImportRun) -> dict[str, int]:
    """The import's one step: read, check and (unless a dry run) write every valid row."""

    def progress(done: int, total: int) -> None:
        ImportRun.objects.filter(pk=run.pk).update(rows_done=done, rows_total=total)
        report_progress(
            run,
            done / total if total else 0.0,
            _("%(done)s of %(total)s rows") % {"done": done, "total": total},
        )

    try:
        with run.upload.open("rb") as stream:
            result = run_import(
                mapping=load_mapping(run.mapping),
                stream=stream,
                dry_run=run.dry_run,
                withdraw_missing=run.withdraw_missing,
                progress=progress,
            )
    except ImportFileError as error:
        raise JobFailed(str(error)) from error
    _store(run, result)
    run.save(
        update_fields=[
            "rows_total",
            "rows_done",
            "created",
            "updated",
            "unchanged",
            "rejected",
            "problems",
            "withdrawn",
            "restored",
            "missing",
            "missing_keys",
            "changes",
        ]
    )
    return {"created": result.created, "updated": result.updated}
