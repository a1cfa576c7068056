"""The AI status page in the Wagtail admin (Settings → AI models)."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from aiplus.ai import selectors, services
from aiplus.ai.permissions import user_can_view_ai_status
from aiplus.ai.providers import CAPABILITIES


def status(request: HttpRequest) -> HttpResponse:
    if not user_can_view_ai_status(request.user):
        raise PermissionDenied
    check = None
    if request.method == "POST":
        capability = request.POST.get("capability", "")
        if capability not in CAPABILITIES:
            return HttpResponse(_("Unknown capability."), status=400)
        check = services.run_live_check(capability=capability)
    return render(
        request,
        "ai/status.html",
        {
            "statuses": selectors.capability_statuses(),
            "check": check,
            "install_log": selectors.install_log_tail(),
        },
    )
