"""Smart Minutes pages. Thin: the services write, the selectors read and refuse (404) whatever
is not the user's."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aiplus.accounts.models import User
from aiplus.audit.models import AuditEvent
from aiplus.audit.services import record_event
from aiplus.meetings import export, selectors, services
from aiplus.meetings.forms import MeetingForm, MinutesEditForm, MinutesForm, SpeakerForm
from aiplus.meetings.models import Meeting
from aiplus.meetings.rendering import render_minutes


def _signed_in(request: HttpRequest) -> User:
    """The user of a view behind `login_required`."""
    assert isinstance(request.user, User)
    return request.user


@login_required
def index(request: HttpRequest) -> HttpResponse:
    meetings = selectors.meetings_for(request.user).prefetch_related("minutes")
    return render(request, "meetings/index.html", {"meetings": meetings})


@login_required
def new(request: HttpRequest) -> HttpResponse:
    form = MeetingForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.create_meeting(
                owner=_signed_in(request),
                upload=form.cleaned_data["file"],
                **{k: v for k, v in form.cleaned_data.items() if k != "file"},
            )
        except services.MeetingError as error:
            form.add_error("file", str(error))
        else:
            return redirect(meeting)
    return render(request, "meetings/new.html", {"form": form})


@login_required
def detail(request: HttpRequest, uid: str) -> HttpResponse:
    meeting = selectors.meeting_for(request.user, uid)
    context = {
        "meeting": meeting,
        "turns": selectors.transcript_turns(meeting),
        "speakers": meeting.speakers.all(),
        "job": selectors.latest_transcription(meeting)
        if meeting.status != Meeting.Status.TRANSCRIBED
        else None,
        "minutes_list": meeting.minutes.all(),
        "minutes_form": MinutesForm(
            initial={"language": (request.LANGUAGE_CODE[:2] == "zh" and "zh-hant") or "en"}
        ),
    }
    return render(request, "meetings/detail.html", context)


@login_required
@require_POST
def name_speaker(request: HttpRequest, uid: str) -> HttpResponse:
    meeting = selectors.meeting_for(request.user, uid)
    form = SpeakerForm(request.POST)
    if form.is_valid() and meeting.speakers.filter(label=form.cleaned_data["label"]).exists():
        services.name_speaker(meeting=meeting, **form.cleaned_data)
        messages.success(request, _("The speaker's name now shows on every turn."))
    else:
        messages.error(request, _("Give the speaker a name."))
    return redirect(meeting)


@login_required
def recording(request: HttpRequest, uid: str) -> FileResponse:
    meeting = selectors.meeting_for(request.user, uid)
    if not meeting.recording:
        raise Http404
    record_event(
        action=AuditEvent.Action.MEETING_FILE,
        request=request,
        target=f"meeting {meeting.uid}: recording",
    )
    return FileResponse(meeting.recording.open("rb"))


@login_required
@require_POST
def start_minutes(request: HttpRequest, uid: str) -> HttpResponse:
    meeting = selectors.meeting_for(request.user, uid)
    form = MinutesForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a template and a language."))
        return redirect(meeting)
    try:
        minutes = services.start_minutes(
            meeting=meeting, user=_signed_in(request), **form.cleaned_data
        )
    except services.MeetingError as error:
        messages.error(request, str(error))
        return redirect(meeting)
    return redirect("meetings:minutes", uid=meeting.uid, pk=minutes.pk)


@login_required
def minutes(request: HttpRequest, uid: str, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for(request.user, uid)
    item = selectors.minutes_for(request.user, meeting, pk)
    form = MinutesEditForm(request.POST or None, initial={"text": item.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_minutes(minutes=item, user=_signed_in(request), **form.cleaned_data)
        except services.MeetingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Saved as a new version."))
        return redirect("meetings:minutes", uid=meeting.uid, pk=item.pk)
    context = {
        "meeting": meeting,
        "minutes": item,
        "html": render_minutes(item.text),
        "form": form,
        "versions": item.versions.select_related("author"),
        "job": selectors.latest_minutes_job(item) if item.status == "drafting" else None,
        "turns": selectors.transcript_turns(meeting),
    }
    return render(request, "meetings/minutes.html", context)


@login_required
@require_POST
def approve(request: HttpRequest, uid: str, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for(request.user, uid)
    item = selectors.minutes_for(request.user, meeting, pk)
    try:
        services.approve_minutes(minutes=item, user=_signed_in(request))
    except services.MeetingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The minutes are approved."))
    return redirect("meetings:minutes", uid=meeting.uid, pk=item.pk)


@login_required
def download(request: HttpRequest, uid: str, pk: int, fmt: str) -> HttpResponse:
    meeting = selectors.meeting_for(request.user, uid)
    item = selectors.minutes_for(request.user, meeting, pk)
    if fmt not in ("md", "docx"):
        raise Http404
    name = slugify(meeting.title) or "minutes"
    record_event(
        action=AuditEvent.Action.EXPORT,
        request=request,
        target=f"meeting {meeting.uid}: minutes {item.pk}",
        details={"format": fmt},
    )
    if fmt == "docx":
        response = HttpResponse(export.minutes_docx(item), content_type=export.DOCX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{name}.docx"'
        return response
    response = HttpResponse(item.text, content_type="text/markdown; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.md"'
    return response
