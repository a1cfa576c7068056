"""Cases: Hong Kong's own success stories, and use cases imported from public inventories
(a separate, clearly labelled collection). A case reads in two tiers: a plain-language summary
(challenge, what was done, results, learnings), then the detailed record."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin

from aiplus.core.translated import TranslatedField, expand, variants


class Collection(models.TextChoices):
    STORY = "story", _("Hong Kong success story")
    INVENTORY = "inventory", _("Use case from a public inventory")


class Stage(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DEVELOPMENT = "development", _("In development or acquisition")
    PILOT = "pilot", _("Pilot or assessment")
    OPERATION = "operation", _("In operation")
    RETIRED = "retired", _("Retired")
    UNKNOWN = "unknown", _("Not stated")


class Case(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, ClusterableModel):
    collection = models.CharField(
        _("collection"), max_length=20, choices=Collection.choices, default=Collection.STORY
    )
    title = TranslatedField(models.CharField, verbose_name=_("title"), max_length=500)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("bureau or department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    # For imported use cases: the reporting body as the source names it.
    source_organisation = models.CharField(
        _("organisation (as reported)"), max_length=300, blank=True
    )
    source_unit = models.CharField(_("unit (as reported)"), max_length=300, blank=True)

    summary = TranslatedField(models.TextField, verbose_name=_("in brief"), blank=True)
    problem = TranslatedField(models.TextField, verbose_name=_("the challenge"), blank=True)
    technology = TranslatedField(
        models.TextField, verbose_name=_("what was done: technology"), blank=True
    )
    management = TranslatedField(
        models.TextField, verbose_name=_("what was done: management measures"), blank=True
    )
    outcome = TranslatedField(models.TextField, verbose_name=_("results"), blank=True)
    learnings = TranslatedField(models.TextField, verbose_name=_("learnings"), blank=True)

    hours_saved_per_year = models.PositiveIntegerField(
        _("staff hours saved per year"), null=True, blank=True
    )
    posts_redeployed = models.DecimalField(
        _("posts redeployed"), max_digits=7, decimal_places=1, null=True, blank=True
    )
    months_to_implement = models.PositiveSmallIntegerField(
        _("months to implement"), null=True, blank=True
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.UNKNOWN, db_index=True
    )
    topic = models.CharField(_("topic area"), max_length=200, blank=True, db_index=True)
    solutions = ParentalManyToManyField(
        "catalogue.Solution", verbose_name=_("solutions used"), blank=True, related_name="cases"
    )
    contact = models.CharField(_("contact"), max_length=300, blank=True)

    # Detailed tier, mostly from inventories.
    outputs = models.TextField(_("outputs"), blank=True)
    vendor_name = models.CharField(_("developed by"), max_length=300, blank=True)
    uses_personal_data = models.BooleanField(_("uses personal data"), null=True, blank=True)
    impact_type = models.CharField(_("impact type"), max_length=100, blank=True)
    started_on = models.DateField(_("started"), null=True, blank=True)
    implemented_on = models.DateField(_("implemented"), null=True, blank=True)

    # Provenance of imported records: the source and the record's key within it, the record's
    # address at the source (or the source's own), and the source's licence and attribution.
    source = models.CharField(_("source"), max_length=100, blank=True, db_index=True)
    source_key = models.CharField(_("key in source"), max_length=500, blank=True)
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    source_licence = models.CharField(_("licence of the source"), max_length=300, blank=True)
    source_attribution = models.CharField(
        _("attribution of the source"), max_length=500, blank=True
    )
    # Set when an import unpublished the record because the source no longer lists it.
    withdrawn_at = models.DateTimeField(_("withdrawn by an import"), null=True, blank=True)
    extra = models.JSONField(_("other reported fields"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    panels = [
        MultiFieldPanel(
            ["collection", *variants("title"), "slug", "organisation"],
            heading=_("Case"),
        ),
        MultiFieldPanel(variants("summary"), heading=_("In brief")),
        MultiFieldPanel(
            expand(("problem", "technology", "management", "outcome", "learnings")),
            heading=_("Challenge, what was done, results, learnings"),
        ),
        MultiFieldPanel(
            ["hours_saved_per_year", "posts_redeployed", "months_to_implement", "stage", "topic"],
            heading=_("Figures"),
        ),
        FieldPanel("solutions"),
        FieldPanel("contact"),
    ]

    class Meta:
        ordering = ["title"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_key"],
                condition=~models.Q(source=""),
                name="unique_case_per_source_key",
            )
        ]
        # Published cases of a collection in listing order (title, then id): a page is read from
        # the index and stops at its LIMIT. Partial, because Django writes `live=True` as a bare
        # column test that an index on `live` cannot seek.
        indexes = [
            models.Index(
                fields=["collection", "title", "id"],
                condition=models.Q(live=True),
                name="case_live_listing_order",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cases:detail", kwargs={"slug": self.slug})
