"""Editor-managed pages: the home page and general pages such as "About". Each holds its text in
English and Traditional Chinese, with Simplified Chinese optional (converted when left blank)."""

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from aiplus.pages.blocks import BodyBlock


def _language_panels(
    suffix: str, heading: str | Promise, *, collapsed: bool = False
) -> MultiFieldPanel:
    fields = [f"title{suffix}", f"intro{suffix}", f"body{suffix}"]
    if not suffix:
        fields = ["title", "intro", "body"]
    return MultiFieldPanel(
        [FieldPanel(name) for name in fields],
        heading=heading,
        classname="collapsed" if collapsed else "",
    )


class BilingualPage(Page):
    title_zh_hant = models.CharField(_("title (Traditional Chinese)"), max_length=255, blank=True)
    title_zh_hans = models.CharField(_("title (Simplified Chinese)"), max_length=255, blank=True)
    intro = models.TextField(_("introduction"), blank=True)
    intro_zh_hant = models.TextField(_("introduction (Traditional Chinese)"), blank=True)
    intro_zh_hans = models.TextField(_("introduction (Simplified Chinese)"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    body_zh_hant = StreamField(
        BodyBlock(), verbose_name=_("body (Traditional Chinese)"), blank=True
    )
    body_zh_hans = StreamField(
        BodyBlock(),
        verbose_name=_("body (Simplified Chinese)"),
        blank=True,
        help_text=_("Leave blank to convert the Traditional Chinese text automatically."),
    )

    content_panels = [
        _language_panels("", _("English")),
        _language_panels("_zh_hant", _("Traditional Chinese")),
        _language_panels("_zh_hans", _("Simplified Chinese (optional)"), collapsed=True),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("title_zh_hant"),
        index.SearchField("intro"),
        index.SearchField("intro_zh_hant"),
        index.SearchField("body"),
        index.SearchField("body_zh_hant"),
    ]

    class Meta:
        abstract = True


class HomePage(BilingualPage):
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    template = "pages/home_page.html"

    class Meta:
        verbose_name = _("home page")


class StandardPage(BilingualPage):
    parent_page_types = ["pages.HomePage", "pages.StandardPage"]
    template = "pages/standard_page.html"

    show_in_footer = models.BooleanField(
        _("show in footer"),
        default=False,
        help_text=_("For pages such as contact, accessibility, privacy and important notices."),
    )
    promote_panels = [*BilingualPage.promote_panels, FieldPanel("show_in_footer")]

    class Meta:
        verbose_name = _("standard page")
