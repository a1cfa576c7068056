"""Reads for Smart Minutes. A meeting is private to its owner: for anyone else it does not
exist (every URL answers 404)."""

import difflib

from django.db.models import Q, QuerySet
from django.http import Http404

from aiplus.accounts.models import AnyUser
from aiplus.meetings.models import (
    Meeting,
    Minutes,
    MinutesComment,
    MinutesJob,
    MinutesTemplate,
    TranscriptionJob,
)


def meetings_for(user: AnyUser) -> QuerySet[Meeting]:
    """The user's own meetings and those shared with them."""
    if not user.is_authenticated:
        return Meeting.objects.none()
    return Meeting.objects.filter(Q(owner_id=user.pk) | Q(shares__user_id=user.pk)).distinct()


def meeting_for(user: AnyUser, uid: str) -> Meeting:
    meeting = meetings_for(user).filter(uid=uid).first()
    if meeting is None:
        raise Http404
    return meeting


def minutes_for(user: AnyUser, meeting: Meeting, pk: int) -> Minutes:
    """Minutes of a meeting already opened with `meeting_for`."""
    minutes = meeting.minutes.filter(pk=pk).first()
    if minutes is None:
        raise Http404
    return minutes


def transcript_turns(meeting: Meeting) -> list[dict]:
    """Each turn with the name its speaker was given."""
    names = meeting.speaker_names()
    return [
        {
            "segment": segment,
            "who": names.get(segment.speaker) or segment.speaker,
            "clock": clock(segment.start),
        }
        for segment in meeting.segments.all()
    ]


def clock(seconds: float | None) -> str:
    """1:02 or 1:02:03 (hours), as players show times."""
    if seconds is None:
        return ""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def latest_transcription(meeting: Meeting) -> TranscriptionJob | None:
    return meeting.transcriptions.order_by("-pk").first()


def latest_minutes_job(minutes: Minutes) -> MinutesJob | None:
    """The drafting or AI-edit job to show: one still running, or one that just failed."""
    job = minutes.jobs.order_by("-pk").first()
    if job is None or job.status == job.Status.DONE:
        return None
    return job


def versions_with_changes(minutes: Minutes) -> list[dict]:
    """Each version, newest first, with what it changed from the one before (a unified diff)."""
    versions = list(minutes.versions.select_related("author").order_by("number"))
    rows = []
    previous = ""
    for version in versions:
        diff = "\n".join(
            difflib.unified_diff(previous.splitlines(), version.text.splitlines(), lineterm="", n=1)
        )
        rows.append({"version": version, "diff": diff if previous else ""})
        previous = version.text
    return list(reversed(rows))


def comments_on(minutes: Minutes) -> QuerySet[MinutesComment]:
    """The comments on minutes already opened with `minutes_for`, oldest first."""
    return minutes.comments.select_related("author", "resolved_by")


def comment_for(minutes: Minutes, pk: int) -> MinutesComment:
    comment = minutes.comments.filter(pk=pk).first()
    if comment is None:
        raise Http404
    return comment


def templates_for(user: AnyUser) -> QuerySet[MinutesTemplate]:
    """The minutes templates the user may draft with: their own and those shared with their
    B/D."""
    if not user.is_authenticated:
        return MinutesTemplate.objects.none()
    shared = Q(organisation_id=user.organisation_id) if user.organisation_id else Q(pk__in=[])
    return MinutesTemplate.objects.filter(Q(owner_id=user.pk) | shared).select_related("owner")


def template_for(user: AnyUser, pk: int) -> MinutesTemplate:
    template = templates_for(user).filter(pk=pk).first()
    if template is None:
        raise Http404
    return template
