from typing import Any

from django import template
from django.contrib.auth.models import AnonymousUser

from aiplus.catalogue.filters import SolutionFilters
from aiplus.catalogue.selectors import live_solutions, solution_listing

register = template.Library()


@register.inclusion_tag("catalogue/_featured.html", takes_context=True)
def featured_solutions(context: template.Context, count: int = 3) -> dict[str, Any]:
    """The most adopted published solutions, for the home page."""
    user = getattr(context.get("request"), "user", None) or AnonymousUser()
    listing = solution_listing(filters=SolutionFilters(sort="adoption"), user=user)
    return {"solutions": list(listing.items[:count]), "total": live_solutions().count()}
