"""The catalogue in the Wagtail admin: solutions (with revisions and review) and taxonomies."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from aiplus.catalogue.models import Capability, Solution, Task
from aiplus.core.translated import variants


class SolutionViewSet(SnippetViewSet):
    model = Solution
    icon = "pick"
    menu_label = _("Solutions")
    list_display = ["name", "vendor", "maturity", "live", "updated_at"]
    list_filter = ["live", "maturity", "price_model", "max_classification"]
    search_fields = [*variants("name", simplified=False), "summary"]
    list_export = [
        "slug",
        *variants("name", simplified=False),
        "vendor",
        "maturity",
        "price_model",
        "live",
    ]


class TaskViewSet(SnippetViewSet):
    model = Task
    icon = "list-ul"
    menu_label = _("Tasks")
    list_display = [*variants("name", simplified=False), "parent", "sort_order"]
    list_filter = ["parent"]
    panels = [*variants("name"), "slug", "parent", "sort_order"]


class CapabilityViewSet(SnippetViewSet):
    model = Capability
    icon = "cogs"
    menu_label = _("AI capabilities")
    list_display = [*variants("name", simplified=False), "sort_order"]
    panels = [*variants("name"), "slug", "sort_order"]


class CatalogueGroup(SnippetViewSetGroup):
    items = (SolutionViewSet, TaskViewSet, CapabilityViewSet)
    menu_icon = "pick"
    menu_label = _("Catalogue")
    menu_name = "catalogue"
    menu_order = 200


register_snippet(CatalogueGroup)
