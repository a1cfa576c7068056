"""Working on draft minutes together: comments (anyone the meeting is shared with) and their
resolution (the owner and editors). Thin, as the other pages: 404 for anyone the meeting is
not shared with, 403 for a reader who tries to resolve."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aiplus.accounts.current import signed_in
from aiplus.meetings import selectors, services
from aiplus.meetings.forms import CommentForm
from aiplus.meetings.permissions import (
    user_can_comment,
    user_can_edit_meeting,
    user_can_resolve_comments,
)
from aiplus.meetings.sections import headings


def _back(meeting, minutes, anchor: str = "comments") -> HttpResponse:
    return redirect(f"{meeting.get_absolute_url()}minutes/{minutes.pk}/#{anchor}")


@login_required
@require_POST
def comment(request: HttpRequest, uid: str, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for(request.user, uid)
    item = selectors.minutes_for(request.user, meeting, pk)
    if not user_can_comment(request.user, meeting):
        raise PermissionDenied
    form = CommentForm(request.POST, headings=headings(item.text))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return _back(meeting, item)
    try:
        made = services.add_comment(minutes=item, user=signed_in(request), **form.cleaned_data)
    except services.MeetingError as error:
        messages.error(request, str(error))
        return _back(meeting, item)
    messages.success(request, _("Your comment is added."))
    return _back(meeting, item, f"comment-{made.pk}")


@login_required
@require_POST
def resolve_comment(request: HttpRequest, uid: str, pk: int, comment_pk: int) -> HttpResponse:
    meeting = selectors.meeting_for(request.user, uid)
    item = selectors.minutes_for(request.user, meeting, pk)
    found = selectors.comment_for(item, comment_pk)
    if not user_can_resolve_comments(request.user, meeting):
        raise PermissionDenied
    resolved = request.POST.get("resolved", "1") == "1"
    services.resolve_comment(comment=found, user=signed_in(request), resolved=resolved)
    return _back(meeting, item, f"comment-{found.pk}")


@login_required
@require_POST
def regenerate_section(request: HttpRequest, uid: str, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for(request.user, uid)
    item = selectors.minutes_for(request.user, meeting, pk)
    if not user_can_edit_meeting(request.user, meeting):
        raise PermissionDenied
    try:
        services.start_section(
            minutes=item, user=signed_in(request), section=request.POST.get("section", "")
        )
    except services.MeetingError as error:
        messages.error(request, str(error))
    return redirect("meetings:minutes", uid=meeting.uid, pk=item.pk)
