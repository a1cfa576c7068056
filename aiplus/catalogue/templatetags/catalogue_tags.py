from typing import Any

from django import template

from aiplus.catalogue.filters import SolutionFilters
from aiplus.catalogue.selectors import filtered_solutions, live_solutions

register = template.Library()


@register.inclusion_tag("catalogue/_featured.html")
def featured_solutions(count: int = 3) -> dict[str, Any]:
    """The most adopted published solutions, for the home page."""
    return {
        "solutions": list(filtered_solutions(SolutionFilters(sort="adoption"))[:count]),
        "total": live_solutions().count(),
    }
