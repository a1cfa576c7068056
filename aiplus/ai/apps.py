from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AiConfig(AppConfig):
    name = "aiplus.ai"
    label = "ai"
    verbose_name = _("AI providers")

    def ready(self) -> None:
        import logging

        # faster-whisper logs one INFO line per chunk; keep the worker's log readable.
        logging.getLogger("faster_whisper").setLevel(logging.WARNING)
