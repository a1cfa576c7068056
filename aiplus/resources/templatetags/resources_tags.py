"""Cross-app link: other apps' pages list their related resources with
`{% related_resources obj %}`, so they never import the resource library (which sits above
them and points at their models)."""

from typing import Any

from django import template

from aiplus.resources.selectors import visible_resources

register = template.Library()

RELATION_BY_MODEL = {"catalogue.solution": "solutions", "cases.case": "cases"}


@register.inclusion_tag("resources/_related.html", takes_context=True)
def related_resources(context: template.Context, obj: Any, limit: int = 6) -> dict[str, Any]:
    """The resources linked to `obj` that the reader may see."""
    relation = RELATION_BY_MODEL[obj._meta.label_lower]
    request = context["request"]
    resources = visible_resources(request.user).filter(**{relation: obj})[:limit]
    return {"resources": resources}
