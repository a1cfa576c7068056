"""The site's main navigation: capability apps register an entry when they load, and editors
add pages to it with Wagtail's "show in menus"."""

from collections.abc import Callable
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


# Links to a signed-in user's own things (their shortlist, their company's solutions, their
# notifications), shown on the account page and in the header's account menu. Each app adds its
# own from `ready()`, with a test of who it is for.
@dataclass(frozen=True)
class AccountLink:
    label: str | Promise
    url_name: str
    order: int
    is_for: Callable[[Any], bool]


_account_links: dict[str, AccountLink] = {}


def register_account_link(
    *, label: str | Promise, url_name: str, order: int, is_for: Callable[[Any], bool]
) -> None:
    _account_links[url_name] = AccountLink(label, url_name, order, is_for)


def account_links(user: Any) -> list[dict[str, str]]:
    links: list[dict[str, str]] = []
    if not getattr(user, "is_authenticated", False):
        return links
    for link in sorted(_account_links.values(), key=lambda entry: entry.order):
        if link.is_for(user):
            try:
                links.append({"label": str(link.label), "url": reverse(link.url_name)})
            except NoReverseMatch:
                continue
    return links
