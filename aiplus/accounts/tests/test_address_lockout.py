"""One address trying many usernames is locked out too, at a higher limit than one username."""

import pytest

from aiplus.accounts.tests.factories import TEST_PASSWORD
from aiplus.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

LOGIN_URL = "/en/accounts/login/"
ATTACKER = "203.0.113.7"
ELSEWHERE = "198.51.100.20"


def spray(client, count, address=ATTACKER):
    for number in range(count):
        client.post(
            LOGIN_URL,
            {"username": f"guess-{number}", "password": "wrong-guess"},
            REMOTE_ADDR=address,
        )


def sign_in(client, user, address):
    return client.post(
        LOGIN_URL, {"username": user.username, "password": TEST_PASSWORD}, REMOTE_ADDR=address
    )


def test_spraying_many_usernames_from_one_address_locks_the_address(client, officer, settings):
    assert settings.AIPLUS_LOGIN_ADDRESS_FAILURE_LIMIT > settings.AXES_FAILURE_LIMIT
    spray(client, settings.AIPLUS_LOGIN_ADDRESS_FAILURE_LIMIT)

    response = sign_in(client, officer, ATTACKER)

    assert response.status_code == 429
    assert "Account temporarily locked" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action=AuditEvent.Action.LOCKED_OUT).exists()

    response = sign_in(client, officer, ELSEWHERE)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(officer.pk)


def test_an_address_below_its_limit_still_signs_in(client, officer, settings):
    spray(client, settings.AIPLUS_LOGIN_ADDRESS_FAILURE_LIMIT - 1)

    assert sign_in(client, officer, ATTACKER).status_code == 302


def test_the_attackers_own_sign_in_does_not_clear_the_address_count(
    client, officer, make_user, settings
):
    accomplice = make_user()
    spray(client, settings.AIPLUS_LOGIN_ADDRESS_FAILURE_LIMIT - 1)
    assert sign_in(client, accomplice, ATTACKER).status_code == 302
    client.logout()
    spray(client, 1)

    assert sign_in(client, officer, ATTACKER).status_code == 429


def test_the_address_limit_can_be_switched_off(client, officer, settings):
    settings.AIPLUS_LOGIN_ADDRESS_FAILURE_LIMIT = 0
    spray(client, 30)

    assert sign_in(client, officer, ATTACKER).status_code == 302


def test_one_username_is_still_locked_after_the_lower_limit(client, officer, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            LOGIN_URL,
            {"username": officer.username, "password": "wrong-guess"},
            REMOTE_ADDR=ATTACKER,
        )

    assert sign_in(client, officer, ATTACKER).status_code == 429
    assert sign_in(client, officer, ELSEWHERE).status_code == 302
