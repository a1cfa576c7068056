"""The columns of advice lists' CSV/JSON exports (a B/D's requests, the advisors' queue) and
of a request's thread. Exports hold only what the lists show the same reader."""

from typing import Any

from django.utils import timezone

from aiplus.advice.models import AdviceRequest, Message
from aiplus.advice.timing import timing
from aiplus.core.listing import ExportSpec


def _name(user: Any) -> str:
    return (user.get_full_name() or user.username) if user is not None else ""


def _request_record(request: AdviceRequest) -> dict[str, Any]:
    clocks = timing(request)
    return {
        "reference": request.reference,
        "title": request.title,
        "organisation": request.organisation.code if request.organisation else "",
        "requester": _name(request.requester),
        "status": request.status,
        "advisor": _name(request.assigned_to),
        "submitted_at": timezone.localtime(request.submitted_at).isoformat(),
        "response_working_days": clocks.response.days,
        "advice_working_days": clocks.advice.days,
        "overdue": clocks.overdue,
        "rating": request.rating,
        "url": request.get_absolute_url(),
    }


REQUEST_EXPORT = ExportSpec[AdviceRequest](
    columns=[
        "reference",
        "title",
        "organisation",
        "requester",
        "status",
        "advisor",
        "submitted_at",
        "response_working_days",
        "advice_working_days",
        "overdue",
        "rating",
        "url",
    ],
    record=_request_record,
    prefetch=("status_changes",),
)


def _message_record(message: Message) -> dict[str, Any]:
    return {
        "request": message.request.reference,
        "sent_at": timezone.localtime(message.created_at).isoformat(),
        "author": _name(message.author),
        "internal": message.internal,
        "message": message.body,
        "attachments": ", ".join(a.original_name for a in message.attachments.all()),
    }


MESSAGE_EXPORT = ExportSpec[Message](
    columns=["request", "sent_at", "author", "internal", "message", "attachments"],
    record=_message_record,
    prefetch=("attachments",),
)
