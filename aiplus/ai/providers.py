"""Build the adapter for each capability from settings (`AIPLUS_AI`), once per process."""

import threading
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

from aiplus.ai.exceptions import ModelNotInstalledError, ProviderConfigurationError
from aiplus.ai.manifest import ModelSpec, get_spec, is_installed, load_manifest
from aiplus.ai.protocols import ChatModel, Embedder, Speaker, Transcriber

CAPABILITIES = ("transcriber", "chat", "embedder", "speaker")
_cache: dict[str, Any] = {}
_lock = threading.Lock()


def config(capability: str) -> dict[str, Any]:
    try:
        return dict(settings.AIPLUS_AI[capability])
    except KeyError as error:
        raise ProviderConfigurationError(detail=f"no settings for {capability}") from error


def local_spec(capability: str) -> ModelSpec | None:
    """The manifest entry behind a local capability (None for a remote provider)."""
    conf = config(capability)
    if conf["provider"] != "local":
        return None
    spec = get_spec(conf["model"])
    if spec.capability != capability:
        raise ProviderConfigurationError(detail=f"{spec.name} is not a {capability} model")
    return spec


def is_loaded(capability: str) -> bool:
    return capability in _cache


def reset() -> None:
    with _lock:
        _cache.clear()


@receiver(setting_changed)
def _settings_changed(*, setting: str, **kwargs: Any) -> None:
    if setting.startswith("AIPLUS_"):
        reset()


def _build_local(capability: str, spec: ModelSpec) -> Any:
    if not is_installed(spec):
        raise ModelNotInstalledError(detail=spec.name)
    threads = settings.AIPLUS_AI_THREADS
    folder = spec.directory()
    if capability == "transcriber":
        from aiplus.ai.local.whisper import WhisperTranscriber

        return WhisperTranscriber(
            folder,
            name=spec.name,
            threads=threads,
            max_seconds=settings.AIPLUS_AI_MAX_AUDIO_SECONDS,
        )
    if capability == "chat":
        from aiplus.ai.local.llama import LlamaChatModel

        context = min(spec.context_tokens or 4096, settings.AIPLUS_AI_CHAT_CONTEXT)
        return LlamaChatModel(
            folder / "model.gguf", name=spec.name, context_tokens=context, threads=threads
        )
    if capability == "embedder":
        from aiplus.ai.local.usem import UsemEmbedder

        return UsemEmbedder(folder, name=spec.name, threads=threads)
    if spec.system_command:
        from aiplus.ai.local.espeak import EspeakSpeaker

        return EspeakSpeaker(name=spec.name)
    from aiplus.ai.local.piper import PiperSpeaker

    return PiperSpeaker(folder, name=spec.name, threads=threads)


def _build_remote(capability: str, conf: dict[str, Any]) -> Any:
    from aiplus.ai.remote import adapters
    from aiplus.ai.remote.client import OpenAIClient

    client = OpenAIClient(
        conf["url"],
        api_key=conf["api_key"],
        timeout=conf["timeout"],
        retries=settings.AIPLUS_AI_RETRIES,
        backoff=settings.AIPLUS_AI_BACKOFF,
    )
    model = conf["model"]
    known = load_manifest().get(model)
    if capability == "transcriber":
        return adapters.OpenAITranscriber(client, model=model)
    if capability == "chat":
        context = known.context_tokens if known and known.context_tokens else 8192
        return adapters.OpenAIChatModel(client, model=model, context_tokens=context)
    if capability == "embedder":
        return adapters.OpenAIEmbedder(client, model=model)
    return adapters.OpenAISpeaker(client, model=model)


def build(capability: str) -> Any:
    conf = config(capability)
    if conf["provider"] == "local":
        spec = local_spec(capability)
        assert spec is not None
        return _build_local(capability, spec)
    if conf["provider"] == "openai":
        return _build_remote(capability, conf)
    raise ProviderConfigurationError(detail=f"unknown provider {conf['provider']!r}")


def _get(capability: str) -> Any:
    with _lock:
        if capability not in _cache:
            _cache[capability] = build(capability)
        return _cache[capability]


def get_transcriber() -> Transcriber:
    return _get("transcriber")


def get_chat_model() -> ChatModel:
    return _get("chat")


def get_embedder() -> Embedder:
    return _get("embedder")


def get_speaker() -> Speaker:
    return _get("speaker")
