from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "aiplus.meetings"
    label = "meetings"
    verbose_name = _("Smart Minutes")

    def ready(self) -> None:
        from aiplus.core import navigation

        navigation.register(label=_("Smart Minutes"), url_name="meetings:index", order=40)
        navigation.register_account_link(
            label=_("Your meetings (Smart Minutes)"),
            url_name="meetings:index",
            order=30,
            is_for=lambda user: True,
        )
