"""The catalogue in the Wagtail admin: solutions (with revisions and review) and taxonomies."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from aiplus.catalogue.models import Capability, Solution, Task


class SolutionViewSet(SnippetViewSet):
    model = Solution
    icon = "pick"
    menu_label = _("Solutions")
    list_display = ["name", "vendor", "maturity", "live", "updated_at"]
    list_filter = ["live", "maturity", "price_model", "max_classification"]
    search_fields = ["name", "name_zh_hant", "summary"]
    list_export = ["slug", "name", "name_zh_hant", "vendor", "maturity", "price_model", "live"]


class TaskViewSet(SnippetViewSet):
    model = Task
    icon = "list-ul"
    menu_label = _("Tasks")
    list_display = ["name", "name_zh_hant", "parent", "sort_order"]
    list_filter = ["parent"]
    panels = ["name", "name_zh_hant", "name_zh_hans", "slug", "parent", "sort_order"]


class CapabilityViewSet(SnippetViewSet):
    model = Capability
    icon = "cogs"
    menu_label = _("AI capabilities")
    list_display = ["name", "name_zh_hant", "sort_order"]
    panels = ["name", "name_zh_hant", "name_zh_hans", "slug", "sort_order"]


class CatalogueGroup(SnippetViewSetGroup):
    items = (SolutionViewSet, TaskViewSet, CapabilityViewSet)
    menu_icon = "pick"
    menu_label = _("Catalogue")
    menu_name = "catalogue"
    menu_order = 200


register_snippet(CatalogueGroup)
