from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "aiplus.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from aiplus.core import navigation, schedule
        from aiplus.events.permissions import register_grants, user_can_brief
        from aiplus.events.tasks import remind_tomorrow_task, send_digests_task
        from aiplus.notifications import kinds

        register_grants()
        navigation.register(label=_("Events"), url_name="events:index", order=35)
        kinds.register("events.registration", label=_("Event registrations and waitlist"))
        kinds.register("events.change", label=_("Changes to events you registered for"))
        kinds.register("events.reminder", label=_("Event reminders"))
        kinds.register("events.visit", label=_("Visit and briefing requests"))
        kinds.register("events.digest", label=_("Your weekly or monthly digest"))
        kinds.register("events.briefing", label=_("Briefings from DPO"))
        schedule.register("event-reminders", remind_tomorrow_task, cron="0 9 * * *")
        # Early each morning: Monday's weekly digests and the 1st's monthly ones.
        schedule.register("event-digests", send_digests_task, cron="15 6 * * *")
        navigation.register_account_link(
            label=_("Your digest"),
            url_name="events:digest",
            order=38,
            is_for=lambda user: user.is_authenticated,
        )
        navigation.register_account_link(
            label=_("Briefings"), url_name="events:briefings", order=39, is_for=user_can_brief
        )
