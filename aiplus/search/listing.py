"""The search capability as a listing's text filter: the catalogue, cases and resources
listings narrow to what the index ranks for the query, and keep their own facets and order."""

from dataclasses import dataclass
from typing import TypeVar

from django.db.models import Model, QuerySet

from aiplus.core.listing import restrict_to_ids
from aiplus.search.selectors import matching_keys

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class SearchMatch:
    source: str  # the registered search source whose keys are the listing's primary keys
    kinds: tuple[str, ...] = ()

    def matching(self, queryset: QuerySet[M], query: str) -> QuerySet[M]:
        """`queryset` (already what the reader may see) narrowed to the items the query
        finds; one search per request, its ids reused by the page and every facet count."""
        if not query.strip():
            return queryset
        keys = matching_keys(source=self.source, query=query, kinds=self.kinds)
        return restrict_to_ids(queryset, [int(key) for key in keys if key.isdigit()])
