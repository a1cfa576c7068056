"""Technical-advice requests from a bureau or department to DPO: the request, its status
history (who moved it, when, from what to what), the thread of messages and internal notes,
files attached, and the catalogue solutions recommended."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aiplus.advice.workflow import Status
from aiplus.catalogue.models.choices import Classification
from aiplus.core.storage import private_storage


class AdviceRequest(models.Model):
    title = models.CharField(_("what you need advice on"), max_length=200)
    workflow = models.TextField(_("the work today"))
    volumes = models.TextField(_("volumes"), blank=True)
    pain_points = models.TextField(_("pain points"), blank=True)
    data_classification = models.PositiveSmallIntegerField(
        _("highest data classification involved"),
        choices=Classification.choices,
        default=Classification.UNCLASSIFIED,
    )
    # Keys of the catalogue's language flags (catalogue.models.choices.LANGUAGE_FLAGS).
    languages = models.JSONField(_("languages"), default=list, blank=True)
    budget = models.CharField(_("budget"), max_length=200, blank=True)
    time_frame = models.CharField(_("time frame"), max_length=200, blank=True)
    solution = models.ForeignKey(
        "catalogue.Solution",
        verbose_name=_("solution asked about"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requester"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="advice_requests",
    )
    # The B/D that asked, kept as it was when asking: colleagues there see the request even if
    # the requester moves on.
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("bureau or department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("advisor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_advice_requests",
    )
    recommended_solutions = models.ManyToManyField(
        "catalogue.Solution",
        through="Recommendation",
        verbose_name=_("recommended solutions"),
        related_name="+",
    )
    rating = models.PositiveSmallIntegerField(_("satisfaction (1 to 5)"), null=True, blank=True)
    rating_comment = models.TextField(_("comment on the advice"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    updated_at = models.DateTimeField(_("last change"), auto_now=True)
    # The last day advisors were reminded that it is overdue (one reminder a day).
    reminded_on = models.DateField(null=True, blank=True, editable=False)
    # The Hong Kong day it falls past a response-time target if its status stays as it is
    # (None while no clock runs): `timing.overdue_from`, stored by the services after every
    # move so that the queue filters, counts and sorts by lateness in SQL.
    overdue_from = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("advice request")
        verbose_name_plural = _("advice requests")
        indexes = [
            # For the insights roll-up, which reads one day at a time.
            models.Index(fields=["submitted_at"], name="advice_request_submitted"),
            models.Index(fields=["overdue_from"], name="advice_request_overdue_from"),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("advice:detail", kwargs={"pk": self.pk})

    @property
    def reference(self) -> str:
        return f"ADV-{self.pk:05d}" if self.pk else "ADV-new"


class StatusChange(models.Model):
    """Every move of a request's status, the first (to "submitted") included: the response
    times are counted from these rows."""

    request = models.ForeignKey(
        AdviceRequest, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        # For the insights roll-up, which reads one day at a time.
        indexes = [models.Index(fields=["at"], name="advice_statuschange_at")]

    def __str__(self) -> str:
        return f"{self.request_id}: {self.from_status or '-'} -> {self.to_status}"


class Message(models.Model):
    """A message in the request's thread, or (internal) a note among advisors that the B/D
    never sees."""

    request = models.ForeignKey(AdviceRequest, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = models.TextField(_("message"))
    internal = models.BooleanField(_("internal note"), default=False)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self) -> str:
        return f"{self.request_id}: {self.body[:40]}"


def _attachment_path(attachment: "Attachment", filename: str) -> str:
    # The stored name never comes from the uploader; the checked type gives the suffix.
    return f"advice/{attachment.request_id}/{timezone.now():%Y%m%d%H%M%S%f}.{attachment.file_type}"


class Attachment(models.Model):
    request = models.ForeignKey(AdviceRequest, on_delete=models.CASCADE, related_name="attachments")
    # The message it came with; an internal note's files are internal too.
    message = models.ForeignKey(
        Message, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), storage=private_storage, upload_to=_attachment_path)
    original_name = models.CharField(_("file name"), max_length=255)
    file_type = models.CharField(_("file type"), max_length=10)
    size_bytes = models.PositiveBigIntegerField(_("size"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("advice:attachment", kwargs={"pk": self.request_id, "file": self.pk})


class Recommendation(models.Model):
    """A catalogue solution an advisor recommends for the request, with why."""

    request = models.ForeignKey(
        AdviceRequest, on_delete=models.CASCADE, related_name="recommendations"
    )
    solution = models.ForeignKey("catalogue.Solution", on_delete=models.CASCADE, related_name="+")
    note = models.TextField(_("why it fits"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("recommended"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "solution"], name="advice_one_recommendation_per_solution"
            )
        ]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")

    def __str__(self) -> str:
        return f"{self.request_id}: {self.solution_id}"


class ClosureDay(models.Model):
    """A weekday government offices closed that no holiday calendar knows in advance (a
    typhoon signal No. 8 or above, a black rainstorm warning): response-time clocks do not
    count it. Administrators record it."""

    day = models.DateField(_("day"), unique=True)
    reason = models.CharField(
        _("reason"),
        max_length=200,
        help_text=_("For example: Typhoon Signal No. 8 in force during office hours."),
    )

    class Meta:
        ordering = ["-day"]
        verbose_name = _("office closure day")
        verbose_name_plural = _("office closure days")

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d} {self.reason}"
