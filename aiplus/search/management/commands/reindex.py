import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from aiplus.core.jobs.models import Job
from aiplus.core.jobs.runner import run_job_inline, watching_progress
from aiplus.search import registry
from aiplus.search.models import Document, Passage, ReindexJob, Term

BAR = 30


class Command(BaseCommand):
    help = "Rebuild the search index from every registered source (or the ones named)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("sources", nargs="*", help="source names (default: all)")

    def handle(self, *args: Any, **options: Any) -> None:
        known = [source.name for source in registry.sources()]
        chosen = options["sources"] or known
        unknown = sorted(set(chosen) - set(known))
        if unknown:
            raise CommandError(f"Unknown source: {', '.join(unknown)} (known: {', '.join(known)})")
        started = time.monotonic()
        job = ReindexJob.objects.create(sources=chosen)
        with watching_progress(self._bar):
            job = run_job_inline(job)  # type: ignore[assignment]
        if job.status == ReindexJob.Status.FAILED:
            raise CommandError(job.error)
        self._bar(job)
        self.stdout.write("")
        self.stdout.write(
            f"Indexed {Document.objects.count()} items in {Passage.objects.count()} passages "
            f"({Term.objects.count()} terms) in {time.monotonic() - started:.1f} s."
        )

    def _bar(self, job: Job) -> None:
        filled = job.percent * BAR // 100
        bar = "#" * filled + "." * (BAR - filled)
        self.stdout.write(f"\r[{bar}] {job.percent:3d}% {job.progress_note[:40]:40}", ending="")
        self.stdout.flush()
