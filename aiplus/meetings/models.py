"""Smart Minutes: a meeting, its transcript (speaker turns with times), the speakers' names,
the people it is shared with, and the minutes drafted from it, with every version kept."""

import uuid
from collections.abc import Sequence

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from aiplus.core.jobs.models import Job, Step
from aiplus.core.storage import private_storage


def _recording_path(meeting: "Meeting", filename: str) -> str:
    # The stored name never comes from the uploader; the suffix is kept for the decoder.
    suffix = "".join(ch for ch in filename.rpartition(".")[2].lower() if ch.isalnum())[:5]
    return f"meetings/{meeting.uid}/source.{suffix or 'bin'}"


class Meeting(models.Model):
    class Language(models.TextChoices):
        AUTO = "auto", _("Detect automatically")
        ENGLISH = "en", _("English")
        CANTONESE = "yue", _("Cantonese")
        MANDARIN = "zh", _("Mandarin")

    class Source(models.TextChoices):
        AUDIO = "audio", _("Recording")
        TRANSCRIPT = "transcript", _("Transcript")

    class Status(models.TextChoices):
        TRANSCRIBING = "transcribing", _("Transcribing")
        TRANSCRIBED = "transcribed", _("Transcript ready")
        FAILED = "failed", _("Transcription failed")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meetings"
    )
    title = models.CharField(_("title"), max_length=300)
    held_on = models.DateField(_("date"))
    language = models.CharField(
        _("language spoken"), max_length=10, choices=Language.choices, default=Language.AUTO
    )
    # One per line, "Name, Post"; an attendee line starting "-" sent apologies.
    attendees = models.TextField(_("attendees"), blank=True)
    agenda = models.TextField(_("agenda items"), blank=True)  # one per line
    source = models.CharField(_("made from"), max_length=20, choices=Source.choices)
    recording = models.FileField(
        _("recording or transcript file"),
        storage=private_storage,
        upload_to=_recording_path,
        blank=True,
    )
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    duration = models.FloatField(_("duration (seconds)"), null=True, blank=True)
    # Retention (meetings.retention): the owner is warned before the recording is deleted.
    recording_warned_at = models.DateTimeField(null=True, blank=True, editable=False)
    recording_deleted_at = models.DateTimeField(
        _("recording deleted"), null=True, blank=True, editable=False
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.TRANSCRIBED
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-held_on", "-created_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", args=[self.uid])

    def speaker_names(self) -> dict[str, str]:
        return dict(self.speakers.values_list("label", "name"))


class Share(models.Model):
    """Someone the owner let see the meeting (and, with `can_edit`, work on its minutes)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="shares")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shared_meetings"
    )
    can_edit = models.BooleanField(_("can edit"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="meetings_share_once")
        ]

    def __str__(self) -> str:
        return f"{self.meeting} → {self.user}"


class Speaker(models.Model):
    """A voice in the meeting (a label from the transcript or the speaker-turn step) and the
    name people gave it: named once, it applies to every turn."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="speakers")
    label = models.CharField(max_length=100)
    name = models.CharField(_("name"), max_length=100, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "label"], name="meetings_speaker_label")
        ]
        ordering = ["label"]

    def __str__(self) -> str:
        return self.name or self.label


class Segment(models.Model):
    """One turn of the transcript. `position` orders turns and is what minutes cite ([12])."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="segments")
    position = models.PositiveIntegerField()
    start = models.FloatField(null=True, blank=True)  # seconds
    end = models.FloatField(null=True, blank=True)
    speaker = models.CharField(max_length=100, blank=True)  # a Speaker label
    text = models.TextField()
    piece = models.PositiveIntegerField(default=0)  # the audio piece it was transcribed from

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"], name="meetings_segment_position"
            )
        ]
        ordering = ["meeting", "position"]

    def __str__(self) -> str:
        return f"[{self.position}] {self.text[:40]}"


class TranscriptionJob(Job):
    """Recording to transcript: cut into pieces once, then each piece transcribed and stored
    (a worker that dies resumes at the first piece not stored)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="transcriptions")
    pieces = models.PositiveIntegerField(default=0)
    pieces_done = models.JSONField(default=list, blank=True)

    def steps(self) -> Sequence[Step]:
        from aiplus.meetings import transcription

        return [
            Step("split", transcription.split_step, _("Reading the recording")),
            Step("transcribe", transcription.transcribe_step, _("Transcribing")),
            Step("speakers", transcription.speakers_step, _("Finding who spoke when")),
        ]

    def on_failed(self, message: str) -> None:
        Meeting.objects.filter(pk=self.meeting_id).update(status=Meeting.Status.FAILED)

    def user_can_view(self, user) -> bool:
        from aiplus.meetings.permissions import user_can_view_meeting

        return user_can_view_meeting(user, self.meeting)


class MinutesTemplate(models.Model):
    """Minutes as an officer wants them: named sections, each with an instruction to the
    model, in one language. Private to its author, or shared with the author's B/D."""

    MAX_SECTIONS = 12
    MAX_TITLE = 100
    MAX_INSTRUCTION = 300

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="minutes_templates"
    )
    # Set: everyone in this B/D may draft with it (and its editors may change it).
    organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("shared with"),
    )
    name = models.CharField(_("name"), max_length=100)
    language = models.CharField(
        _("written in"),
        max_length=10,
        choices=[("en", _("English")), ("zh-hant", _("Traditional Chinese"))],
        default="en",
    )
    sections = models.JSONField(_("sections"), default=list)  # [{"title", "instruction"}]
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("minutes template")
        verbose_name_plural = _("minutes templates")

    def __str__(self) -> str:
        return self.name


