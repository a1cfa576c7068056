from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from aiplus.cases.importer.errors import ImportFileError
from aiplus.cases.importer.mapping import load_mapping, mapping_choices
from aiplus.cases.importer.service import run_import


class Command(BaseCommand):
    help = "Import use cases from a CSV file through a mapping (see aiplus/cases/mappings/)."

    def add_arguments(self, parser: Any) -> None:
        slugs = ", ".join(name for name, _label in mapping_choices())
        parser.add_argument("mapping", help=f"mapping file name or path (shipped: {slugs})")
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="report only; write nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            mapping = load_mapping(options["mapping"])
            with options["file"].open("rb") as stream:
                result = run_import(mapping=mapping, stream=stream, dry_run=options["dry_run"])
        except (ImportFileError, OSError) as error:
            raise CommandError(str(error)) from error
        for note in result.notes:
            self.stdout.write(f"note: {note}")
        for problem in result.problems:
            self.stdout.write(f"rejected line {problem['line']}: {problem['reason']}")
        verb = "would be" if options["dry_run"] else "were"
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.rows_total} rows: {result.created} {verb} created, "
                f"{result.updated} {verb} updated, {result.unchanged} unchanged, "
                f"{result.rejected} rejected."
            )
        )
