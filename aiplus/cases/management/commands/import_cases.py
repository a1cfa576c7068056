from pathlib import Path
from typing import Any

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from aiplus.cases.importer.errors import ImportFileError
from aiplus.cases.importer.mapping import load_mapping, mapping_choices
from aiplus.cases.models import ImportRun
from aiplus.core.jobs.runner import run_job_inline


class Command(BaseCommand):
    help = (
        "Import use cases from a CSV, JSON or XLSX file through a mapping "
        "(see aiplus/cases/mappings/)."
    )

    def add_arguments(self, parser: Any) -> None:
        slugs = ", ".join(name for name, _label in mapping_choices())
        parser.add_argument("mapping", help=f"mapping file name or path (shipped: {slugs})")
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="report only; write nothing")
        parser.add_argument(
            "--withdraw-missing",
            action="store_true",
            help="unpublish (never delete) this source's records that the file no longer has",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        """Record the import as a job row and run it here, through the path a worker takes."""
        path: Path = options["file"]
        try:
            load_mapping(options["mapping"])
            run = ImportRun(
                mapping=options["mapping"],
                file_name=path.name[:255],
                dry_run=options["dry_run"],
                withdraw_missing=options["withdraw_missing"],
            )
            with path.open("rb") as stream:
                run.upload.save(path.name, File(stream), save=False)
        except (ImportFileError, OSError) as error:
            raise CommandError(str(error)) from error
        run.save()
        run = run_job_inline(run)  # type: ignore[assignment]
        if run.status == ImportRun.Status.FAILED:
            raise CommandError(run.error)
        self._report(run, dry_run=options["dry_run"])

    def _report(self, run: ImportRun, *, dry_run: bool) -> None:
        write = self.stdout.write
        for problem in run.problems:
            if "note" in problem:
                write(f"note: {problem['note']}")
            else:
                where = problem.get("where") or f"row {problem.get('row')}"
                write(f"rejected {where}: {problem['reason']}")
        verb = "would change" if dry_run else "changed"
        for change in run.changes:
            write(f"{verb} {change['key']}:")
            for field in change["fields"]:
                write(f"    {field['field']}: {field['old']!r} -> {field['new']!r}")
        if run.changes_not_shown:
            write(f"... and {run.changes_not_shown} more updated records")
        if run.missing:
            if run.withdrawn:
                state = "would be withdrawn" if dry_run else "withdrawn"
            else:
                state = "still published"
            for key in run.missing_keys:
                write(f"not in the file ({state}): {key}")
            if run.missing_not_shown:
                write(f"... and {run.missing_not_shown} more records not in the file")
        verb = "would be" if dry_run else "were"
        summary = (
            f"{run.rows_total} rows: {run.created} {verb} created, "
            f"{run.updated} {verb} updated, {run.unchanged} unchanged, "
            f"{run.rejected} rejected; {run.missing} published records not in the file"
        )
        if run.withdraw_missing:
            summary += f", {run.withdrawn} {verb} withdrawn"
        if run.restored:
            summary += f", {run.restored} {verb} published again"
        self.stdout.write(self.style.SUCCESS(summary + "."))
