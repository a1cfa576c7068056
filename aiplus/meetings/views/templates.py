"""Minutes templates officers write: their own, and those shared with their B/D (which that
B/D's editors and administrators may change too). Anyone else finds nothing (404)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aiplus.accounts.current import signed_in
from aiplus.meetings import selectors, services
from aiplus.meetings.forms import TemplateForm, template_initial
from aiplus.meetings.models import MinutesTemplate
from aiplus.meetings.permissions import user_can_change_template


@login_required
def index(request: HttpRequest) -> HttpResponse:
    templates = [
        {"template": t, "can_change": user_can_change_template(request.user, t)}
        for t in selectors.templates_for(request.user)
    ]
    return render(request, "meetings/templates.html", {"templates": templates})


def _changeable(request: HttpRequest, pk: int) -> MinutesTemplate:
    template = selectors.template_for(request.user, pk)
    if not user_can_change_template(request.user, template):
        raise PermissionDenied
    return template


@login_required
def edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    template = _changeable(request, pk) if pk is not None else None
    initial = template_initial(template) if template else {"language": "en"}
    form = TemplateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_template(user=signed_in(request), template=template, **form.cleaned_data)
        except services.MeetingError as error:
            form.add_error("sections", str(error))
        else:
            messages.success(request, _("The template is saved."))
            return redirect("meetings:templates")
    return render(request, "meetings/template_form.html", {"form": form, "template": template})


@login_required
@require_POST
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    _changeable(request, pk).delete()
    messages.success(request, _("The template is deleted."))
    return redirect("meetings:templates")
