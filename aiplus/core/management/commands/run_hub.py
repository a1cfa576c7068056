"""Start the hub's processes together: the web server, the background task worker, the
scheduler, and any process an app registers (the AI layer's model server). Ctrl-C or SIGTERM
stops them all. Their output goes to log files unless --verbose, so the address and the demo
logins stay on screen."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.management.base import BaseCommand

from aiplus.core.demo import banner_lines
from aiplus.core.processes import processes


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


class Command(BaseCommand):
    help = "Run the hub: gunicorn on HOST:PORT, a task worker, the scheduler and the model server."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")
        parser.add_argument("--web-workers", default="2")
        parser.add_argument(
            "--web-threads",
            default="4",
            help="threads per web worker, so a streamed answer does not hold up other requests",
        )
        parser.add_argument(
            "--install-models",
            metavar="SET",
            default="",
            help="also install this model set (e.g. default) in the background",
        )
        parser.add_argument(
            "--verbose", action="store_true", help="show every process's output here"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # Ctrl-C (even if a parent shell ignores it) and a service manager's SIGTERM both stop
        # every process cleanly.
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, _interrupt)
        address = f"{options['host']}:{options['port']}"
        self.log_dir = Path(settings.DATA_DIR) / "logs"
        self.verbose = options["verbose"]
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.logs: list[IO[bytes]] = []

        env = dict(os.environ)
        extra = [(p.name, argv) for p in processes() if (argv := p.argv()) is not None]
        for process in processes():
            env.update(process.env_for_others())
        python = sys.executable
        gunicorn_options = [
            *("--bind", address, "--workers", str(options["web_workers"])),
            *("--worker-class", "gthread", "--threads", str(options["web_threads"])),
            *("--access-logfile", "-"),
        ]
        commands = [
            *extra,
            ("web", [python, "-m", "gunicorn", "config.wsgi", *gunicorn_options]),
            ("worker", [python, "manage.py", "db_worker", "--interval", "1"]),
            # Scheduled jobs (among them: resuming jobs whose worker died) go to the worker.
            ("scheduler", [python, "manage.py", "run_scheduler"]),
        ]
        names = {name for name, _ in extra}
        children = [
            (name, self._start(name, argv, env={**env} if name not in names else None))
            for name, argv in commands
        ]
        # The model install runs beside the site, which says that AI features are getting ready.
        helpers = []
        if options["install_models"]:
            argv = [python, "manage.py", "install_models", "--set", options["install_models"]]
            helpers.append(("models-install", self._start("models-install", argv, env=None)))
        self._print_banner(address, [name for name, _ in children])
        try:
            while all(child.poll() is None for _, child in children):
                time.sleep(0.5)
            stopped = [name for name, child in children if child.poll() is not None]
            self.stderr.write(
                f"The {', '.join(stopped)} process stopped unexpectedly (see its log in "
                f"{self.log_dir}); stopping the others."
            )
        except KeyboardInterrupt:
            self.stdout.write("\nStopping...")
        finally:
            everything = [child for _, child in [*children, *helpers]]
            for child in everything:
                if child.poll() is None:
                    child.send_signal(signal.SIGTERM)
            for child in everything:
                try:
                    child.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    child.kill()
            for log in self.logs:
                log.close()
        self.stdout.write("Stopped.")

    def _start(self, name: str, argv: list[str], *, env: dict[str, str] | None) -> Any:
        output: IO[bytes] | None = None
        if not self.verbose:
            output = (self.log_dir / f"{name}.log").open("ab")
            self.logs.append(output)
        return subprocess.Popen(  # noqa: S603 - fixed argv, no shell
            argv,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT if output else None,
            # Own session: Ctrl-C reaches this supervisor only, which then stops all in order.
            start_new_session=True,
        )

    def _print_banner(self, address: str, names: list[str]) -> None:
        lines = [
            "",
            f"  AI+ Hub is running on http://{address}/",
            f"  Content admin: http://{address}/{settings.AIPLUS_ADMIN_PATH}",
            f"  Processes: {', '.join(names)}",
        ]
        if not self.verbose:
            lines.append(f"  Logs: {self.log_dir}/<process>.log (or run_hub --verbose)")
        if settings.AIPLUS_DEMO:
            lines += banner_lines()
        lines += ["  Press Ctrl-C to stop.", ""]
        self.stdout.write("\n".join(lines))
