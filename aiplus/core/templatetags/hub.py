"""Template tags of the site shell: navigation, language switcher, bilingual fields."""

from typing import Any

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from wagtail.models import Page, Site

from aiplus.core import navigation
from aiplus.core.i18n import Localised, current_language, html_lang, localise, to_simplified

register = template.Library()


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context: template.Context) -> dict[str, Any]:
    request: HttpRequest | None = context.get("request")
    path = request.get_full_path() if request else "/"
    active = current_language()
    languages = [
        {
            "code": code,
            "name": name,
            "html_lang": html_lang(code),
            "url": translate_url(path, code),
            "is_active": code == active,
        }
        for code, name in settings.LANGUAGES
    ]
    return {"languages": languages}


def _site_root(request: HttpRequest | None) -> Page | None:
    site = Site.find_for_request(request) if request else None
    return site.root_page if site else None


@register.inclusion_tag("includes/main_navigation.html", takes_context=True)
def main_navigation(context: template.Context) -> dict[str, Any]:
    request: HttpRequest | None = context.get("request")
    root = _site_root(request)
    items: list[dict[str, Any]] = []
    if root is not None:
        items.append({"label": gettext("Home"), "url": root.url or "/"})
        for page in root.get_children().live().in_menu().specific():
            items.append({"label": str(localise(page, "title")), "url": page.url or "/"})
    items.extend(navigation.registered_entries())
    current_path = request.path if request else ""
    for item in items:
        item["is_current"] = item["url"] == current_path
    return {"items": items}


@register.simple_tag
def localised(obj: object, field: str) -> Localised:
    """`{% localised page "intro" as intro %}` then `{{ intro.value }}`, `{{ intro.lang_attr }}`
    and `{{ intro.is_fallback }}`."""
    return localise(obj, field)


@register.simple_tag(takes_context=True)
def localised_stream(context: template.Context, obj: object, field: str) -> SafeString:
    """Render a bilingual StreamField; Simplified Chinese comes from rendered Traditional."""
    chosen = localise(obj, field)
    value = chosen.value
    if value is None:
        return mark_safe("")
    rendered = value.render_as_block(context=context.flatten())
    if chosen.needs_simplified_conversion:
        # The rendered HTML is already escaped; OpenCC only swaps CJK characters.
        rendered = mark_safe(to_simplified(str(rendered)))  # noqa: S308
    return conditional_escape(rendered)


@register.filter
def loc(obj: object, field: str) -> Any:
    """`{{ solution|loc:"name" }}`: the field in the reader's language (or its fallback)."""
    return localise(obj, field).value


@register.simple_tag(takes_context=True)
def query_replace(context: template.Context, **changes: Any) -> str:
    """The current query string with some parameters replaced, e.g. for pagination links."""
    request: HttpRequest = context["request"]
    params = request.GET.copy()
    for name, value in changes.items():
        if value in (None, ""):
            params.pop(name, None)
        else:
            params[name] = value
    return params.urlencode()


@register.simple_tag(takes_context=True)
def account_links(context: template.Context) -> list[dict[str, str]]:
    """The signed-in user's own pages that apps registered (see core.navigation)."""
    request: HttpRequest | None = context.get("request")
    return navigation.account_links(getattr(request, "user", None))


@register.filter
def any_selected(options: Any) -> bool:
    """Whether any facet option is chosen (for the "Any" choice of a single-choice facet)."""
    return any(getattr(option, "selected", False) for option in options)


@register.simple_tag(takes_context=True)
def applied_filters(context: template.Context, facets: Any) -> list[dict[str, str]]:
    """One removable chip per chosen facet value: its label and the listing's address without
    it (and back on page 1)."""
    request: HttpRequest | None = context.get("request")
    if request is None:
        return []
    chips = []
    for facet in facets:
        for option in facet.options:
            if not option.selected:
                continue
            params = request.GET.copy()
            params.pop("page", None)
            params.setlist(
                facet.name, [v for v in params.getlist(facet.name) if v != str(option.value)]
            )
            chips.append(
                {
                    "facet": str(facet.label),
                    "label": str(option.label),
                    "url": f"?{params.urlencode()}",
                }
            )
    return chips
