"""Faceted listings (solutions, cases, resources), declared once per entity.

- The reader's choices are a frozen dataclass (`QueryFilters`) read from the URL with
  `core.params` and written back as a shareable query string.
- Each facet is a `FacetSpec`: how chosen values narrow the queryset, how values are counted
  (over the listing with every *other* filter applied, so a count says what choosing the value
  would give), and which values to offer, labelled in the reader's language.
- `search` narrows to the reader's query: the search capability's ranked match
  (`aiplus.search.listing.SearchMatch`) in the apps, or `TextMatch` (the query and its
  Traditional Chinese conversion contained in a list of fields) for small lists. It runs once
  per request: the items and every facet count reuse its matching ids.
- `ExportSpec` declares the CSV/JSON columns and how one row becomes a record.

A selector returns `ListingSpec.listing(...)`, a `Listing` whose parts are computed on first use:
an export never counts facets, a page never builds records.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Protocol, TypeVar
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import connections
from django.db.models import Choices, Count, Model, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.functional import Promise

from aiplus.core.i18n import ENGLISH, current_language, html_lang, localise, to_traditional

M = TypeVar("M", bound=Model)

# Up to this many matches (SQLite), a text match is run once and its ids reused by the listing
# and every facet count; beyond it the match stays a subquery, which measured as fast there.
# PostgreSQL takes any number of ids.
MAX_MATERIALISED_MATCHES = 5000


class QueryFilters:
    """Base of a listing's filters, a frozen dataclass with a `query` field. Subclasses parse
    `from_querydict` and list in `as_params` the parameters that differ from the defaults."""

    query: str
    # Parameters that change how the listing is shown, not what it holds (e.g. "sort").
    not_filters: ClassVar[frozenset[str]] = frozenset()

    def as_params(self) -> list[tuple[str, str]]:
        raise NotImplementedError

    def querystring(self, **changes: object) -> str:
        filters = replace(self, **changes) if changes else self  # type: ignore[type-var]
        return urlencode(filters.as_params())

    @property
    def is_filtered(self) -> bool:
        return any(name not in self.not_filters for name, _value in self.as_params())


@dataclass(frozen=True)
class TextMatch:
    """Case-insensitive containment of the query in any of `fields`, as typed and converted to
    Traditional Chinese, so a Simplified query finds Traditional-only text. A stand-in until a
    search capability replaces it."""

    fields: tuple[str, ...]

    def condition(self, query: str) -> Q:
        condition = Q()
        for term in dict.fromkeys((query, to_traditional(query))):
            for field in self.fields:
                condition |= Q(**{f"{field}__icontains": term})
        return condition

    def matching(self, queryset: QuerySet[M], query: str) -> QuerySet[M]:
        """`queryset` narrowed to the matches. The match runs now, once; what is returned
        selects its ids, so further filters and counts do not repeat it."""
        if not query:
            return queryset
        matches = queryset.filter(self.condition(query))
        if connections[queryset.db].vendor == "postgresql":
            return restrict_to_ids(queryset, list(matches.values_list("pk", flat=True)))
        ids = list(matches.values_list("pk", flat=True)[: MAX_MATERIALISED_MATCHES + 1])
        if len(ids) > MAX_MATERIALISED_MATCHES:
            return matches
        return restrict_to_ids(queryset, ids)


class Matcher(Protocol[M]):
    """What a listing's `search` does: narrow the queryset to what matches the reader's query
    (`TextMatch` here, or the search capability's ranked match)."""

    def matching(self, queryset: QuerySet[M], query: str) -> QuerySet[M]: ...


def restrict_to_ids(queryset: QuerySet[M], ids: Sequence[int]) -> QuerySet[M]:
    """`queryset` limited to these primary keys, passed as one parameter: Django would bind a
    list of thousands value by value in every query that reuses it (items, each facet)."""
    vendor = connections[queryset.db].vendor
    if vendor == "postgresql":
        # One array, cheap for PostgreSQL to bind and plan, written out once here: the driver
        # would quote a list afresh for every query.
        array = "{" + ",".join(str(int(pk)) for pk in ids) + "}"
        return queryset.filter(pk__in=RawSQL("SELECT unnest(%s::bigint[])", (array,)))
    if vendor == "sqlite":
        return queryset.filter(
            pk__in=RawSQL("SELECT value FROM json_each(%s)", (json.dumps(list(ids)),))
        )
    return queryset.filter(pk__in=ids)


@dataclass(frozen=True)
class Choice:
    """A value a facet offers. `count_key` is the value's key in the facet's counts when those
    are counted by something else (a related object's id); `lang` is the label's HTML language
    when it is not the page's (a fallback)."""

    value: str
    label: str
    group: str = ""
    count_key: Hashable = None
    lang: str = ""


def localised_choice(
    value: str, obj: object, field: str = "name", *, group: str = "", count_key: Hashable = None
) -> Choice:
    """A choice labelled with `obj.<field>` in the reader's language (see `core.i18n`)."""
    label = localise(obj, field)
    lang = label.lang_attr if label.language != current_language() else ""
    return Choice(value, str(label), group=group, count_key=count_key, lang=lang)


def english_choice(value: str, *, count_key: Hashable = None) -> Choice:
    """A choice whose label is text as reported by a source, in English."""
    lang = html_lang(ENGLISH) if current_language() != ENGLISH else ""
    return Choice(value, value, count_key=count_key, lang=lang)


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    group: str = ""
    lang: str = ""


@dataclass(frozen=True)
class Facet:
    name: str
    label: str
    options: list[FacetOption]
    multiple: bool = True


@dataclass(frozen=True)
class Facets:
    """The facets of a listing, in order; also looked up by name (`facets.stage` in templates)."""

    all: tuple[Facet, ...]

    def __iter__(self) -> Iterator[Facet]:
        return iter(self.all)

    def __len__(self) -> int:
        return len(self.all)

    def __getitem__(self, name: str) -> Facet:
        for facet in self.all:
            if facet.name == name:
                return facet
        raise KeyError(name)


if TYPE_CHECKING:  # QuerySet[M] is not generic at run time
    Narrow = Callable[[QuerySet[M], tuple[str, ...]], QuerySet[M]]
    Counter = Callable[[QuerySet[M]], Mapping[Hashable, int]]
    Chooser = Callable[[Mapping[Hashable, int], tuple[str, ...]], Iterable[Choice]]


@dataclass(frozen=True)
class FacetSpec(Generic[M]):
    """One facet. `name` is its query parameter; `field` the filters attribute holding the
    chosen values (a tuple, a single value, or empty). `narrow` keeps the rows matching any
    chosen value (or all, as the facet decides); `count` counts per value over the rows every
    other filter leaves; `choices` says which values to offer, in order, with their labels.
    With `hide_empty`, values counted 0 are offered only when chosen."""

    name: str
    label: str | Promise
    field: str
    narrow: Narrow[M]
    count: Counter[M]
    choices: Chooser
    multiple: bool = True
    hide_empty: bool = False


@dataclass(frozen=True)
class ExportSpec(Generic[M]):
    """The columns of an entity's CSV/JSON export and how one row becomes a record."""

    columns: list[str]
    record: Callable[[M], dict[str, Any]]
    prefetch: tuple[str, ...] = ()

    def records(self, queryset: QuerySet[M]) -> Iterator[dict[str, Any]]:
        if self.prefetch:
            queryset = queryset.prefetch_related(*self.prefetch)
        for obj in queryset.iterator(chunk_size=500):
            yield self.record(obj)


def _chosen(filters: QueryFilters, spec: FacetSpec[Any]) -> tuple[str, ...]:
    value = getattr(filters, spec.field)
    if value is None or value == "":
        return ()
    if isinstance(value, tuple | list):
        return tuple(str(v) for v in value)
    return (str(value),)


class Listing(Generic[M]):
    """One request's listing. The text match runs once, on first use, and everything else is
    built on its result."""

    def __init__(
        self,
        spec: ListingSpec[M],
        base: QuerySet[M],
        filters: QueryFilters,
        arrange: Callable[[QuerySet[M]], QuerySet[M]] | None = None,
    ) -> None:
        self.spec, self.base, self.filters = spec, base, filters
        self.arrange = arrange or (lambda queryset: queryset)

    @cached_property
    def matched(self) -> QuerySet[M]:
        return self.spec.search.matching(self.base, self.filters.query)

    def narrowed(self, *, skip: str = "") -> QuerySet[M]:
        """The matches with every chosen facet value applied, but those of facet `skip`."""
        queryset = self.matched
        for spec in self.spec.facets:
            values = _chosen(self.filters, spec)
            if values and spec.name != skip:
                queryset = spec.narrow(queryset, values)
        return queryset

    @cached_property
    def items(self) -> QuerySet[M]:
        """What the filters select, in order: the page source and the export's rows."""
        return self.arrange(self.narrowed())

    def page(self, number: int) -> Page:
        return Paginator(self.items, settings.AIPLUS_PAGE_SIZE).get_page(number)

    @cached_property
    def facets(self) -> Facets:
        return Facets(tuple(self._facet(spec) for spec in self.spec.facets))

    def _facet(self, spec: FacetSpec[M]) -> Facet:
        selected = _chosen(self.filters, spec)
        counts = spec.count(self.narrowed(skip=spec.name))
        options = []
        for choice in spec.choices(counts, selected):
            key = choice.value if choice.count_key is None else choice.count_key
            count, is_selected = counts.get(key, 0), choice.value in selected
            if count or is_selected or not spec.hide_empty:
                options.append(
                    FacetOption(
                        choice.value, choice.label, count, is_selected, choice.group, choice.lang
                    )
                )
        return Facet(spec.name, str(spec.label), options, spec.multiple)

    @property
    def columns(self) -> list[str]:
        return self.spec.export.columns

    def records(self) -> Iterator[dict[str, Any]]:
        return self.spec.export.records(self.items)


@dataclass(frozen=True)
class ListingSpec(Generic[M]):
    """An entity's listing, declared once: its text match, facets (in the order they narrow
    and are shown) and export."""

    search: Matcher[M]
    facets: Sequence[FacetSpec[M]]
    export: ExportSpec[M]

    def listing(
        self,
        base: QuerySet[M],
        filters: QueryFilters,
        *,
        arrange: Callable[[QuerySet[M]], QuerySet[M]] | None = None,
    ) -> Listing[M]:
        """The listing of `base` (what the reader may see) as `filters` select it, ordered by
        `arrange`."""
        return Listing(self, base, filters, arrange)


# Building blocks for the usual kinds of facet.


def narrow_in(field: str) -> Narrow[Any]:
    """Rows whose `field` is any chosen value."""
    return lambda queryset, values: queryset.filter(**{f"{field}__in": values})


def count_by(field: str, *, limit: int | None = None, skip_blank: bool = False) -> Counter[Any]:
    """Rows per value of a column (a choice, or a foreign key's id); with `limit`, only the most
    frequent values, most frequent first; with `skip_blank`, not the empty text."""

    def count(queryset: QuerySet[Any]) -> dict[Hashable, int]:
        if skip_blank:
            queryset = queryset.exclude(**{field: ""})
        rows = queryset.values(field).annotate(n=Count("pk"))
        if limit is not None:
            rows = rows.order_by("-n")[:limit]
        return {row[field]: row["n"] for row in rows if row[field] is not None}

    return count


def narrow_related(relation: Any, *lookups: str) -> Narrow[Any]:
    """Rows related through the many-to-many `relation` (e.g. `Solution.tasks`) to an object
    whose `lookup` (on the through model, e.g. "task__slug") is a chosen value, for any of
    `lookups`."""
    through, owner = relation.through, relation.field.m2m_column_name()

    def narrow(queryset: QuerySet[Any], values: tuple[str, ...]) -> QuerySet[Any]:
        condition = Q()
        for lookup in lookups:
            condition |= Q(**{f"{lookup}__in": values})
        return queryset.filter(pk__in=through.objects.filter(condition).values(owner))

    return narrow


def count_related(relation: Any) -> Counter[Any]:
    """Rows per related object id over the many-to-many `relation` (e.g. `Solution.tasks`)."""
    through = relation.through
    owner, target = relation.field.m2m_column_name(), relation.field.m2m_reverse_name()

    def count(queryset: QuerySet[Any]) -> dict[Hashable, int]:
        rows = (
            through.objects.filter(**{f"{owner}__in": queryset.values("pk")})
            .values(target)
            .annotate(n=Count(owner, distinct=True))
        )
        return {row[target]: row["n"] for row in rows}

    return count


def narrow_flags(flags: Mapping[str, tuple[str, Any]], *, every: bool) -> Narrow[Any]:
    """Rows with the boolean column of every chosen flag set (`every`), or of any of them.
    `flags` maps a URL value to (column, label)."""

    def narrow(queryset: QuerySet[Any], values: tuple[str, ...]) -> QuerySet[Any]:
        columns = [flags[value][0] for value in values if value in flags]
        if every:
            return queryset.filter(**dict.fromkeys(columns, True))
        condition = Q()
        for column in columns:
            condition |= Q(**{column: True})
        return queryset.filter(condition)

    return narrow


def count_flags(flags: Mapping[str, tuple[str, Any]]) -> Counter[Any]:
    """Rows with each flag's boolean column set, in one aggregate."""

    def count(queryset: QuerySet[Any]) -> dict[Hashable, int]:
        aggregates = {
            key: Count("pk", filter=Q(**{column: True})) for key, (column, _label) in flags.items()
        }
        return {key: n for key, n in queryset.aggregate(**aggregates).items()}

    return count


def flag_choices(flags: Mapping[str, tuple[str, Any]]) -> Chooser:
    return lambda counts, chosen: [Choice(key, str(label)) for key, (_c, label) in flags.items()]


def enum_choices(choices: type[Choices]) -> Chooser:
    """Every value of a choices enum, labelled (translated) as the enum says."""
    return lambda counts, chosen: [
        Choice(str(value), str(label)) for value, label in choices.choices
    ]
