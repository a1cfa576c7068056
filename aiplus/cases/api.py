"""Read-only JSON API for cases (published ones only)."""

from datetime import date

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import ModelSchema, Router, Schema

from aiplus.cases.filters import CaseFilters
from aiplus.cases.models import Case
from aiplus.cases.selectors import case_listing, live_cases
from aiplus.core.pagination import PageNumber, page_payload
from aiplus.core.translated import all_variants, translated_field_names, translated_values

router = Router(tags=["cases"])


class CaseOut(ModelSchema):
    collection: str
    organisation: str
    stage: str
    topic: str
    hours_saved_per_year: int | None
    posts_redeployed: float | None
    months_to_implement: int | None
    uses_personal_data: bool | None
    started_on: date | None
    implemented_on: date | None
    solutions: list[str]
    vendor: str
    source: str
    source_url: str
    source_licence: str
    source_attribution: str
    url: str

    class Meta:
        model = Case
        fields = ["slug", *all_variants(Case, simplified=False)]


class CasePage(Schema):
    count: int
    page: int
    pages: int
    results: list[CaseOut]


def _out(case: Case) -> dict[str, object]:
    return {
        "slug": case.slug,
        **translated_values(case, *translated_field_names(Case), simplified=False),
        "collection": case.collection,
        "organisation": case.organisation.name if case.organisation else case.source_organisation,
        "stage": case.stage,
        "topic": case.topic,
        "hours_saved_per_year": case.hours_saved_per_year,
        "posts_redeployed": float(case.posts_redeployed)
        if case.posts_redeployed is not None
        else None,
        "months_to_implement": case.months_to_implement,
        "uses_personal_data": case.uses_personal_data,
        "started_on": case.started_on,
        "implemented_on": case.implemented_on,
        "solutions": [s.slug for s in case.solutions.all() if s.live],
        "vendor": case.vendor_name,
        "source": case.source,
        "source_url": case.source_url,
        "source_licence": case.source_licence,
        "source_attribution": case.source_attribution,
        "url": case.get_absolute_url(),
    }


@router.get("/cases", response=CasePage, summary="Published cases, filtered")
def list_cases(request: HttpRequest, page: PageNumber = 1) -> dict[str, object]:
    """Parameters as on the cases page: collection (story or inventory), q, stage,
    organisation, topic."""
    filters = CaseFilters.from_querydict(request.GET)
    cases = case_listing(filters=filters, user=request.user).items.prefetch_related("solutions")
    return page_payload(cases, page=page, serialise=_out)


@router.get("/cases/{slug:slug}", response=CaseOut, summary="One published case")
def get_case(request: HttpRequest, slug: str) -> dict[str, object]:
    return _out(get_object_or_404(live_cases().select_related("organisation"), slug=slug))
