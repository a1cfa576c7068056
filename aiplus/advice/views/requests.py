"""Advice pages for both sides: a B/D's list, asking, one request with its thread, and the
moves either side makes. Thin: selectors read and refuse (404) what the user may not see,
services write and refuse (a message) what the user may not do."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aiplus.accounts.current import signed_in
from aiplus.advice import selectors, services
from aiplus.advice.exports import MESSAGE_EXPORT, REQUEST_EXPORT
from aiplus.advice.forms import (
    AssignForm,
    CloseForm,
    MessageForm,
    MoveForm,
    NoteForm,
    RecommendForm,
    RequestForm,
)
from aiplus.advice.models import AdviceRequest
from aiplus.advice.permissions import side_of, user_can_request_advice, user_is_advisor
from aiplus.advice.timing import timing
from aiplus.advice.workflow import Side, Status, moves_for
from aiplus.audit.models import AuditEvent
from aiplus.audit.services import record_event
from aiplus.core.exports import EXPORT_FORMATS, export_response
from aiplus.core.params import parse_page

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The requests of the user's B/D (their own, with no organisation; all, for advisors)."""
    requests = selectors.visible_requests(request.user).select_related(
        "requester", "organisation", "assigned_to"
    )
    export_format = request.GET.get("format", "")
    if export_format in EXPORT_FORMATS:
        return export_response(
            request=request,
            export_format=export_format,
            name="advice-requests",
            columns=REQUEST_EXPORT.columns,
            records=REQUEST_EXPORT.records(requests),
        )
    page = _paginated(requests.prefetch_related("status_changes"), request)
    context = {
        "page": page,
        "rows": [(item, timing(item)) for item in page.object_list],
        "can_request": user_can_request_advice(request.user),
        "is_advisor": user_is_advisor(request.user),
    }
    return render(request, "advice/index.html", context)


def _paginated(requests: QuerySet[AdviceRequest], request: HttpRequest) -> Page:
    return Paginator(requests, settings.AIPLUS_PAGE_SIZE).get_page(
        parse_page(request.GET.get("page"))
    )


@login_required
def new(request: HttpRequest) -> HttpResponse:
    """Ask for advice; `?solution=<slug>` (from a solution's page) says what it is about, and
    `?title=...&workflow=...` (from the assistant's conversation) fill those in."""
    if not user_can_request_advice(request.user):
        raise PermissionDenied
    initial = {
        "solution": request.GET.get("solution", "")[:200],
        "title": request.GET.get("title", "")[:200],
        "workflow": request.GET.get("workflow", "")[:4000],
    }
    form = RequestForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        upload = data.pop("file")
        try:
            advice_request = services.submit_request(
                requester=signed_in(request), upload=upload, **data
            )
        except services.AdviceError as error:
            form.add_error("file", str(error))
        else:
            messages.success(
                request,
                _("Your request %(reference)s is with DPO's advisors.")
                % {"reference": advice_request.reference},
            )
            return redirect(advice_request)
    slug = (request.POST if form.is_bound else request.GET).get("solution", "")
    context = {"form": form, "solution": selectors.live_solution(slug)}
    return render(request, "advice/new.html", context)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    advice_request = selectors.request_for(request.user, pk)
    side = side_of(request.user, advice_request)
    is_advisor = side == Side.ADVISOR
    moves = moves_for(advice_request.status, side) if side else []
    context = {
        "advice": advice_request,
        "timing": timing(advice_request),
        "languages": selectors.language_labels(advice_request),
        "history": advice_request.status_changes.select_related("by"),
        "thread": selectors.thread(request.user, advice_request),
        "request_files": selectors.attachments_of(request.user, advice_request).filter(
            message=None
        ),
        "recommendations": advice_request.recommendations.select_related("solution"),
        "moves": [move for move in moves if move != Status.CLOSED],
        "can_close": Status.CLOSED in moves,
        "is_advisor": is_advisor,
        "message_form": MessageForm(),
        "close_form": CloseForm() if side == Side.REQUESTER else None,
        "note_form": NoteForm() if is_advisor else None,
        "assign_form": AssignForm(initial={"advisor": advice_request.assigned_to})
        if is_advisor
        else None,
        "recommend_form": RecommendForm() if is_advisor else None,
        "is_closed": advice_request.status == Status.CLOSED,
    }
    return render(request, "advice/detail.html", context)


@login_required
@require_POST
def post_message(request: HttpRequest, pk: int) -> HttpResponse:
    advice_request = selectors.request_for(request.user, pk)
    form = MessageForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Write a message."))
        return redirect(advice_request)
    try:
        services.post_message(
            request=advice_request,
            by=signed_in(request),
            body=form.cleaned_data["body"],
            upload=form.cleaned_data["file"],
        )
    except services.AdviceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your message is sent."))
    return redirect(advice_request)


@login_required
@require_POST
def move(request: HttpRequest, pk: int) -> HttpResponse:
    """A status move, closing with a rating included; the workflow decides what is allowed."""
    advice_request = selectors.request_for(request.user, pk)
    form = MoveForm(request.POST)
    closing = CloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status."))
        return redirect(advice_request)
    rating = closing.cleaned_data["rating"] if closing.is_valid() else None
    try:
        services.change_status(
            request=advice_request,
            to=form.cleaned_data["to"],
            by=signed_in(request),
            note=form.cleaned_data["note"],
            rating=rating,
            rating_comment=closing.cleaned_data.get("rating_comment", "")
            if closing.is_valid()
            else "",
        )
    except services.IllegalTransition as error:
        messages.error(request, str(error))
        return _refused(request, advice_request)
    except services.AdviceError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The request is now “%(status)s”.") % {"status": advice_request.get_status_display()},
        )
    return redirect(advice_request)


def _refused(request: HttpRequest, advice_request: AdviceRequest) -> HttpResponse:
    """An illegal move answers 409 Conflict, with the request page and the reason."""
    response = detail(request, advice_request.pk)
    response.status_code = 409
    return response


@login_required
def thread_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The request's thread as CSV or JSON, as its reader sees it (no internal notes for the
    B/D)."""
    advice_request = selectors.request_for(request.user, pk)
    if fmt not in EXPORT_FORMATS:
        raise Http404
    return export_response(
        request=request,
        export_format=fmt,
        name=f"{advice_request.reference}-messages",
        columns=MESSAGE_EXPORT.columns,
        records=MESSAGE_EXPORT.records(
            selectors.thread(request.user, advice_request).select_related("request")
        ),
    )


@login_required
def attachment(request: HttpRequest, pk: int, file: int) -> FileResponse:
    found = selectors.attachment_for(request.user, pk, file)
    record_event(
        action=AuditEvent.Action.RESTRICTED_DOWNLOAD,
        request=request,
        target=f"advice {found.request.reference} attachment {found.pk}: {found.original_name}"[
            :255
        ],
    )
    response = FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=found.original_name,
        content_type=CONTENT_TYPES.get(found.file_type, "application/octet-stream"),
    )
    response["Cache-Control"] = "private, no-store"
    return response
