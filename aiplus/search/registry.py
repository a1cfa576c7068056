"""How an app puts its content into search, without the search app importing it.

An app describes what it indexes in a `Source` and registers it from `ready()`:

    search.registry.register(Source(name="resource", kinds=(...), entries=..., entry=...,
                                    visible=..., watch=(Resource,)))

`entries()` yields every item that should be findable now (published only), `entry(key)` one
item or None when it must leave the index, and `visible(user, keys)` re-checks, at query time,
which of the found keys the user may open under the live rule, so an index that lags behind a
restriction change never shows anything it should not."""

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model
from django.utils.functional import Promise

from aiplus.accounts.models import AnyUser
from aiplus.core.translated import LANGUAGE_SUFFIXES
from aiplus.search.models import Access


@dataclass(frozen=True)
class Section:
    """A titled part of an item's text in one language, split into passages when indexed."""

    text: str
    language: str  # "en", "zh-hant" or "zh-hans"
    heading: str = ""
    anchor: str = ""  # appended to the item's URL: "#problem", "#page=3"


@dataclass(frozen=True)
class Entry:
    key: str
    kind: str
    titles: dict[str, str]  # by language; the English one is required
    url: str
    sections: list[Section]
    access: Access = Access.PUBLIC
    # For restricted items: tokens that open them ("role:editor", "org:12", "user:7").
    grants: tuple[str, ...] = ()


@dataclass(frozen=True)
class Kind:
    name: str
    label: str | Promise  # plural, for the type filter: "Solutions"


@dataclass(frozen=True)
class Source:
    name: str
    kinds: tuple[Kind, ...]
    entries: Callable[[], Iterable[Entry]]
    entry: Callable[[str], Entry | None]
    visible: Callable[[AnyUser, Collection[str]], set[str]]
    # Saving or deleting one of these re-indexes the keys `keys_for(instance)` returns.
    watch: tuple[type[Model], ...] = ()
    keys_for: Callable[[Any], Iterable[str]] = field(default=lambda instance: [str(instance.pk)])


_sources: dict[str, Source] = {}


def register(source: Source) -> None:
    _sources[source.name] = source
    from aiplus.search import signals

    signals.watch(source)


def sources() -> list[Source]:
    return list(_sources.values())


def get(name: str) -> Source | None:
    return _sources.get(name)


def kinds() -> dict[str, Kind]:
    return {kind.name: kind for source in _sources.values() for kind in source.kinds}


def translated_sections(
    instance: Any, fields: dict[str, Any], *, anchors: dict[str, str] | None = None
) -> list[Section]:
    """A section per translated field and language written (`fields` maps a field declared
    with TranslatedField to its heading). Simplified text is indexed only where an editor
    wrote it: the tokeniser already matches Simplified queries to Traditional text."""
    from django.utils import translation

    sections = []
    for name, heading in fields.items():
        for language, suffix in LANGUAGE_SUFFIXES.items():
            text = getattr(instance, name + suffix, "") or ""
            if not str(text).strip():
                continue
            with translation.override(language):
                label = str(heading)
            anchor = (anchors or {}).get(name, "")
            sections.append(Section(str(text), language, heading=label, anchor=anchor))
    return sections


def translated_titles(instance: Any, name: str = "title") -> dict[str, str]:
    return {
        language: str(getattr(instance, name + suffix, "") or "")
        for language, suffix in LANGUAGE_SUFFIXES.items()
    }
