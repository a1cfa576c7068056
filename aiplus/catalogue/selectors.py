"""Reads for the catalogue: the filtered listing and its facet counts. Within a facet, choices
widen the result (any of them); across facets they narrow it. Languages are the exception: a
solution must support every language chosen. Each facet's counts apply every filter but its own,
so a count says what choosing that value would give."""

from collections.abc import Hashable, Mapping

from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.models import WorkflowState

from aiplus.accounts.models import AnyUser, Organisation, User
from aiplus.catalogue.exports import SOLUTION_EXPORT
from aiplus.catalogue.filters import SolutionFilters
from aiplus.catalogue.models import Capability, ShortlistItem, Solution, Task
from aiplus.catalogue.models.choices import (
    DEPLOYMENT_FLAGS,
    LANGUAGE_FLAGS,
    Classification,
    Maturity,
    PriceModel,
)
from aiplus.core.i18n import localise
from aiplus.core.listing import (
    Choice,
    FacetSpec,
    Listing,
    ListingSpec,
    count_by,
    count_flags,
    count_related,
    enum_choices,
    flag_choices,
    localised_choice,
    narrow_flags,
    narrow_in,
    narrow_related,
)
from aiplus.search.listing import SearchMatch

TOP = 15  # vendors and bureaux/departments offered: the most frequent among the matches


def live_solutions() -> QuerySet[Solution]:
    return Solution.objects.filter(live=True)


def _task_choices(counts: Mapping[Hashable, int], chosen: tuple[str, ...]) -> list[Choice]:
    tasks = Task.objects.select_related("parent").filter(parent__isnull=False)
    return [
        localised_choice(
            task.slug, task, group=str(localise(task.parent, "name")), count_key=task.pk
        )
        for task in tasks.order_by("parent__sort_order", "parent__name", "sort_order", "name")
    ]


def _capability_choices(counts: Mapping[Hashable, int], chosen: tuple[str, ...]) -> list[Choice]:
    return [localised_choice(c.slug, c, count_key=c.pk) for c in Capability.objects.all()]


def _count_cleared(solutions: QuerySet[Solution]) -> dict[Hashable, int]:
    """Solutions cleared for each level: those whose highest level is that one or above."""
    rows = solutions.values("max_classification").annotate(n=Count("pk"))
    at = {row["max_classification"]: row["n"] for row in rows}
    return {
        str(level): sum(n for lv, n in at.items() if lv >= level) for level in Classification.values
    }


def _organisation_choices(
    counts: Mapping[Hashable, int], chosen: tuple[str, ...], *, add_chosen: bool
) -> list[Choice]:
    """The most frequent organisations (counted by id), and with `add_chosen` the chosen ones
    even when no match is theirs."""
    ids = [pk for pk, _count in sorted(counts.items(), key=lambda item: -item[1])[:TOP]]
    if add_chosen:
        extra = Organisation.objects.filter(code__in=chosen).exclude(pk__in=list(counts))
        ids += list(extra.values_list("pk", flat=True))
    organisations = Organisation.objects.in_bulk(ids)
    return [
        localised_choice(organisations[pk].code, organisations[pk], count_key=pk)
        for pk in ids
        if pk in organisations
    ]


SOLUTIONS = ListingSpec[Solution](
    search=SearchMatch(source="solution"),
    facets=(
        FacetSpec(
            name="task",
            label=_("Tasks it helps with"),
            field="tasks",
            narrow=narrow_related(Solution.tasks, "task__slug", "task__parent__slug"),
            count=count_related(Solution.tasks),
            choices=_task_choices,
            hide_empty=True,
        ),
        FacetSpec(
            name="capability",
            label=_("AI capability"),
            field="capabilities",
            narrow=narrow_related(Solution.capabilities, "capability__slug"),
            count=count_related(Solution.capabilities),
            choices=_capability_choices,
            hide_empty=True,
        ),
        FacetSpec(
            name="language",
            label=_("Languages"),
            field="languages",
            narrow=narrow_flags(LANGUAGE_FLAGS, every=True),
            count=count_flags(LANGUAGE_FLAGS),
            choices=flag_choices(LANGUAGE_FLAGS),
        ),
        FacetSpec(
            name="deployment",
            label=_("Deployment"),
            field="deployments",
            narrow=narrow_flags(DEPLOYMENT_FLAGS, every=False),
            count=count_flags(DEPLOYMENT_FLAGS),
            choices=flag_choices(DEPLOYMENT_FLAGS),
        ),
        FacetSpec(
            name="classification",
            label=_("Cleared for data classified"),
            field="classification",
            narrow=lambda solutions, values: solutions.filter(
                max_classification__gte=int(values[0])
            ),
            count=_count_cleared,
            choices=enum_choices(Classification),
            multiple=False,
        ),
        FacetSpec(
            name="maturity",
            label=_("Maturity"),
            field="maturities",
            narrow=narrow_in("maturity"),
            count=count_by("maturity"),
            choices=enum_choices(Maturity),
        ),
        FacetSpec(
            name="price",
            label=_("Price model"),
            field="prices",
            narrow=narrow_in("price_model"),
            count=count_by("price_model"),
            choices=enum_choices(PriceModel),
        ),
        FacetSpec(
            name="vendor",
            label=_("Vendor"),
            field="vendors",
            narrow=narrow_in("vendor__code"),
            count=count_by("vendor"),
            choices=lambda counts, chosen: _organisation_choices(counts, chosen, add_chosen=False),
        ),
        FacetSpec(
            name="used_by",
            label=_("Used by bureaux and departments"),
            field="used_by",
            narrow=narrow_related(Solution.organisations_using, "organisation__code"),
            count=count_related(Solution.organisations_using),
            choices=lambda counts, chosen: _organisation_choices(counts, chosen, add_chosen=True),
        ),
    ),
    export=SOLUTION_EXPORT,
)


def _sorted(solutions: QuerySet[Solution], sort: str) -> QuerySet[Solution]:
    solutions = solutions.select_related("vendor")
    if sort == "newest":
        return solutions.order_by("-created_at", "name")
    if sort == "adoption":
        return solutions.annotate(adoption=Count("organisations_using")).order_by(
            "-adoption", "name"
        )
    return solutions.order_by("name")


def solution_listing(*, filters: SolutionFilters, user: AnyUser) -> Listing[Solution]:
    """Published solutions as `filters` select them (every reader sees the same ones), with
    facets and export records."""
    return SOLUTIONS.listing(
        live_solutions(), filters, arrange=lambda solutions: _sorted(solutions, filters.sort)
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


def shortlisted_ids(user: AnyUser) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(ShortlistItem.objects.filter(user=user).values_list("solution_id", flat=True))


def shortlist(user: AnyUser) -> QuerySet[Solution]:
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


def vendor_solutions(user: AnyUser) -> QuerySet[Solution]:
    if not isinstance(user, User) or user.organisation_id is None:
        return Solution.objects.none()
    return Solution.objects.filter(vendor_id=user.organisation_id).order_by("name")


def review_status(solution: Solution) -> str:
    state = solution.current_workflow_state
    if state is not None:
        return (
            "needs_changes" if state.status == WorkflowState.STATUS_NEEDS_CHANGES else "in_review"
        )
    if solution.live and solution.has_unpublished_changes:
        return "draft_changes"
    return "live" if solution.live else "draft"
