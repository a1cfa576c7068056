"""Live captions while recording in the browser, through real requests: a spoken piece comes
back as its words (the real small Whisper); anonymous callers, forged posts, pieces too large,
too long or not audio, Cantonese without a server that hears it, too many pieces a minute and a
busy transcriber are all refused with a message. And the recorder's upload (the new-meeting
form, asked for JSON) answers with the meeting's address or the form's errors."""

import io
import wave
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from aiplus.meetings import captions
from aiplus.meetings.models import Meeting
from aiplus.meetings.tests.test_meetings import VTT, details

pytestmark = pytest.mark.django_db
ASR = Path(settings.BASE_DIR).parent / "shared" / "data" / "asr"
URL = "/en/meetings/captions/"


def silence(seconds: float) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(16000)
        wav.writeframes(b"\0\0" * int(seconds * 16000))
    return out.getvalue()


def send(client, data: bytes, language: str = "en", **extra):
    piece = SimpleUploadedFile("piece.wav", data, content_type="audio/wav")
    return client.post(URL, {"audio": piece, "language": language}, **extra)


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


@pytest.mark.ai
def test_a_spoken_piece_comes_back_as_its_words(officer_client):
    response = send(officer_client, (ASR / "librispeech-1995-1837-0001.wav").read_bytes())
    assert response.status_code == 200
    text = response.json()["text"].lower()
    assert "sorrow" in text and "life" in text


def test_only_signed_in_officers_may_ask_and_only_with_the_csrf_token(client, officer):
    response = send(client, silence(2))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get(URL).status_code == 302
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(officer)
    assert send(strict, silence(2)).status_code == 403


@pytest.mark.parametrize(
    ("data", "status", "words"),
    [
        (b"\0" * (2 * 1024 * 1024 + 1), 413, "at most 30 seconds and 2 MB"),
        (silence(31), 400, "at most 30 seconds and 2 MB"),
        (b"this is not audio at all" * 10, 400, "could not be read as audio"),
        (b"", 400, "The piece of audio is empty"),
    ],
)
def test_pieces_too_large_too_long_or_not_audio_are_refused_with_a_message(
    officer_client, data, status, words
):
    response = send(officer_client, data)
    assert response.status_code == status
    assert words in response.json()["error"]


def test_an_unknown_language_is_refused(officer_client):
    response = send(officer_client, silence(2), language="klingon")
    assert response.status_code == 400 and "language" in response.json()["error"]


def test_cantonese_captions_need_a_server_that_can_hear_it(officer_client, settings):
    settings.AIPLUS_CANTONESE_TRANSCRIPTION = False
    response = send(officer_client, silence(2), language="yue")
    assert response.status_code == 400
    assert "Cantonese speech recognition server" in response.json()["error"]
    piece = SimpleUploadedFile("piece.wav", silence(2), content_type="audio/wav")
    zh = officer_client.post("/zh-hant/meetings/captions/", {"audio": piece, "language": "yue"})
    assert zh.status_code == 400 and "粵語語音識別伺服器" in zh.json()["error"]


def test_a_piece_that_arrives_while_another_is_captioned_is_skipped(officer_client):
    assert captions._captioning.acquire(blocking=False)
    try:
        response = send(officer_client, silence(2))
    finally:
        captions._captioning.release()
    assert response.status_code == 503 and response.json() == {"skipped": True}


def test_an_officer_may_send_only_so_many_pieces_a_minute(officer_client, monkeypatch):
    monkeypatch.setattr(captions, "PIECES_PER_MINUTE", 3)
    for _ in range(3):
        assert "audio" in send(officer_client, b"not audio").json()["error"]
    response = send(officer_client, b"not audio")
    assert response.status_code == 400 and "Too many" in response.json()["error"]


def test_the_recorders_upload_answers_with_the_meetings_address_or_the_errors(
    officer_client, officer
):
    form = {**details(), "file": SimpleUploadedFile("teams.vtt", VTT.encode())}
    response = officer_client.post("/en/meetings/new/", form, HTTP_ACCEPT="application/json")
    assert response.status_code == 201
    meeting = Meeting.objects.get(owner=officer)
    assert response.json() == {"url": meeting.get_absolute_url()}
    form = {**details(title=""), "file": SimpleUploadedFile("clip.webm", b"not audio")}
    response = officer_client.post("/en/meetings/new/", form, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert any(error.startswith("Title:") for error in errors)
    assert Meeting.objects.count() == 1
