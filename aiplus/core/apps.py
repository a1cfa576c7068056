from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "aiplus.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from aiplus.core import schedule, spreadsheets
        from aiplus.core.jobs.tasks import prune_schedule_history_task, recover_stale_jobs_task

        schedule.register("recover-stale-jobs", recover_stale_jobs_task, cron="* * * * *")
        schedule.register("prune-schedule-history", prune_schedule_history_task, cron="17 3 * * *")
        spreadsheets.install()  # every admin CSV/XLSX export writes formulas as text
