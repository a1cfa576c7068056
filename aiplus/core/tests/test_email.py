"""E-mail is configured, not assumed: SMTP only when a mail server is named, the console log
otherwise, so Wagtail's review notifications never fail for want of a server."""

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail

from aiplus.accounts.roles import Role
from aiplus.catalogue.tests.factories import VendorFactory

ROOT = Path(__file__).resolve().parents[3]
PROBE = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'backend': s.EMAIL_BACKEND, 'host': s.EMAIL_HOST, 'port': s.EMAIL_PORT, "
    "'user': s.EMAIL_HOST_USER, 'tls': s.EMAIL_USE_TLS, 'timeout': s.EMAIL_TIMEOUT}))"
)
CONSOLE = "django.core.mail.backends.console.EmailBackend"
SMTP = "django.core.mail.backends.smtp.EmailBackend"
# Blank values win over a developer's .env file, which never overwrites the environment.
NO_MAIL_SERVER = {"EMAIL_URL": "", "EMAIL_HOST": ""}


def email_settings(module: str, tmp_path: Path, **environ: str) -> dict:
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env={
            "DJANGO_SETTINGS_MODULE": module,
            "PATH": "/usr/bin:/bin",
            "DJANGO_SECRET_KEY": "x" * 50,
            "AIPLUS_DATA_DIR": str(tmp_path),
            **NO_MAIL_SERVER,
            **environ,
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("module", ["config.settings.local", "config.settings.production"])
def test_without_a_mail_server_messages_go_to_the_console(module, tmp_path):
    assert email_settings(module, tmp_path)["backend"] == CONSOLE


def test_a_mail_host_switches_on_smtp(tmp_path):
    values = email_settings(
        "config.settings.production", tmp_path, EMAIL_HOST="mail.example.gov.hk"
    )
    assert values == {
        "backend": SMTP,
        "host": "mail.example.gov.hk",
        "port": 25,
        "user": "",
        "tls": False,
        "timeout": 10,
    }


def test_a_mail_url_configures_smtp_in_one_variable(tmp_path):
    values = email_settings(
        "config.settings.production",
        tmp_path,
        EMAIL_URL="smtp+tls://hub:s%40cret@mail.example.gov.hk:587",
    )
    assert values["backend"] == SMTP
    assert (values["host"], values["port"], values["user"], values["tls"]) == (
        "mail.example.gov.hk",
        587,
        "hub",
        True,
    )


def test_the_test_settings_keep_messages_in_memory(tmp_path):
    values = email_settings("config.settings.test", tmp_path)
    assert values["backend"] == "django.core.mail.backends.locmem.EmailBackend"


# --- A real review notification -------------------------------------------------------------


def submit_solution(client, make_user):
    vendor = make_user(Role.VENDOR, organisation=VendorFactory())
    client.force_login(vendor)
    response = client.post(
        "/en/solutions/vendor/new/",
        {
            "name": "Harbour Minutes",
            "summary": "Drafts minutes.",
            "supports_english": "on",
            "max_classification": "1",
            "maturity": "production",
            "price_model": "subscription",
        },
    )
    assert response.status_code == 302


def errors(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.django_db
def test_a_submission_for_review_emails_the_reviewers_without_errors(client, make_user, caplog):
    editor = make_user(Role.EDITOR, email="reviewer@example.gov.hk")
    with caplog.at_level(logging.INFO):
        submit_solution(client, make_user)

    assert errors(caplog) == []
    [message] = [m for m in mail.outbox if editor.email in m.to]
    assert "Harbour Minutes" in message.subject
    assert "submitted for approval" in message.subject


@pytest.mark.django_db
def test_with_the_demo_settings_a_submission_writes_the_email_to_the_console(
    client, make_user, settings, caplog, capsys, tmp_path
):
    settings.EMAIL_BACKEND = email_settings("config.settings.local", tmp_path)["backend"]
    make_user(Role.EDITOR, email="reviewer@example.gov.hk")
    with caplog.at_level(logging.INFO):
        submit_solution(client, make_user)

    assert errors(caplog) == []
    out = capsys.readouterr().out
    assert "To: reviewer@example.gov.hk" in out
    assert "Harbour Minutes" in out
