from typing import Any

from django import template

from aiplus.cases.selectors import story_totals

register = template.Library()


@register.inclusion_tag("cases/_highlights.html")
def story_highlights(count: int = 3) -> dict[str, Any]:
    """Headline figures and the stories that saved the most hours, for the home page."""
    totals = story_totals()
    return {"totals": totals, "stories": totals.top[:count]}
