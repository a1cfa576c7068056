"""The catalogue's filters, read from and written back to the URL so every view is shareable."""

from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django.http import QueryDict

from aiplus.catalogue.models.choices import (
    DEPLOYMENT_FLAGS,
    LANGUAGE_FLAGS,
    Classification,
    Maturity,
    PriceModel,
)

SORTS = ("name", "newest", "adoption")


@dataclass(frozen=True)
class SolutionFilters:
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

    @classmethod
    def from_querydict(cls, params: QueryDict) -> "SolutionFilters":
        def many(name: str, allowed: object = None) -> tuple[str, ...]:
            values = [v.strip() for v in params.getlist(name) if v.strip()][:50]
            if allowed is not None:
                values = [v for v in values if v in allowed]  # type: ignore[operator]
            return tuple(dict.fromkeys(values))

        level = params.get("classification", "")
        sort = params.get("sort", "name")
        return cls(
            query=params.get("q", "").strip()[:200],
            tasks=many("task"),
            capabilities=many("capability"),
            languages=many("language", LANGUAGE_FLAGS),
            deployments=many("deployment", DEPLOYMENT_FLAGS),
            classification=int(level)
            if level.isdigit() and int(level) in Classification.values
            else None,
            maturities=many("maturity", Maturity.values),
            prices=many("price", PriceModel.values),
            vendors=many("vendor"),
            used_by=many("used_by"),
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

    def querystring(self, **changes: object) -> str:
        return urlencode((replace(self, **changes) if changes else self).as_params())  # type: ignore[arg-type]

    @property
    def is_filtered(self) -> bool:
        return any(name != "sort" for name, _value in self.as_params())
