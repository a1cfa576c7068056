"""Links the site shell shows from editable pages (the footer's contact, accessibility,
privacy and important notices pages), so that editors, not developers, keep them."""

from typing import Any

from django import template

from aiplus.core.i18n import localise
from aiplus.pages.models import StandardPage

register = template.Library()


@register.inclusion_tag("pages/includes/footer_links.html")
def footer_links() -> dict[str, Any]:
    pages = StandardPage.objects.live().public().filter(show_in_footer=True).order_by("path")
    return {"links": [{"title": localise(page, "title"), "url": page.url} for page in pages]}
