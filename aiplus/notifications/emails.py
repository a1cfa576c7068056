"""The e-mail copy of a notification: rendered in the recipient's language when the notification
is made (so the task that sends it needs nothing but the row), then built into a plain-text
message with an HTML alternative and any attachments."""

import base64
import binascii
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse, translate_url
from django.utils import translation

from aiplus.core.i18n import html_lang
from aiplus.notifications.models import EmailDelivery

# An e-mail is not a file transfer: an invitation or a short document at most.
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Attachment:
    """A file sent with the e-mail, e.g. `Attachment("meeting.ics", ics_text, "text/calendar")`."""

    name: str
    content: bytes | str
    mimetype: str = "application/octet-stream"

    @property
    def data(self) -> bytes:
        return self.content.encode() if isinstance(self.content, str) else self.content


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


def check_link(url: str) -> str:
    """A path on the hub ("/en/events/5/") or an http(s) address; anything else is refused."""
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc:
        return url
    if not parts.scheme and not parts.netloc and url.startswith("/") and "\\" not in url:
        return url
    raise ValueError(f"A notification link must be a path or an http(s) address: {url!r}")


def localised_link(url: str, *, language: str) -> str:
    """The link in the given language: a hub path gets that language's prefix."""
    if not url.startswith("/"):
        return url
    # The path resolves only while its own language is active.
    with translation.override(translation.get_language_from_path(url) or language):
        return translate_url(url, language)


def absolute(url: str) -> str:
    if url.startswith("/"):
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url
    return url


def check_attachments(attachments: tuple[Attachment, ...]) -> list[dict[str, str]]:
    """The attachments as stored on the delivery row (base64), after checking them."""
    stored: list[dict[str, str]] = []
    total = 0
    for attachment in attachments:
        name = PurePosixPath(attachment.name.replace("\\", "/")).name
        if not name:
            raise ValueError("An attachment needs a file name")
        if "/" not in attachment.mimetype:
            raise ValueError(f"Not a MIME type: {attachment.mimetype!r}")
        data = attachment.data
        total += len(data)
        if total > MAX_ATTACHMENT_BYTES:
            raise ValueError("The attachments are too large for an e-mail")
        stored.append(
            {
                "name": name,
                "mimetype": attachment.mimetype,
                "content": base64.b64encode(data).decode("ascii"),
            }
        )
    return stored


def render_email(
    *, title: str, body: str, html_body: str, link: str, language: str
) -> RenderedEmail:
    """Subject, text and HTML in `language` (the caller has already written title and body in
    it); links are absolute and in that language."""
    with translation.override(language):
        context = {
            "title": title,
            "body": body,
            "html_body": html_body,
            "link": absolute(localised_link(link, language=language)) if link else "",
            "preferences_url": absolute(reverse("notifications:preferences")),
            "html_lang": html_lang(language),
        }
        text = render_to_string("notifications/email/message.txt", context)
        html = render_to_string("notifications/email/message.html", context)
    # A header never holds a line break.
    return RenderedEmail(subject=" ".join(title.split())[:300], text=text, html=html)


def build_message(delivery: EmailDelivery) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=delivery.subject,
        body=delivery.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[delivery.to],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(delivery.html, "text/html")
    for attachment in delivery.attachments:
        try:
            data = base64.b64decode(attachment["content"], validate=True)
        except (binascii.Error, KeyError, TypeError) as error:
            raise ValueError(f"Stored attachment is damaged: {attachment.get('name')}") from error
        message.attach(attachment["name"], data, attachment["mimetype"])
    return message
