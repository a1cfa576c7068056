from typing import Any

from aiplus.cases.models import Case
from aiplus.core.listing import ExportSpec
from aiplus.core.translated import translated_values, variants

COLUMNS = [
    "slug",
    "collection",
    *variants("title", simplified=False),
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
    "vendor",
    "source",
    "source_url",
    "source_licence",
    "source_attribution",
]


def _record(case: Case) -> dict[str, Any]:
    return {
        "slug": case.slug,
        "collection": case.collection,
        **translated_values(case, "title", simplified=False),
        "organisation": case.organisation.name if case.organisation else case.source_organisation,
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
        "vendor": case.vendor_name,
        "source": case.source,
        "source_url": case.source_url,
        "source_licence": case.source_licence,
        "source_attribution": case.source_attribution,
    }


CASE_EXPORT = ExportSpec[Case](columns=COLUMNS, record=_record)
