from pathlib import Path
from typing import Any

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from aiplus.cases.importer.errors import ImportFileError
from aiplus.cases.importer.mapping import load_mapping, mapping_choices
from aiplus.cases.models import ImportRun
from aiplus.core.jobs.runner import run_job_inline


class Command(BaseCommand):
    help = "Import use cases from a CSV file through a mapping (see aiplus/cases/mappings/)."

    def add_arguments(self, parser: Any) -> None:
        slugs = ", ".join(name for name, _label in mapping_choices())
        parser.add_argument("mapping", help=f"mapping file name or path (shipped: {slugs})")
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="report only; write nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        """Record the import as a job row and run it here, through the path a worker takes."""
        path: Path = options["file"]
        try:
            load_mapping(options["mapping"])
            run = ImportRun(
                mapping=options["mapping"], file_name=path.name[:255], dry_run=options["dry_run"]
            )
            with path.open("rb") as stream:
                run.upload.save(path.name, File(stream), save=False)
        except (ImportFileError, OSError) as error:
            raise CommandError(str(error)) from error
        run.save()
        run = run_job_inline(run)  # type: ignore[assignment]
        if run.status == ImportRun.Status.FAILED:
            raise CommandError(run.error)
        for problem in run.problems:
            if "note" in problem:
                self.stdout.write(f"note: {problem['note']}")
            else:
                self.stdout.write(f"rejected line {problem['line']}: {problem['reason']}")
        verb = "would be" if options["dry_run"] else "were"
        self.stdout.write(
            self.style.SUCCESS(
                f"{run.rows_total} rows: {run.created} {verb} created, "
                f"{run.updated} {verb} updated, {run.unchanged} unchanged, "
                f"{run.rejected} rejected."
            )
        )
