from typing import Any

from django import template

from aiplus.cases import sources
from aiplus.cases.selectors import story_totals

register = template.Library()


@register.inclusion_tag("cases/_highlights.html")
def story_highlights(count: int = 3) -> dict[str, Any]:
    """Headline figures and the stories that saved the most hours, for the home page."""
    totals = story_totals()
    return {"totals": totals, "stories": totals.top[:count]}


@register.filter
def source_name(slug: str) -> str:
    """The import source's name for its slug (e.g. "US Federal AI Use Case Inventory 2024")."""
    return sources.source_name(slug)


@register.filter
def extra_label(column: str, source: str) -> str:
    """The mapping's label for a kept column, or a readable form of its name."""
    return sources.extra_label(source, column)
