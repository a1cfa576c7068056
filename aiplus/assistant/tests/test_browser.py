"""The assistant in headless Chromium: asking through the page (the FAQ tier at once, a model
answer streamed in under the site's Content Security Policy), the widget on another site's
page, and axe-core on every page, for visitors, officers and editors."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from aiplus.assistant.models import Assistant, Exchange
from aiplus.core.tests.test_browser import (  # noqa: F401
    browser,
    check_page,
    describe,
    page,
    run_axe,
    sign_in,
    site,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def ask_in_page(tab, question: str) -> None:
    tab.get_by_label("Your question").fill(question)
    tab.get_by_role("button", name="Ask", exact=True).click()


def test_a_visitor_asks_then_officer_and_editor_pages(site, page):  # noqa: F811
    check_page(page, f"{site}/en/assistant/")
    check_page(page, f"{site}/en/assistant/ai-plus-enquiries/")
    ask_in_page(page, "Who organised the first AI+ technology forum?")
    page.locator(".assistant-exchange__status").wait_for()
    assert "Cyberport" in page.locator(".assistant-exchange__answer").inner_text()
    violations = run_axe(page)  # the page as it is with the answer in it
    assert violations == [], describe(violations)
    check_page(page, f"{site}/zh-hant/assistant/ai-plus-enquiries/sources/")
    sign_in(page, site, "officer")
    check_page(page, f"{site}/zh-hant/assistant/hub-help/")
    page.context.clear_cookies()
    sign_in(page, site, "editor")
    for path in [
        "/en/assistant/hub-help/manage/",
        "/zh-hant/assistant/hub-help/manage/insights/",
        "/en/assistant/enquiries/",
    ]:
        check_page(page, site + path)


def test_a_model_answer_streams_in_under_the_sites_policy(site, page, scripted_chat):  # noqa: F811
    assistant = Assistant.objects.get(slug="ai-plus-enquiries")
    assistant.knowledge.all().delete()  # no FAQ tier: the model must write
    from aiplus.assistant.models import KnowledgeItem
    from aiplus.assistant.services import save_item
    from aiplus.search.indexing import reindex_all

    save_item(
        KnowledgeItem(
            assistant=assistant,
            kind="document",
            title="Forum venue",
            body="The forum is held at the Cyberport Conference Centre. Doors open at 9 am.",
        )
    )
    reindex_all()
    scripted_chat.answer = "The forum is held at the Cyberport Conference Centre. It is free."
    page.goto(f"{site}/en/assistant/ai-plus-enquiries/")
    ask_in_page(page, "Where is the forum held?")
    page.locator(".assistant-exchange__status").wait_for()
    answer = page.locator(".assistant-exchange__answer").inner_text()
    assert "Cyberport Conference Centre" in answer
    assert "It is free" not in answer
    assert page.console_errors == []
    assert Exchange.objects.get().status == "partly"


def test_the_widget_opens_on_an_allowed_site_and_answers(site, page, live_server):  # noqa: F811
    script = f"{site}/en/assistant/ai-plus-enquiries/widget.js"

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            body = (
                '<!DOCTYPE html><html lang="en"><head><title>A department</title></head>'
                f'<body><main><h1>A department</h1></main><script src="{script}"></script>'
                "</body></html>"
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    department = f"http://127.0.0.1:{server.server_port}"
    try:
        Assistant.objects.filter(slug="ai-plus-enquiries").update(allowed_origins=department)
        page.goto(department)
        page.get_by_role("button", name="AI+ enquiries").click()
        frame = page.frame_locator("iframe[title='AI+ enquiries']")
        frame.get_by_label("Your question").fill("When was the first AI+ technology forum held?")
        frame.get_by_role("button", name="Ask", exact=True).click()
        frame.locator(".assistant-exchange__status").wait_for()
        assert "8 August" in frame.locator(".assistant-exchange__answer").inner_text()
        page.keyboard.press("Escape")
        Assistant.objects.filter(slug="ai-plus-enquiries").update(allowed_origins="")
        page.goto(department)
        page.get_by_role("button", name="AI+ enquiries").click()
        blocked = page.frame_locator("iframe[title='AI+ enquiries']")
        assert blocked.get_by_label("Your question").count() == 0  # refused by frame-ancestors
    finally:
        server.shutdown()
        server.server_close()
