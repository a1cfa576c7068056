from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from aiplus.advice.models import ClosureDay


class ClosureDayViewSet(SnippetViewSet):
    """Administrators record the days offices closed (typhoon, black rainstorm), which the
    advice requests' response-time clocks then skip."""

    model = ClosureDay
    icon = "warning"
    menu_label = _("Office closure days")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["day", "reason"]


register_snippet(ClosureDayViewSet)
