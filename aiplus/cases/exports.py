from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet

from aiplus.cases.models import Case

CASE_COLUMNS = [
    "slug",
    "collection",
    "title",
    "title_zh_hant",
    "organisation",
    "unit",
    "stage",
    "topic",
    "summary",
    "hours_saved_per_year",
    "posts_redeployed",
    "months_to_implement",
    "uses_personal_data",
    "impact_type",
    "started_on",
    "implemented_on",
    "source",
]


def case_records(cases: QuerySet[Case]) -> Iterator[dict[str, Any]]:
    for case in cases.iterator(chunk_size=500):
        yield {
            "slug": case.slug,
            "collection": case.collection,
            "title": case.title,
            "title_zh_hant": case.title_zh_hant,
            "organisation": case.organisation.name
            if case.organisation
            else case.source_organisation,
            "unit": case.source_unit,
            "stage": case.stage,
            "topic": case.topic,
            "summary": case.summary,
            "hours_saved_per_year": case.hours_saved_per_year,
            "posts_redeployed": case.posts_redeployed,
            "months_to_implement": case.months_to_implement,
            "uses_personal_data": case.uses_personal_data,
            "impact_type": case.impact_type,
            "started_on": case.started_on,
            "implemented_on": case.implemented_on,
            "source": case.source,
        }
