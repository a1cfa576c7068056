"""The default process layout: one model process (aiplus.ai.tools.server) holds every local model,
and the web and worker processes call it over HTTP as an OpenAI-compatible server, so that
each model is loaded once and requests queue there (decision 0010)."""

import sys

from django.conf import settings

from aiplus.ai.providers import CAPABILITIES


def local_capabilities() -> list[str]:
    return [c for c in CAPABILITIES if settings.AIPLUS_AI[c]["provider"] == "local"]


def model_server_argv() -> list[str] | None:
    capabilities = local_capabilities()
    if not settings.AIPLUS_MODEL_SERVER or not capabilities:
        return None
    return [
        sys.executable,
        "-m",
        "aiplus.ai.tools.server",
        "--host",
        "127.0.0.1",
        "--port",
        str(settings.AIPLUS_MODEL_SERVER_PORT),
        "--capabilities",
        ",".join(capabilities),
    ]


def env_for_clients() -> dict[str, str]:
    """Point the other processes' local capabilities at the model process."""
    if model_server_argv() is None:
        return {}
    url = f"http://127.0.0.1:{settings.AIPLUS_MODEL_SERVER_PORT}/v1"
    env: dict[str, str] = {}
    for capability in local_capabilities():
        prefix = f"AIPLUS_AI_{capability.upper()}"
        env[f"{prefix}_PROVIDER"] = "openai"
        env[f"{prefix}_URL"] = url
        env[f"{prefix}_MODEL"] = settings.AIPLUS_AI[capability]["model"]
    return env
