from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "aiplus.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from aiplus.core import navigation, schedule
        from aiplus.events.permissions import register_grants
        from aiplus.events.tasks import remind_tomorrow_task
        from aiplus.notifications import kinds

        register_grants()
        navigation.register(label=_("Events"), url_name="events:index", order=35)
        kinds.register("events.registration", label=_("Event registrations and waitlist"))
        kinds.register("events.change", label=_("Changes to events you registered for"))
        kinds.register("events.reminder", label=_("Event reminders"))
        kinds.register("events.visit", label=_("Visit and briefing requests"))
        schedule.register("event-reminders", remind_tomorrow_task, cron="0 9 * * *")
