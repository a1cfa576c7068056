"""Fixtures of the notification tests: registered kinds, and a real SMTP server on 127.0.0.1."""

import email
import email.policy
import socket
from dataclasses import dataclass, field
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from aiplus.notifications import kinds
from aiplus.notifications.services import notify

REMINDER = "tests.reminder"
DIGEST = "tests.digest"


@pytest.fixture(autouse=True)
def test_kinds(monkeypatch):
    """Two kinds, as a capability app would register them from its `ready()`."""
    monkeypatch.setattr(kinds, "_registry", dict(kinds._registry))
    kinds.register(REMINDER, label="Reminders", description="Before things you signed up for.")
    kinds.register(DIGEST, label="Weekly digest", email_by_default=False)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: EmailMessage


@dataclass
class Recorder:
    """Keeps every message accepted; answers `refusals` (temporary or permanent) first."""

    received: list[Received] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's hook name
        if self.refusals:
            return self.refusals.pop(0)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.received.append(
            Received(sender=envelope.mail_from, recipients=list(envelope.rcpt_tos), message=message)
        )
        return "250 OK"


@dataclass
class SMTPServer:
    host: str
    port: int
    recorder: Recorder

    @property
    def received(self) -> list[Received]:
        return self.recorder.received

    def refuse_next(self, reply: str = "451 4.3.0 Try again later") -> None:
        self.recorder.refusals.append(reply)


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on a free port, and the hub's e-mail settings pointed at it."""
    recorder = Recorder()
    port = free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    try:
        yield SMTPServer(host="127.0.0.1", port=port, recorder=recorder)
    finally:
        controller.stop()


@pytest.fixture
def no_smtp_server(settings):
    """The hub's e-mail settings pointed at a port where nothing listens."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 2


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """`notify()` in a transaction that commits: its e-mails are sent on the way out."""

    def run(**kwargs):
        kwargs.setdefault("kind", REMINDER)
        kwargs.setdefault("subject", "Hello")
        with django_capture_on_commit_callbacks(execute=True):
            return notify(**kwargs)

    return run


def set_preferences(user, **values):
    from aiplus.notifications.models import NotificationPreference

    preference, _created = NotificationPreference.objects.update_or_create(
        user=user, defaults=values
    )
    return preference
