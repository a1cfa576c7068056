"""Notification e-mails through a real SMTP server on 127.0.0.1: multipart text and HTML in the
recipient's language, attachments, and failures that are retried and logged, never raised."""

import logging
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy

from aiplus.notifications.models import EmailDelivery, Notification
from aiplus.notifications.services import (
    Attachment,
    notify,
    prune_sent_emails,
    retry_due_emails,
)
from aiplus.notifications.tests.conftest import REMINDER, set_preferences
from config.urls import urlpatterns as hub_urlpatterns

pytestmark = pytest.mark.django_db

ICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//AI+ Hub//EN\r\nEND:VCALENDAR\r\n"


def parts(message) -> dict[str, Any]:
    """The text, the HTML and the attachments of a received message."""
    found: dict[str, Any] = {"attachments": []}
    for part in message.walk():
        if part.is_multipart():
            continue
        if part.get_filename():
            found["attachments"].append(
                (part.get_filename(), part.get_content_type(), part.get_content())
            )
        elif part.get_content_type() == "text/plain":
            found["text"] = part.get_content().replace("\r\n", "\n")
        elif part.get_content_type() == "text/html":
            found["html"] = part.get_content().replace("\r\n", "\n")
    return found


def make_due(delivery: EmailDelivery) -> None:
    """As if the delay before the next attempt had passed."""
    EmailDelivery.objects.filter(pk=delivery.pk).update(
        next_attempt_at=timezone.now() - timedelta(minutes=10)
    )


def test_a_traditional_chinese_reader_gets_a_multipart_email_with_the_attachment(
    smtp_server, send, make_user
):
    reader = make_user(email="chan.taiman@example.gov.hk")
    set_preferences(reader, language="zh-hant")
    send(
        recipients=[reader],
        subject=gettext_lazy("Your account"),
        body=gettext_lazy("%(field)s is required but empty."),
        context={"field": "Venue"},
        url="/en/notifications/",
        attachments=[Attachment("seminar.ics", ICS, "text/calendar")],
    )

    [received] = smtp_server.received
    assert received.recipients == ["chan.taiman@example.gov.hk"]
    message = received.message
    assert message["Subject"] == "你的帳戶"
    assert message["To"] == "chan.taiman@example.gov.hk"
    assert message.get_content_type() == "multipart/mixed"
    [alternative] = [
        p for p in message.iter_parts() if p.get_content_type().startswith("multipart")
    ]
    assert [p.get_content_type() for p in alternative.iter_parts()] == ["text/plain", "text/html"]
    found = parts(message)
    assert "Venue 為必填項目，但沒有填寫。" in found["text"]
    assert "\nhttp://127.0.0.1:8000/zh-hant/notifications/\n" in found["text"]
    assert '<html lang="zh-Hant-HK">' in found["html"]
    assert "<h1" in found["html"] and "你的帳戶</h1>" in found["html"]
    assert "<p>Venue 為必填項目，但沒有填寫。</p>" in found["html"]
    [(name, mimetype, content)] = found["attachments"]
    assert (name, mimetype) == ("seminar.ics", "text/calendar")
    assert content.replace("\r\n", "\n") == ICS.replace("\r\n", "\n")
    delivery = EmailDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.error) == ("sent", 1, "")
    assert delivery.sent_at is not None


def test_an_english_reader_gets_english(smtp_server, send, make_user):
    reader = make_user()
    send(
        recipients=[reader],
        subject=gettext_lazy("Your account"),
        body=gettext_lazy("%(field)s is required but empty."),
        context={"field": "Venue"},
    )
    [received] = smtp_server.received
    assert received.message["Subject"] == "Your account"
    found = parts(received.message)
    assert "Venue is required but empty." in found["text"]
    assert '<html lang="en">' in found["html"]
    assert found["attachments"] == []


def test_with_email_switched_off_the_server_receives_nothing(smtp_server, send, make_user):
    reader = make_user()
    set_preferences(reader, email_enabled=False)
    send(recipients=[reader], subject="Not e-mailed")
    assert smtp_server.received == []
    assert Notification.objects.get(recipient=reader).title == "Not e-mailed"


