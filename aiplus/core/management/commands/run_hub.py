"""Start the web server and the background task worker together; Ctrl-C stops both."""

import signal
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from aiplus.accounts.demo import DEMO_USERS
from aiplus.core.demo import DEMO_PASSWORD


class Command(BaseCommand):
    help = "Run the hub: gunicorn on HOST:PORT plus one task worker, supervised together."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")
        parser.add_argument("--web-workers", default="2")

    def handle(self, *args: Any, **options: Any) -> None:
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
            ]
        )
        worker = subprocess.Popen([sys.executable, "manage.py", "db_worker", "--interval", "1"])
        self._print_banner(address)
        children = [web, worker]
        try:
            while all(child.poll() is None for child in children):
                time.sleep(0.5)
            self.stderr.write("A process stopped unexpectedly; stopping the other.")
        except KeyboardInterrupt:
            self.stdout.write("\nStopping the web server and the worker...")
        finally:
            for child in children:
                if child.poll() is None:
                    child.send_signal(signal.SIGTERM)
            for child in children:
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
            lines.append(f"  Demo logins (password for all: {DEMO_PASSWORD}):")
            lines += [f"    {username:<8} {role.label}" for username, _, _, role, _ in DEMO_USERS]
        lines += ["  Press Ctrl-C to stop.", ""]
        self.stdout.write("\n".join(lines))
