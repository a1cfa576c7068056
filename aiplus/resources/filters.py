"""The resource library's filters, read from and written back to the URL."""

from dataclasses import dataclass

from django.http import QueryDict

from aiplus.core.listing import QueryFilters
from aiplus.core.params import clean_text
from aiplus.resources.models import Resource


@dataclass(frozen=True)
class ResourceFilters(QueryFilters):
    query: str = ""
    kind: str = ""

    @classmethod
    def from_querydict(cls, params: QueryDict) -> "ResourceFilters":
        kind = params.get("kind", "")
        return cls(
            query=clean_text(params.get("q"), max_length=200),
            kind=kind if kind in Resource.Kind.values else "",
        )

    def as_params(self) -> list[tuple[str, str]]:
        params: list[tuple[str, str]] = []
        if self.query:
            params.append(("q", self.query))
        if self.kind:
            params.append(("kind", self.kind))
        return params
