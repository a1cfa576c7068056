"""Start the web server, the background task worker and the scheduler together; Ctrl-C stops
them all."""

import signal
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from aiplus.core.demo import banner_lines


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


class Command(BaseCommand):
    help = "Run the hub: gunicorn on HOST:PORT, one task worker and the scheduler, supervised."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")
        parser.add_argument("--web-workers", default="2")
        parser.add_argument(
            "--install-models",
            metavar="SET",
            default="",
            help="also install this model set (e.g. default) in the background",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # Ctrl-C (even if a parent shell ignores it) and a service manager's SIGTERM both stop
        # the pair cleanly.
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, _interrupt)
        address = f"{options['host']}:{options['port']}"
        web = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                "--bind",
                address,
                "--workers",
                str(options["web_workers"]),
                "--access-logfile",
                "-",
            ],
            # Own session: Ctrl-C reaches this supervisor only, which then stops both in order.
            start_new_session=True,
        )
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "1"],
            start_new_session=True,
        )
        # Scheduled jobs (among them: resuming jobs whose worker died) are queued for the worker.
        scheduler = subprocess.Popen(
            [sys.executable, "manage.py", "run_scheduler"], start_new_session=True
        )
        children = [web, worker, scheduler]
        # The model install runs beside the site, which says that AI features are getting ready.
        helpers = []
        if options["install_models"]:
            helpers.append(
                subprocess.Popen(  # noqa: S603
                    [
                        sys.executable,
                        "manage.py",
                        "install_models",
                        "--set",
                        options["install_models"],
                    ],
                    start_new_session=True,
                )
            )
        self._print_banner(address)
        try:
            while all(child.poll() is None for child in children):
                time.sleep(0.5)
            self.stderr.write("A process stopped unexpectedly; stopping the other.")
        except KeyboardInterrupt:
            self.stdout.write("\nStopping the web server, the worker and the scheduler...")
        finally:
            for child in [*children, *helpers]:
                if child.poll() is None:
                    child.send_signal(signal.SIGTERM)
            for child in [*children, *helpers]:
                try:
                    child.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    child.kill()
        self.stdout.write("Stopped.")

    def _print_banner(self, address: str) -> None:
        lines = [
            "",
            f"  AI+ Hub is running on http://{address}/",
            f"  Content admin: http://{address}/{settings.AIPLUS_ADMIN_PATH}",
        ]
        if settings.AIPLUS_DEMO:
            lines += banner_lines()
        lines += ["  Press Ctrl-C to stop.", ""]
        self.stdout.write("\n".join(lines))
