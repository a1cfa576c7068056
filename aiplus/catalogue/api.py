"""Read-only JSON API for the catalogue (published solutions only)."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import ModelSchema, Router, Schema

from aiplus.catalogue.filters import SolutionFilters
from aiplus.catalogue.models import Solution
from aiplus.catalogue.models.choices import DEPLOYMENT_FLAGS, LANGUAGE_FLAGS, flags_on
from aiplus.catalogue.selectors import live_solutions, solution_listing
from aiplus.core.pagination import PageNumber, page_payload
from aiplus.core.translated import all_variants, translated_field_names, translated_values

router = Router(tags=["solutions"])


class SolutionOut(ModelSchema):
    vendor: str
    tasks: list[str]
    capabilities: list[str]
    languages: list[str]
    deployment: list[str]
    max_classification: str
    maturity: str
    price_model: str
    website: str
    used_by: list[str]
    url: str

    class Meta:
        model = Solution
        fields = ["slug", *all_variants(Solution, simplified=False)]


class SolutionPage(Schema):
    count: int
    page: int
    pages: int
    results: list[SolutionOut]


def _out(solution: Solution) -> dict[str, object]:
    return {
        "slug": solution.slug,
        **translated_values(solution, *translated_field_names(Solution), simplified=False),
        "vendor": solution.vendor.name,
        "tasks": [task.slug for task in solution.tasks.all()],
        "capabilities": [c.slug for c in solution.capabilities.all()],
        "languages": [key for key, _label in flags_on(solution, LANGUAGE_FLAGS)],
        "deployment": [key for key, _label in flags_on(solution, DEPLOYMENT_FLAGS)],
        "max_classification": solution.get_max_classification_display(),
        "maturity": solution.maturity,
        "price_model": solution.price_model,
        "website": solution.website,
        "used_by": [o.code for o in solution.organisations_using.all()],
        "url": solution.get_absolute_url(),
    }


@router.get("/solutions", response=SolutionPage, summary="Published solutions, filtered")
def list_solutions(request: HttpRequest, page: PageNumber = 1) -> dict[str, object]:
    """Filters take the same parameters as the catalogue page: q, task, capability, language,
    deployment, classification, maturity, price, vendor, used_by, sort."""
    filters = SolutionFilters.from_querydict(request.GET)
    solutions = solution_listing(filters=filters, user=request.user).items.prefetch_related(
        "tasks", "capabilities", "organisations_using"
    )
    return page_payload(solutions, page=page, serialise=_out)


@router.get("/solutions/{slug:slug}", response=SolutionOut, summary="One published solution")
def get_solution(request: HttpRequest, slug: str) -> dict[str, object]:
    return _out(get_object_or_404(live_solutions().select_related("vendor"), slug=slug))
