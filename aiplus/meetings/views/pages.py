"""Smart Minutes pages. Thin: the services write, the selectors read and refuse (404) whatever
is not the user's."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aiplus.accounts.current import signed_in
from aiplus.audit.models import AuditEvent
from aiplus.audit.services import record_event
from aiplus.core.pdf import NoCJKFont
from aiplus.meetings import captions, export, selectors, services
from aiplus.meetings.forms import (
    CommentForm,
    MeetingForm,
    MinutesEditForm,
    MinutesForm,
    ShareForm,
    TurnForm,
)
from aiplus.meetings.models import Meeting
from aiplus.meetings.permissions import (
    user_can_comment,
    user_can_edit_meeting,
    user_can_manage_meeting,
    user_can_resolve_comments,
)
from aiplus.meetings.regenerate import regenerable
from aiplus.meetings.rendering import render_minutes
from aiplus.meetings.sections import headings


def _audit_opened(request: HttpRequest, meeting: Meeting, what: str) -> None:
    record_event(
        action=AuditEvent.Action.MEETING_OPENED,
        request=request,
        target=f"meeting {meeting.uid}: {what}",
    )


def _editable(request: HttpRequest, uid: str) -> Meeting:
    """A meeting the user may work on (someone it is shared with to read gets 403)."""
    meeting = selectors.meeting_for(request.user, uid)
    if not user_can_edit_meeting(request.user, meeting):
        raise PermissionDenied
    return meeting


def _managed(request: HttpRequest, uid: str) -> Meeting:
    meeting = selectors.meeting_for(request.user, uid)
    if not user_can_manage_meeting(request.user, meeting):
        raise PermissionDenied
    return meeting


@login_required
def index(request: HttpRequest) -> HttpResponse:
    meetings = selectors.meetings_for(request.user).prefetch_related("minutes")
    return render(request, "meetings/index.html", {"meetings": meetings})


def _wants_json(request: HttpRequest) -> bool:
    """The recorder on the new-meeting page uploads with fetch and asks for JSON back."""
    return "application/json" in request.headers.get("Accept", "")


@login_required
def new(request: HttpRequest) -> HttpResponse:
    form = MeetingForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.create_meeting(
                owner=signed_in(request),
                upload=form.cleaned_data["file"],
                **{k: v for k, v in form.cleaned_data.items() if k != "file"},
            )
        except services.MeetingError as error:
            form.add_error("file", str(error))
        else:
            if _wants_json(request):
                return JsonResponse({"url": meeting.get_absolute_url()}, status=201)
            return redirect(meeting)
    if request.method == "POST" and _wants_json(request):
        errors = [
            f"{form[name].label}: {message}" if name in form.fields else str(message)
            for name, messages_ in form.errors.items()
            for message in messages_
        ]
        return JsonResponse({"errors": errors}, status=400)
    return render(request, "meetings/new.html", {"form": form})


@login_required
@require_POST
def live_captions(request: HttpRequest) -> JsonResponse:
    """The words of one short piece of a recording in progress (see meetings.captions)."""
    upload = request.FILES.get("audio")
    if upload is None:
        return JsonResponse({"error": _("Send a piece of audio.")}, status=400)
    if (upload.size or 0) > captions.MAX_PIECE_BYTES:
        return JsonResponse(
            {"error": _("A caption piece may be at most 30 seconds and 2 MB of audio.")},
            status=413,
        )
    try:
        text = captions.caption(
            user=signed_in(request),
            data=upload.read(),
            language=request.POST.get("language", ""),
        )
    except captions.CaptionsBusy:
        return JsonResponse({"skipped": True}, status=503)
    except services.MeetingError as error:
        return JsonResponse({"error": str(error)}, status=400)
    return JsonResponse({"text": text})


@login_required
def detail(request: HttpRequest, uid: str) -> HttpResponse:
    meeting = selectors.meeting_for(request.user, uid)
    _audit_opened(request, meeting, "transcript")
    context = {
        "meeting": meeting,
        "turns": selectors.transcript_turns(meeting),
        "speakers": meeting.speakers.all(),
        "job": selectors.latest_transcription(meeting)
        if meeting.status != Meeting.Status.TRANSCRIBED
        else None,
        "minutes_list": meeting.minutes.all(),
        "can_edit": user_can_edit_meeting(request.user, meeting),
        "can_manage": user_can_manage_meeting(request.user, meeting),
        "shares": meeting.shares.select_related("user"),
        "recording_kept_until": meeting.created_at
        + timedelta(days=settings.AIPLUS_MEETING_RECORDING_DAYS),
        "share_form": ShareForm(),
        "questions": [
            {"job": job, "html": render_minutes(job.answer) if job.answer else ""}
            for job in meeting.questions.filter(started_by_id=request.user.pk)[:10]
        ],
        "minutes_form": MinutesForm(
            initial={"language": (request.LANGUAGE_CODE[:2] == "zh" and "zh-hant") or "en"},
            templates=selectors.templates_for(request.user),
        ),
    }
    return render(request, "meetings/detail.html", context)


@login_required
@require_POST
def name_speaker(request: HttpRequest, uid: str) -> HttpResponse:
    meeting = _editable(request, uid)
    labels, names = request.POST.getlist("label"), request.POST.getlist("name")
    known = set(meeting.speakers.values_list("label", flat=True))
    pairs = [(label, name.strip()) for label, name in zip(labels, names, strict=False)]
    if not pairs or any(label not in known or not name for label, name in pairs):
        messages.error(request, _("Give every speaker a name."))
        return redirect(meeting)
    for label, name in pairs:
        services.name_speaker(meeting=meeting, label=label, name=name)
    messages.success(request, _("The speakers' names now show on every turn."))
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
    meeting = _editable(request, uid)
    form = MinutesForm(request.POST, templates=selectors.templates_for(request.user))
    if not form.is_valid():
        messages.error(request, _("Choose a template and a language."))
        return redirect(meeting)
    chosen = form.cleaned_data["template"]
    custom = None
    if chosen.startswith("custom-"):
        custom = selectors.template_for(request.user, int(chosen.removeprefix("custom-")))
    try:
        minutes = services.start_minutes(
            meeting=meeting,
            user=signed_in(request),
            template=chosen,
            language=form.cleaned_data["language"],
            custom=custom,
        )
    except services.MeetingError as error:
        messages.error(request, str(error))
        return redirect(meeting)
    return redirect("meetings:minutes", uid=meeting.uid, pk=minutes.pk)


@login_required
def minutes(request: HttpRequest, uid: str, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for(request.user, uid)
    item = selectors.minutes_for(request.user, meeting, pk)
    if request.method == "GET":
        _audit_opened(request, meeting, f"minutes {item.pk}")
    can_edit = user_can_edit_meeting(request.user, meeting)
    form = MinutesEditForm(request.POST or None, initial={"text": item.text})
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_minutes(minutes=item, user=signed_in(request), **form.cleaned_data)
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
        "can_edit": can_edit,
        "can_manage": user_can_manage_meeting(request.user, meeting),
        "time_saved_choices": [
            ("none", _("None")),
            ("under-30", _("Less than 30 minutes")),
            ("30-60", _("30 minutes to an hour")),
            ("1-2h", _("One to two hours")),
            ("over-2h", _("More than two hours")),
        ],
        "versions": selectors.versions_with_changes(item),
        "job": selectors.latest_minutes_job(item),
        "turns": selectors.transcript_turns(meeting),
        "comments": selectors.comments_on(item),
        "regenerable": regenerable(item) if can_edit and item.status == "draft" else [],
        "comment_form": CommentForm(headings=headings(item.text)),
        "can_comment": user_can_comment(request.user, meeting),
        "can_resolve": user_can_resolve_comments(request.user, meeting),
    }
    return render(request, "meetings/minutes.html", context)


@login_required
@require_POST
def approve(request: HttpRequest, uid: str, pk: int) -> HttpResponse:
    meeting = _managed(request, uid)
    item = selectors.minutes_for(request.user, meeting, pk)
    try:
        services.approve_minutes(minutes=item, user=signed_in(request))
    except services.MeetingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The minutes are approved."))
    return redirect("meetings:minutes", uid=meeting.uid, pk=item.pk)


@login_required
def download(request: HttpRequest, uid: str, pk: int, fmt: str) -> HttpResponse:
    meeting = selectors.meeting_for(request.user, uid)
    item = selectors.minutes_for(request.user, meeting, pk)
    if fmt not in ("md", "docx", "pdf"):
        raise Http404
    name = slugify(meeting.title) or "minutes"
    record_event(
        action=AuditEvent.Action.EXPORT,
        request=request,
        target=f"meeting {meeting.uid}: minutes {item.pk}",
        details={"format": fmt},
    )
    if fmt == "pdf":
        try:
            content = export.minutes_pdf(item)
        except NoCJKFont:
            messages.error(request, _("No font with Chinese characters is installed for the PDF."))
            return redirect("meetings:minutes", uid=meeting.uid, pk=item.pk)
        response = HttpResponse(content, content_type=export.PDF_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
        return response
    if fmt == "docx":
        response = HttpResponse(export.minutes_docx(item), content_type=export.DOCX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{name}.docx"'
        return response
    response = HttpResponse(item.text, content_type="text/markdown; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.md"'
    return response


@login_required
@require_POST
def share(request: HttpRequest, uid: str) -> HttpResponse:
    meeting = _managed(request, uid)
    form = ShareForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the user name or e-mail address of a hub user."))
        return redirect(meeting)
    try:
        services.share_meeting(meeting=meeting, by=signed_in(request), **form.cleaned_data)
    except services.MeetingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The meeting is shared."))
    return redirect(meeting)


@login_required
@require_POST
def unshare(request: HttpRequest, uid: str, pk: int) -> HttpResponse:
    meeting = _managed(request, uid)
    meeting.shares.filter(pk=pk).delete()
    messages.success(request, _("The meeting is no longer shared with that person."))
    return redirect(meeting)


# One click after approving: about how much officer time the minutes saved (in minutes).
TIME_SAVED_CHOICES = {"none": 0, "under-30": 15, "30-60": 45, "1-2h": 90, "over-2h": 150}


@login_required
@require_POST
def time_saved(request: HttpRequest, uid: str, pk: int) -> HttpResponse:
    meeting = _managed(request, uid)
    item = selectors.minutes_for(request.user, meeting, pk)
    answer = request.POST.get("saved", "")
    if answer not in TIME_SAVED_CHOICES:
        messages.error(request, _("Choose one of the answers."))
    else:
        services.record_time_saved(minutes=item, minutes_saved=TIME_SAVED_CHOICES[answer])
        messages.success(request, _("Thank you: this helps show what the hub saves."))
    return redirect("meetings:minutes", uid=meeting.uid, pk=item.pk)


@login_required
def edit_turn(request: HttpRequest, uid: str, position: int) -> HttpResponse:
    meeting = _editable(request, uid)
    segment = meeting.segments.filter(position=position).first()
    if segment is None:
        raise Http404
    names = meeting.speaker_names()
    speakers = [(label, names.get(label) or label) for label in sorted(names)]
    form = TurnForm(
        request.POST or None,
        speakers=speakers,
        initial={"speaker": segment.speaker, "text": segment.text},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        new = data["new_speaker"].strip()

        def label(choice: str) -> str:
            return new if choice == TurnForm.NEW else choice

        try:
            services.edit_turn(
                meeting=meeting,
                position=position,
                speaker=label(data["speaker"]),
                text=data["text"],
                second_speaker=label(data["second_speaker"]),
            )
        except services.MeetingError as error:
            form.add_error("text", str(error))
        else:
            messages.success(request, _("The transcript is corrected."))
            return redirect(f"{meeting.get_absolute_url()}#turn-{position}")
    return render(
        request,
        "meetings/turn.html",
        {"meeting": meeting, "segment": segment, "form": form},
    )


@login_required
def my_actions(request: HttpRequest) -> HttpResponse:
    from aiplus.meetings.actions import actions_for

    items = actions_for(request.user).select_related("meeting", "assignee")
    return render(
        request,
        "meetings/actions.html",
        {
            "open_items": [i for i in items if i.status == "open"],
            "done_items": [i for i in items if i.status == "done"][:50],
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def action_done(request: HttpRequest, pk: int) -> HttpResponse:
    from aiplus.meetings.actions import actions_for, set_done

    item = actions_for(request.user).filter(pk=pk).first()
    if item is None:
        raise Http404
    set_done(item=item, done=request.POST.get("done") == "1")
    return redirect("meetings:actions")


@login_required
@require_POST
def ask(request: HttpRequest, uid: str) -> HttpResponse:
    meeting = selectors.meeting_for(request.user, uid)
    try:
        services.ask(
            meeting=meeting,
            user=signed_in(request),
            question=request.POST.get("question", ""),
            language=request.LANGUAGE_CODE,
        )
    except services.MeetingError as error:
        messages.error(request, str(error))
    return redirect(f"{meeting.get_absolute_url()}#ask")


@login_required
@require_POST
def ai_edit(request: HttpRequest, uid: str, pk: int) -> HttpResponse:
    meeting = _editable(request, uid)
    item = selectors.minutes_for(request.user, meeting, pk)
    try:
        services.start_ai_edit(
            minutes=item, user=signed_in(request), instruction=request.POST.get("instruction", "")
        )
    except services.MeetingError as error:
        messages.error(request, str(error))
    return redirect("meetings:minutes", uid=meeting.uid, pk=item.pk)


@login_required
@require_POST
def send(request: HttpRequest, uid: str, pk: int) -> HttpResponse:
    meeting = _managed(request, uid)
    item = selectors.minutes_for(request.user, meeting, pk)
    try:
        people = services.send_minutes(minutes=item, by=signed_in(request))
    except services.MeetingError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The minutes were sent to %(names)s.")
            % {"names": ", ".join(p.get_full_name() or p.username for p in people)},
        )
    return redirect("meetings:minutes", uid=meeting.uid, pk=item.pk)
