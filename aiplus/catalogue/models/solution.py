"""A ready-to-use AI solution in the catalogue. Solutions go through Wagtail's revisions and
editorial workflow: the row holds the published version; drafts (from editors or the vendor)
live in revisions until an editor approves them."""

from django import forms
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from aiplus.catalogue.models.choices import Classification, Maturity, PriceModel
from aiplus.core.translated import TranslatedField, expand, variants
from aiplus.core.translated import search_fields as translated_search_fields


class Solution(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, ClusterableModel):
    name = TranslatedField(models.CharField, verbose_name=_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    vendor = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("vendor"),
        on_delete=models.PROTECT,
        related_name="solutions",
        limit_choices_to={"kind": "company"},
    )

    summary = TranslatedField(
        models.TextField, verbose_name=_("summary"), english={"max_length": 600}
    )
    problem = TranslatedField(models.TextField, verbose_name=_("problem it solves"), blank=True)
    description = TranslatedField(models.TextField, verbose_name=_("what it does"), blank=True)

    tasks = ParentalManyToManyField(
        "catalogue.Task", verbose_name=_("tasks it helps with"), blank=True, related_name="+"
    )
    capabilities = ParentalManyToManyField(
        "catalogue.Capability", verbose_name=_("AI capabilities"), blank=True, related_name="+"
    )
    supports_english = models.BooleanField(_("English"), default=False)
    supports_traditional_chinese = models.BooleanField(_("Traditional Chinese"), default=False)
    supports_simplified_chinese = models.BooleanField(_("Simplified Chinese"), default=False)
    supports_cantonese_speech = models.BooleanField(_("Cantonese speech"), default=False)
    deploys_on_premises = models.BooleanField(_("on-premises"), default=False)
    deploys_government_cloud = models.BooleanField(_("government cloud"), default=False)
    deploys_public_cloud = models.BooleanField(_("public cloud"), default=False)
    max_classification = models.PositiveSmallIntegerField(
        _("highest data classification cleared for"),
        choices=Classification.choices,
        default=Classification.UNCLASSIFIED,
    )
    maturity = models.CharField(
        _("maturity"), max_length=20, choices=Maturity.choices, default=Maturity.PRODUCTION
    )
    price_model = models.CharField(
        _("price model"), max_length=20, choices=PriceModel.choices, default=PriceModel.QUOTATION
    )

    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)

    organisations_using = ParentalManyToManyField(
        "accounts.Organisation",
        verbose_name=_("bureaux and departments using it"),
        blank=True,
        related_name="solutions_used",
        limit_choices_to={"kind__in": ["bureau", "office", "department"]},
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    panels = [
        MultiFieldPanel([*variants("name"), "slug", "vendor"], heading=_("Solution")),
        MultiFieldPanel(expand(("summary", "problem", "description")), heading=_("Description")),
        MultiFieldPanel(
            [
                FieldPanel("tasks", widget=forms.CheckboxSelectMultiple),
                "capabilities",
            ],
            heading=_("What it helps with"),
        ),
        MultiFieldPanel(
            [
                "supports_english",
                "supports_traditional_chinese",
                "supports_simplified_chinese",
                "supports_cantonese_speech",
            ],
            heading=_("Languages supported"),
        ),
        MultiFieldPanel(
            [
                "deploys_on_premises",
                "deploys_government_cloud",
                "deploys_public_cloud",
                "max_classification",
            ],
            heading=_("Deployment"),
        ),
        MultiFieldPanel(["maturity", "price_model"], heading=_("Maturity and price")),
        MultiFieldPanel(
            ["contact_name", "contact_email", "contact_phone", "website"], heading=_("Contact")
        ),
        FieldPanel("organisations_using"),
        InlinePanel("screenshots", label=_("Screenshots"), max_num=8),
    ]

    search_fields = [
        *translated_search_fields("name", "summary"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("solution")
        verbose_name_plural = _("solutions")
        indexes = [models.Index(fields=["live", "name"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalogue:detail", kwargs={"slug": self.slug})


class SolutionScreenshot(Orderable):
    solution = ParentalKey(Solution, on_delete=models.CASCADE, related_name="screenshots")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    alt_text = models.CharField(
        _("alternative text"),
        max_length=250,
        help_text=_("Describe what the screenshot shows, for people who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=250, blank=True)

    panels = ["image", "alt_text", "caption"]
