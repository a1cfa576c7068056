"""Reads for cases: Hong Kong stories and imported use cases, filtered and counted."""

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from aiplus.accounts.models import AnyUser, Organisation
from aiplus.cases.exports import CASE_EXPORT
from aiplus.cases.filters import CaseFilters
from aiplus.cases.models import Case, Collection, Stage
from aiplus.core.listing import (
    Choice,
    FacetSpec,
    Listing,
    ListingSpec,
    count_by,
    english_choice,
    enum_choices,
    localised_choice,
    narrow_in,
)
from aiplus.core.translated import expand
from aiplus.search.listing import SearchMatch


def live_cases() -> QuerySet[Case]:
    return Case.objects.filter(live=True)


def _count_organisations(cases: QuerySet[Case]) -> dict[Hashable, int]:
    """The 20 most frequent organisations: a hub organisation by id, else the name reported."""
    rows = (
        cases.values("organisation_id", "source_organisation")
        .annotate(n=Count("pk"))
        .order_by("-n")[:20]
    )
    counts: dict[Hashable, int] = {}
    for row in rows:
        key = row["organisation_id"] or row["source_organisation"]
        if key:
            counts[key] = counts.get(key, 0) + row["n"]
    return counts


def _organisation_choices(counts: Mapping[Hashable, int], chosen: tuple[str, ...]) -> list[Choice]:
    organisations = Organisation.objects.in_bulk([k for k in counts if isinstance(k, int)])
    return [
        localised_choice(organisations[key].code, organisations[key], count_key=key)
        if isinstance(key, int)
        else english_choice(str(key))
        for key in counts
        if not isinstance(key, int) or key in organisations
    ]


CASES = ListingSpec[Case](
    search=SearchMatch(source="case"),
    facets=(
        FacetSpec(
            name="stage",
            label=_("Stage"),
            field="stages",
            narrow=narrow_in("stage"),
            count=count_by("stage"),
            choices=enum_choices(Stage),
            hide_empty=True,
        ),
        FacetSpec(
            name="organisation",
            label=_("Organisation"),
            field="organisation",
            narrow=lambda cases, values: cases.filter(
                Q(organisation__code__in=values) | Q(source_organisation__in=values)
            ),
            count=_count_organisations,
            choices=_organisation_choices,
            multiple=False,
        ),
        FacetSpec(
            name="topic",
            label=_("Topic area"),
            field="topic",
            narrow=narrow_in("topic"),
            count=count_by("topic", limit=15, skip_blank=True),
            choices=lambda counts, chosen: [Choice(str(topic), str(topic)) for topic in counts],
            multiple=False,
        ),
    ),
    export=CASE_EXPORT,
)


# Shown on a case's own page only: a listing or an export need not read them.
LONG_TEXT = (*expand(("problem", "technology", "management", "outcome", "learnings")), "extra")


def case_listing(*, filters: CaseFilters, user: AnyUser) -> Listing[Case]:
    """Published cases of the chosen collection (every reader sees the same ones), as `filters`
    select them, with facets and export records."""
    return CASES.listing(
        live_cases().filter(collection=filters.collection),
        filters,
        arrange=lambda cases: (
            cases.select_related("organisation").defer(*LONG_TEXT).order_by("title", "pk")
        ),
    )


@dataclass(frozen=True)
class StoryTotals:
    stories: int
    hours: int | None
    posts: Decimal | None
    top: list[Case]


def story_totals() -> StoryTotals:
    """Headline figures of Hong Kong's stories, for the listing's summary and chart."""
    stories = live_cases().filter(collection=Collection.STORY)
    totals = stories.aggregate(
        stories=Count("pk"), hours=Sum("hours_saved_per_year"), posts=Sum("posts_redeployed")
    )
    top = list(
        stories.exclude(hours_saved_per_year__isnull=True)
        .select_related("organisation")
        .order_by("-hours_saved_per_year")[:8]
    )
    return StoryTotals(totals["stories"], totals["hours"], totals["posts"], top)
