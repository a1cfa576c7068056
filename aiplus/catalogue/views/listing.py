from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from aiplus.catalogue.filters import SolutionFilters
from aiplus.catalogue.selectors import shortlisted_ids, solution_listing
from aiplus.core.exports import EXPORT_FORMATS, export_response
from aiplus.core.params import parse_page


def index(request: HttpRequest) -> HttpResponse:
    filters = SolutionFilters.from_querydict(request.GET)
    listing = solution_listing(filters=filters, user=request.user)
    export_format = request.GET.get("format", "")
    if export_format in EXPORT_FORMATS:
        return export_response(
            request=request,
            export_format=export_format,
            name="solutions",
            columns=listing.columns,
            records=listing.records(),
        )
    context = {
        "filters": filters,
        "facets": listing.facets,
        "page": listing.page(parse_page(request.GET.get("page"))),
        "shortlisted": shortlisted_ids(request.user),
        "querystring": filters.querystring(),
    }
    template = (
        "catalogue/_results.html" if request.headers.get("HX-Request") else "catalogue/index.html"
    )
    return render(request, template, context)
