"""Recordings are kept for `AIPLUS_MEETING_RECORDING_DAYS` after upload, then deleted (the
transcript and the minutes stay). Owners are told `AIPLUS_MEETING_RECORDING_WARNING_DAYS`
before. Run daily by the scheduler; running it twice does nothing more."""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aiplus.meetings.models import Meeting
from aiplus.notifications.services import notify


def apply_retention(*, now: datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    keep = timedelta(days=settings.AIPLUS_MEETING_RECORDING_DAYS)
    warn = keep - timedelta(days=settings.AIPLUS_MEETING_RECORDING_WARNING_DAYS)
    with_recording = Meeting.objects.exclude(recording="").filter(recording_deleted_at=None)

    warned = 0
    for meeting in with_recording.filter(created_at__lte=now - warn, recording_warned_at=None):
        notify(
            recipients=[meeting.owner],
            kind="meetings.retention",
            subject=_("The recording of “%(title)s” will be deleted on %(date)s"),
            body=_(
                "Recordings are kept for %(days)s days. The transcript and the minutes stay. "
                "Download the recording before then if you need it."
            ),
            context={
                "title": meeting.title,
                "date": (meeting.created_at + keep).date().isoformat(),
                "days": settings.AIPLUS_MEETING_RECORDING_DAYS,
            },
            url=meeting.get_absolute_url(),
        )
        Meeting.objects.filter(pk=meeting.pk).update(recording_warned_at=now)
        warned += 1

    deleted = 0
    for meeting in with_recording.filter(created_at__lte=now - keep):
        meeting.recording.delete(save=False)
        Meeting.objects.filter(pk=meeting.pk).update(recording="", recording_deleted_at=now)
        deleted += 1
    return {"warned": warned, "deleted": deleted}
