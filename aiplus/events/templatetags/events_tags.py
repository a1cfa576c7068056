"""Cross-app link: a resource's page lists the events it was material for with
`{% events_with_material resource %}`, so the resource library never imports events."""

from typing import Any

from django import template

from aiplus.events.selectors import visible_events

register = template.Library()


@register.inclusion_tag("events/_with_material.html", takes_context=True)
def events_with_material(context: template.Context, resource: Any) -> dict[str, Any]:
    request = context["request"]
    return {"events": visible_events(request.user).filter(materials=resource)[:10]}
