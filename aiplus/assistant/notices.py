"""What the assistant tells people. Editors hear of enquiries handed over to a person; the
person who asked hears of the reply: in the hub's inbox when they were signed in, by e-mail
when they left an address on the public widget (they also see it when they come back to the
conversation)."""

from django.core.mail import EmailMultiAlternatives
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aiplus.accounts.models import User
from aiplus.accounts.roles import Role
from aiplus.assistant.models import Enquiry
from aiplus.notifications.emails import render_email
from aiplus.notifications.services import notify

ENQUIRY = "assistant.enquiry"
REPLY = "assistant.reply"


def register_kinds() -> None:
    from aiplus.notifications import kinds

    kinds.register(ENQUIRY, label=gettext_lazy("Questions handed over by the assistant (editors)"))
    kinds.register(REPLY, label=gettext_lazy("Replies to questions you asked the assistant"))


def _editors() -> list[User]:
    return list(
        User.objects.filter(
            groups__name__in=[Role.EDITOR, Role.ADMINISTRATOR], is_active=True
        ).distinct()
    )


def enquiry_received(enquiry: Enquiry) -> None:
    notify(
        recipients=_editors(),
        kind=ENQUIRY,
        subject=gettext_lazy("A question for a person: %(assistant)s"),
        body=gettext_lazy("Someone asked the assistant for a person:\n\n%(question)s"),
        context={"assistant": str(enquiry.assistant), "question": enquiry.question[:500]},
        url=f"/en/assistant/enquiries/{enquiry.pk}/",
    )


def enquiry_replied(enquiry: Enquiry) -> None:
    conversation = enquiry.conversation
    if conversation is not None and conversation.user is not None:
        notify(
            recipients=[conversation.user],
            kind=REPLY,
            subject=gettext_lazy("A reply to your question to %(assistant)s"),
            body="%(reply)s",
            context={"assistant": str(enquiry.assistant), "reply": enquiry.reply},
            url=f"/en/assistant/{enquiry.assistant.slug}/?c={conversation.uid}",
        )
    elif enquiry.contact:
        from aiplus.assistant.tasks import email_reply_task

        email_reply_task.enqueue(enquiry_id=enquiry.pk)


def email_reply(enquiry: Enquiry) -> None:
    """The reply to a visitor who left an e-mail address on the widget."""
    language = enquiry.language if enquiry.language in ("en", "zh-hant", "zh-hans") else "en"
    with translation.override(language):
        title = _("A reply to your question to %(assistant)s") % {"assistant": enquiry.assistant}
        body = f"{_('You asked:')}\n{enquiry.question}\n\n{_('Our reply:')}\n{enquiry.reply}"
    email = render_email(title=title, body=body, html_body="", link="", language=language)
    message = EmailMultiAlternatives(email.subject, email.text, to=[enquiry.contact])
    message.attach_alternative(email.html, "text/html")
    message.send()
