"""Reports → Search in the admin: the index's state, and the month's searches that found
nothing or were not followed."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from aiplus.core.params import clean_text
from aiplus.search import reports
from aiplus.search.permissions import user_can_view_search_report


def _month(value: str) -> date:
    """ "2026-11" to the first of that month; this month for anything else."""
    today = timezone.localdate()
    try:
        year, month = (int(part) for part in value.split("-"))
        return date(year, month, 1)
    except ValueError:
        return today.replace(day=1)


def report(request: HttpRequest) -> HttpResponse:
    if not user_can_view_search_report(request.user):
        raise PermissionDenied
    month = _month(clean_text(request.GET.get("month"), max_length=7))
    return render(
        request,
        "search/admin/report.html",
        {
            "month": month,
            "status": reports.index_status(),
            "zero_results": reports.zero_result_queries(month),
            "low_click": reports.low_click_queries(month),
        },
    )
