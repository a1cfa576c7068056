"""Manpower Optimisation reports: start one for a period (overall or one B/D, English or
Traditional Chinese) and follow its job; the finished files are restricted resources."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from aiplus.insights import selectors, services
from aiplus.insights.models import ReportJob
from aiplus.insights.periods import Span, parse_date, period_from
from aiplus.insights.permissions import user_can_view_insights, user_can_view_organisation


def _visible_jobs(request: HttpRequest) -> list[ReportJob]:
    jobs = ReportJob.objects.select_related("organisation", "docx", "pdf")[:200]
    return [job for job in jobs if job.user_can_view(request.user)][:30]


@login_required
def index(request: HttpRequest) -> HttpResponse:
    if not user_can_view_insights(request.user):
        raise PermissionDenied
    if request.method == "POST":
        code = request.POST.get("bd", "")
        scope = selectors.scope_for(request.user, code or None)
        start, end = parse_date(request.POST.get("from")), parse_date(request.POST.get("to"))
        if start is None or end is None:
            messages.error(request, _("Give the report's first and last days."))
            return redirect("insights:reports")
        try:
            job = services.start_report(
                user=request.user,  # type: ignore[arg-type]
                organisation=scope.organisation,
                start=start,
                end=end,
                language=request.POST.get("language", ""),
            )
        except services.InsightsError as error:
            messages.error(request, str(error))
            return redirect("insights:reports")
        return redirect("insights:report", pk=job.pk)
    period = period_from(request.GET)
    own = selectors.default_code(request.user)
    context = {
        "jobs": _visible_jobs(request),
        "period": period,
        "organisations": selectors.government_organisations() if own is None else [],
        "own": own,
        "languages": ReportJob.Language.choices,
        "custom": Span.CUSTOM.value,
    }
    return render(request, "insights/reports.html", context)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(ReportJob.objects.select_related("organisation", "docx", "pdf"), pk=pk)
    if not user_can_view_organisation(request.user, job.organisation):
        raise Http404
    return render(request, "insights/report.html", {"job": job})
