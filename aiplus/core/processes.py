"""Extra processes that `run_hub` starts beside the web server, the worker and the scheduler.
An app registers one from its `AppConfig.ready()` (the AI layer's model server, for example),
with the environment the other processes need to reach it."""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Process:
    name: str
    # The command line, or None when the process is not wanted in this configuration.
    argv: Callable[[], list[str] | None]
    # Environment variables for every other process (e.g. the URL to reach this one).
    env_for_others: Callable[[], dict[str, str]] = field(default=lambda: {})


_PROCESSES: dict[str, Process] = {}


def register_process(process: Process) -> None:
    _PROCESSES[process.name] = process


def processes() -> list[Process]:
    return list(_PROCESSES.values())
