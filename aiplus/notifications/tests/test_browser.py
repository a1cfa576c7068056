"""The inbox and the settings page in headless Chromium, checked with axe-core like every other
page of the hub (see aiplus/core/tests/test_browser.py)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from aiplus.core.tests.test_browser import (  # noqa: F401 (fixtures)
    browser,
    check_page,
    page,
    sign_in,
    site,
)
from aiplus.notifications.models import Notification
from aiplus.notifications.services import notify
from aiplus.notifications.tests.conftest import REMINDER

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_inbox_and_settings_have_no_serious_accessibility_violations(site, page):  # noqa: F811
    officer = get_user_model().objects.get(username="officer")
    # The demo content already told the officer things; start from an empty unread count.
    Notification.objects.filter(recipient=officer).update(read_at=timezone.now())
    notify(
        recipients=[officer],
        kind=REMINDER,
        subject="Seminar on meeting minutes tomorrow",
        body="The seminar starts at 10:00 in the Central Government Offices.",
        url="/en/resources/",
        send_email=False,
    )
    notify(recipients=[officer], kind=REMINDER, subject="Your account", send_email=False)
    sign_in(page, site, "officer")

    assert page.locator(".site-header__badge").inner_text().strip() == "2"
    check_page(page, f"{site}/en/notifications/")
    check_page(page, f"{site}/zh-hant/notifications/")
    check_page(page, f"{site}/en/notifications/settings/")
    check_page(page, f"{site}/zh-hant/notifications/settings/")

    page.goto(f"{site}/en/notifications/")
    page.get_by_role("button", name=re.compile(r"^Mark as read\W+Your account$")).click()
    page.wait_for_load_state()
    assert page.locator(".site-header__badge").inner_text().strip() == "1"
    page.get_by_role("link", name="Seminar on meeting minutes tomorrow").click()
    page.wait_for_url(f"{site}/en/resources/")
    assert page.locator(".site-header__badge").count() == 0
