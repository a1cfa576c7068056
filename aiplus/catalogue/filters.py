"""The catalogue's filters, read from and written back to the URL so every view is shareable."""

from dataclasses import dataclass
from typing import ClassVar

from django.http import QueryDict

from aiplus.catalogue.models.choices import (
    DEPLOYMENT_FLAGS,
    LANGUAGE_FLAGS,
    Classification,
    Maturity,
    PriceModel,
)
from aiplus.core.listing import QueryFilters
from aiplus.core.params import clean_list, clean_text, parse_int

SORTS = ("name", "newest", "adoption")


@dataclass(frozen=True)
class SolutionFilters(QueryFilters):
    query: str = ""
    tasks: tuple[str, ...] = ()
    capabilities: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    deployments: tuple[str, ...] = ()
    classification: int | None = None
    maturities: tuple[str, ...] = ()
    prices: tuple[str, ...] = ()
    vendors: tuple[str, ...] = ()
    used_by: tuple[str, ...] = ()
    sort: str = "name"

    not_filters: ClassVar[frozenset[str]] = frozenset({"sort"})

    @classmethod
    def from_querydict(cls, params: QueryDict) -> "SolutionFilters":
        sort = params.get("sort", "name")
        return cls(
            query=clean_text(params.get("q"), max_length=200),
            tasks=clean_list(params, "task"),
            capabilities=clean_list(params, "capability"),
            languages=clean_list(params, "language", allowed=LANGUAGE_FLAGS),
            deployments=clean_list(params, "deployment", allowed=DEPLOYMENT_FLAGS),
            classification=parse_int(params.get("classification"), allowed=Classification.values),
            maturities=clean_list(params, "maturity", allowed=Maturity.values),
            prices=clean_list(params, "price", allowed=PriceModel.values),
            vendors=clean_list(params, "vendor"),
            used_by=clean_list(params, "used_by"),
            sort=sort if sort in SORTS else "name",
        )

    def as_params(self) -> list[tuple[str, str]]:
        params: list[tuple[str, str]] = []
        if self.query:
            params.append(("q", self.query))
        for name, values in (
            ("task", self.tasks),
            ("capability", self.capabilities),
            ("language", self.languages),
            ("deployment", self.deployments),
            ("maturity", self.maturities),
            ("price", self.prices),
            ("vendor", self.vendors),
            ("used_by", self.used_by),
        ):
            params += [(name, value) for value in values]
        if self.classification is not None:
            params.append(("classification", str(self.classification)))
        if self.sort != "name":
            params.append(("sort", self.sort))
        return params
