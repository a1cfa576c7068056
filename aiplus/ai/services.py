"""Writes and actions: the short live check behind the admin status page's button."""

import time
from dataclasses import dataclass

from django.utils.translation import gettext as _

from aiplus.ai import providers
from aiplus.ai.exceptions import AIError
from aiplus.ai.values import ChatMessage, Speech

CHECK_SENTENCE = "Hello, this is a short test of the hub."


@dataclass(frozen=True)
class LiveCheck:
    capability: str
    ok: bool
    seconds: float
    summary: str


def _check_speech() -> Speech:
    """Speech for the transcriber check: the configured speaker, else espeak-ng."""
    try:
        return providers.get_speaker().speak(CHECK_SENTENCE)
    except AIError:
        from aiplus.ai.local.espeak import EspeakSpeaker

        return EspeakSpeaker().speak(CHECK_SENTENCE)


def _run(capability: str) -> str:
    if capability == "transcriber":
        transcript = providers.get_transcriber().transcribe(_check_speech().wav())
        return _("Heard: “%(text)s”") % {"text": transcript.text}
    if capability == "chat":
        result = providers.get_chat_model().chat(
            [ChatMessage("user", "Reply with one word: ready.")], max_tokens=8, temperature=0
        )
        return _("Answered: “%(text)s” (%(tokens)s tokens)") % {
            "text": result.text.strip(),
            "tokens": result.usage.total_tokens,
        }
    if capability == "embedder":
        vectors = providers.get_embedder().embed([CHECK_SENTENCE])
        return _("Embedded one sentence into %(dims)s dimensions.") % {"dims": len(vectors[0])}
    speech = providers.get_speaker().speak(CHECK_SENTENCE)
    return _("Spoke %(seconds).1f seconds of audio.") % {"seconds": speech.duration}


def run_live_check(*, capability: str) -> LiveCheck:
    """Load (if needed) and exercise one capability; never raises for a provider failure."""
    started = time.perf_counter()
    try:
        summary, ok = _run(capability), True
    except AIError as error:
        summary, ok = str(error), False
    return LiveCheck(capability, ok, round(time.perf_counter() - started, 2), summary)
