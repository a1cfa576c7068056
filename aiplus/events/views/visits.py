"""Pages for visits and briefings on request: the list and the form, and one request with what
each side can do next."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aiplus.accounts.current import signed_in
from aiplus.events import visits
from aiplus.events.forms import ProposalForm, VisitRequestForm
from aiplus.events.permissions import user_can_organise


@login_required
def index(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    can_ask = bool(user.organisation_id and user.organisation and user.organisation.is_government)
    form = VisitRequestForm(request.POST or None)
    if request.method == "POST":
        if not can_ask:
            raise PermissionDenied
        if form.is_valid():
            try:
                made = visits.ask(user=user, **form.cleaned_data)
            except visits.VisitError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Your request is sent to DPO."))
                return redirect(made)
    context = {
        "requests": visits.requests_for(user).select_related("organisation", "event"),
        "form": form,
        "can_ask": can_ask,
        "can_organise": user_can_organise(user),
    }
    return render(request, "events/requests.html", context)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = visits.request_for(request.user, pk)
    organiser = user_can_organise(request.user)
    form = ProposalForm(request.POST or None) if organiser else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                visits.propose(request=item, **form.cleaned_data)
            except visits.VisitError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The proposed date is sent."))
                return redirect(item)
    same_bd = signed_in(request).organisation_id == item.organisation_id
    return render(
        request,
        "events/request.html",
        {"item": item, "form": form, "can_answer": same_bd},
    )


@login_required
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    item = visits.request_for(request.user, pk)
    if signed_in(request).organisation_id != item.organisation_id:
        raise PermissionDenied
    action = request.POST.get("action", "")
    try:
        if action == "confirm":
            event = visits.confirm(request=item, user=signed_in(request))
            messages.success(request, _("Confirmed: the visit is on the events calendar."))
            return redirect(event)
        if action == "another":
            visits.ask_again(request=item)
            messages.success(request, _("DPO is asked for another date."))
        elif action == "withdraw":
            visits.withdraw(request=item)
            messages.success(request, _("The request is withdrawn."))
    except visits.VisitError as error:
        messages.error(request, str(error))
    return redirect(item)
