"""`notify()`: an inbox row for every recipient, an e-mail for those whose preferences allow it,
written in each recipient's language and queued only once the transaction commits."""

from pathlib import Path

import pytest
from django.core import mail
from django.db import transaction
from django.utils.translation import gettext, gettext_lazy

from aiplus.notifications import kinds
from aiplus.notifications.models import EmailDelivery, Notification
from aiplus.notifications.services import Attachment, notify
from aiplus.notifications.tests.conftest import DIGEST, REMINDER, set_preferences

pytestmark = pytest.mark.django_db

TEMPLATES_DIR = Path(__file__).parent / "templates"


@pytest.fixture
def test_templates(settings):
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [TEMPLATES_DIR]}]


def html_part(message) -> str:
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def test_every_recipient_gets_one_inbox_row_and_one_email(send, make_user):
    alice, bob = make_user(), make_user()
    rows = send(
        recipients=[alice, bob, alice],
        subject="Seminar tomorrow",
        body="The seminar starts at 10:00.",
        url="/en/resources/",
    )

    assert len(rows) == 2
    assert Notification.objects.filter(recipient=alice).count() == 1
    row = Notification.objects.get(recipient=bob)
    assert (row.kind, row.title, row.body, row.link) == (
        REMINDER,
        "Seminar tomorrow",
        "The seminar starts at 10:00.",
        "/en/resources/",
    )
    assert row.read_at is None and row.language == "en"
    assert sorted(m.to[0] for m in mail.outbox) == sorted([alice.email, bob.email])
    message = next(m for m in mail.outbox if m.to == [bob.email])
    assert message.subject == "Seminar tomorrow"
    assert "The seminar starts at 10:00." in message.body
    assert "\nhttp://127.0.0.1:8000/en/resources/\n" in message.body
    html = html_part(message)
    assert '<html lang="en">' in html and "<p>The seminar starts at 10:00.</p>" in html
    assert 'href="http://127.0.0.1:8000/en/notifications/settings/"' in html
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    assert set(EmailDelivery.objects.values_list("status", flat=True)) == {"sent"}


def test_each_recipient_reads_it_in_their_own_language(send, make_user):
    english, traditional, simplified = make_user(), make_user(), make_user()
    set_preferences(traditional, language="zh-hant")
    set_preferences(simplified, language="zh-hans")
    send(
        recipients=[english, traditional, simplified],
        subject=gettext_lazy("Your account"),
        body=gettext_lazy("%(field)s is required but empty."),
        # A callable is called in the recipient's language, as a template would.
        context={"field": lambda: gettext("Home")},
        url="/en/notifications/",
    )

    by_user = {n.recipient_id: n for n in Notification.objects.all()}
    assert by_user[english.pk].title == "Your account"
    assert by_user[english.pk].body == "Home is required but empty."
    assert by_user[traditional.pk].title == "你的帳戶"
    assert by_user[traditional.pk].body == "主頁 為必填項目，但沒有填寫。"
    assert by_user[traditional.pk].language == "zh-hant"
    assert by_user[simplified.pk].title == "你的帐户"
    [zh_hant] = [m for m in mail.outbox if m.to == [traditional.email]]
    assert zh_hant.subject == "你的帳戶"
    assert "主頁 為必填項目，但沒有填寫。" in zh_hant.body
    # The link leads to the page in the reader's language.
    assert "\nhttp://127.0.0.1:8000/zh-hant/notifications/\n" in zh_hant.body
    assert 'href="http://127.0.0.1:8000/zh-hant/notifications/"' in html_part(zh_hant)
    assert '<html lang="zh-Hant-HK">' in html_part(zh_hant)
    [zh_hans] = [m for m in mail.outbox if m.to == [simplified.email]]
    assert "\nhttp://127.0.0.1:8000/zh-hans/notifications/\n" in zh_hans.body


