"""Writes for the assistant: conversations and questions (with rate limits), feedback,
handing a conversation over to a person, replies to enquiries, and curating knowledge."""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aiplus.accounts.models import AnyUser, User
from aiplus.assistant import answering, notices
from aiplus.assistant.models import (
    Assistant,
    Conversation,
    Enquiry,
    Exchange,
    Feedback,
    KnowledgeItem,
)
from aiplus.assistant.permissions import user_can_manage, user_can_use, user_owns


class AssistantError(Exception):
    """A refusal with a message fit to show the user."""


class RateLimited(AssistantError):
    pass


def client_key(*, address: str, user: AnyUser) -> str:
    """Who is asking, for rate limits: the user, or a salted hash of the visitor's address
    (the address itself is never stored)."""
    if isinstance(user, User) and user.is_authenticated:
        return f"user:{user.pk}"
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()
    return f"ip:{digest[:40]}"


def conversation_for(
    *, assistant: Assistant, user: AnyUser, uid: str | None, channel: str = "hub"
) -> Conversation:
    """The conversation `uid` if this user may continue it, or a new one."""
    if uid:
        found = (
            Conversation.objects.filter(uid=uid, assistant=assistant).first()
            if _is_uuid(uid)
            else None
        )
        if found is not None and user_owns(user, found):
            return found
    owner = (
        user if isinstance(user, User) and user.is_authenticated and channel != "widget" else None
    )
    return Conversation(
        assistant=assistant,
        user=owner,
        organisation_id=owner.organisation_id if owner is not None else None,
        channel=channel,
    )


def _is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def check_rate(*, assistant: Assistant, client: str) -> None:
    minute_ago = timezone.now() - timedelta(minutes=1)
    recent = Exchange.objects.filter(assistant=assistant, created_at__gte=minute_ago)
    if recent.filter(client=client).count() >= assistant.requests_per_minute:
        raise RateLimited(
            _(
                "You have asked many questions in a short time. Please wait a "
                "minute before asking again."
            )
        )
    if recent.count() >= assistant.requests_per_minute_total:
        raise RateLimited(
            _("Many people are asking questions right now. Please try again in a minute.")
        )


def ask(
    *,
    assistant: Assistant,
    conversation: Conversation,
    question: str,
    user: AnyUser,
    language: str,
    client: str,
) -> Exchange:
    """Take a question: refused, answered at once, or queued for the model."""
    if not user_can_use(user, assistant):
        raise AssistantError(_("This assistant is not available to you."))
    check_rate(assistant=assistant, client=client)
    if conversation.pk is None:
        conversation.save()
    return answering.prepare(
        assistant=assistant,
        conversation=conversation,
        question=question,
        user=user,
        interface_language=language,
        client=client,
    )


def give_feedback(
    *, exchange: Exchange, helpful: bool, reason: str = "", comment: str = ""
) -> Feedback:
    if reason not in Feedback.Reason.values:
        reason = ""
    feedback, _created = Feedback.objects.update_or_create(
        exchange=exchange,
        defaults={
            "helpful": helpful,
            "reason": "" if helpful else reason,
            "comment": comment[:500],
        },
    )
    return feedback


def transcript(conversation: Conversation) -> str:
    lines = []
    for exchange in conversation.exchanges.order_by("created_at"):
        lines.append(f"Q: {exchange.question}")
        answer = exchange.answer or answering.refusal_text(exchange)
        lines.append(f"A: {answer}")
    return "\n".join(lines)


@transaction.atomic
def hand_over(
    *,
    conversation: Conversation,
    user: AnyUser,
    question: str,
    contact: str = "",
    language: str = "en",
) -> Enquiry:
    """Pass the conversation to a person: an enquiry in the assistant's inbox, its staff told."""
    question = question.strip()[:2000]
    if not question:
        raise AssistantError(_("Please say what you need help with."))
    if conversation.pk is None:
        conversation.save()
    enquiry = Enquiry.objects.create(
        assistant=conversation.assistant,
        conversation=conversation,
        question=question,
        contact=contact.strip()[:254],
        language=language,
    )
    conversation.exchanges.update(handed_over=True)
    notices.enquiry_received(enquiry)
    return enquiry


@transaction.atomic
def reply_to_enquiry(*, enquiry: Enquiry, by: User, reply: str) -> Enquiry:
    if not user_can_manage(by):
        raise AssistantError(_("Only the assistant's editors can reply."))
    reply = reply.strip()
    if not reply:
        raise AssistantError(_("Please write a reply."))
    enquiry.reply = reply
    enquiry.replied_by = by
    enquiry.replied_at = timezone.now()
    enquiry.state = Enquiry.State.REPLIED
    enquiry.save()
    notices.enquiry_replied(enquiry)
    return enquiry


def add_reply_as_faq(*, enquiry: Enquiry, by: User) -> KnowledgeItem:
    """Turn a staff reply into a FAQ of the assistant, so the next person gets it at once."""
    if not user_can_manage(by):
        raise AssistantError(_("Only the assistant's editors can add FAQs."))
    if not enquiry.reply:
        raise AssistantError(_("Reply to the enquiry first."))
    chinese = enquiry.language.startswith("zh")
    item = save_item(
        KnowledgeItem(
            assistant=enquiry.assistant,
            kind=KnowledgeItem.Kind.FAQ,
            title=enquiry.question[:500] if not chinese else "",
            body=enquiry.reply if not chinese else "",
            title_zh_hant=enquiry.question[:500] if chinese else "",
            body_zh_hant=enquiry.reply if chinese else "",
        )
    )
    enquiry.faq = item
    enquiry.save(update_fields=["faq"])
    return item


def save_item(item: KnowledgeItem) -> KnowledgeItem:
    """Save a knowledge item (search and the FAQ embeddings follow through signals).
    An item written only in Chinese gets the Chinese text as its English fallback title."""
    if not item.title:
        item.title = item.title_zh_hant or item.title_zh_hans
    if not item.body:
        item.body = item.body_zh_hant or item.body_zh_hans
    item.save()  # the FAQ embeddings follow through the post_save signal (apps.py)
    return item
