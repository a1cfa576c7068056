"""Demo meeting for Smart Minutes: the demo officer's hotline review, from a sample Teams-style
transcript (`samples/hotline-review.vtt`), ready for minutes to be drafted."""

from collections.abc import Callable
from datetime import date
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from aiplus.accounts.models import User
from aiplus.meetings import services
from aiplus.meetings.models import Meeting

SAMPLE = Path(__file__).with_name("samples") / "hotline-review.vtt"
TITLE = "Enquiry hotline review"


def load(*, log: Callable[[str], None]) -> None:
    owner = User.objects.filter(username="officer").first()
    if owner is None or Meeting.objects.filter(owner=owner, title=TITLE).exists():
        return
    services.create_meeting(
        owner=owner,
        title=TITLE,
        held_on=date(2026, 11, 20),
        language=Meeting.Language.ENGLISH,
        attendees=(
            "Chan Tai-man, Chief Executive Officer (Chairman)\n"
            "Wong Siu-ming, Senior Executive Officer\n"
            "Lee Ka-yan, Executive Officer I\n"
            "- Ho Wing-sze, Systems Manager"
        ),
        agenda="Hotline backlog\nChatbot pilot",
        upload=SimpleUploadedFile(SAMPLE.name, SAMPLE.read_bytes()),
    )
    log("1 demo meeting")
