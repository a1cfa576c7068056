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

        from aiplus.ai.process import env_for_clients, model_server_argv
        from aiplus.core.processes import Process, register_process

        register_process(
            Process(name="models", argv=model_server_argv, env_for_others=env_for_clients)
        )
