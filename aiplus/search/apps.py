from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "aiplus.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from aiplus.core import schedule
        from aiplus.search.tasks import embed_missing_task

        # Passages indexed while the models were still installing get their embeddings.
        schedule.register("search-embed-missing", embed_missing_task, cron="* * * * *")
