"""The inbox, the header count and the settings page, through real requests. A user only ever
sees and marks their own notifications."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from aiplus.notifications import kinds
from aiplus.notifications.models import Notification, NotificationPreference
from aiplus.notifications.services import notify
from aiplus.notifications.tests.conftest import DIGEST, REMINDER, set_preferences

pytestmark = pytest.mark.django_db


def make(user, title, *, url="", read=False, created=None):
    [row] = notify(recipients=[user], kind=REMINDER, subject=title, url=url, send_email=False)
    Notification.objects.filter(pk=row.pk).update(
        read_at=timezone.now() if read else None, created_at=created or timezone.now()
    )
    row.refresh_from_db()
    return row


@pytest.fixture
def reader(make_user, client):
    user = make_user()
    client.force_login(user)
    return user


def test_the_inbox_lists_my_notifications_newest_first_with_unread_ones_marked(
    client, reader, make_user
):
    now = timezone.now()
    make(reader, "Older and read", read=True, created=now - timezone.timedelta(days=2))
    make(reader, "Newer and unread", created=now - timezone.timedelta(hours=1))
    make(make_user(), "Someone else's")

    page = client.get("/en/notifications/").content.decode()

    assert page.index("Newer and unread") < page.index("Older and read")
    assert "Someone else&#x27;s" not in page and "Someone else's" not in page
    cards = re.findall(r'<article class="card notification([^"]*)"', page)
    assert cards == [" notification--unread", ""]
    assert "You have 1 unread notification." in page
    assert "Mark all as read" in page


def test_an_empty_inbox_says_so(client, reader):
    page = client.get("/zh-hant/notifications/").content.decode()
    assert '<html lang="zh-Hant-HK">' in page
    assert "Mark all as read" not in page


def test_the_header_shows_my_unread_count(client, reader, make_user):
    make(reader, "One")
    make(reader, "Two")
    make(reader, "Seen", read=True)
    make(make_user(), "Not mine")

    page = client.get("/en/accounts/profile/").content.decode()
    header = page[page.index('class="site-header__account"') : page.index("</header>")]
    assert 'href="/en/notifications/"' in header
    assert re.search(r'class="site-header__badge" aria-hidden="true">\s*2\s*</span>', header)
    assert "(2 unread)" in header

    client.post("/en/notifications/read-all/")
    header = client.get("/en/accounts/profile/").content.decode()
    assert "site-header__badge" not in header


def test_the_header_count_is_one_query_and_none_for_visitors(client, make_user, home_page):
    with CaptureQueriesContext(connection) as visitor:
        assert client.get("/en/").status_code == 200
    assert not [q for q in visitor.captured_queries if "notifications_notification" in q["sql"]]
    assert "/en/notifications/" not in client.get("/en/").content.decode()

    user = make_user()
    make(user, "Unread")
    client.force_login(user)
    with CaptureQueriesContext(connection) as signed_in:
        page = client.get("/en/").content.decode()
    counts = [q for q in signed_in.captured_queries if "notifications_notification" in q["sql"]]
    assert len(counts) == 1
    assert "(1 unread)" in page


def test_the_profile_page_links_to_the_settings(client, reader):
    page = client.get("/en/accounts/profile/").content.decode()
    assert 'href="/en/notifications/settings/"' in page


def test_opening_a_notification_marks_it_read_and_follows_its_link_in_my_language(client, reader):
    row = make(reader, "Go there", url="/en/resources/")
    response = client.get(f"/zh-hant/notifications/{row.pk}/open/")
    assert response.status_code == 302
    assert response["Location"] == "/zh-hant/resources/"
    row.refresh_from_db()
    assert row.read_at is not None

    without_link = make(reader, "Nowhere to go")
    response = client.get(f"/en/notifications/{without_link.pk}/open/")
    assert response["Location"] == "/en/notifications/"


def test_marking_one_as_read_needs_a_post(client, reader):
    row = make(reader, "Read me")
    assert client.get(f"/en/notifications/{row.pk}/read/").status_code == 405
    response = client.post(f"/en/notifications/{row.pk}/read/", {"page": "2"})
    assert response.status_code == 302
    assert response["Location"] == "/en/notifications/?page=2"
    row.refresh_from_db()
    assert row.is_read
    assert client.post("/en/notifications/read-all/", {"page": "x"})["Location"] == (
        "/en/notifications/"
    )


def test_marking_as_read_needs_the_csrf_token(reader):
    row = make(reader, "Protected")
    client = Client(enforce_csrf_checks=True)
    client.force_login(reader)
    assert client.post(f"/en/notifications/{row.pk}/read/").status_code == 403
    assert client.post("/en/notifications/read-all/").status_code == 403
    row.refresh_from_db()
    assert not row.is_read


def test_another_users_notification_is_404_on_every_url(client, reader, make_user):
    theirs = make(make_user(), "Not yours", url="/en/resources/")
    assert client.get(f"/en/notifications/{theirs.pk}/open/").status_code == 404
    assert client.post(f"/en/notifications/{theirs.pk}/read/").status_code == 404
    missing = theirs.pk + 1000
    assert client.get(f"/en/notifications/{missing}/open/").status_code == 404
    assert client.post(f"/en/notifications/{missing}/read/").status_code == 404
    mine = make(reader, "Mine")
    client.post("/en/notifications/read-all/")
    theirs.refresh_from_db()
    mine.refresh_from_db()
    assert theirs.read_at is None and mine.read_at is not None


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/en/notifications/"),
        ("get", "/en/notifications/settings/"),
        ("get", "/en/notifications/1/open/"),
        ("post", "/en/notifications/1/read/"),
        ("post", "/en/notifications/read-all/"),
    ],
)
def test_visitors_are_asked_to_sign_in(client, method, url):
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=")


def field_of(kind: str) -> str:
    """The settings form's checkbox for a kind: kinds are numbered in registry order (the
    hub's apps register theirs beside the tests' own)."""
    return f"kind-{[k.name for k in kinds.registered_kinds()].index(kind)}"


def test_the_settings_page_shows_my_choices(client, reader):
    set_preferences(reader, language="zh-hant", email_kinds={REMINDER: False})
    page = client.get("/en/notifications/settings/").content.decode()
    assert '<option value="zh-hant" selected>' in page
    assert re.search(r'<input type="checkbox" name="email_enabled"[^>]*checked', page)
    reminder = re.search(rf'<input type="checkbox" name="{field_of(REMINDER)}"[^>]*>', page)[0]
    digest = re.search(rf'<input type="checkbox" name="{field_of(DIGEST)}"[^>]*>', page)[0]
    assert "checked" not in reminder  # switched off by the user
    assert "checked" not in digest  # off by default
    assert "Weekly digest" in page and "Before things you signed up for." in page


def test_saving_the_settings(client, reader):
    response = client.post(
        "/en/notifications/settings/",
        {"language": "zh-hans", "email_enabled": "on", field_of(DIGEST): "on"},
    )
    assert response.status_code == 302
    preference = NotificationPreference.objects.get(user=reader)
    assert preference.language == "zh-hans"
    assert preference.email_enabled is True
    assert preference.email_kinds[DIGEST] is True and preference.email_kinds[REMINDER] is False

    client.post("/en/notifications/settings/", {"language": "en"})
    preference.refresh_from_db()
    assert preference.email_enabled is False


def test_a_bad_language_is_refused_with_a_message(client, reader):
    response = client.post("/en/notifications/settings/", {"language": "klingon"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not NotificationPreference.objects.filter(user=reader).exists()


def test_a_hostile_page_number_is_ignored(client, reader):
    make(reader, "Only one")
    assert client.get("/en/notifications/?page=%C2%B2").status_code == 200
    assert client.get("/en/notifications/?page=99999999999999999999999").status_code == 200
