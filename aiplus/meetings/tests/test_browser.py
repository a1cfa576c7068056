"""Recording a meeting in headless Chromium, its microphone a real spoken clip (Chromium's fake
capture device): start, pause, resume, the level meter moving, live captions coming back from
the real small Whisper, stop; the page reloaded before the upload (the tab's warning shown, the
recording found again in IndexedDB), then uploaded, the meeting made from it and the browser's
copy cleared. Without JavaScript the page says recording needs it and the form still works.
axe-core checks the page at each stage."""

import shutil
import time
from pathlib import Path

import pytest
from django.conf import settings

from aiplus.core.tests.test_browser import (  # noqa: F401
    AXE_SOURCE,
    chromium,
    describe,
    page,
    run_axe,
    sign_in,
    site,
)
from aiplus.meetings.models import Meeting

pytestmark = [pytest.mark.browser, pytest.mark.ai, pytest.mark.django_db(transaction=True)]
SPEECH = Path(settings.BASE_DIR).parent / "shared/data/asr/librispeech-1995-1837-0001.wav"

COUNT_CHUNKS = """() => new Promise((resolve) => {
    const request = indexedDB.open("aiplus-meetings-recorder", 1);
    request.onsuccess = () => {
        const count = request.result.transaction("chunks").objectStore("chunks").count();
        count.onsuccess = () => resolve(count.result);
    };
})"""


@pytest.fixture(scope="module")
def browser():
    with chromium(
        "--use-fake-ui-for-media-stream",  # the microphone is allowed
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-audio-capture={SPEECH}",  # and it hears this clip
    ) as launched:
        yield launched


def wait_until(page, expression: str, seconds: float = 10) -> None:  # noqa: F811
    """Poll from outside the page (the site's policy forbids the page evaluating strings)."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"never true: {expression}"
        page.wait_for_timeout(100)


def no_violations(page) -> None:  # noqa: F811
    violations = run_axe(page)
    assert violations == [], describe(violations)


def test_record_pause_resume_caption_reload_and_upload(site, page):  # noqa: F811
    sign_in(page, site, "officer")
    page.goto(f"{site}/en/meetings/new/")
    no_violations(page)
    page.get_by_label("Title").fill("Recorded in the browser")
    page.get_by_label("Date").fill("2026-11-20")
    page.get_by_label("Language spoken").select_option("en")
    status = page.locator("[data-recorder-status]")

    page.get_by_role("button", name="Start recording").click()
    wait_until(page, "document.getElementById('recorder-level').value > 0")
    assert status.inner_text() == "Recording."
    for hidden in ("Start recording", "Resume", "Upload the recording"):
        assert page.get_by_role("button", name=hidden).is_hidden()
    page.wait_for_timeout(1500)
    page.get_by_role("button", name="Pause").click()
    assert status.inner_text() == "Paused."
    assert page.get_by_role("button", name="Pause").is_hidden()
    paused_at = page.locator("[data-recorder-elapsed]").inner_text()
    page.wait_for_timeout(1200)
    assert page.locator("[data-recorder-elapsed]").inner_text() == paused_at
    with page.expect_response("**/meetings/captions/", timeout=30_000) as caption:
        page.get_by_role("button", name="Resume").click()
    assert caption.value.status in (200, 503)  # 503: skipped while the last one was out
    captions = page.locator("[data-recorder-captions] p").first
    captions.wait_for(timeout=30_000)
    assert captions.inner_text().strip()
    no_violations(page)  # recording, captions in
    wait_until(page, "document.querySelector('[data-recorder-elapsed]').textContent >= '0:06'")
    page.get_by_role("button", name="Stop").click()
    page.get_by_role("button", name="Upload the recording").wait_for()
    assert "recorded" in status.inner_text()
    assert page.get_by_role("button", name="Stop").is_hidden()
    assert page.evaluate(COUNT_CHUNKS) >= 5  # a chunk a second, kept as it came

    # The tab is closed (reloaded) before the upload: it warns, and nothing is lost.
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    page.reload()
    assert dialogs == ["beforeunload"]
    page.get_by_role("button", name="Upload the recording").wait_for()
    assert "has not been uploaded yet" in status.inner_text()
    assert page.get_by_label("Title").input_value() == "Recorded in the browser"
    no_violations(page)
    page.get_by_role("button", name="Upload the recording").click()
    page.wait_for_url("**/meetings/*-*-*-*-*/", timeout=60_000)

    meeting = Meeting.objects.get(owner__username="officer", title="Recorded in the browser")
    assert meeting.title == "Recorded in the browser" and meeting.source == "audio"
    assert meeting.recording.name.endswith((".webm", ".ogg")) and meeting.recording.size > 10_000
    assert meeting.original_name.startswith("recording.")
    assert page.evaluate(COUNT_CHUNKS) == 0  # cleared once the server had it
    assert page.console_errors == []


def test_without_javascript_or_a_microphone_the_page_says_so_and_the_form_remains(
    site,  # noqa: F811
    browser,
):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    try:
        sign_in(tab, site, "officer")
        tab.goto(f"{site}/en/meetings/new/")
        assert "needs JavaScript" in tab.locator("[data-recorder-message]").inner_text()
        assert tab.get_by_role("button", name="Start recording").is_hidden()
        assert tab.get_by_label("Recording or transcript").is_visible()
    finally:
        context.close()
    # A browser that was not allowed the microphone (Playwright refuses what it is not granted).
    plain = browser.browser_type.launch(
        executable_path=shutil.which("chromium") or shutil.which("chromium-browser"),
        headless=True,
        args=["--no-sandbox", "--disable-gpu"],
    )
    try:
        tab = plain.new_page()
        sign_in(tab, site, "officer")
        tab.goto(f"{site}/zh-hant/meetings/new/")
        tab.get_by_role("button", name="開始錄音").click()
        status = tab.locator("[data-recorder-status]")
        status.get_by_text("瀏覽器無法使用麥克風").wait_for()
        assert tab.get_by_role("button", name="開始錄音").is_enabled()
        assert tab.get_by_label("錄音或文字記錄").is_visible()
    finally:
        plain.close()
