"""Reads for cases: Hong Kong stories and imported use cases, filtered and counted."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.http import QueryDict

from aiplus.cases.models import Case, Collection, Stage
from aiplus.core.i18n import to_traditional
from aiplus.core.params import clean_list, clean_text


@dataclass(frozen=True)
class CaseFilters:
    collection: str = Collection.STORY
    query: str = ""
    stages: tuple[str, ...] = ()
    organisation: str = ""
    topic: str = ""

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


def live_cases() -> QuerySet[Case]:
    return Case.objects.filter(live=True)


def _apply(cases: QuerySet[Case], filters: CaseFilters, *, skip: str = "") -> QuerySet[Case]:
    cases = cases.filter(collection=filters.collection)
    if filters.query:
        condition = Q()
        for term in {filters.query, to_traditional(filters.query)}:
            condition |= (
                Q(title__icontains=term)
                | Q(title_zh_hant__icontains=term)
                | Q(summary__icontains=term)
                | Q(summary_zh_hant__icontains=term)
                | Q(source_organisation__icontains=term)
            )
        cases = cases.filter(condition)
    if filters.stages and skip != "stage":
        cases = cases.filter(stage__in=filters.stages)
    if filters.organisation and skip != "organisation":
        cases = cases.filter(
            Q(organisation__code=filters.organisation) | Q(source_organisation=filters.organisation)
        )
    if filters.topic and skip != "topic":
        cases = cases.filter(topic=filters.topic)
    return cases


def filtered_cases(filters: CaseFilters) -> QuerySet[Case]:
    return _apply(live_cases(), filters).select_related("organisation").order_by("title", "pk")


def case_facets(filters: CaseFilters) -> dict[str, list[dict[str, object]]]:
    base = live_cases()
    stages = dict(_apply(base, filters, skip="stage").values_list("stage").annotate(n=Count("pk")))
    by_org = (
        _apply(base, filters, skip="organisation")
        .values(
            "organisation__code",
            "organisation__name",
            "organisation__name_zh_hant",
            "source_organisation",
        )
        .annotate(n=Count("pk"))
        .order_by("-n")[:20]
    )
    topics = (
        _apply(base, filters, skip="topic")
        .exclude(topic="")
        .values("topic")
        .annotate(n=Count("pk"))
        .order_by("-n")[:15]
    )
    return {
        "stage": [
            {"value": v, "label": label, "count": stages.get(v, 0), "selected": v in filters.stages}
            for v, label in Stage.choices
            if stages.get(v) or v in filters.stages
        ],
        "organisation": [
            {
                "value": row["organisation__code"] or row["source_organisation"],
                "label": row["organisation__name"] or row["source_organisation"],
                "label_zh_hant": row["organisation__name_zh_hant"] or "",
                "count": row["n"],
                "selected": bool(filters.organisation)
                and filters.organisation in (row["organisation__code"], row["source_organisation"]),
            }
            for row in by_org
            if row["organisation__code"] or row["source_organisation"]
        ],
        "topic": [
            {
                "value": row["topic"],
                "label": row["topic"],
                "count": row["n"],
                "selected": row["topic"] == filters.topic,
            }
            for row in topics
        ],
    }


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
