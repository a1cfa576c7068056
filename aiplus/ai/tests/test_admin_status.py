"""The AI status page: administrators only, one row per capability, and a live check."""

import pytest

pytestmark = pytest.mark.django_db

URL = "/admin/ai/"


def test_editors_cannot_see_the_ai_status_page(client, editor):
    client.force_login(editor)
    assert client.get(URL).status_code in (302, 403)
    assert URL not in client.get("/admin/").content.decode()


def test_administrators_see_every_capability(client, administrator):
    client.force_login(administrator)
    assert URL in client.get("/admin/").content.decode()  # in the Settings menu
    page = client.get(URL).content.decode()
    for label in ("Speech to text", "Language model", "Text embeddings", "Text to speech"):
        assert label in page
    assert "Whisper tiny.en" in page and "Run live check" in page


def test_an_unreachable_model_server_is_shown_as_such(client, administrator, settings):
    settings.AIPLUS_AI = {
        **settings.AIPLUS_AI,
        "chat": {**settings.AIPLUS_AI["chat"], "provider": "openai", "url": "http://127.0.0.1:9"},
    }
    client.force_login(administrator)
    page = client.get(URL).content.decode()
    assert "Not reachable" in page
    response = client.post(URL, {"capability": "chat"})
    assert "Live check failed" in response.content.decode()
    assert "could not be reached" in response.content.decode()


@pytest.mark.ai
def test_the_live_check_runs_the_model(client, administrator):
    client.force_login(administrator)
    page = client.post(URL, {"capability": "embedder"}).content.decode()
    assert "Live check passed" in page and "512 dimensions" in page


@pytest.mark.ai
def test_the_transcriber_live_check_hears_the_test_sentence(client, administrator):
    client.force_login(administrator)
    page = client.post(URL, {"capability": "transcriber"}).content.decode()
    assert "Live check passed" in page and "short test" in page.lower()


def test_an_unknown_capability_is_refused(client, administrator):
    client.force_login(administrator)
    assert client.post(URL, {"capability": "telepathy"}).status_code == 400
