"""Links the site shell shows from editable pages (the footer's contact, accessibility,
privacy and important notices pages), so that editors, not developers, keep them."""

from typing import Any

from django import template
from django.core.cache import cache
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from aiplus.core.i18n import current_language, localise
from aiplus.pages.models import StandardPage

register = template.Library()

# Every page shows the footer: keep its links for a minute rather than query on each request.
CACHE_SECONDS = 60
CACHE_KEYS = [f"pages:footer-links:{code}" for code in ("en", "zh-hant", "zh-hans")]


def _links() -> list[dict[str, Any]]:
    pages = StandardPage.objects.live().public().filter(show_in_footer=True).order_by("path")
    return [{"title": localise(page, "title"), "url": page.url} for page in pages]


@register.inclusion_tag("pages/includes/footer_links.html")
def footer_links() -> dict[str, Any]:
    key = f"pages:footer-links:{current_language()}"
    return {"links": cache.get_or_set(key, _links, CACHE_SECONDS)}


@receiver(page_published, dispatch_uid="pages.footer_links.published")
@receiver(page_unpublished, dispatch_uid="pages.footer_links.unpublished")
def _forget_footer_links(**kwargs: Any) -> None:
    cache.delete_many(CACHE_KEYS)
