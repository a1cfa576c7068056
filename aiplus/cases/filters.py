"""The cases listing's filters, read from and written back to the URL."""

from dataclasses import dataclass
from typing import ClassVar

from django.http import QueryDict

from aiplus.cases.models import Collection, Stage
from aiplus.core.listing import QueryFilters
from aiplus.core.params import clean_list, clean_text


@dataclass(frozen=True)
class CaseFilters(QueryFilters):
    collection: str = Collection.STORY
    query: str = ""
    stages: tuple[str, ...] = ()
    organisation: str = ""
    topic: str = ""

    not_filters: ClassVar[frozenset[str]] = frozenset({"collection"})

    @classmethod
    def from_querydict(cls, params: QueryDict) -> "CaseFilters":
        collection = params.get("collection", Collection.STORY)
        return cls(
            collection=collection if collection in Collection.values else Collection.STORY,
            query=clean_text(params.get("q"), max_length=200),
            stages=clean_list(params, "stage", allowed=Stage.values),
            organisation=clean_text(params.get("organisation"), max_length=300),
            topic=clean_text(params.get("topic"), max_length=200),
        )

    def as_params(self) -> list[tuple[str, str]]:
        params: list[tuple[str, str]] = []
        if self.collection != Collection.STORY:
            params.append(("collection", self.collection))
        if self.query:
            params.append(("q", self.query))
        params += [("stage", stage) for stage in self.stages]
        if self.organisation:
            params.append(("organisation", self.organisation))
        if self.topic:
            params.append(("topic", self.topic))
        return params
