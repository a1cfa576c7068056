"""Writes for Smart Minutes: a meeting from an upload, speakers' names, minutes drafted,
edited (each edit a version) and approved."""

import re
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aiplus.accounts.models import User
from aiplus.ai.audio import probe
from aiplus.ai.exceptions import AIError
from aiplus.core.jobs.runner import enqueue_job
from aiplus.meetings.models import (
    Meeting,
    Minutes,
    MinutesComment,
    MinutesJob,
    MinutesTemplate,
    MinutesVersion,
    Question,
    Segment,
    Share,
    Speaker,
    TranscriptionJob,
)
from aiplus.meetings.transcription import MAX_SECONDS
from aiplus.meetings.transcripts import (
    MAX_TRANSCRIPT_BYTES,
    SUPPORTED_EXTENSIONS,
    TranscriptError,
    merge_turns,
    parse_transcript,
)
from aiplus.notifications.services import notify

AUDIO_EXTENSIONS = (".mp3", ".m4a", ".wav", ".mp4", ".webm", ".ogg", ".oga", ".mov", ".aac")


class MeetingError(ValueError):
    """A refusal with a message for the person (translated)."""


def is_transcript(filename: str) -> bool:
    return Path(filename).suffix.lower() in SUPPORTED_EXTENSIONS


def check_speech_recognised(language: str) -> None:
    """Refuse speech in a language the configured transcriber cannot hear: Cantonese needs a
    server that recognises it (the local Whisper does not). Recordings and live captions alike."""
    if language == Meeting.Language.CANTONESE and not settings.AIPLUS_CANTONESE_TRANSCRIPTION:
        raise MeetingError(
            _(
                "Cantonese recordings need a Cantonese speech recognition server, and none is "
                "configured. Upload a transcript instead, or ask an administrator."
            )
        )


@transaction.atomic
def create_meeting(
    *,
    owner: User,
    title: str,
    held_on: date,
    language: str,
    attendees: str = "",
    agenda: str = "",
    upload: UploadedFile,
) -> Meeting:
    """A meeting from a transcript (read now) or a recording (transcribed by a job). A file
    that cannot be read is refused before anything is saved."""
    name = (upload.name or "upload")[:255]
    suffix = Path(name).suffix.lower()
    if upload.size and upload.size > settings.AIPLUS_MEETING_MAX_UPLOAD_BYTES:
        raise MeetingError(_("The file is larger than the hub accepts."))
    meeting = Meeting(
        owner=owner,
        title=title.strip()[:300],
        held_on=held_on,
        language=language,
        attendees=attendees.strip(),
        agenda=agenda.strip(),
        original_name=name,
    )
    if is_transcript(name):
        try:
            # One byte more than accepted is enough to refuse a file that is too large.
            turns = merge_turns(parse_transcript(name, upload.read(MAX_TRANSCRIPT_BYTES + 1)))
        except TranscriptError as error:
            raise MeetingError(str(error)) from error
        meeting.source = Meeting.Source.TRANSCRIPT
        meeting.status = Meeting.Status.TRANSCRIBED
        meeting.save()
        store_turns(meeting, turns)
        return meeting
    if suffix not in AUDIO_EXTENSIONS:
        raise MeetingError(
            _(
                "Upload a recording (MP3, M4A, WAV, MP4, WebM, OGG) or a transcript (VTT, SRT, "
                "DOCX, TXT, JSON)."
            )
        )
    check_speech_recognised(language)
    try:
        info = probe(upload.file)  # type: ignore[arg-type]  # a binary file object
    except AIError as error:
        raise MeetingError(str(error.message)) from error
    if info.duration is not None and info.duration > MAX_SECONDS:
        raise MeetingError(_("Recordings of up to four hours are accepted."))
    upload.seek(0)
    meeting.source = Meeting.Source.AUDIO
    meeting.status = Meeting.Status.TRANSCRIBING
    meeting.duration = info.duration
    meeting.save()
    meeting.recording.save(name, upload, save=True)
    job = TranscriptionJob.objects.create(meeting=meeting, started_by=owner)
    enqueue_job(job)
    return meeting


