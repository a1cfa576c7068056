"""The site's main navigation: capability apps register an entry when they load, and editors
add pages to it with Wagtail's "show in menus"."""

from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class NavEntry:
    label: str | Promise
    url_name: str
    order: int


_registry: dict[str, NavEntry] = {}


def register(*, label: str | Promise, url_name: str, order: int) -> None:
    """Called from an app's `AppConfig.ready()`; registering twice replaces the entry."""
    _registry[url_name] = NavEntry(label=label, url_name=url_name, order=order)


def registered_entries() -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    for entry in sorted(_registry.values(), key=lambda e: e.order):
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        entries.append({"label": str(entry.label), "url": url})
    return entries
