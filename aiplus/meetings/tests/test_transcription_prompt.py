"""Whisper is given the meeting's attendees and agenda as its prompt, so that names are spelt as
the owner wrote them: the same prompt for every piece of a recording, none for a meeting without
them. The transcriber here is an OpenAI-compatible server on 127.0.0.1 that keeps each request."""

import copy
import io
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile

from aiplus.ai.tests.servers import transcription_stand_in
from aiplus.core.jobs.runner import run_job
from aiplus.meetings import transcription
from aiplus.meetings.models import Meeting, TranscriptionJob
from aiplus.meetings.transcription import PROMPT_BUDGET, whisper_prompt

pytestmark = pytest.mark.django_db
CLIP = Path(django_settings.BASE_DIR).parent / "shared" / "data" / "asr"
CLIP = CLIP / "librispeech-1995-1837-0001.wav"


@pytest.fixture
def stand_in(settings):
    with transcription_stand_in() as (url, received):
        ai = copy.deepcopy(settings.AIPLUS_AI)
        ai["transcriber"].update(provider="openai", url=url, model="whisper-base", timeout=10)
        settings.AIPLUS_AI = ai  # the providers are built again from these
        yield received


def transcribe(client, **details) -> Meeting:
    fields = {"title": "Hotline review", "held_on": "2026-11-20", "language": "en", **details}
    upload = SimpleUploadedFile("clip.wav", CLIP.read_bytes())
    assert client.post("/en/meetings/new/", {**fields, "file": upload}).status_code == 302
    meeting = Meeting.objects.latest("pk")
    job = TranscriptionJob.objects.get(meeting=meeting)
    finished = run_job(TranscriptionJob, job.pk)
    assert finished is not None and finished.status == "done", finished
    return meeting


def test_every_piece_is_sent_the_attendees_names_and_the_agenda(
    client, officer, stand_in, monkeypatch
):
    monkeypatch.setattr(transcription, "PIECE_SECONDS", 5.0)  # the 8.7 s clip in two pieces
    client.force_login(officer)
    meeting = transcribe(
        client,
        attendees="Chan Tai-man, Chairman\n+ Ng Ka-ho, Treasury\n- Ho Wing-sze, Systems Manager",
        agenda="1. Hotline backlog\nChatbot pilot",
    )
    prompt = "Chan Tai-man, Ng Ka-ho, Ho Wing-sze. Hotline backlog. Chatbot pilot."
    assert [request.get("prompt") for request in stand_in] == [prompt, prompt]
    assert meeting.segments.count() == 2


def test_a_meeting_without_attendees_or_agenda_sends_no_prompt(client, officer, stand_in):
    client.force_login(officer)
    transcribe(client)
    assert stand_in and all("prompt" not in request for request in stand_in)


def test_the_prompt_is_short_names_first_and_chinese_in_chinese_punctuation():
    many = "\n".join(f"Officer Number {n:03d}, Post" for n in range(60))
    meeting = Meeting(attendees=many, agenda="Hotline backlog", language="en")
    prompt = whisper_prompt(meeting)
    assert len(prompt) <= PROMPT_BUDGET and prompt.startswith("Officer Number 000, ")
    assert "Hotline" not in prompt and "Post" not in prompt
    chinese = Meeting(attendees="陳大文，主席\n黃小明\n陳大文", agenda="熱線積壓", language="yue")
    assert whisper_prompt(chinese) == "陳大文、黃小明。熱線積壓。"
    names = "\n".join(chr(0x4E00 + n) * 3 for n in range(100))  # a Chinese character counts 4
    prompt = whisper_prompt(Meeting(attendees=names, language="zh"))
    assert prompt.startswith("一一一、") and 140 <= len(prompt) <= PROMPT_BUDGET // 4


@pytest.mark.ai
def test_the_command_line_sends_the_attendees_and_agenda_too(stand_in, tmp_path):
    from django.core.management import call_command

    call_command(
        "minutes",
        str(CLIP),
        "--out",
        str(tmp_path),
        "--spoken",
        "en",
        "--attendees",
        "Chan Tai-man, Chairman; - Ho Wing-sze",
        "--agenda",
        "Hotline backlog",
        stdout=io.StringIO(),
    )
    assert [request.get("prompt") for request in stand_in] == [
        "Chan Tai-man, Ho Wing-sze. Hotline backlog."
    ]
    assert (tmp_path / f"{CLIP.stem}.minutes.md").read_text().count("Chan Tai-man") >= 1
    assert not Meeting.objects.exists()
