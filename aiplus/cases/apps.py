from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "aiplus.cases"
    label = "cases"
    verbose_name = _("Success stories and use cases")

    def ready(self) -> None:
        from aiplus.cases import search
        from aiplus.cases.permissions import register_grants
        from aiplus.core import navigation
        from aiplus.search import registry as search_registry

        register_grants()

        navigation.register(label=_("Success stories"), url_name="cases:index", order=20)
        search_registry.register(search.SOURCE)
