"""Reads for Smart Minutes. A meeting is private to its owner: for anyone else it does not
exist (every URL answers 404)."""

from django.db.models import QuerySet
from django.http import Http404

from aiplus.accounts.models import AnyUser
from aiplus.meetings.models import Meeting, Minutes, MinutesJob, TranscriptionJob


def meetings_for(user: AnyUser) -> QuerySet[Meeting]:
    if not user.is_authenticated:
        return Meeting.objects.none()
    return Meeting.objects.filter(owner_id=user.pk)


def meeting_for(user: AnyUser, uid: str) -> Meeting:
    meeting = meetings_for(user).filter(uid=uid).first()
    if meeting is None:
        raise Http404
    return meeting


def minutes_for(user: AnyUser, meeting: Meeting, pk: int) -> Minutes:
    minutes = meeting.minutes.filter(pk=pk).first()
    if minutes is None or meeting.owner_id != user.pk:
        raise Http404
    return minutes


def transcript_turns(meeting: Meeting) -> list[dict]:
    """Each turn with the name its speaker was given."""
    names = meeting.speaker_names()
    return [
        {"segment": segment, "who": names.get(segment.speaker) or segment.speaker}
        for segment in meeting.segments.all()
    ]


def latest_transcription(meeting: Meeting) -> TranscriptionJob | None:
    return meeting.transcriptions.order_by("-pk").first()


def latest_minutes_job(minutes: Minutes) -> MinutesJob | None:
    return minutes.jobs.order_by("-pk").first()