def store_turns(meeting: Meeting, turns) -> None:
    Segment.objects.bulk_create(
        Segment(
            meeting=meeting,
            position=number,
            start=turn.start,
            end=turn.end,
            speaker=turn.speaker,
            text=turn.text,
        )
        for number, turn in enumerate(turns, start=1)
    )
    labels = sorted({turn.speaker for turn in turns if turn.speaker})
    # A transcript that names its speakers names them here too.
    Speaker.objects.bulk_create(
        Speaker(meeting=meeting, label=label, name=label[:100]) for label in labels
    )


def share_meeting(*, meeting: Meeting, by: User, who: str, can_edit: bool) -> Share:
    """Share with a hub user found by user name or e-mail; they are told in their inbox."""
    who = who.strip()
    user = (
        User.objects.filter(is_active=True)
        .filter(Q(username__iexact=who) | Q(email__iexact=who))
        .first()
        if who
        else None
    )
    if user is None:
        raise MeetingError(_("No hub user has that user name or e-mail address."))
    if user.pk == meeting.owner_id:
        raise MeetingError(_("You own this meeting already."))
    share, _created = Share.objects.update_or_create(
        meeting=meeting, user=user, defaults={"can_edit": can_edit}
    )
    notify(
        recipients=[user],
        kind="meetings.shared",
        subject=gettext_lazy("%(name)s shared a meeting with you: %(title)s"),
        body=gettext_lazy("Open the meeting to read its transcript and minutes."),
        context={"name": by.get_full_name() or by.username, "title": meeting.title},
        url=meeting.get_absolute_url(),
    )
    return share


def name_speaker(*, meeting: Meeting, label: str, name: str) -> Speaker:
    speaker, _created = Speaker.objects.update_or_create(
        meeting=meeting, label=label[:100], defaults={"name": name.strip()[:100]}
    )
    return speaker


def _speaker_label(meeting: Meeting, label: str) -> str:
    label = label.strip()[:100]
    if label:
        Speaker.objects.get_or_create(meeting=meeting, label=label, defaults={"name": label})
    return label


@transaction.atomic
def edit_turn(
    *, meeting: Meeting, position: int, speaker: str, text: str, second_speaker: str = ""
) -> int:
    """Correct one turn: its speaker and text. A blank line in the text splits it in two (the
    turns after it move down one number), which is refused once minutes cite the numbers.
    Returns how many turns it became."""
    segment = meeting.segments.select_for_update().filter(position=position).first()
    if segment is None:
        raise MeetingError(_("That turn does not exist."))
    parts = [" ".join(part.split()) for part in re.split(r"\n\s*\n", text.strip())]
    parts = [part for part in parts if part]
    if not parts:
        raise MeetingError(_("A turn needs some text."))
    if len(parts) > 2:
        raise MeetingError(_("Split one turn at a time: leave only one blank line."))
    segment.speaker = _speaker_label(meeting, speaker)
    segment.text = parts[0]
    if len(parts) == 1:
        segment.save(update_fields=["speaker", "text"])
        return 1
    if meeting.minutes.exists():
        raise MeetingError(
            _("Minutes already cite this transcript's turn numbers: a turn can no longer be split.")
        )
    later = meeting.segments.filter(position__gt=position)
    later.update(position=F("position") + 10_000_000)  # out of the way of the new numbers
    later.update(position=F("position") - 10_000_000 + 1)
    middle = None
    if segment.start is not None and segment.end is not None:
        share = len(parts[0]) / (len(parts[0]) + len(parts[1]))
        middle = round(segment.start + (segment.end - segment.start) * share, 2)
    Segment.objects.create(
        meeting=meeting,
        position=position + 1,
        start=middle,
        end=segment.end,
        speaker=_speaker_label(meeting, second_speaker),
        text=parts[1],
        piece=segment.piece,
    )
    segment.end = middle if middle is not None else segment.end
    segment.save(update_fields=["speaker", "text", "end"])
    return 2


