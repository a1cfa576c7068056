from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from aiplus.cases.filters import CaseFilters
from aiplus.cases.models import Case, Collection
from aiplus.cases.selectors import case_listing, live_cases, story_totals
from aiplus.core.charts import bar_chart
from aiplus.core.exports import EXPORT_FORMATS, export_response
from aiplus.core.i18n import localise
from aiplus.core.params import parse_page


def _hours_chart(stories: list[Case]) -> dict[str, object]:
    return bar_chart(
        [(str(localise(story, "title")), story.hours_saved_per_year or 0) for story in stories]
    )


def index(request: HttpRequest) -> HttpResponse:
    filters = CaseFilters.from_querydict(request.GET)
    listing = case_listing(filters=filters, user=request.user)
    export_format = request.GET.get("format", "")
    if export_format in EXPORT_FORMATS:
        return export_response(
            request=request,
            export_format=export_format,
            name=f"cases-{filters.collection}",
            columns=listing.columns,
            records=listing.records(),
        )
    is_partial = bool(request.headers.get("HX-Request"))
    # Headline figures and the chart sit above the listing: a partial update leaves them be.
    wants_totals = filters.collection == Collection.STORY and not is_partial
    totals = story_totals() if wants_totals else None
    context = {
        "filters": filters,
        "facets": listing.facets,
        "page": listing.page(parse_page(request.GET.get("page"))),
        "is_stories": filters.collection == Collection.STORY,
        "totals": totals,
        "hours_chart": _hours_chart(totals.top) if totals else None,
        "querystring": filters.querystring(),
    }
    template = "cases/_results.html" if is_partial else "cases/index.html"
    return render(request, template, context)


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    case = (
        live_cases()
        .select_related("organisation")
        .prefetch_related("solutions__vendor")
        .filter(slug=slug)
        .first()
    )
    if case is None:
        raise Http404
    context = {
        "case": case,
        "solutions": [s for s in case.solutions.all() if s.live],
        "is_story": case.collection == Collection.STORY,
    }
    return render(request, "cases/detail.html", context)
