"""Voice: the mouth track follows the synthesised audio (closed in silence, lips shut on p, b
and m), answers are spoken in their language, and a spoken question comes back as text."""

import base64
import io
import wave

import numpy as np
import pytest
from django.urls import reverse

from aiplus.ai.local.espeak import EspeakSpeaker
from aiplus.assistant import voice

from .test_pages import post_question

pytestmark = pytest.mark.django_db


def test_the_mouth_rests_in_silence_and_takes_the_phonemes_shapes_in_order_while_sounding():
    rate = 16_000
    tone = 0.5 * np.sin(np.linspace(0, 2 * np.pi * 220 * 0.4, int(rate * 0.4)))
    silence = np.zeros(int(rate * 0.3))
    pcm = np.concatenate([silence, tone, silence, tone, silence]).astype(np.float32)
    track = voice.mouth_track(pcm, rate, ["m", "a", "u", "i"])
    assert track[:6] == ["rest"] * 6 and track[-6:] == ["rest"] * 6
    assert track[14:20] == ["rest"] * 6  # the pause between the two sounds
    sounding = [shape for shape in track if shape != "rest"]
    assert len(sounding) == 16
    assert sounding[0] == "closed" and sounding[-1] == "wide"
    assert sounding.index("open") < sounding.index("round") < sounding.index("wide")


def test_silence_alone_keeps_the_mouth_closed():
    assert set(voice.mouth_track(np.zeros(16_000, dtype=np.float32), 16_000, ["a"])) == {"rest"}


def test_an_answer_is_spoken_with_a_mouth_track_that_follows_the_audio(
    client, assistant, scripted_chat
):
    post_question(client, assistant, "How long are meeting recordings kept?")
    from aiplus.assistant.models import Exchange

    exchange = Exchange.objects.get()
    data = client.get(reverse("assistant:speech", args=[exchange.uid])).json()
    with wave.open(io.BytesIO(base64.b64decode(data["audio"]))) as audio:
        rate = audio.getframerate()
        pcm = np.frombuffer(audio.readframes(audio.getnframes()), dtype="<i2") / 32768
    frame = int(rate * data["frame_seconds"])
    assert abs(len(data["shapes"]) - int(np.ceil(len(pcm) / frame))) <= 1
    levels = [
        np.sqrt(np.mean(pcm[i * frame : (i + 1) * frame] ** 2)) for i in range(len(data["shapes"]))
    ]
    loudest = max(levels)
    for level, shape in zip(levels, data["shapes"], strict=False):
        if level < loudest * 0.05:
            assert shape == "rest"
    assert len(set(data["shapes"]) - {"rest"}) >= 3
    assert "closed" in data["shapes"]  # "meeting", "minutes": the lips shut for m


def test_a_chinese_answer_is_spoken_by_a_chinese_voice(client, assistant, scripted_chat):
    post_question(client, assistant, "會議錄音會保留多久？")
    from aiplus.assistant.models import Exchange

    exchange = Exchange.objects.get()
    assert exchange.language == "zh-hant"
    data = client.get(reverse("assistant:speech", args=[exchange.uid])).json()
    assert len(base64.b64decode(data["audio"])) > 10_000


@pytest.mark.ai
def test_a_spoken_question_comes_back_as_text(client, assistant):
    speech = EspeakSpeaker().speak("How do I register for a seminar?")
    upload = io.BytesIO(speech.wav())
    upload.name = "question.wav"
    response = client.post(reverse("assistant:listen", args=[assistant.slug]), {"audio": upload})
    text = response.json()["text"].lower()
    assert "register" in text and "seminar" in text


def test_a_recording_that_is_not_audio_gets_a_clear_message(client, assistant):
    upload = io.BytesIO(b"this is not audio at all")
    upload.name = "question.webm"
    response = client.post(reverse("assistant:listen", args=[assistant.slug]), {"audio": upload})
    assert response.status_code == 400
    assert "audio" in response.json()["error"]
