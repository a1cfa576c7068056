from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from aiplus.assistant.models import Assistant, Enquiry, KnowledgeItem
from aiplus.core.translated import variants


class AssistantViewSet(SnippetViewSet):
    model = Assistant
    icon = "help"
    menu_label = _("Assistants")
    list_display = ["name", "slug", "is_public", "uses_hub_content", "live"]


class KnowledgeViewSet(SnippetViewSet):
    model = KnowledgeItem
    icon = "doc-full"
    menu_label = _("Assistant knowledge")
    list_display = ["title", "assistant", "kind", "updated_at"]
    list_filter = ["assistant", "kind"]
    search_fields = variants("title", simplified=False)


class EnquiryViewSet(SnippetViewSet):
    model = Enquiry
    icon = "mail"
    menu_label = _("Enquiries")
    list_display = ["question", "assistant", "state", "created_at"]
    list_filter = ["assistant", "state"]


class AssistantGroup(SnippetViewSetGroup):
    items = (AssistantViewSet, KnowledgeViewSet, EnquiryViewSet)
    menu_icon = "help"
    menu_label = _("Digital Assistant")
    menu_order = 240


register_snippet(AssistantGroup)
