from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "aiplus.audit"
    label = "audit"
    verbose_name = _("Audit log")

    def ready(self) -> None:
        from aiplus.audit import receivers  # noqa: F401 - connects the signal receivers
        from aiplus.audit.permissions import register_grants

        register_grants()
