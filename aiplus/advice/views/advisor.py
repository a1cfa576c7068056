"""DPO's side: the queue, and the work on one request (triage, assignment, internal notes,
recommended solutions). Anyone else gets 403 here, and 404 for a request they cannot see."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aiplus.accounts.current import signed_in
from aiplus.accounts.models import User
from aiplus.advice import selectors, services
from aiplus.advice.exports import REQUEST_EXPORT
from aiplus.advice.filters import QueueFilters
from aiplus.advice.forms import AssignForm, NoteForm, RecommendForm
from aiplus.advice.models import AdviceRequest
from aiplus.advice.permissions import user_is_advisor
from aiplus.advice.queue import advisor_queue
from aiplus.core.exports import EXPORT_FORMATS, export_response
from aiplus.core.params import parse_page


def _advisor(request: HttpRequest) -> User:
    if not user_is_advisor(request.user):
        raise PermissionDenied
    return signed_in(request)


def _worked_on(request: HttpRequest, pk: int) -> tuple[User, AdviceRequest]:
    """A request the user can see (else 404) and works on as DPO (else 403)."""
    advice_request = selectors.request_for(request.user, pk)
    return _advisor(request), advice_request


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    advisor = _advisor(request)
    filters = QueueFilters.from_querydict(request.GET)
    found = advisor_queue(filters=filters, user=advisor, page=parse_page(request.GET.get("page")))
    export_format = request.GET.get("format", "")
    if export_format in EXPORT_FORMATS:
        return export_response(
            request=request,
            export_format=export_format,
            name="advice-queue",
            columns=REQUEST_EXPORT.columns,
            records=REQUEST_EXPORT.records(found.items),
        )
    context = {"queue": found, "filters": filters, "querystring": filters.querystring()}
    return render(request, "advice/queue.html", context)


@login_required
@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    """Give the request to an advisor; a submitted request is triaged at the same time (the
    first response)."""
    advisor, advice_request = _worked_on(request, pk)
    form = AssignForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an advisor."))
        return redirect(advice_request)
    chosen = form.cleaned_data["advisor"]
    try:
        if advice_request.status == "submitted":
            services.triage(request=advice_request, by=advisor, advisor=chosen)
        else:
            services.assign(request=advice_request, by=advisor, advisor=chosen)
    except services.AdviceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The request's advisor is saved."))
    return redirect(advice_request)


@login_required
@require_POST
def add_note(request: HttpRequest, pk: int) -> HttpResponse:
    advisor, advice_request = _worked_on(request, pk)
    form = NoteForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Write a note."))
        return redirect(advice_request)
    try:
        services.add_note(
            request=advice_request,
            by=advisor,
            body=form.cleaned_data["body"],
            upload=form.cleaned_data["file"],
        )
    except services.AdviceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The internal note is saved."))
    return redirect(advice_request)


@login_required
@require_POST
def recommend(request: HttpRequest, pk: int) -> HttpResponse:
    advisor, advice_request = _worked_on(request, pk)
    form = RecommendForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a published solution."))
        return redirect(advice_request)
    try:
        services.recommend(
            request=advice_request,
            by=advisor,
            solution=form.cleaned_data["solution"],
            note=form.cleaned_data["note"],
        )
    except services.AdviceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The solution is recommended on the request."))
    return redirect(advice_request)


@login_required
@require_POST
def unrecommend(request: HttpRequest, pk: int, solution: int) -> HttpResponse:
    advisor, advice_request = _worked_on(request, pk)
    services.remove_recommendation(request=advice_request, by=advisor, solution_pk=solution)
    return redirect(advice_request)
