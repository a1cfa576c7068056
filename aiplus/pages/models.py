"""Editor-managed pages: the home page and general pages such as "About". Each holds its text in
English and Traditional Chinese, with Simplified Chinese optional (converted when left blank)."""

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from aiplus.core.translated import TranslatedField
from aiplus.core.translated import search_fields as translated_search_fields
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
    # Page.title is the English title.
    title = TranslatedField(
        models.CharField, verbose_name=_("title"), max_length=255, english_exists=True
    )
    intro = TranslatedField(models.TextField, verbose_name=_("introduction"), blank=True)
    body = TranslatedField(StreamField, BodyBlock, verbose_name=_("body"), blank=True)

    content_panels = [
        _language_panels("", _("English")),
        _language_panels("_zh_hant", _("Traditional Chinese")),
        _language_panels("_zh_hans", _("Simplified Chinese (optional)"), collapsed=True),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("title_zh_hant"),
        *translated_search_fields("intro", "body"),
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
