from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "aiplus.insights"
    label = "insights"
    verbose_name = _("Manpower insights")

    def ready(self) -> None:
        from aiplus.core import navigation, schedule
        from aiplus.insights.permissions import register_grants, user_can_view_insights
        from aiplus.insights.tasks import roll_up_recent_task

        register_grants()
        # After midnight in Hong Kong: yesterday is complete; the last week is rolled up again.
        schedule.register("insights-daily-rollup", roll_up_recent_task, cron="30 1 * * *")
        navigation.register_account_link(
            label=_("Manpower insights"),
            url_name="insights:index",
            order=50,
            is_for=user_can_view_insights,
        )
