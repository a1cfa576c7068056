from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "aiplus.catalogue"
    label = "catalogue"
    verbose_name = _("AI+ Tool and Solution Catalogue")

    def ready(self) -> None:
        from aiplus.catalogue import search
        from aiplus.catalogue.permissions import register_grants, user_can_submit_solutions
        from aiplus.core import navigation
        from aiplus.search import registry as search_registry

        register_grants()
        navigation.register_account_link(
            label=_("Your shortlist"),
            url_name="catalogue:shortlist",
            order=10,
            is_for=lambda user: not user_can_submit_solutions(user),
        )
        navigation.register_account_link(
            label=_("Your company's solutions"),
            url_name="catalogue:vendor",
            order=20,
            is_for=user_can_submit_solutions,
        )

        navigation.register(label=_("Solutions"), url_name="catalogue:index", order=10)
        search_registry.register(search.SOURCE)
