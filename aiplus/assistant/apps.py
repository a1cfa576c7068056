from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistantConfig(AppConfig):
    name = "aiplus.assistant"
    label = "assistant"
    verbose_name = _("Digital Assistant")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from aiplus.assistant import notices, search
        from aiplus.assistant.faq import embed_saved_item
        from aiplus.assistant.models import KnowledgeItem
        from aiplus.assistant.permissions import register_grants, user_can_manage
        from aiplus.core import navigation
        from aiplus.search import registry

        # However an item is saved (the hub's pages, the admin, an import), its questions are
        # embedded again for the FAQ tier.
        post_save.connect(embed_saved_item, sender=KnowledgeItem, dispatch_uid="assistant-faq")
        register_grants()
        notices.register_kinds()
        registry.register(search.SOURCE)
        navigation.register(label=_("Assistant"), url_name="assistant:index", order=48)
        navigation.register_account_link(
            label=_("Assistant enquiries"),
            url_name="assistant:enquiries",
            order=34,
            is_for=user_can_manage,
        )
