import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_unknown_page_gets_a_styled_bilingual_404(client, home_page):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page
    assert "找不到網頁" in page
    assert "site.css" not in page or "/static/" in page  # styled by the hub's own sheet


def test_404_in_chinese_puts_chinese_first(client, home_page):
    page = client.get("/zh-hant/no-such-page/").content.decode()
    assert page.index("找不到網頁") < page.index("Page not found")


def test_unknown_language_code_ends_in_a_404_not_an_error(client, home_page):
    response = client.get("/fr/about/", follow=True)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_oversized_request_gets_a_400_page(client, home_page, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    response = client.post("/en/accounts/login/", {"username": "x" * 5000, "password": "y"})
    assert response.status_code == 400
    assert "Bad request" in response.content.decode()


def test_unknown_host_gets_a_400_page(home_page):
    response = Client(HTTP_HOST="evil.example").get("/en/")
    assert response.status_code == 400


def test_form_without_csrf_token_is_refused_with_a_clear_page(home_page, officer):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/en/accounts/login/", {"username": "a", "password": "b"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Form expired" in page
    assert "Nothing has been saved" in page


def test_server_error_page_is_styled_and_needs_no_database(rf, settings):
    from aiplus.core.views.errors import server_error

    request = rf.get("/en/")
    response = server_error(request)
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
