from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "aiplus.meetings"
    label = "meetings"
    verbose_name = _("Smart Minutes")

    def ready(self) -> None:
        from aiplus.core import navigation, schedule
        from aiplus.meetings.tasks import apply_retention_task, remind_actions_task
        from aiplus.notifications import kinds

        kinds.register("meetings.shared", label=_("A meeting shared with you"))
        kinds.register("meetings.retention", label=_("A meeting recording about to be deleted"))
        kinds.register("meetings.action", label=_("Actions from meetings"))
        kinds.register("meetings.minutes", label=_("Minutes sent to you"))
        kinds.register("meetings.comment", label=_("Comments on your meetings' minutes"))
        schedule.register("meeting-recording-retention", apply_retention_task, cron="23 2 * * *")
        schedule.register("meeting-action-reminders", remind_actions_task, cron="5 8 * * *")

        navigation.register(label=_("Smart Minutes"), url_name="meetings:index", order=40)
        navigation.register_account_link(
            label=_("Your actions from meetings"),
            url_name="meetings:actions",
            order=31,
            is_for=lambda user: True,
        )
