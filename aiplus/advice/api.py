"""Read-only JSON API for advice requests: what the caller may see, as on the pages (their
B/D's requests; every request for DPO's advisors), messages without internal notes for the
B/D. Anonymous callers are refused; another B/D's request is a 404."""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Router, Schema

from aiplus.advice import selectors
from aiplus.advice.exports import REQUEST_EXPORT
from aiplus.advice.models import AdviceRequest
from aiplus.core.pagination import PageNumber, page_payload

router = Router(tags=["advice"])


class AdviceRequestOut(Schema):
    reference: str
    title: str
    organisation: str
    requester: str
    status: str
    advisor: str
    submitted_at: str
    response_working_days: int
    advice_working_days: int
    overdue: bool
    rating: int | None
    url: str


class MessageOut(Schema):
    author: str
    sent_at: datetime
    internal: bool
    message: str
    attachments: list[str]


class AdviceRequestDetail(AdviceRequestOut):
    workflow: str
    volumes: str
    pain_points: str
    data_classification: int
    languages: list[str]
    budget: str
    time_frame: str
    recommended_solutions: list[str]
    messages: list[MessageOut]


class AdviceRequestPage(Schema):
    count: int
    page: int
    pages: int
    results: list[AdviceRequestOut]


def _signed_in(request: HttpRequest) -> None:
    if not request.user.is_authenticated:
        raise PermissionDenied


@router.get("/advice/requests", response=AdviceRequestPage, summary="Advice requests you may see")
def list_requests(request: HttpRequest, page: PageNumber = 1) -> dict[str, object]:
    _signed_in(request)
    requests = (
        selectors.visible_requests(request.user)
        .select_related("requester", "organisation", "assigned_to")
        .prefetch_related("status_changes")
    )
    return page_payload(requests, page=page, serialise=REQUEST_EXPORT.record)


@router.get("/advice/requests/{pk}", response=AdviceRequestDetail, summary="One advice request")
def get_request(request: HttpRequest, pk: int) -> dict[str, object]:
    _signed_in(request)
    found: AdviceRequest = selectors.request_for(request.user, pk)
    thread = selectors.thread(request.user, found)
    return {
        **REQUEST_EXPORT.record(found),
        "workflow": found.workflow,
        "volumes": found.volumes,
        "pain_points": found.pain_points,
        "data_classification": found.data_classification,
        "languages": list(found.languages),
        "budget": found.budget,
        "time_frame": found.time_frame,
        "recommended_solutions": [
            r.solution.slug for r in found.recommendations.select_related("solution")
        ],
        "messages": [
            {
                "author": (m.author.get_full_name() or m.author.username) if m.author else "",
                "sent_at": m.created_at,
                "internal": m.internal,
                "message": m.body,
                "attachments": [a.original_name for a in m.attachments.all()],
            }
            for m in thread
        ],
    }
