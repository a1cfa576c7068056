"""The real site in headless Chromium: sign in, switch language, and check every main page with
axe-core. Any serious or critical accessibility violation fails the test."""

import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from aiplus.core.demo import DEMO_PASSWORD, load_all
from aiplus.core.i18n import to_simplified

# Playwright's sync API runs an event loop in this thread; the ORM calls below are still
# synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[3]
AXE_SOURCE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = os.environ.get("AIPLUS_SCREENSHOTS")

# A live-server test runs outside a transaction and leaves an empty (flushed) database behind;
# the demo loader rebuilds what it needs, Wagtail's page tree included.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = [
    "/en/",
    "/zh-hant/",
    "/zh-hans/",
    "/en/about/",
    "/zh-hant/about/",
    "/en/privacy/",
    "/zh-hant/accessibility/",
    "/en/accounts/login/",
    "/zh-hant/accounts/login/",
    "/en/no-such-page/",
    "/zh-hant/no-such-page/",
    "/en/solutions/",
    "/zh-hant/solutions/?task=chatbot&language=english",
    "/en/solutions/minutemate/",
    "/zh-hans/solutions/askgov-assistant/",
    "/en/solutions/compare/?s=minutemate&s=courtscribe&s=formreader",
    "/en/cases/",
    "/zh-hant/cases/",
    "/en/cases/?collection=inventory",
    "/zh-hant/cases/csb-meeting-minutes/",
    "/en/resources/",
    "/zh-hant/resources/",
    "/en/search/?q=meeting+minutes",
    "/zh-hant/search/?q=會議記錄",
    "/zh-hans/search/?q=minuets",
    "/en/search/?q=nothing-matches-this",
    "/en/events/",
    "/zh-hant/events/?kind=forum",
    "/zh-hant/events/past/",
]
SIGNED_IN_PAGES = [
    "/en/accounts/profile/",
    "/zh-hant/accounts/profile/",
    "/en/accounts/password/",
    "/en/solutions/shortlist/",
    "/en/meetings/",
    "/zh-hant/meetings/",
    "/zh-hant/meetings/new/",
    "/en/events/mine/",
    "/zh-hant/events/requests/",
    "/en/events/digest/",
    "/zh-hant/events/digest/",
    "/zh-hant/events/briefings/",
    "/en/advice/",
    "/zh-hant/advice/",
    "/en/advice/new/?solution=minutemate",
    "/zh-hant/advice/new/",
]
VENDOR_PAGES = ["/en/solutions/vendor/", "/zh-hant/solutions/vendor/new/"]


