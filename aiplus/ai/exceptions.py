"""Errors the AI layer raises. Each carries a message fit to show a person (translated), so that
views, tasks and the admin status page can report a failure without knowing the provider."""

from django.utils.translation import gettext_lazy as _


class AIError(Exception):
    """Base class: `str(error)` is a translated, human-readable message."""

    default_message = _("The AI service failed.")

    def __init__(self, message: object = None, *, detail: str = "") -> None:
        self.message = message if message is not None else self.default_message
        self.detail = detail
        super().__init__(str(self.message))

    def __str__(self) -> str:
        text = str(self.message)
        return f"{text} ({self.detail})" if self.detail else text


class AudioDecodeError(AIError):
    default_message = _("This file could not be read as audio. Upload an audio or video file.")


class EmptyAudioError(AudioDecodeError):
    default_message = _("This audio file is empty: it contains no sound to transcribe.")


class AudioTooLongError(AudioDecodeError):
    default_message = _("This recording is longer than the hub accepts.")


class ModelNotInstalledError(AIError):
    default_message = _(
        "The AI model is not installed yet. An administrator can install it with “make models”."
    )


class ManifestError(AIError):
    default_message = _("The model manifest is invalid.")


class HashMismatchError(ManifestError):
    default_message = _(
        "A model file does not match its recorded checksum, so it was refused. "
        "The download may be corrupt or tampered with."
    )


class ProviderUnavailableError(AIError):
    default_message = _("The AI model server could not be reached. It may be down.")


class ProviderTimeoutError(AIError):
    default_message = _("The AI model server took too long to answer.")


class ProviderResponseError(AIError):
    default_message = _("The AI model server sent an answer the hub could not understand.")


class ProviderConfigurationError(AIError):
    default_message = _("The AI provider settings are incomplete or invalid.")
