"""The demo content loader: each capability contributes a module with a `load(*, log)` function,
listed in settings.AIPLUS_DEMO_LOADERS. Loaders must be idempotent (stable keys, update_or_create)
so that loading twice never duplicates anything."""

from collections.abc import Callable
from importlib import import_module

from django.conf import settings
from django.db import transaction

DEMO_PASSWORD = "Demo-Hub-2026!"  # noqa: S105 - published demo credential, demo data only
DEMO_EMAIL_DOMAIN = "demo.aiplus.invalid"  # .invalid: can never be a real address
DEMO_MARKER = "[DEMO]"


_BANNER_LINES: list[Callable[[], list[str]]] = []


def register_banner_lines(lines: Callable[[], list[str]]) -> None:
    """Add lines to what `run_hub` prints in demo mode (e.g. the demo logins)."""
    _BANNER_LINES.append(lines)


def banner_lines() -> list[str]:
    return [line for lines in _BANNER_LINES for line in lines()]


def load_all(*, log: Callable[[str], None]) -> None:
    for dotted in settings.AIPLUS_DEMO_LOADERS:
        module = import_module(dotted)
        with transaction.atomic():
            module.load(log=log)
        log(f"loaded {dotted}")