@transaction.atomic
def start_minutes(
    *,
    meeting: Meeting,
    user: User,
    template: str,
    language: str,
    custom: MinutesTemplate | None = None,
) -> Minutes:
    """Draft minutes in a built-in template, or in `custom` (one the user may use: the
    caller found it with selectors.template_for), which sets its own language."""
    if meeting.status != Meeting.Status.TRANSCRIBED or not meeting.segments.exists():
        raise MeetingError(_("Minutes can be drafted once the transcript is ready."))
    if custom is not None:
        minutes = Minutes.objects.create(
            meeting=meeting,
            template=Minutes.Template.CUSTOM,
            custom_template=custom,
            sections=custom.sections,
            language=custom.language,
        )
    else:
        minutes = Minutes.objects.create(meeting=meeting, template=template, language=language)
    job = MinutesJob.objects.create(minutes=minutes, started_by=user)
    enqueue_job(job)
    return minutes


@transaction.atomic
def add_version(
    *, minutes: Minutes, text: str, author: User | None = None, note: str = ""
) -> MinutesVersion:
    """The minutes now say `text`, kept as their next version (by `author`; None: the AI).
    The minutes row is locked, so two edits at once get consecutive numbers."""
    Minutes.objects.select_for_update().only("pk").get(pk=minutes.pk)
    last = minutes.versions.aggregate(last=Max("number"))["last"] or 0
    minutes.text = text
    minutes.save(update_fields=["text", "updated_at"])
    return MinutesVersion.objects.create(
        minutes=minutes, number=last + 1, text=text, author=author, note=note[:200]
    )


@transaction.atomic
def edit_minutes(*, minutes: Minutes, user: User, text: str, note: str = "") -> MinutesVersion:
    if minutes.status == Minutes.Status.APPROVED:
        raise MeetingError(_("Approved minutes cannot be changed."))
    return add_version(minutes=minutes, text=text, author=user, note=note)


@transaction.atomic
def approve_minutes(*, minutes: Minutes, user: User) -> None:
    """Approve the draft; its action table becomes tracked actions (meetings.actions)."""
    from aiplus.meetings import actions

    if minutes.status != Minutes.Status.DRAFT:
        raise MeetingError(_("Only a draft can be approved."))
    minutes.status = Minutes.Status.APPROVED
    minutes.approved_by, minutes.approved_at = user, timezone.now()
    minutes.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
    actions.track(minutes)


def record_time_saved(*, minutes: Minutes, minutes_saved: int) -> None:
    """The owner's answer to "about how much time did this save you?" (the last one counts)."""
    Minutes.objects.filter(pk=minutes.pk).update(reported_minutes_saved=max(0, minutes_saved))


def ask(*, meeting: Meeting, user: User, question: str, language: str) -> Question:
    question = " ".join(question.split())[:500]
    if not question:
        raise MeetingError(_("Type a question."))
    if not meeting.segments.exists():
        raise MeetingError(_("Questions can be asked once the transcript is ready."))
    job = Question.objects.create(
        meeting=meeting, question=question, language=language, started_by=user
    )
    enqueue_job(job)
    return job


def start_ai_edit(*, minutes: Minutes, user: User, instruction: str) -> MinutesJob:
    instruction = " ".join(instruction.split())[:500]
    if not instruction:
        raise MeetingError(_("Say what the AI should change."))
    if minutes.status != Minutes.Status.DRAFT:
        raise MeetingError(_("Only a draft can be edited."))
    job = MinutesJob.objects.create(minutes=minutes, started_by=user, instruction=instruction)
    enqueue_job(job)
    return job


def start_section(*, minutes: Minutes, user: User, section: str) -> MinutesJob:
    """Have the model write one section of the draft again (meetings.regenerate)."""
    from aiplus.meetings.regenerate import regenerable

    if minutes.status != Minutes.Status.DRAFT:
        raise MeetingError(_("Only a draft can be edited."))
    if section not in regenerable(minutes):
        raise MeetingError(_("Choose a section the AI writes."))
    job = MinutesJob.objects.create(minutes=minutes, started_by=user, section=section)
    enqueue_job(job)
    return job


