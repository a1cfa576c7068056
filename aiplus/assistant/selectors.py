"""Reads for the assistant, each applying who may see what (404 for anything else)."""

from django.db.models import QuerySet
from django.http import Http404

from aiplus.accounts.models import AnyUser
from aiplus.assistant.models import Assistant, Conversation, Enquiry, Exchange, KnowledgeItem
from aiplus.assistant.permissions import user_can_manage, user_can_use, user_owns


def usable_assistants(user: AnyUser) -> QuerySet[Assistant]:
    assistants = Assistant.objects.filter(live=True)
    return assistants if user.is_authenticated else assistants.filter(is_public=True)


def assistant_for(user: AnyUser, slug: str) -> Assistant:
    assistant = Assistant.objects.filter(slug=slug).first()
    if assistant is None or not user_can_use(user, assistant):
        raise Http404
    return assistant


def managed_assistant(user: AnyUser, slug: str) -> Assistant:
    assistant = Assistant.objects.filter(slug=slug).first()
    if assistant is None or not user_can_manage(user):
        raise Http404
    return assistant


def exchange_for(user: AnyUser, uid: str) -> Exchange:
    """An exchange of a conversation this user may read (its id is the capability for an
    anonymous visitor's conversation)."""
    try:
        exchange = Exchange.objects.select_related("assistant", "conversation").get(uid=uid)
    except (Exchange.DoesNotExist, ValueError, TypeError) as error:
        raise Http404 from error
    if not user_owns(user, exchange.conversation) or not user_can_use(user, exchange.assistant):
        raise Http404
    return exchange


def conversation_exchanges(conversation: Conversation) -> QuerySet[Exchange]:
    if conversation.pk is None:
        return Exchange.objects.none()
    return conversation.exchanges.order_by("created_at")


def knowledge_of(assistant: Assistant) -> QuerySet[KnowledgeItem]:
    return assistant.knowledge.order_by("kind", "pk")


def enquiries_for(user: AnyUser) -> QuerySet[Enquiry]:
    if not user_can_manage(user):
        return Enquiry.objects.none()
    return Enquiry.objects.select_related("assistant", "replied_by")


def enquiry_for(user: AnyUser, pk: int) -> Enquiry:
    enquiry = enquiries_for(user).filter(pk=pk).first()
    if enquiry is None:
        raise Http404
    return enquiry


def enquiries_of_conversation(conversation: Conversation) -> QuerySet[Enquiry]:
    if conversation.pk is None:
        return Enquiry.objects.none()
    return conversation.enquiries.order_by("created_at")