class Minutes(models.Model):
    """The minutes of a meeting in one template and language. The text is Markdown whose
    statements cite transcript turns as [12] or [12-14]; every change is a new version."""

    class Template(models.TextChoices):
        FORMAL = "formal", _("Formal minutes (HKSAR Government style)")
        SUMMARY = "summary", _("Short summary")
        ACTIONS = "actions", _("Action items only")
        CUSTOM = "custom", _("A template of your own")

    class Status(models.TextChoices):
        DRAFTING = "drafting", _("Being drafted")
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")
        FAILED = "failed", _("Drafting failed")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="minutes")
    template = models.CharField(
        _("template"), max_length=20, choices=Template.choices, default=Template.FORMAL
    )
    language = models.CharField(
        _("written in"),
        max_length=10,
        choices=[("en", _("English")), ("zh-hant", _("Traditional Chinese"))],
        default="en",
    )
    text = models.TextField(_("minutes"), blank=True)
    # A template an officer wrote: which one, and its sections as they were when drafted.
    custom_template = models.ForeignKey(
        MinutesTemplate, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sections = models.JSONField(default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFTING
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    # What the hub measured and estimated for the manpower figures (insights).
    processing_seconds = models.FloatField(_("processing time (seconds)"), null=True, blank=True)
    estimated_minutes_saved = models.PositiveIntegerField(
        _("officer time saved, estimated (minutes)"), null=True, blank=True
    )
    reported_minutes_saved = models.PositiveIntegerField(
        _("officer time saved, as the owner reported (minutes)"), null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        # For the insights roll-up, which reads one day's approvals at a time.
        indexes = [models.Index(fields=["approved_at"], name="meetings_minutes_approved")]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.template_name}"

    @property
    def template_name(self) -> str:
        if self.template == self.Template.CUSTOM and self.custom_template is not None:
            return self.custom_template.name
        return str(self.get_template_display())


class MinutesVersion(models.Model):
    """What the minutes said after each change, and who made it (none: the AI)."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["minutes", "number"], name="meetings_version_number")
        ]
        ordering = ["minutes", "-number"]

    def __str__(self) -> str:
        return f"v{self.number}"


class MinutesComment(models.Model):
    """A remark on draft minutes by someone the meeting is shared with (or its owner),
    optionally on one section (its heading); the owner and editors resolve it."""

    MAX_LENGTH = 2000

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    section = models.CharField(_("section"), max_length=300, blank=True)
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment on minutes")
        verbose_name_plural = _("comments on minutes")

    def __str__(self) -> str:
        return self.text[:40]


class ActionItem(models.Model):
    """A task from approved minutes, tracked until done (meetings.actions)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="actions")
    task = models.CharField(_("action"), max_length=500)
    owner_name = models.CharField(_("action by"), max_length=100, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_actions",
    )
    due_text = models.CharField(_("due"), max_length=100, blank=True)
    due_on = models.DateField(_("due date"), null=True, blank=True)
    turns = models.JSONField(default=list, blank=True)  # the transcript turns it cites
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    done_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["status", "due_on", "pk"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")

    def __str__(self) -> str:
        return self.task


class MinutesJob(Job):
    """Transcript to minutes with the language model (long meetings in parts); with an
    `instruction`, an AI edit of the minutes as they stand; with a `section`, that section
    written again from the transcript."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="jobs")
    instruction = models.CharField(_("instruction"), max_length=500, blank=True)
    # The heading of the one section to write again (meetings.regenerate), if that is the job.
    section = models.CharField(_("section"), max_length=300, blank=True)

    def steps(self) -> Sequence[Step]:
        from aiplus.meetings import drafting, editing, regenerate

        if self.section:
            return [Step("section", regenerate.section_step, _("Writing the section again"))]
        if self.instruction:
            return [Step("edit", editing.edit_step, _("Editing the minutes"))]
        return [Step("draft", drafting.draft_step, _("Writing the minutes"))]

    def on_failed(self, message: str) -> None:
        # A failed AI edit or section leaves the minutes as they were.
        if not self.instruction and not self.section:
            Minutes.objects.filter(pk=self.minutes_id).update(status=Minutes.Status.FAILED)

    def user_can_view(self, user) -> bool:
        from aiplus.meetings.permissions import user_can_view_meeting

        return user_can_view_meeting(user, self.minutes.meeting)


@register_setting(icon="time")
class MinutesSettings(BaseGenericSetting):
    """The assumption behind the estimated officer time Smart Minutes saves (docs/operations.md):
    writing minutes by hand takes this many minutes per hour of meeting."""

    writing_minutes_per_meeting_hour = models.PositiveIntegerField(
        _("minutes an officer takes to write up one hour of meeting"),
        default=120,
        help_text=_(
            "Used to estimate the officer time each set of drafted minutes saves. Shown as an "
            "estimate wherever it is used."
        ),
    )

    class Meta:
        verbose_name = _("Smart Minutes assumptions")


class Question(Job):
    """A question asked of one meeting's transcript, answered with citations (questions.py)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="questions")
    question = models.CharField(_("question"), max_length=500)
    language = models.CharField(max_length=10, default="en")
    answer = models.TextField(_("answer"), blank=True)
    cited = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def steps(self) -> Sequence[Step]:
        return [Step("answer", _answer_step, _("Reading the transcript"))]

    def user_can_view(self, user) -> bool:
        return bool(user.is_authenticated and user.pk == self.started_by_id)


def _answer_step(job: "Question") -> dict:
    from aiplus.ai.providers import get_chat_model
    from aiplus.meetings.questions import answer

    model = get_chat_model()
    job.ai_model = model.name[:200]
    job.answer, job.cited = answer(job.meeting, job.question, model=model, language=job.language)
    job.save(update_fields=["answer", "cited"])
    return {"cited": len(job.cited)}
