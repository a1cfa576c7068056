"""The default process layout: run_hub starts one model process and points the web and worker
processes at it; configured remote providers are left alone."""

from aiplus.ai.process import env_for_clients, model_server_argv
from aiplus.core.processes import processes


def test_the_model_process_serves_every_local_capability(settings):
    settings.AIPLUS_MODEL_SERVER = True
    argv = model_server_argv()
    assert argv is not None and argv[1:3] == ["-m", "aiplus.ai.tools.server"]
    assert argv[argv.index("--capabilities") + 1] == "transcriber,chat,embedder,speaker"
    env = env_for_clients()
    port = settings.AIPLUS_MODEL_SERVER_PORT
    assert env["AIPLUS_AI_CHAT_PROVIDER"] == "openai"
    assert env["AIPLUS_AI_CHAT_URL"] == f"http://127.0.0.1:{port}/v1"
    assert env["AIPLUS_AI_CHAT_MODEL"] == settings.AIPLUS_AI["chat"]["model"]
    assert "models" in {process.name for process in processes()}


def test_a_remote_provider_is_not_routed_through_the_model_process(settings):
    settings.AIPLUS_MODEL_SERVER = True
    settings.AIPLUS_AI = {
        **settings.AIPLUS_AI,
        "chat": {**settings.AIPLUS_AI["chat"], "provider": "openai", "url": "http://gpu:8000/v1"},
    }
    argv = model_server_argv()
    assert argv is not None and "chat" not in argv[argv.index("--capabilities") + 1]
    assert "AIPLUS_AI_CHAT_URL" not in env_for_clients()


def test_the_model_process_can_be_switched_off(settings):
    settings.AIPLUS_MODEL_SERVER = False
    assert model_server_argv() is None and env_for_clients() == {}


def test_the_status_page_says_a_model_is_still_being_installed_behind_the_model_process(
    settings, tmp_path
):
    """With the model process in front, the web process cannot see the model files: the model
    process tells it whether each model is installed yet."""
    import os
    import subprocess
    import sys

    from aiplus.ai.selectors import capability_status

    from .servers import free_port, wait_until_up

    def status_through_server(models_dir):
        port = free_port()
        env = {**os.environ, "AIPLUS_MODELS_DIR": str(models_dir)}
        argv = [sys.executable, "-m", "aiplus.ai.tools.server", "--port", str(port)]
        server = subprocess.Popen([*argv, "--capabilities", "chat"], env=env)  # noqa: S603
        try:
            wait_until_up(f"http://127.0.0.1:{port}/v1/models", seconds=60, process=server)
            settings.AIPLUS_AI = {
                **settings.AIPLUS_AI,
                "chat": {
                    **settings.AIPLUS_AI["chat"],
                    "provider": "openai",
                    "url": f"http://127.0.0.1:{port}/v1",
                },
            }
            return capability_status(capability="chat")
        finally:
            server.terminate()
            server.wait(timeout=10)

    missing = status_through_server(tmp_path)  # an empty models folder
    assert not missing.ready and "still being installed" in missing.detail
    installed = status_through_server(settings.AIPLUS_MODELS_DIR)
    assert installed.ready
