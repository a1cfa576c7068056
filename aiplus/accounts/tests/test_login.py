import pytest
from django.urls import reverse

from aiplus.accounts.tests.factories import TEST_PASSWORD
from aiplus.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

LOGIN_URL = "/en/accounts/login/"


def test_login_with_the_right_password_signs_in_and_is_audited(client, officer):
    response = client.post(LOGIN_URL, {"username": officer.username, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:profile")
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN)
    assert event.actor == officer
    assert event.ip_address == "127.0.0.1"


def test_wrong_password_shows_an_error_and_is_audited(client, officer):
    response = client.post(LOGIN_URL, {"username": officer.username, "password": "nope"})
    assert response.status_code == 200
    assert "The username or password is not right" in response.content.decode()
    assert "_auth_user_id" not in client.session
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN_FAILED)
    assert event.actor_name == officer.username
    assert event.actor is None


def test_repeated_failures_lock_the_account_even_for_the_right_password(client, officer, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN_URL, {"username": officer.username, "password": "wrong-guess"})

    response = client.post(LOGIN_URL, {"username": officer.username, "password": TEST_PASSWORD})

    assert response.status_code == 429
    assert "Account temporarily locked" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action=AuditEvent.Action.LOCKED_OUT).exists()


def test_lockout_of_one_account_does_not_lock_another(client, make_user, settings):
    victim, bystander = make_user(), make_user()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN_URL, {"username": victim.username, "password": "wrong-guess"})
    response = client.post(LOGIN_URL, {"username": bystander.username, "password": TEST_PASSWORD})
    assert response.status_code == 302


def test_logout_needs_a_post_and_is_audited(client, officer):
    client.force_login(officer)
    assert client.get("/en/accounts/logout/").status_code == 405
    response = client.post("/en/accounts/logout/")
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action=AuditEvent.Action.LOGOUT, actor=officer).exists()


def test_profile_needs_login_and_shows_role_and_organisation(client, officer):
    response = client.get("/en/accounts/profile/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")

    client.force_login(officer)
    page = client.get("/zh-hant/accounts/profile/").content.decode()
    assert officer.organisation.name_zh_hant in page
    assert "人員" in page  # the Officer role, in Traditional Chinese


def test_password_change_enforces_the_rules_and_is_audited(client, officer):
    client.force_login(officer)
    weak = client.post(
        "/en/accounts/password/",
        {"old_password": TEST_PASSWORD, "new_password1": "abc", "new_password2": "abc"},
    )
    assert weak.status_code == 200
    assert "too short" in weak.content.decode()

    strong = "Kowloon-Ferry-1898"
    response = client.post(
        "/en/accounts/password/",
        {"old_password": TEST_PASSWORD, "new_password1": strong, "new_password2": strong},
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password(strong)
    assert AuditEvent.objects.filter(action=AuditEvent.Action.PASSWORD_CHANGED).exists()


def test_the_sign_in_error_reads_as_hong_kong_chinese(client, officer):
    response = client.post(
        "/zh-hant/accounts/login/", {"username": officer.username, "password": "nope"}
    )
    html = response.content.decode()
    assert "用戶名稱或密碼不正確" in html
    assert "使用者" not in html  # the Taiwan term, and not the form's own label