@contextmanager
def chromium(*extra_args: str) -> Iterator:
    """Debian's Chromium, headless, with axe-core at hand; `extra_args` for a test's own needs
    (a fake microphone)."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.fail("Chromium is missing: run `make browser` (Debian's chromium package)")
    if not AXE_SOURCE.exists():
        pytest.fail("axe-core is missing: run `npm ci`")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                *extra_args,
            ],
        )
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


@pytest.fixture
def site(live_server):
    load_all(log=lambda line: None)
    return live_server.url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    yield page
    context.close()


def run_axe(page) -> list[dict]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',
                                            'best-practice']}
        })"""
    )
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def describe(violations: list[dict]) -> str:
    return json.dumps(
        [
            {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"][:3]]}
            for v in violations
        ],
        indent=2,
        ensure_ascii=False,
    )


def check_page(page, url: str) -> None:
    page.goto(url)
    if SCREENSHOTS:
        name = url.split("//", 1)[1].split("/", 1)[1].replace("/", "_") or "root"
        page.screenshot(path=f"{SCREENSHOTS}/{name}.png", full_page=True)
    violations = run_axe(page)
    assert violations == [], f"{url}\n{describe(violations)}"
    # A blocked script or style shows up as a console error: the CSP and the page must agree.
    errors = [e for e in page.console_errors if "404" not in e]
    assert errors == [], f"{url}: {errors}"


def sign_in(page, site: str, username: str) -> None:
    page.goto(f"{site}/en/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{site}/en/accounts/profile/")


def test_public_pages_have_no_serious_accessibility_violations(site, page):
    for path in PUBLIC_PAGES:
        check_page(page, site + path)


def test_sign_in_switch_language_and_check_signed_in_pages(site, page):
    sign_in(page, site, "officer")
    assert page.locator("h1").inner_text() == "Your account"

    page.get_by_role("link", name="繁體中文").click()
    page.wait_for_url(f"{site}/zh-hant/accounts/profile/")
    assert page.locator("html").get_attribute("lang") == "zh-Hant-HK"
    assert page.locator("h1").inner_text() == "你的帳戶"

    page.get_by_role("link", name="简体中文").click()
    page.wait_for_url(f"{site}/zh-hans/accounts/profile/")
    assert page.locator("h1").inner_text() == to_simplified("你的帳戶")

    for path in SIGNED_IN_PAGES:
        check_page(page, site + path)
    check_meeting_pages(page, site)
    from aiplus.events.models import Event

    forum = Event.objects.filter(live=True, kind=Event.Kind.FORUM).first()
    check_page(page, f"{site}/zh-hant/events/{forum.pk}/questions/")


def check_meeting_pages(page, site: str) -> None:
    """The demo meeting, and minutes laid out from a draft (no model run needed here)."""
    from aiplus.meetings import drafting, layout
    from aiplus.meetings.models import Meeting, Minutes

    meeting = Meeting.objects.get(owner__username="officer")
    draft = drafting.Draft(
        points=[drafting.Item("The backlog fell to five hundred e-mails.", [2], agenda_item=1)],
        decisions=[drafting.Item("The pilot uses anonymised questions only.", [10], 2)],
        actions=[drafting.Item("Draft standard replies", [4, 5], owner="Lee Ka-yan", due="Fri")],
    )
    for language in ("en", "zh-hant"):
        text = layout.render(meeting, draft, template="formal", language=language)
        minutes = Minutes.objects.create(
            meeting=meeting, language=language, text=text, status=Minutes.Status.DRAFT
        )
        check_page(page, f"{site}/{language}/meetings/{meeting.uid}/")
        check_page(page, f"{site}/{language}/meetings/{meeting.uid}/minutes/{minutes.pk}/")


def test_advice_pages_for_the_bd_and_for_dpo(site, page):
    """The demo requests and briefing as their B/D sees them, then DPO's queue, working view
    and briefings."""
    from aiplus.advice.models import AdviceRequest

    waiting = AdviceRequest.objects.get(status="awaiting_bd")
    late = AdviceRequest.objects.get(status="in_progress")
    sign_in(page, site, "officer")
    for language in ("en", "zh-hant"):
        check_page(page, f"{site}/{language}/advice/{waiting.pk}/")
    from aiplus.events.models import Briefing

    check_page(page, f"{site}/zh-hant/events/briefings/{Briefing.objects.get().pk}/")
    page.context.clear_cookies()  # sign out
    sign_in(page, site, "advisor")
    for path in [
        "/en/advice/queue/",
        "/zh-hant/advice/queue/?overdue=1",
        "/en/advice/",
        "/en/events/briefings/",
        "/zh-hant/events/briefings/new/",
    ]:
        check_page(page, site + path)
    for language in ("en", "zh-hant"):
        check_page(page, f"{site}/{language}/advice/{late.pk}/")


def test_resource_pages_and_vendor_pages(site, page):
    from aiplus.events.models import Event
    from aiplus.resources.models import Resource

    for event in Event.objects.filter(live=True)[:2]:
        check_page(page, f"{site}/en/events/{event.pk}/")
        check_page(page, f"{site}/zh-hant/events/{event.pk}/")

    public = Resource.objects.filter(visibility="public").first()
    check_page(page, f"{site}/en/resources/{public.pk}/")
    check_page(page, f"{site}/zh-hant/resources/{public.pk}/")
    sign_in(page, site, "vendor")
    for path in VENDOR_PAGES:
        check_page(page, site + path)


def test_catalogue_filters_update_the_results_in_place(site, page):
    page.goto(f"{site}/en/solutions/")
    heading = page.locator("#results-heading")
    total = heading.inner_text()
    page.get_by_label("Cantonese speech", exact=False).first.check()
    page.wait_for_url("**language=cantonese-speech**")
    assert heading.inner_text() != total
    assert "Cantonese" in page.locator(".listing__filters").inner_text()


def test_keyboard_user_reaches_main_content_with_the_skip_link(site, page):
    page.goto(f"{site}/en/about/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.bounding_box()["y"] >= 0  # visible once focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


def test_small_screens_do_not_scroll_sideways(site, browser):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    for path in ["/en/", "/zh-hant/about/", "/en/accounts/login/"]:
        page.goto(site + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} overflows by {overflow}px"
    context.close()


def test_the_api_documentation_renders_from_the_hub_itself(site, page):
    """Swagger UI comes from the hub's static files, allowed by the strict CSP."""
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{site}/api/v1/docs")
    page.wait_for_selector(".swagger-ui .info .title", timeout=15_000)
    assert "AI+ Hub API" in page.locator(".swagger-ui .info .title").inner_text()
    assert all(url.startswith(site) or url.startswith("data:") for url in requested), requested
    errors = [e for e in page.console_errors if "404" not in e]
    assert errors == [], errors


def test_on_a_phone_the_navigation_folds_behind_a_menu_button(site, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{site}/zh-hant/")
    menu = page.get_by_role("button", name="選單")
    links = page.locator("#site-nav-list")
    assert menu.is_visible() and not links.is_visible()
    menu.click()
    assert menu.get_attribute("aria-expanded") == "true" and links.is_visible()
    page.set_viewport_size({"width": 1280, "height": 900})
    assert not menu.is_visible() and links.is_visible()  # desktops always show it
    context.close()


def test_on_a_phone_the_catalogue_filters_fold_behind_a_button(site, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{site}/en/solutions/")
    button = page.get_by_role("button", name="Filters", exact=True)
    filters = page.locator("#catalogue-filters")
    results = page.locator("#results-heading")
    assert button.is_visible() and not filters.is_visible()
    assert results.bounding_box()["y"] < 844  # the first results are on the first screen
    button.click()
    assert filters.is_visible()
    page.get_by_label("Cantonese speech", exact=False).first.check()
    page.wait_for_url("**language=cantonese-speech**")
    assert "some applied" in page.locator(".listing__filters-toggle").inner_text()
    context.close()