def send_minutes(*, minutes: Minutes, by: User) -> list[User]:
    """E-mail approved minutes (with the Word file) to the attendees who are hub users and to
    the people the meeting is shared with. Returns who was sent them."""
    from aiplus.meetings.actions import hub_user_named
    from aiplus.meetings.export import DOCX_TYPE, minutes_docx
    from aiplus.meetings.layout import attendance, attendee_names
    from aiplus.notifications.emails import Attachment

    if minutes.status != Minutes.Status.APPROVED:
        raise MeetingError(_("Only approved minutes can be sent."))
    meeting = minutes.meeting
    lines = [line for group in attendance(meeting).values() for line in group]
    people = {user.pk: user for user in map(hub_user_named, attendee_names(lines)) if user}
    people |= {share.user_id: share.user for share in meeting.shares.select_related("user")}
    people.pop(by.pk, None)
    if not people:
        raise MeetingError(
            _(
                "No attendee is a hub user, and the meeting is shared with nobody: there is "
                "no one to send the minutes to."
            )
        )
    notify(
        recipients=list(people.values()),
        kind="meetings.minutes",
        subject=gettext_lazy("Minutes: %(title)s"),
        body=gettext_lazy("%(name)s sent you the approved minutes. The Word file is attached."),
        context={"title": meeting.title, "name": by.get_full_name() or by.username},
        url=f"{meeting.get_absolute_url()}minutes/{minutes.pk}/",
        attachments=[Attachment("minutes.docx", minutes_docx(minutes), DOCX_TYPE)],
    )
    for user in people.values():  # so that the link in the e-mail opens for them
        Share.objects.get_or_create(meeting=meeting, user=user)
    return list(people.values())


def add_comment(*, minutes: Minutes, user: User, text: str, section: str = "") -> MinutesComment:
    """A comment on draft minutes, on one of its sections when `section` names a heading of
    it; the owner is told (unless they wrote it). The caller has checked that `user` may read
    the meeting."""
    from aiplus.meetings.sections import headings

    text = text.strip()
    if not text:
        raise MeetingError(_("Write a comment."))
    if len(text) > MinutesComment.MAX_LENGTH:
        raise MeetingError(
            _("A comment can be at most %(count)d characters long.")
            % {"count": MinutesComment.MAX_LENGTH}
        )
    if minutes.status != Minutes.Status.DRAFT:
        raise MeetingError(_("Comments are made on a draft."))
    section = section.strip()
    if section and section not in headings(minutes.text):
        raise MeetingError(_("That section is not in the minutes."))
    comment = MinutesComment.objects.create(
        minutes=minutes, author=user, section=section, text=text
    )
    meeting = minutes.meeting
    if meeting.owner_id != user.pk:
        notify(
            recipients=[meeting.owner],
            kind="meetings.comment",
            subject=gettext_lazy("%(name)s commented on the minutes of %(title)s"),
            body=gettext_lazy("Open the minutes to read the comment and resolve it."),
            context={"name": user.get_full_name() or user.username, "title": meeting.title},
            url=f"{meeting.get_absolute_url()}minutes/{minutes.pk}/#comment-{comment.pk}",
        )
    return comment


def resolve_comment(*, comment: MinutesComment, user: User, resolved: bool = True) -> None:
    """Mark a comment resolved (or open again). The caller has checked the user may edit."""
    comment.resolved_by = user if resolved else None
    comment.resolved_at = timezone.now() if resolved else None
    comment.save(update_fields=["resolved_by", "resolved_at"])


def save_template(
    *,
    user: User,
    name: str,
    language: str,
    sections: list[dict[str, str]],
    shared: bool,
    template: MinutesTemplate | None = None,
) -> MinutesTemplate:
    """Write a minutes template (the form has checked and cut its text); shared, it is
    offered to everyone in its author's B/D."""
    if not sections:
        raise MeetingError(_("Add at least one section."))
    if len(sections) > MinutesTemplate.MAX_SECTIONS:
        raise MeetingError(
            _("A template can have at most %(count)d sections.")
            % {"count": MinutesTemplate.MAX_SECTIONS}
        )
    if template is None:
        template = MinutesTemplate(owner=user)
    owner_organisation = template.owner.organisation_id if template.pk else user.organisation_id
    template.name = " ".join(name.split())[:100]
    template.language = language
    template.sections = sections
    template.organisation_id = owner_organisation if shared else None
    template.save()
    return template
