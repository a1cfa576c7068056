from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "aiplus.pages"
    label = "pages"
    verbose_name = _("Site pages")

    def ready(self) -> None:
        from aiplus.pages import search
        from aiplus.search import registry as search_registry

        search_registry.register(search.SOURCE)
