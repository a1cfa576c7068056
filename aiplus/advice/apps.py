from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdviceConfig(AppConfig):
    name = "aiplus.advice"
    label = "advice"
    verbose_name = _("Advice")

    def ready(self) -> None:
        from aiplus.advice import notices, signals
        from aiplus.advice.permissions import register_grants, user_is_advisor
        from aiplus.advice.tasks import remind_overdue_task
        from aiplus.core import navigation, schedule

        register_grants()
        signals.connect()
        notices.register_kinds()
        # Working days start at 09:00 in Hong Kong; one reminder each morning, Monday to Friday.
        schedule.register("advice-overdue-reminders", remind_overdue_task, cron="45 8 * * 1-5")

        navigation.register(label=_("Advice"), url_name="advice:index", order=45)
        navigation.register_account_link(
            label=_("Your B/D's advice requests"),
            url_name="advice:index",
            order=32,
            is_for=lambda user: not user_is_advisor(user),
        )
        navigation.register_account_link(
            label=_("Advice queue"), url_name="advice:queue", order=32, is_for=user_is_advisor
        )
