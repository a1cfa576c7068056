"""Events: seminars, forums in a series, briefing sessions, workshops and departmental visits,
with registration (confirmed places up to the capacity, then a waitlist promoted in order),
attendance and the .ics sequence that keeps calendars up to date."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from aiplus.core.publishing import stamp_first_published
from aiplus.core.translated import TranslatedField, variants


class Series(models.Model):
    """A run of events under one name, e.g. the AI+ Civil Services Technology Forum Series."""

    title = TranslatedField(models.CharField, verbose_name=_("title"), max_length=200)
    description = TranslatedField(models.TextField, verbose_name=_("description"), blank=True)

    panels = [*variants("title"), *variants("description")]

    class Meta:
        verbose_name = _("event series")
        verbose_name_plural = _("event series")

    def __str__(self) -> str:
        return self.title


class Event(models.Model):
    class Kind(models.TextChoices):
        SEMINAR = "seminar", _("Seminar")
        FORUM = "forum", _("Forum")
        BRIEFING = "briefing", _("Briefing session")
        WORKSHOP = "workshop", _("Workshop")
        VISIT = "visit", _("Departmental visit")

    class Audience(models.TextChoices):
        ALL = "all", _("All officers")
        DIRECTORATE = "directorate", _("Directorate officers only")
        CHOSEN = "chosen", _("Officers of the chosen bureaux and departments")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    series = models.ForeignKey(
        Series,
        verbose_name=_("series"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    title = TranslatedField(models.CharField, verbose_name=_("title"), max_length=300)
    summary = TranslatedField(models.TextField, verbose_name=_("summary"), blank=True)
    themes = TranslatedField(models.TextField, verbose_name=_("themes (one per line)"), blank=True)
    agenda = TranslatedField(
        models.TextField, verbose_name=_("agenda (one item per line)"), blank=True
    )
    speakers = TranslatedField(
        models.TextField, verbose_name=_("speakers (one per line)"), blank=True
    )
    co_organisers = TranslatedField(
        models.CharField, verbose_name=_("co-organisers"), max_length=500, blank=True
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue = TranslatedField(models.CharField, verbose_name=_("venue"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Leave blank for no limit.")
    )
    registration_deadline = models.DateTimeField(_("registration closes"), null=True, blank=True)
    audience = models.CharField(
        _("open to"), max_length=20, choices=Audience.choices, default=Audience.ALL
    )
    organisations = models.ManyToManyField(
        "accounts.Organisation",
        verbose_name=_("chosen bureaux and departments"),
        blank=True,
        related_name="events",
    )
    materials = models.ManyToManyField(
        "resources.Resource",
        verbose_name=_("materials (slides, recordings, papers)"),
        blank=True,
        related_name="events",
    )
    live = models.BooleanField(_("published"), default=False)
    cancelled = models.BooleanField(_("cancelled"), default=False)
    attendance_reported = models.PositiveIntegerField(
        _("attendance (when not counted at check-in)"), null=True, blank=True
    )
    # Calendar files carry this; it goes up at every change so calendars replace the old copy.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # When it was first made live (announced), for the digests.
    published_at = models.DateTimeField(null=True, blank=True, editable=False)

    panels = [
        MultiFieldPanel(["kind", "series", *variants("title"), *variants("summary")], _("Event")),
        MultiFieldPanel(
            ["starts_at", "ends_at", *variants("venue"), "online_url"], _("When and where")
        ),
        MultiFieldPanel(
            [
                *variants("themes"),
                *variants("agenda"),
                *variants("speakers"),
                *variants("co_organisers"),
            ],
            _("Programme"),
        ),
        MultiFieldPanel(
            ["capacity", "registration_deadline", "audience", FieldPanel("organisations")],
            _("Registration"),
        ),
        FieldPanel("materials"),
        MultiFieldPanel(["live", "cancelled", "attendance_reported"], _("Status")),
    ]

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["live", "ends_at", "starts_at"], name="events_listing")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="events_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        stamp_first_published(self, public=self.live, save_kwargs=kwargs)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.pk])

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    @property
    def registration_open(self) -> bool:
        now = timezone.now()
        closes = self.registration_deadline or self.starts_at
        return self.live and not self.cancelled and now < closes


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Place confirmed")
        WAITLISTED = "waitlisted", _("On the waitlist")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    # The waitlist is served in the order people joined it (re-joining goes to the back).
    joined_at = models.DateTimeField(_("registered"), default=timezone.now)
    attended_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)  # QR check-in

    class Meta:
        ordering = ["event", "joined_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="events_one_registration")
        ]
        # The time indexes serve the insights roll-up, which reads one day at a time.
        indexes = [
            models.Index(fields=["event", "status", "joined_at"]),
            models.Index(fields=["joined_at"], name="events_registration_joined"),
            models.Index(fields=["attended_at"], name="events_registration_attended"),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.event}"


class Feedback(models.Model):
    """An attendee's rating of an event after it, with an optional comment."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="feedback")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_feedback"
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("event feedback")
        verbose_name_plural = _("event feedback")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="events_feedback_once")
        ]

    def __str__(self) -> str:
        return f"{self.event}: {self.rating}"


class VisitRequest(models.Model):
    """A bureau or department asks DPO for a departmental visit or a briefing; DPO proposes a
    slot, the B/D confirms it, and it becomes an event open to that B/D alone."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        PROPOSED = "proposed", _("Slot proposed")
        CONFIRMED = "confirmed", _("Confirmed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    KINDS = [
        (Event.Kind.VISIT, Event.Kind.VISIT.label),
        (Event.Kind.BRIEFING, Event.Kind.BRIEFING.label),
    ]

    kind = models.CharField(_("what you would like"), max_length=20, choices=KINDS)
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="visit_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="visit_requests"
    )
    topics = models.TextField(_("topics"), max_length=2000)
    preferred_dates = models.CharField(_("preferred dates"), max_length=300)
    audience_size = models.PositiveIntegerField(_("expected audience"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED
    )
    proposed_start = models.DateTimeField(_("proposed start"), null=True, blank=True)
    proposed_end = models.DateTimeField(_("proposed end"), null=True, blank=True)
    proposed_venue = models.CharField(_("venue"), max_length=300, blank=True)
    note = models.TextField(_("note from DPO"), blank=True, max_length=2000)
    event = models.OneToOneField(
        Event, null=True, blank=True, on_delete=models.SET_NULL, related_name="visit_request"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("visit or briefing request")
        verbose_name_plural = _("visit and briefing requests")

    def __str__(self) -> str:
        return f"{self.organisation.code}: {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return reverse("events:request", args=[self.pk])


class Question(models.Model):
    """A question an attendee asks during an event; others upvote it; moderators (organisers)
    mark it answered or hide it. Kept with the event afterwards."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_questions"
    )
    text = models.CharField(_("question"), max_length=500)
    answered = models.BooleanField(_("answered"), default=False)
    hidden = models.BooleanField(_("hidden"), default=False)
    voters = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="event_question_votes"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.text


class Poll(models.Model):
    """A simple poll an organiser runs during an event: one answer per person."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="polls")
    question = models.CharField(_("poll question"), max_length=300)
    options = models.JSONField(_("options"), default=list)  # a list of strings
    is_open = models.BooleanField(_("open"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.question


class PollAnswer(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="answers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    option = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["poll", "user"], name="events_poll_once")]

    def __str__(self) -> str:
        return f"{self.poll}: {self.option}"
