import re

import pytest

pytestmark = pytest.mark.django_db


def test_root_redirects_to_a_language_prefix(client, home_page):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-HK,zh-Hant;q=0.9")
    assert response.status_code == 302
    assert response["Location"] == "/zh-hant/"


@pytest.mark.parametrize(
    ("prefix", "html_lang", "skip_text"),
    [
        ("en", "en", "Skip to main content"),
        ("zh-hant", "zh-Hant-HK", "跳至主要內容"),
        ("zh-hans", "zh-Hans", "跳至主要内容"),
    ],
)
def test_shell_speaks_the_language_of_the_url(client, home_page, prefix, html_lang, skip_text):
    page = client.get(f"/{prefix}/").content.decode()
    assert f'<html lang="{html_lang}">' in page
    assert skip_text in page
    assert 'href="#main-content"' in page and 'id="main-content"' in page


def test_language_switcher_links_to_the_same_page_in_each_language(client, home_page):
    page = client.get("/zh-hant/").content.decode()
    switcher = page[page.index('class="language-switcher"') :]
    switcher = switcher[: switcher.index("</nav>")]
    assert 'href="/en/"' in switcher and 'href="/zh-hans/"' in switcher
    assert re.search(r'aria-current="true"[^>]*>繁體中文<', switcher)


def test_no_page_loads_anything_from_outside_the_server(client, home_page):
    page = client.get("/en/").content.decode()
    external = re.findall(r'(?:src|href)="(https?:)?//', page)
    assert external == []


def test_security_headers_and_content_security_policy(client, home_page):
    response = client.get("/en/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self';" in csp  # no inline script on public pages
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_health_check_reports_the_database(client):
    assert client.get("/healthz").json() == {"status": "ok"}
