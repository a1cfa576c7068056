"""Placeholder: the demo loader is written in a later change."""

from collections.abc import Callable


def load(*, log: Callable[[str], None]) -> None:
    return None
