"""Live captions while a meeting is recorded in the browser: every few seconds the page sends
the newest short piece of audio (16 kHz mono WAV) and gets its words back, from the same
transcriber as recordings, in the meeting's language.

Captions are a courtesy, never a queue: a piece that arrives while this process is already
captioning one is skipped (`CaptionsBusy`), and each officer may send only so many pieces a
minute. Nothing is stored: the recording uploaded at the end is transcribed in full."""

import threading

from django.core.cache import cache
from django.utils.translation import gettext as _

from aiplus.accounts.models import User
from aiplus.ai.audio import load_audio
from aiplus.ai.exceptions import AIError, AudioTooLongError
from aiplus.ai.providers import get_transcriber
from aiplus.meetings.models import Meeting
from aiplus.meetings.services import MeetingError, check_speech_recognised
from aiplus.meetings.transcription import WHISPER_LANGUAGES

MAX_PIECE_BYTES = 2 * 1024 * 1024
MAX_PIECE_SECONDS = 30.0
PIECES_PER_MINUTE = 20  # the page sends one about every six seconds
_captioning = threading.BoundedSemaphore(1)  # one piece at a time in each web process


class CaptionsBusy(Exception):
    """The transcriber is busy with another piece: this one is skipped."""


def caption(*, user: User, data: bytes, language: str) -> str:
    """The words spoken in one short piece of audio ("" for silence). Raises MeetingError (a
    message for the person) for a piece refused, CaptionsBusy when it is skipped."""
    if language not in Meeting.Language.values:
        raise MeetingError(_("Choose the language spoken."))
    check_speech_recognised(language)
    if not data:
        raise MeetingError(_("The piece of audio is empty."))
    if len(data) > MAX_PIECE_BYTES:
        raise MeetingError(_("A caption piece may be at most 30 seconds and 2 MB of audio."))
    _count_piece(user)
    try:
        load_audio(data, max_seconds=MAX_PIECE_SECONDS)  # readable, and short enough
    except AudioTooLongError as error:
        raise MeetingError(
            _("A caption piece may be at most 30 seconds and 2 MB of audio.")
        ) from error
    except AIError as error:
        raise MeetingError(str(error.message)) from error
    if not _captioning.acquire(blocking=False):
        raise CaptionsBusy
    try:
        transcript = get_transcriber().transcribe(data, language=WHISPER_LANGUAGES.get(language))
    except AIError as error:
        raise MeetingError(str(error.message)) from error
    finally:
        _captioning.release()
    return " ".join(transcript.text.split())


def _count_piece(user: User) -> None:
    """At most PIECES_PER_MINUTE a minute for each officer (counted in this process's cache)."""
    key = f"meetings:captions:{user.pk}"
    if cache.add(key, 1, timeout=60):
        return
    try:
        count = cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.add(key, 1, timeout=60)
        return
    if count > PIECES_PER_MINUTE:
        raise MeetingError(_("Too many caption pieces this minute: captions pause for a moment."))
