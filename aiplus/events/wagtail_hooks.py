from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from aiplus.core.translated import variants
from aiplus.events.models import Event, Series


class EventViewSet(SnippetViewSet):
    model = Event
    icon = "date"
    menu_label = _("Events")
    list_display = ["title", "kind", "starts_at", "capacity", "live", "cancelled"]
    list_filter = ["kind", "live", "cancelled"]
    search_fields = variants("title", simplified=False)


class SeriesViewSet(SnippetViewSet):
    model = Series
    icon = "list-ul"
    menu_label = _("Event series")


class EventsGroup(SnippetViewSetGroup):
    items = (EventViewSet, SeriesViewSet)
    menu_icon = "date"
    menu_label = _("Events")
    menu_order = 230


register_snippet(EventsGroup)
