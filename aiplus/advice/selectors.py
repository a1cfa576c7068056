"""Reads for advice requests. Everything goes through `visible_requests`: a request the user
may not see does not exist for them (every URL, export and API record answers 404)."""

from django.db.models import Q, QuerySet
from django.http import Http404

from aiplus.accounts.models import AnyUser, User
from aiplus.advice.models import AdviceRequest, Attachment, Message
from aiplus.advice.permissions import user_can_read_internal_notes, user_is_advisor
from aiplus.catalogue.models import Solution
from aiplus.catalogue.models.choices import LANGUAGE_FLAGS
from aiplus.catalogue.selectors import live_solutions


def visible_requests(user: AnyUser) -> QuerySet[AdviceRequest]:
    requests = AdviceRequest.objects.all()
    if user_is_advisor(user):
        return requests
    if not isinstance(user, User) or not user.is_authenticated:
        return requests.none()
    # Only a real membership widens the view: with no organisation, filtering on it would
    # match every request whose organisation is missing.
    mine = Q(requester_id=user.pk)
    if user.organisation_id is not None:
        mine |= Q(organisation_id=user.organisation_id)
    return requests.filter(mine)


def request_for(user: AnyUser, pk: int) -> AdviceRequest:
    found = (
        visible_requests(user)
        .select_related("requester", "organisation", "assigned_to", "solution")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


def thread(user: AnyUser, request: AdviceRequest) -> QuerySet[Message]:
    """The messages of a request already opened with `request_for`, internal notes only for
    DPO's side."""
    messages = request.messages.select_related("author").prefetch_related("attachments")
    if not user_can_read_internal_notes(user):
        messages = messages.filter(internal=False)
    return messages


def attachments_of(user: AnyUser, request: AdviceRequest) -> QuerySet[Attachment]:
    attachments = request.attachments.all()
    if not user_can_read_internal_notes(user):
        attachments = attachments.filter(Q(message=None) | Q(message__internal=False))
    return attachments


def attachment_for(user: AnyUser, request_pk: int, pk: int) -> Attachment:
    request = request_for(user, request_pk)
    found = attachments_of(user, request).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def live_solution(slug: str) -> Solution | None:
    """The published solution a request is about (from `?solution=`), or None."""
    slug = slug.strip()[:200]
    return live_solutions().filter(slug=slug).first() if slug else None


def language_labels(request: AdviceRequest) -> list[str]:
    return [str(LANGUAGE_FLAGS[key][1]) for key in request.languages if key in LANGUAGE_FLAGS]
