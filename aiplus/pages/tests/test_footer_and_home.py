"""The footer links to the editable contact, accessibility, privacy and important notices
pages in the reader's language; the home page promises only what the hub has."""

import pytest

from aiplus.pages import demo
from aiplus.pages.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_pages():
    demo.load(log=lambda line: None)


@pytest.mark.parametrize(
    ("language", "titles"),
    [
        ("en", ["Contact us", "Accessibility statement", "Privacy policy", "Important notices"]),
        ("zh-hant", ["聯絡我們", "無障礙聲明", "私隱政策", "重要告示"]),
        ("zh-hans", ["联络我们", "无障碍声明", "私隐政策", "重要告示"]),
    ],
)
def test_every_page_footer_links_the_notice_pages(client, demo_pages, language, titles):
    html = client.get(f"/{language}/").content.decode()
    footer = html[html.index('class="site-footer"') :]
    assert [title in footer for title in titles] == [True] * 4
    assert f'href="/{language}/privacy/"' in footer
    assert client.get(f"/{language}/privacy/").status_code == 200


def test_a_page_leaves_the_footer_when_an_editor_unticks_it(client, demo_pages):
    page = StandardPage.objects.get(slug="privacy")
    page.show_in_footer = False
    page.save_revision().publish()
    footer = client.get("/en/").content.decode().split('class="site-footer"')[1]
    assert "Privacy policy" not in footer and "Contact us" in footer


def test_the_home_page_promises_only_what_exists(client, demo_pages):
    html = client.get("/en/").content.decode()
    assert "Digital Assistant" not in html  # not built yet
    # What exists is reachable from every page's navigation.
    assert 'href="/en/meetings/"' in html and 'href="/en/events/"' in html


def test_the_site_has_a_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("favicon.svg")
    html = client.get("/en/accounts/login/").content.decode()
    assert 'rel="icon"' in html