def test_the_message_can_come_from_templates(send, make_user, test_templates):
    user = make_user()
    set_preferences(user, language="zh-hant")
    send(
        recipients=[user],
        subject=gettext_lazy("Your account"),
        template="notification_tests/reminder.txt",
        html_template="notification_tests/reminder.html",
        context={"name": "Harbour <Minutes>"},
    )

    row = Notification.objects.get()
    assert row.body == f"沒有名為「Harbour <Minutes>」的對應檔。\n{user.username}"
    [message] = mail.outbox
    html = html_part(message)
    assert "<strong>沒有名為「Harbour &lt;Minutes&gt;」的對應檔。</strong>" in html


def test_attachments_go_with_the_email(send, make_user):
    user = make_user()
    send(
        recipients=[user],
        body="See the invitation.",
        attachments=[
            Attachment("seminar.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
        ],
    )
    [message] = mail.outbox
    [(name, content, mimetype)] = message.attachments
    assert (name, mimetype) == ("seminar.ics", "text/calendar")
    assert "BEGIN:VCALENDAR" in content


def test_with_email_switched_off_only_the_inbox_row_is_made(send, make_user):
    user = make_user()
    set_preferences(user, email_enabled=False)
    send(recipients=[user], body="In the inbox only.")
    assert mail.outbox == []
    assert Notification.objects.get(recipient=user).body == "In the inbox only."
    assert not EmailDelivery.objects.exists()


def test_email_can_be_switched_off_for_one_kind(send, make_user):
    user = make_user()
    set_preferences(user, email_kinds={REMINDER: False, DIGEST: True})
    send(recipients=[user], kind=REMINDER, subject="Reminder")
    send(recipients=[user], kind=DIGEST, subject="Digest")
    assert [m.subject for m in mail.outbox] == ["Digest"]
    assert Notification.objects.filter(recipient=user).count() == 2


def test_a_kind_can_be_off_by_default(send, make_user):
    user = make_user()
    send(recipients=[user], kind=DIGEST, subject="Digest")
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=user, kind=DIGEST).exists()


def test_no_email_without_an_address_an_active_account_or_when_the_caller_says_so(send, make_user):
    no_address, inactive, plain = make_user(email=""), make_user(is_active=False), make_user()
    send(recipients=[no_address, inactive], subject="Hello")
    send(recipients=[plain], subject="Inbox only", send_email=False)
    assert mail.outbox == []
    assert Notification.objects.count() == 3


def test_nothing_is_sent_or_kept_when_the_transaction_rolls_back(
    make_user, django_capture_on_commit_callbacks
):
    user = make_user()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        notify(recipients=[user], kind=REMINDER, subject="Never sent")
        raise RuntimeError("the caller's work failed")

    assert callbacks == []
    assert mail.outbox == []
    assert not Notification.objects.exists()
    assert not EmailDelivery.objects.exists()


def test_nothing_is_sent_before_the_transaction_commits(
    make_user, django_capture_on_commit_callbacks
):
    user = make_user()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notify(recipients=[user], kind=REMINDER, subject="Later")
        assert mail.outbox == []
        assert EmailDelivery.objects.get().status == "queued"
    assert len(callbacks) == 1
    assert [m.subject for m in mail.outbox] == ["Later"]


def test_mistakes_in_a_call_are_refused(make_user):
    user = make_user()
    with pytest.raises(kinds.UnknownKind):
        notify(recipients=[user], kind="nobody.registered", subject="x")
    for url in ["javascript:alert(1)", "//evil.example/", "/\\evil.example", "resources/"]:
        with pytest.raises(ValueError, match="link"):
            notify(recipients=[user], kind=REMINDER, subject="x", url=url)
    with pytest.raises(ValueError, match="not both"):
        notify(recipients=[user], kind=REMINDER, subject="x", body="y", template="z.txt")
    with pytest.raises(ValueError, match="too large"):
        notify(
            recipients=[user],
            kind=REMINDER,
            subject="x",
            attachments=[Attachment("big.bin", b"0" * (10 * 1024 * 1024 + 1))],
        )
    assert not Notification.objects.exists()


def test_no_recipients_is_not_an_error(make_user):
    assert notify(recipients=[], kind=REMINDER, subject="x") == []


def test_a_subject_never_breaks_the_header(send, make_user):
    user = make_user()
    send(recipients=[user], subject="Line one\nLine two")
    assert mail.outbox[0].subject == "Line one Line two"
