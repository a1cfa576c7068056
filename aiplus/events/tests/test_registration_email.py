"""Registration tells the officer through the shared channel, checked at a real SMTP server on
127.0.0.1: a text and HTML e-mail in their language with the event's calendar file."""

import pytest

from aiplus.events import services
from aiplus.notifications.tests.conftest import set_preferences, smtp_server  # noqa: F401
from aiplus.notifications.tests.test_smtp import parts

from .test_events import make_event

pytestmark = pytest.mark.django_db


def test_a_registration_confirmation_arrives_with_the_calendar_file(
    smtp_server,  # noqa: F811
    make_user,
    django_capture_on_commit_callbacks,
):
    officer = make_user(email="chan.taiman@example.gov.hk")
    set_preferences(officer, language="zh-hant")
    event = make_event(
        title="AI for hotlines",
        title_zh_hant="熱線人工智能",
        online_url="https://meet.example.gov.hk/x",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.register(event=event, user=officer)
    [received] = smtp_server.received
    assert received.recipients == ["chan.taiman@example.gov.hk"]
    found = parts(received.message)
    assert "熱線人工智能" in received.message["Subject"] + found["text"]
    assert '<html lang="zh-Hant-HK">' in found["html"]
    [(name, mimetype, content)] = found["attachments"]
    assert mimetype == "text/calendar" and name.endswith(".ics")
    assert "BEGIN:VEVENT" in content and "TZID=Asia/Hong_Kong" in content
    assert "BEGIN:VALARM" in content
    assert "https://meet.example.gov.hk/x" in content
