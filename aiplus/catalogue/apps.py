from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "aiplus.catalogue"
    label = "catalogue"
    verbose_name = _("AI+ Tool and Solution Catalogue")

    def ready(self) -> None:
        from aiplus.catalogue.permissions import register_grants
        from aiplus.core import navigation

        register_grants()

        navigation.register(label=_("Solutions"), url_name="catalogue:index", order=10)
