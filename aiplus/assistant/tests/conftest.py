import copy
import json
import threading
from contextlib import suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from aiplus.assistant.models import Assistant, KnowledgeItem
from aiplus.assistant.services import save_item
from aiplus.search.indexing import reindex_all

FAQ = [
    (
        "How do I register for a seminar?",
        "Open Events, choose the seminar and press Register. A full event puts you on the "
        "waitlist.",
        "如何報名參加研討會？",
        "打開「活動」，選擇研討會後按「報名」。活動已滿額時你會加入候補名單。",
    ),
    (
        "How long are meeting recordings kept?",
        "Recordings are deleted 30 days after upload. Transcripts and minutes are kept.",
        "會議錄音會保留多久？",
        "錄音會在上載後 30 日刪除。文字紀錄及會議記錄會保留。",
    ),
]
DOCUMENT = (
    "Refuse collection points in Sai Kung are emptied twice a day, at 7 am and 6 pm. "
    "Bulky waste is collected on Tuesdays by appointment through the hotline 2868 0000. "
    "Details are at https://www.example.gov.hk/refuse."
)


class ScriptedChat:
    """An OpenAI-compatible chat server on 127.0.0.1 that streams a set answer, in small
    pieces, as server-sent events, and replies `choice` to a request that is not streamed (the
    action's choice); it records the requests it was sent."""

    def __init__(self) -> None:
        self.answer = ""
        self.choice = '{"action": "none"}'
        self.prompts: list[list[dict]] = []
        self.requests: list[dict] = []

    def start(self) -> str:
        scripted = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)))
                scripted.requests.append(body)
                if not body.get("stream"):
                    reply = {"choices": [{"message": {"content": scripted.choice}}]}
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.end_headers()
                    self.wfile.write(json.dumps(reply).encode())
                    return
                scripted.prompts.append(body["messages"])
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                text = scripted.answer
                with suppress(BrokenPipeError):
                    for start in range(0, len(text), 7):
                        chunk = {"choices": [{"delta": {"content": text[start : start + 7]}}]}
                        self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                    self.wfile.write(b"data: [DONE]\n\n")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.server.server_port}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def scripted_chat(settings):
    chat = ScriptedChat()
    url = chat.start()
    ai = copy.deepcopy(settings.AIPLUS_AI)
    ai["chat"] = {**ai["chat"], "provider": "openai", "url": url, "model": "scripted"}
    settings.AIPLUS_AI = ai
    yield chat
    chat.stop()


def make_assistant(slug="help", *, public=True, hub=False, **kwargs) -> Assistant:
    assistant = Assistant.objects.create(
        slug=slug,
        name=f"{slug} assistant",
        scope="events, meeting recordings and refuse collection",
        is_public=public,
        uses_hub_content=hub,
        **kwargs,
    )
    for question, answer, question_zh, answer_zh in FAQ:
        save_item(
            KnowledgeItem(
                assistant=assistant,
                title=question,
                body=answer,
                title_zh_hant=question_zh,
                body_zh_hant=answer_zh,
            )
        )
    save_item(
        KnowledgeItem(
            assistant=assistant,
            kind="document",
            title="Refuse collection in Sai Kung",
            body=DOCUMENT,
        )
    )
    return assistant


@pytest.fixture
def assistant(db):
    made = make_assistant()
    reindex_all()
    return made
