from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from aiplus.catalogue.exports import SOLUTION_COLUMNS, solution_records
from aiplus.catalogue.filters import SolutionFilters
from aiplus.catalogue.selectors import (
    filtered_solutions,
    searched_solutions,
    shortlisted_ids,
    solution_facets,
)
from aiplus.core.exports import EXPORT_FORMATS, export_response
from aiplus.core.params import parse_page


def index(request: HttpRequest) -> HttpResponse:
    filters = SolutionFilters.from_querydict(request.GET)
    base = searched_solutions(filters.query)
    solutions = filtered_solutions(filters, base=base)
    export_format = request.GET.get("format", "")
    if export_format in EXPORT_FORMATS:
        return export_response(
            request=request,
            export_format=export_format,
            name="solutions",
            columns=SOLUTION_COLUMNS,
            records=solution_records(solutions),
        )
    page = Paginator(solutions, settings.AIPLUS_PAGE_SIZE).get_page(
        parse_page(request.GET.get("page"))
    )
    context = {
        "filters": filters,
        "facets": solution_facets(filters, base=base),
        "page": page,
        "shortlisted": shortlisted_ids(request.user),
        "querystring": filters.querystring(),
    }
    template = (
        "catalogue/_results.html" if request.headers.get("HX-Request") else "catalogue/index.html"
    )
    return render(request, template, context)
