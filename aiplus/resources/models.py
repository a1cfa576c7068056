from collections.abc import Sequence

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aiplus.accounts.models import AnyUser
from aiplus.core.jobs.models import Job, Step
from aiplus.core.publishing import stamp_first_published
from aiplus.core.storage import private_storage
from aiplus.core.translated import TranslatedField


class Resource(models.Model):
    """A document in the library: seminar slides, a guide, a report. The file is private; text
    and a preview are extracted in the background for search and display."""

    class Kind(models.TextChoices):
        SLIDES = "slides", _("Presentation slides")
        GUIDE = "guide", _("Guide")
        REPORT = "report", _("Report")
        TEMPLATE = "template", _("Template or form")
        DATA = "data", _("Data")
        OTHER = "other", _("Other")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Everyone")
        SIGNED_IN = "signed_in", _("Signed-in users")
        RESTRICTED = "restricted", _("Only the roles and organisations chosen below")

    class Extraction(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Extracting text")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Could not read the file")

    title = TranslatedField(models.CharField, verbose_name=_("title"), max_length=300)
    description = TranslatedField(models.TextField, verbose_name=_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)

    file = models.FileField(_("file"), storage=private_storage, upload_to="resources/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    file_type = models.CharField(_("file type"), max_length=10, blank=True)
    size_bytes = models.PositiveBigIntegerField(_("size"), default=0)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    extracted_text = models.TextField(_("extracted text"), blank=True, editable=False)
    preview = models.FileField(
        _("preview"), storage=private_storage, upload_to="previews/", blank=True, editable=False
    )
    extraction_status = models.CharField(
        _("text extraction"),
        max_length=20,
        choices=Extraction.choices,
        default=Extraction.PENDING,
        editable=False,
    )
    extraction_error = models.TextField(_("extraction error"), blank=True, editable=False)

    visibility = models.CharField(
        _("who can see it"), max_length=20, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    allowed_roles = models.ManyToManyField(
        "auth.Group", verbose_name=_("roles"), blank=True, related_name="+"
    )
    allowed_organisations = models.ManyToManyField(
        "accounts.Organisation", verbose_name=_("organisations"), blank=True, related_name="+"
    )
    solutions = models.ManyToManyField(
        "catalogue.Solution",
        verbose_name=_("related solutions"),
        blank=True,
        related_name="resources",
    )
    cases = models.ManyToManyField(
        "cases.Case", verbose_name=_("related cases"), blank=True, related_name="resources"
    )
    is_published = models.BooleanField(_("published"), default=True)
    published_on = models.DateField(_("date"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # When it was first published (a draft published later is new then, for the digests).
    published_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-published_on", "-created_at"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        stamp_first_published(self, public=self.is_published, save_kwargs=kwargs)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("resources:detail", kwargs={"pk": self.pk})

    @property
    def is_restricted(self) -> bool:
        return self.visibility == self.Visibility.RESTRICTED


class Download(models.Model):
    """One download of a resource's file: when, and for which bureau or department (the
    adoption figures count these). Who downloaded is not kept."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="downloads")
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("downloaded"), default=timezone.now)

    class Meta:
        verbose_name = _("download")
        verbose_name_plural = _("downloads")
        # The day's roll-up reads by time; the records behind the downloads figure count a
        # period's downloads by resource (and B/D) from this index alone.
        indexes = [
            models.Index(fields=["at", "organisation", "resource"], name="download_at_bd_resource")
        ]

    def __str__(self) -> str:
        return f"{self.resource_id} at {self.at:%Y-%m-%d %H:%M}"


class ExtractionJob(Job):
    """Reading one uploaded file: its text for search and a preview image. The outcome is also
    written onto the resource (`extraction_status`), which readers' listings filter on."""

    resource = models.ForeignKey(
        Resource,
        on_delete=models.CASCADE,
        related_name="extraction_jobs",
        verbose_name=_("resource"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("text extraction")
        verbose_name_plural = _("text extractions")

    def __str__(self) -> str:
        return f"{self.resource}: {self.get_status_display()}"

    def steps(self) -> Sequence[Step]:
        from aiplus.resources.services import read_document_step

        return [Step("read", read_document_step, _("Reading the text and drawing a preview"))]

    def on_failed(self, message: str) -> None:
        from aiplus.search.signals import queue_refresh

        Resource.objects.filter(pk=self.resource_id).update(
            extraction_status=Resource.Extraction.FAILED, extraction_error=message
        )
        queue_refresh("resource", [str(self.resource_id)])  # unreadable files leave search

    def user_can_view(self, user: AnyUser) -> bool:
        return bool(user.is_authenticated and user.has_perm("resources.change_resource"))
