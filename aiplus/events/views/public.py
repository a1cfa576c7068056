"""Event pages for officers: the calendar of coming events, the archive, an event with its
registration, the calendar file, and one's registrations with their check-in codes."""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aiplus.accounts.current import signed_in
from aiplus.core.exports import EXPORT_FORMATS, export_response
from aiplus.core.i18n import current_language
from aiplus.core.params import parse_page
from aiplus.events import selectors, services
from aiplus.events.api import EVENT_COLUMNS, event_records
from aiplus.events.calendar import event_ics
from aiplus.events.models import Event, Registration
from aiplus.events.permissions import user_can_organise, user_in_audience
from aiplus.resources.selectors import visible_resources

PER_PAGE = 20


def index(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    events = selectors.upcoming_events(request.user, kind=kind)
    export_format = request.GET.get("format", "")
    if export_format in EXPORT_FORMATS:
        return export_response(
            request=request,
            export_format=export_format,
            name="events",
            columns=EVENT_COLUMNS,
            records=event_records(selectors.with_counts(events)),
        )
    page = Paginator(events, PER_PAGE).get_page(parse_page(request.GET.get("page")))
    page.object_list = selectors.with_counts(page.object_list)
    context = {
        "events": page,
        "kinds": Event.Kind.choices,
        "kind": kind if kind in Event.Kind.values else "",
    }
    return render(request, "events/index.html", context)


def archive(request: HttpRequest) -> HttpResponse:
    past = selectors.past_events(request.user)
    export_format = request.GET.get("format", "")
    if export_format in EXPORT_FORMATS:
        events = selectors.with_counts(past)
        records = event_records(events)
        for record, event in zip(records, events, strict=True):
            record["attendance"] = selectors.attendance_figure(event)
        return export_response(
            request=request,
            export_format=export_format,
            name="past-events",
            columns=[*EVENT_COLUMNS, "attendance"],
            records=records,
        )
    page = Paginator(past, PER_PAGE).get_page(parse_page(request.GET.get("page")))
    page.object_list = selectors.with_counts(page.object_list)
    rows = [(event, selectors.attendance_figure(event)) for event in page.object_list]
    return render(request, "events/archive.html", {"rows": rows, "page": page})


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.event_for(request.user, pk)
    registration = selectors.registration_of(request.user, event)
    places_left = None
    if event.capacity is not None:
        places_left = max(0, event.capacity - getattr(event, "confirmed", 0))  # annotated
    context = {
        "event": event,
        "registration": registration,
        "places_left": places_left,
        "in_audience": user_in_audience(request.user, event),
        "can_organise": user_can_organise(request.user),
        "attendance": selectors.attendance_figure(event) if event.is_past else None,
        "materials": visible_resources(request.user).filter(events=event),
        "feedback": selectors.feedback_of(request.user, event),
        "feedback_summary": selectors.feedback_summary(event),
    }
    return render(request, "events/detail.html", context)


@login_required
@require_POST
def register(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.event_for(request.user, pk)
    try:
        registration = services.register(event=event, user=signed_in(request))
    except services.RegistrationError as error:
        messages.error(request, str(error))
    else:
        if registration.status == Registration.Status.CONFIRMED:
            messages.success(request, _("Your place is confirmed."))
        else:
            messages.success(request, _("The event is full: you are on the waitlist."))
    return redirect(event)


@login_required
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.event_for(request.user, pk)
    registration = selectors.registration_of(request.user, event)
    if registration is None:
        raise Http404
    services.cancel(registration=registration, user=signed_in(request))
    messages.success(request, _("Your registration is cancelled."))
    return redirect(event)


def calendar_file(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.event_for(request.user, pk)
    response = HttpResponse(
        event_ics(event, language=current_language()), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
    return response


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    return render(
        request, "events/mine.html", {"registrations": selectors.my_registrations(request.user)}
    )


@login_required
def check_in_code(request: HttpRequest, pk: int) -> HttpResponse:
    """The QR code of one's own registration: organisers scan it at the door."""
    registration = selectors.my_registrations(request.user).filter(pk=pk).first()
    if registration is None or registration.status != Registration.Status.CONFIRMED:
        raise Http404
    address = request.build_absolute_uri(reverse("events:check_in", args=[registration.token]))
    svg = segno.make(address, error="m").svg_inline(scale=6, title=_("Check-in code"))
    return HttpResponse(svg, content_type="image/svg+xml")


@login_required
@require_POST
def feedback(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.event_for(request.user, pk)
    try:
        rating = int(request.POST.get("rating", "0"))
    except ValueError:
        rating = 0
    try:
        services.give_feedback(
            event=event,
            user=signed_in(request),
            rating=rating,
            comment=request.POST.get("comment", ""),
        )
    except services.RegistrationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Thank you for your feedback."))
    return redirect(event)
