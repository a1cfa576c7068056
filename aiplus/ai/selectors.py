"""Reads: what each AI capability is set to, and whether it is installed, loaded or reachable."""

from dataclasses import dataclass

import requests
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from aiplus.ai import providers
from aiplus.ai.exceptions import AIError
from aiplus.ai.manifest import is_installed, models_root

CAPABILITY_LABELS: dict[str, Promise] = {
    "transcriber": _("Speech to text"),
    "chat": _("Language model"),
    "embedder": _("Text embeddings"),
    "speaker": _("Text to speech"),
}


@dataclass(frozen=True)
class CapabilityStatus:
    capability: str
    label: str
    provider: str
    model: str
    title: str
    ready: bool  # local: installed; remote: the server answered
    loaded: bool
    detail: str


def _remote_ready(url: str, api_key: str, model: str) -> tuple[bool, str]:
    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
    try:
        response = requests.get(
            f"{url.rstrip('/').removesuffix('/v1')}/v1/models", timeout=3, headers=headers
        )
    except requests.RequestException as error:
        return False, type(error).__name__
    if not response.ok:
        return False, f"HTTP {response.status_code}"
    # The hub's own model process says whether a model is still being installed.
    try:
        listed = {m.get("id"): m for m in response.json().get("data", [])}
    except (ValueError, AttributeError):
        listed = {}
    if listed.get(model, {}).get("installed") is False:
        return False, str(_("still being installed"))
    return True, f"HTTP {response.status_code}"


def capability_status(*, capability: str) -> CapabilityStatus:
    conf = providers.config(capability)
    label = str(CAPABILITY_LABELS.get(capability, capability))
    title, detail, ready = conf["model"], "", False
    try:
        if conf["provider"] == "local":
            spec = providers.local_spec(capability)
            assert spec is not None
            title = spec.title
            ready = is_installed(spec)
            detail = f"{spec.licence} · {spec.version}"
        else:
            ready, detail = _remote_ready(conf["url"], conf["api_key"], conf["model"])
            detail = f"{conf['url']} · {detail}"
    except AIError as error:
        detail = str(error)
    return CapabilityStatus(
        capability=capability,
        label=label,
        provider=conf["provider"],
        model=conf["model"],
        title=title,
        ready=ready,
        loaded=providers.is_loaded(capability),
        detail=detail,
    )


def capability_statuses() -> list[CapabilityStatus]:
    return [capability_status(capability=c) for c in providers.CAPABILITIES]


def install_log_tail(*, lines: int = 8) -> list[str]:
    """The last lines written by `install_models` (progress of a background install)."""
    path = models_root() / ".install.log"
    try:
        return path.read_text(encoding="utf-8").splitlines()[-lines:]
    except OSError:
        return []