def test_a_temporary_refusal_is_logged_and_retried(smtp_server, send, make_user, caplog):
    reader = make_user()
    smtp_server.refuse_next("451 4.3.0 Mailbox busy, try again later")
    with caplog.at_level(logging.WARNING, logger="aiplus.notifications"):
        send(recipients=[reader], subject="Try again")

    assert smtp_server.received == []
    delivery = EmailDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("retrying", 1)
    assert "451" in delivery.error and "Mailbox busy" in delivery.error
    assert delivery.next_attempt_at > timezone.now() + timedelta(seconds=30)
    [warning] = [r for r in caplog.records if r.name == "aiplus.notifications.services"]
    assert warning.levelno == logging.WARNING and "retrying" in warning.getMessage()

    # Not yet due: the sweep leaves it alone.
    assert retry_due_emails() == 0
    make_due(delivery)
    assert retry_due_emails() == 1

    [received] = smtp_server.received
    assert received.message["Subject"] == "Try again"
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.error) == ("sent", 2, "")
    # Sending again finds nothing to do: each e-mail goes once.
    assert retry_due_emails() == 0
    assert len(smtp_server.received) == 1


def test_a_server_that_stays_down_ends_in_a_logged_failure(
    no_smtp_server, send, make_user, settings, caplog
):
    settings.AIPLUS_NOTIFICATION_EMAIL_ATTEMPTS = 2
    reader = make_user()
    with caplog.at_level(logging.WARNING, logger="aiplus.notifications"):
        send(recipients=[reader], subject="Nobody listens")
        delivery = EmailDelivery.objects.get()
        assert delivery.status == "retrying"
        make_due(delivery)
        retry_due_emails()

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("failed", 2)
    assert "Connection" in delivery.error or "refused" in delivery.error.lower()
    levels = [r.levelno for r in caplog.records if r.name == "aiplus.notifications.services"]
    assert levels == [logging.WARNING, logging.ERROR]
    # The inbox row is there whatever happened to the e-mail.
    assert Notification.objects.filter(recipient=reader).exists()
    make_due(delivery)
    assert retry_due_emails() == 0


def test_a_permanent_refusal_is_not_retried(smtp_server, send, make_user, caplog):
    reader = make_user()
    smtp_server.refuse_next("550 5.1.1 No such mailbox")
    with caplog.at_level(logging.WARNING, logger="aiplus.notifications"):
        send(recipients=[reader], subject="Nowhere")
    delivery = EmailDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("failed", 1)
    assert "550" in delivery.error
    assert [r.levelno for r in caplog.records if r.name == "aiplus.notifications.services"] == [
        logging.ERROR
    ]


def test_a_worker_that_died_while_sending_is_replaced(smtp_server, make_user):
    reader = make_user()
    notify(recipients=[reader], kind=REMINDER, subject="Resumed")  # not committed: not sent
    delivery = EmailDelivery.objects.get()
    EmailDelivery.objects.filter(pk=delivery.pk).update(
        status="sending", attempts=1, claimed_at=timezone.now() - timedelta(hours=1)
    )
    assert retry_due_emails() == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("sent", 2)
    assert len(smtp_server.received) == 1


def test_old_email_copies_are_forgotten_but_the_inbox_keeps_the_notification(
    smtp_server, send, make_user
):
    reader = make_user()
    send(recipients=[reader], subject="Long ago")
    send(recipients=[reader], subject="Yesterday")
    EmailDelivery.objects.filter(subject="Long ago").update(
        sent_at=timezone.now() - timedelta(days=31)
    )
    assert prune_sent_emails() == 1
    assert list(EmailDelivery.objects.values_list("subject", flat=True)) == ["Yesterday"]
    assert Notification.objects.filter(recipient=reader).count() == 2


# --- Inside a request ------------------------------------------------------------------------


@login_required
def notify_me(request):
    notify(recipients=[request.user], kind=REMINDER, subject="From a request")
    return HttpResponse("done")


urlpatterns = [path("notify-me/", notify_me), *hub_urlpatterns]


@pytest.mark.urls(__name__)
@pytest.mark.django_db(transaction=True)
def test_a_failing_server_never_breaks_the_request(smtp_server, make_user, client, caplog):
    """Committed for real, so the e-mail task runs at the end of the request (the test
    backend runs tasks inline); the server's refusal is logged and the page still answers."""
    reader = make_user()
    client.force_login(reader)
    smtp_server.refuse_next("421 4.3.2 Service not available")
    with caplog.at_level(logging.WARNING, logger="aiplus.notifications"):
        response = client.get("/notify-me/")

    assert response.status_code == 200
    assert Notification.objects.get(recipient=reader).title == "From a request"
    delivery = EmailDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("retrying", 1)
    assert any("retrying" in r.getMessage() for r in caplog.records)
    assert smtp_server.received == []
