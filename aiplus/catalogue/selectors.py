"""Reads for the catalogue: the filtered listing and its facet counts. Within a facet, choices
widen the result (any of them); across facets they narrow it. Languages are the exception: a
solution must support every language chosen. Each facet's counts apply every filter but its own,
so a count says what choosing that value would give."""

from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext as _

from aiplus.accounts.models import Organisation
from aiplus.catalogue.filters import SolutionFilters
from aiplus.catalogue.models import Capability, ShortlistItem, Solution, Task
from aiplus.catalogue.models.choices import (
    DEPLOYMENT_FLAGS,
    LANGUAGE_FLAGS,
    Classification,
    Maturity,
    PriceModel,
)
from aiplus.core.i18n import localise, to_traditional


def live_solutions() -> QuerySet[Solution]:
    return Solution.objects.filter(live=True)


def _search(solutions: QuerySet[Solution], query: str) -> QuerySet[Solution]:
    condition = Q()
    for term in {query, to_traditional(query)}:
        condition |= (
            Q(name__icontains=term)
            | Q(name_zh_hant__icontains=term)
            | Q(summary__icontains=term)
            | Q(summary_zh_hant__icontains=term)
            | Q(vendor__name__icontains=term)
        )
    return solutions.filter(condition)


def _apply(
    solutions: QuerySet[Solution], filters: SolutionFilters, *, skip: str = ""
) -> QuerySet[Solution]:
    if filters.tasks and skip != "task":
        through = Solution.tasks.through.objects.filter(
            Q(task__slug__in=filters.tasks) | Q(task__parent__slug__in=filters.tasks)
        )
        solutions = solutions.filter(pk__in=through.values("solution_id"))
    if filters.capabilities and skip != "capability":
        through = Solution.capabilities.through.objects.filter(
            capability__slug__in=filters.capabilities
        )
        solutions = solutions.filter(pk__in=through.values("solution_id"))
    if filters.languages and skip != "language":
        solutions = solutions.filter(**{LANGUAGE_FLAGS[key][0]: True for key in filters.languages})
    if filters.deployments and skip != "deployment":
        any_of = Q()
        for key in filters.deployments:
            any_of |= Q(**{DEPLOYMENT_FLAGS[key][0]: True})
        solutions = solutions.filter(any_of)
    if filters.classification is not None and skip != "classification":
        solutions = solutions.filter(max_classification__gte=filters.classification)
    if filters.maturities and skip != "maturity":
        solutions = solutions.filter(maturity__in=filters.maturities)
    if filters.prices and skip != "price":
        solutions = solutions.filter(price_model__in=filters.prices)
    if filters.vendors and skip != "vendor":
        solutions = solutions.filter(vendor__code__in=filters.vendors)
    if filters.used_by and skip != "used_by":
        through = Solution.organisations_using.through.objects.filter(
            organisation__code__in=filters.used_by
        )
        solutions = solutions.filter(pk__in=through.values("solution_id"))
    return solutions


# Up to this many matches (SQLite), a text search is run once and its ids reused by the listing
# and every facet count; beyond it the search stays a subquery (keeps the parameter count bounded).
# PostgreSQL takes any number of ids as one array parameter.
MAX_MATERIALISED_MATCHES = 5000


def searched_solutions(query: str) -> QuerySet[Solution]:
    """Published solutions matching the text search (all of them when there is none). Pass the
    result as `base` to `filtered_solutions` and `solution_facets` so the search runs once."""
    solutions = live_solutions()
    if not query:
        return solutions
    matches = _search(solutions, query)
    if connection.vendor == "postgresql":
        # One array parameter, however many matches: cheap for PostgreSQL to bind and plan.
        ids = list(matches.values_list("pk", flat=True))
        return solutions.filter(pk__in=RawSQL("SELECT unnest(%s::bigint[])", (ids,)))
    ids = list(matches.values_list("pk", flat=True)[: MAX_MATERIALISED_MATCHES + 1])
    if len(ids) > MAX_MATERIALISED_MATCHES:
        return matches
    return solutions.filter(pk__in=ids)


def filtered_solutions(
    filters: SolutionFilters, *, base: QuerySet[Solution] | None = None
) -> QuerySet[Solution]:
    base = searched_solutions(filters.query) if base is None else base
    solutions = _apply(base, filters).select_related("vendor")
    if filters.sort == "newest":
        return solutions.order_by("-created_at", "name")
    if filters.sort == "adoption":
        return solutions.annotate(adoption=Count("organisations_using")).order_by(
            "-adoption", "name"
        )
    return solutions.order_by("name")


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    group: str = ""


@dataclass(frozen=True)
class Facet:
    name: str
    label: str
    options: list[FacetOption]
    multiple: bool = True


def _through_counts(through: Any, key: str, solutions: QuerySet[Solution]) -> dict[int, int]:
    rows = (
        through.objects.filter(solution_id__in=solutions.values("pk"))
        .values(key)
        .annotate(n=Count("solution_id", distinct=True))
    )
    return {row[key]: row["n"] for row in rows}


def _flag_counts(flags: dict[str, Any], solutions: QuerySet[Solution]) -> dict[str, int]:
    aggregates = {
        key: Count("pk", filter=Q(**{field: True})) for key, (field, _label) in flags.items()
    }
    return solutions.aggregate(**aggregates)


def _choice_counts(field: str, solutions: QuerySet[Solution]) -> dict[Any, int]:
    return {row[field]: row["n"] for row in solutions.values(field).annotate(n=Count("pk"))}


