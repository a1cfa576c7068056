"""Behind a proxy, the audit log and the sign-in lockout see the client's address, and a client
cannot forge it."""

import pytest

from aiplus.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def failed_sign_in(client, forwarded_for):
    client.post(
        "/en/accounts/login/",
        {"username": "nobody", "password": "wrong-password-1A"},
        headers={"X-Forwarded-For": forwarded_for},
        REMOTE_ADDR="10.0.0.1",  # the proxy
    )
    return AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN_FAILED).latest("pk")


def test_the_client_address_is_taken_from_the_trusted_proxy_hop(client, settings):
    settings.AIPLUS_TRUSTED_PROXY_COUNT = 1
    event = failed_sign_in(client, "6.6.6.6, 203.0.113.9")  # the first entry is the client's own
    assert event.ip_address == "203.0.113.9"


def test_without_trusted_proxies_the_header_is_ignored(client, settings):
    settings.AIPLUS_TRUSTED_PROXY_COUNT = 0
    event = failed_sign_in(client, "203.0.113.9")
    assert event.ip_address == "10.0.0.1"
