from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    name = "aiplus.resources"
    label = "resources"
    verbose_name = _("Resources")

    def ready(self) -> None:
        from aiplus.core import navigation
        from aiplus.resources import search
        from aiplus.resources.permissions import register_grants
        from aiplus.search import registry as search_registry

        register_grants()

        navigation.register(label=_("Resources"), url_name="resources:index", order=30)
        search_registry.register(search.SOURCE)