def solution_facets(
    filters: SolutionFilters, *, base: QuerySet[Solution] | None = None
) -> list[Facet]:
    base = searched_solutions(filters.query) if base is None else base
    facets = []

    task_counts = _through_counts(
        Solution.tasks.through, "task_id", _apply(base, filters, skip="task")
    )
    task_options = []
    tasks = Task.objects.select_related("parent").filter(parent__isnull=False)
    for task in tasks.order_by("parent__sort_order", "parent__name", "sort_order", "name"):
        count = task_counts.get(task.pk, 0)
        if count or task.slug in filters.tasks:
            group = str(localise(task.parent, "name")) if task.parent else ""
            task_options.append(
                FacetOption(
                    task.slug, str(localise(task, "name")), count, task.slug in filters.tasks, group
                )
            )
    facets.append(Facet("task", _("Tasks it helps with"), task_options))

    capability_counts = _through_counts(
        Solution.capabilities.through, "capability_id", _apply(base, filters, skip="capability")
    )
    facets.append(
        Facet(
            "capability",
            _("AI capability"),
            [
                FacetOption(
                    c.slug,
                    str(localise(c, "name")),
                    capability_counts.get(c.pk, 0),
                    c.slug in filters.capabilities,
                )
                for c in Capability.objects.all()
                if capability_counts.get(c.pk) or c.slug in filters.capabilities
            ],
        )
    )

    language_counts = _flag_counts(LANGUAGE_FLAGS, _apply(base, filters, skip="language"))
    facets.append(
        Facet(
            "language",
            _("Languages"),
            [
                FacetOption(key, str(label), language_counts[key], key in filters.languages)
                for key, (_field, label) in LANGUAGE_FLAGS.items()
            ],
        )
    )
    deployment_counts = _flag_counts(DEPLOYMENT_FLAGS, _apply(base, filters, skip="deployment"))
    facets.append(
        Facet(
            "deployment",
            _("Deployment"),
            [
                FacetOption(key, str(label), deployment_counts[key], key in filters.deployments)
                for key, (_field, label) in DEPLOYMENT_FLAGS.items()
            ],
        )
    )

    level_counts = _choice_counts(
        "max_classification", _apply(base, filters, skip="classification")
    )
    facets.append(
        Facet(
            "classification",
            _("Cleared for data classified"),
            [
                FacetOption(
                    str(level),
                    str(label),
                    sum(n for lv, n in level_counts.items() if lv >= level),
                    filters.classification == level,
                )
                for level, label in Classification.choices
            ],
            multiple=False,
        )
    )

    for name, label, choices, selected, field in (
        ("maturity", _("Maturity"), Maturity, filters.maturities, "maturity"),
        ("price", _("Price model"), PriceModel, filters.prices, "price_model"),
    ):
        counts = _choice_counts(field, _apply(base, filters, skip=name))
        facets.append(
            Facet(
                name,
                str(label),
                [
                    FacetOption(value, str(label), counts.get(value, 0), value in selected)
                    for value, label in choices.choices
                ],
            )
        )

    vendor_counts = _choice_counts("vendor", _apply(base, filters, skip="vendor"))
    top_vendors = sorted(vendor_counts.items(), key=lambda item: -item[1])[:15]
    vendors = Organisation.objects.in_bulk([pk for pk, _count in top_vendors])
    facets.append(
        Facet(
            "vendor",
            _("Vendor"),
            [
                FacetOption(
                    vendors[pk].code,
                    str(localise(vendors[pk], "name")),
                    count,
                    vendors[pk].code in filters.vendors,
                )
                for pk, count in top_vendors
                if pk in vendors
            ],
        )
    )
    facets.append(_used_by_facet(base, filters))
    return facets


def _used_by_facet(base: QuerySet[Solution], filters: SolutionFilters) -> Facet:
    """The bureaux and departments using the most of the matching solutions."""
    counts = _through_counts(
        Solution.organisations_using.through,
        "organisation_id",
        _apply(base, filters, skip="used_by"),
    )
    chosen = set(Organisation.objects.filter(code__in=filters.used_by).values_list("pk", flat=True))
    top = sorted(counts.items(), key=lambda item: -item[1])[:15]
    top_ids = [pk for pk, _count in top] + [pk for pk in chosen if pk not in counts]
    organisations = Organisation.objects.in_bulk(top_ids)
    return Facet(
        "used_by",
        _("Used by bureaux and departments"),
        [
            FacetOption(
                organisations[pk].code,
                str(localise(organisations[pk], "name")),
                counts.get(pk, 0),
                pk in chosen,
            )
            for pk in top_ids
            if pk in organisations
        ],
    )


def solution_for_display(slug: str) -> Solution | None:
    return (
        live_solutions()
        .select_related("vendor")
        .prefetch_related(
            "tasks__parent", "capabilities", "organisations_using", "screenshots__image"
        )
        .filter(slug=slug)
        .first()
    )


def shortlisted_ids(user: Any) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(ShortlistItem.objects.filter(user=user).values_list("solution_id", flat=True))


def shortlist(user: Any) -> QuerySet[Solution]:
    return live_solutions().filter(shortlist_items__user=user).select_related("vendor")


def solutions_to_compare(slugs: list[str]) -> list[Solution]:
    by_slug = {
        s.slug: s
        for s in live_solutions()
        .filter(slug__in=slugs[:4])
        .select_related("vendor")
        .prefetch_related("tasks", "capabilities", "organisations_using")
    }
    return [by_slug[slug] for slug in slugs[:4] if slug in by_slug]


def vendor_solutions(user: Any) -> QuerySet[Solution]:
    if not getattr(user, "organisation_id", None):
        return Solution.objects.none()
    return Solution.objects.filter(vendor_id=user.organisation_id).order_by("name")
