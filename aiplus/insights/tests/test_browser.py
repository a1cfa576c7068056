"""The dashboard in headless Chromium with axe-core: an officer's own B/D page and DPO's
overall page, in English and Traditional Chinese (the demo data rolled up)."""

import pytest

from aiplus.core.tests.test_browser import browser, check_page, page, sign_in, site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
__all__ = ["browser", "page", "site"]


def test_the_dashboard_pages_have_no_serious_accessibility_violations(site, page):
    sign_in(page, site, "officer")
    for path in ("/en/insights/", "/zh-hant/insights/?period=month"):
        check_page(page, site + path)
    page.context.clear_cookies()
    sign_in(page, site, "advisor")
    for path in (
        "/en/insights/?period=quarter",
        "/zh-hant/insights/?period=custom&from=2005-01-01&to=2030-01-01",
        "/en/insights/figures/downloads/",
        "/zh-hant/insights/figures/advice_opened/records/?period=year",
        "/en/insights/figures/event_attendance/records/?period=custom&from=2020-01-01&to=2030-01-01",
        "/en/insights/reports/",
    ):
        check_page(page, site + path)
