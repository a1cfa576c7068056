"""Organiser pages: the attendee list (export, check-in), the check-in page a QR code opens,
and telling registrants that an event changed."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aiplus.core.exports import EXPORT_FORMATS, export_response
from aiplus.events import selectors, services
from aiplus.events.models import Event, Registration
from aiplus.events.permissions import user_can_organise


def _organiser(request: HttpRequest) -> None:
    if not user_can_organise(request.user):
        raise PermissionDenied


def attendees(request: HttpRequest, pk: int) -> HttpResponse:
    _organiser(request)
    event = selectors.event_for(request.user, pk)
    export_format = request.GET.get("format", "")
    if export_format in EXPORT_FORMATS:
        return export_response(
            request=request,
            export_format=export_format,
            name=f"event-{event.pk}-attendees",
            columns=selectors.ATTENDEE_COLUMNS,
            records=selectors.attendee_records(event),
        )
    registrations = event.registrations.exclude(
        status=Registration.Status.CANCELLED
    ).select_related("user__organisation")
    return render(
        request, "events/attendees.html", {"event": event, "registrations": registrations}
    )


@require_POST
def mark_attended(request: HttpRequest, pk: int, registration: int) -> HttpResponse:
    _organiser(request)
    event = selectors.event_for(request.user, pk)
    item = get_object_or_404(event.registrations, pk=registration)
    try:
        services.check_in(registration=item)
    except services.RegistrationError as error:
        messages.error(request, str(error))
    return redirect("events:attendees", pk=event.pk)


def check_in(request: HttpRequest, token: str) -> HttpResponse:
    """Opened by scanning a registration's QR code: organisers confirm the check-in."""
    _organiser(request)
    registration = get_object_or_404(
        Registration.objects.select_related("event", "user"), token=token
    )
    checked = None
    if request.method == "POST":
        try:
            checked = services.check_in(registration=registration)
        except services.RegistrationError as error:
            messages.error(request, str(error))
        registration.refresh_from_db()
    return render(
        request, "events/check_in.html", {"registration": registration, "checked": checked}
    )


@require_POST
def announce_change(request: HttpRequest, pk: int) -> HttpResponse:
    _organiser(request)
    event = get_object_or_404(Event, pk=pk)
    count = services.event_changed(event=event, cancelled=request.POST.get("cancel") == "1")
    messages.success(request, _("%(count)d registrants were told.") % {"count": count})
    return redirect(event)
