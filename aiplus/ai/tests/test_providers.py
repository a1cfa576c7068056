"""Settings choose the adapter per capability; missing models and bad settings say so."""

import pytest

from aiplus.ai import providers
from aiplus.ai.exceptions import ModelNotInstalledError, ProviderConfigurationError
from aiplus.ai.remote.adapters import OpenAIChatModel, OpenAITranscriber


def _with(settings, capability, **changes):
    settings.AIPLUS_AI = {
        **settings.AIPLUS_AI,
        capability: {**settings.AIPLUS_AI[capability], **changes},
    }


def test_an_openai_provider_gets_the_http_adapter(settings):
    _with(settings, "chat", provider="openai", url="http://models.internal:8101/v1", model="qwen")
    _with(settings, "transcriber", provider="openai", url="http://models.internal:8100")
    model = providers.get_chat_model()
    assert isinstance(model, OpenAIChatModel) and model.name == "qwen"
    assert model.client.url("chat/completions") == "http://models.internal:8101/v1/chat/completions"
    assert isinstance(providers.get_transcriber(), OpenAITranscriber)
    assert providers.is_loaded("chat")


def test_a_model_that_is_not_installed_says_so(settings, tmp_path):
    settings.AIPLUS_MODELS_DIR = tmp_path
    with pytest.raises(ModelNotInstalledError) as error:
        providers.get_embedder()
    assert "make models" in str(error.value)
    assert not providers.is_loaded("embedder")


@pytest.mark.parametrize(
    "changes",
    [
        {"provider": "carrier-pigeon"},
        {"provider": "local", "model": "usem3"},  # an embedder asked to chat
        {"provider": "openai", "url": "models.internal:8101"},  # no scheme
    ],
)
def test_bad_settings_are_reported(settings, changes):
    _with(settings, "chat", **changes)
    with pytest.raises(ProviderConfigurationError):
        providers.get_chat_model()


def test_settings_changes_drop_loaded_adapters(settings):
    _with(settings, "chat", provider="openai", url="http://a:1")
    first = providers.get_chat_model()
    _with(settings, "chat", provider="openai", url="http://b:1")
    assert providers.get_chat_model() is not first


@pytest.mark.django_db
def test_the_status_page_says_a_model_is_getting_ready(client, administrator, settings, tmp_path):
    settings.AIPLUS_MODELS_DIR = tmp_path
    (tmp_path / ".install.log").write_text("whisper-base: fetching 2 package(s)\n")
    client.force_login(administrator)
    page = client.get("/admin/ai/").content.decode()
    assert "Getting ready: not installed yet" in page
    assert "whisper-base: fetching 2 package(s)" in page
