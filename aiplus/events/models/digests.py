"""Keeping officers informed: a periodic digest of what is new that each officer subscribes to,
and briefings, a selection DPO curates with an introduction and sends to chosen B/Ds."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from aiplus.core.translated import TranslatedField


class DigestSubscription(models.Model):
    """One officer's choice of digest: how often, which kinds of content, and optionally which
    catalogue tasks or topic keywords it must match."""

    class Frequency(models.TextChoices):
        OFF = "off", _("No digest")
        WEEKLY = "weekly", _("Weekly (on Mondays)")
        MONTHLY = "monthly", _("Monthly (on the 1st)")

    class Kind(models.TextChoices):
        SOLUTIONS = "solutions", _("New solutions in the catalogue")
        STORIES = "stories", _("New success stories")
        RESOURCES = "resources", _("New resources")
        EVENTS = "events", _("Upcoming events")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_subscription"
    )
    frequency = models.CharField(
        _("how often"), max_length=10, choices=Frequency.choices, default=Frequency.OFF
    )
    kinds = models.JSONField(_("what to include"), default=list, blank=True)
    tasks = models.ManyToManyField(
        "catalogue.Task", verbose_name=_("tasks"), blank=True, related_name="+"
    )
    topics = models.CharField(_("topics"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # When the last digest was due: it was sent then, or it would have been empty.
    last_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("digest subscription")
        verbose_name_plural = _("digest subscriptions")
        indexes = [models.Index(fields=["frequency"], name="events_digest_frequency")]

    def __str__(self) -> str:
        return f"{self.user}: {self.frequency}"


class Briefing(models.Model):
    """A curated selection of published solutions, stories, resources and events with DPO's
    introduction, sent once to every active officer of the chosen bureaux and departments."""

    title = TranslatedField(models.CharField, verbose_name=_("title"), max_length=300)
    introduction = TranslatedField(
        models.TextField, verbose_name=_("introduction"), max_length=5000
    )
    solutions = models.ManyToManyField(
        "catalogue.Solution", verbose_name=_("solutions"), blank=True, related_name="+"
    )
    cases = models.ManyToManyField(
        "cases.Case", verbose_name=_("success stories"), blank=True, related_name="+"
    )
    resources = models.ManyToManyField(
        "resources.Resource", verbose_name=_("resources"), blank=True, related_name="+"
    )
    events = models.ManyToManyField(
        "events.Event", verbose_name=_("events"), blank=True, related_name="+"
    )
    organisations = models.ManyToManyField(
        "accounts.Organisation",
        verbose_name=_("bureaux and departments"),
        related_name="briefings",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("briefing")
        verbose_name_plural = _("briefings")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:briefing", args=[self.pk])
