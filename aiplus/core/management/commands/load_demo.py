from typing import Any

from django.core.management.base import BaseCommand

from aiplus.core.demo import load_all


class Command(BaseCommand):
    help = "Load the demo content of every capability (safe to run again: nothing is duplicated)."

    def handle(self, *args: Any, **options: Any) -> None:
        load_all(log=lambda line: self.stdout.write(line))
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
