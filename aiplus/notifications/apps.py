from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "aiplus.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from aiplus.core import schedule
        from aiplus.notifications.tasks import prune_sent_emails_task, retry_emails_task

        # E-mails that failed for a passing reason, or whose worker died, are sent again.
        schedule.register("retry-notification-emails", retry_emails_task, cron="* * * * *")
        schedule.register("prune-notification-emails", prune_sent_emails_task, cron="43 3 * * *")
