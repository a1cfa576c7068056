from typing import Any

from django.core.management.base import BaseCommand, CommandError

from aiplus.cases.importer.errors import ImportFileError
from aiplus.cases.importer.mapping import check_mapping_file, mapping_path


class Command(BaseCommand):
    help = (
        "Check an import mapping against the mapping schema: print each problem with its line "
        "and key, or OK. Exits non-zero when there are problems."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "mapping",
            help="a mapping file, or a shipped mapping's name (file name without .toml, or its "
            "source slug)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            path = mapping_path(options["mapping"])
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        problems = check_mapping_file(path)[1]
        if not problems:
            self.stdout.write(self.style.SUCCESS(f"{path}: OK"))
            return
        for problem in problems:
            self.stdout.write(f"{path}: {problem}")
        count = len(problems)
        raise CommandError(f"{count} problem{'s' if count != 1 else ''} in {path}")
