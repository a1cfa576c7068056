from typing import Any

from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_reference_data(sender: AppConfig, **kwargs: Any) -> None:
    # Permissions are created app by app after migrating, so wait for the last app's turn.
    last_app = [config for config in apps.get_app_configs() if config.models_module][-1]
    if sender is not last_app:
        return
    from aiplus.accounts import services

    services.sync_roles()
    services.sync_organisations()


class AccountsConfig(AppConfig):
    name = "aiplus.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from aiplus.accounts.demo import login_banner_lines
        from aiplus.core.demo import register_banner_lines

        post_migrate.connect(_sync_reference_data, dispatch_uid="aiplus.accounts.sync")
        register_banner_lines(login_banner_lines)
