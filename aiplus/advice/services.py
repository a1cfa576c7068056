"""Writes for advice requests. Every status move goes through `change_status`, which asks the
workflow's one table of allowed moves and records the move; a refusal is an `AdviceError`
with a message for the person. Callers have already checked that the user may see the request
(`selectors.request_for`); these functions check what the user may *do* with it."""

from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from aiplus.accounts.models import User
from aiplus.advice import notices
from aiplus.advice.models import AdviceRequest, Attachment, Message, Recommendation, StatusChange
from aiplus.advice.permissions import side_of, user_can_request_advice, user_is_advisor
from aiplus.advice.timing import CLOCK_STATUSES, history_of, overdue_from
from aiplus.advice.workdays import local_date
from aiplus.advice.workflow import OPEN_STATUSES, Side, Status, is_allowed
from aiplus.catalogue.models import Solution
from aiplus.resources.extraction.sniff import UnsafeFileError, detect_type


class AdviceError(ValueError):
    """A refusal, with a message for the person (translated)."""


class IllegalTransition(AdviceError):
    """A status move that the workflow does not allow, or not to this user's side."""


def _side(user: User, request: AdviceRequest) -> Side:
    side = side_of(user, request)
    if side is None:
        raise AdviceError(_("You cannot act on this request."))
    return side


def _require_advisor(user: User) -> None:
    if not user_is_advisor(user):
        raise AdviceError(_("Only DPO's advisors can do this."))


@transaction.atomic
def submit_request(
    *,
    requester: User,
    title: str,
    workflow: str,
    volumes: str = "",
    pain_points: str = "",
    data_classification: int = 0,
    languages: Iterable[str] = (),
    budget: str = "",
    time_frame: str = "",
    solution: Solution | None = None,
    upload: UploadedFile | None = None,
) -> AdviceRequest:
    if not user_can_request_advice(requester):
        raise AdviceError(_("Advice requests come from bureaux and departments."))
    request = AdviceRequest.objects.create(
        requester=requester,
        organisation=requester.organisation,
        title=title.strip()[:200],
        workflow=workflow.strip(),
        volumes=volumes.strip(),
        pain_points=pain_points.strip(),
        data_classification=data_classification,
        languages=list(languages),
        budget=budget.strip()[:200],
        time_frame=time_frame.strip()[:200],
        solution=solution,
    )
    StatusChange.objects.create(
        request=request, to_status=Status.SUBMITTED, by=requester, at=request.submitted_at
    )
    request.overdue_from = overdue_from(history_of(request), status=request.status)
    request.save(update_fields=["overdue_from"])
    if upload is not None:
        attach(request=request, by=requester, upload=upload)
    notices.submitted(request)
    return request


@transaction.atomic
def change_status(
    *,
    request: AdviceRequest,
    to: str,
    by: User,
    note: str = "",
    rating: int | None = None,
    rating_comment: str = "",
) -> StatusChange:
    """Move the request to `to` if the workflow allows `by`'s side to, and record the move."""
    locked = AdviceRequest.objects.select_for_update().get(pk=request.pk)
    side = _side(by, locked)
    if not is_allowed(locked.status, to, side):
        raise IllegalTransition(
            _("A request that is “%(current)s” cannot be moved to “%(target)s” by you.")
            % {"current": Status(locked.status).label, "target": _label(to)}
        )
    if to == Status.CLOSED and side == Side.REQUESTER:
        # Advice given is rated on closing; a request withdrawn before it may be rated too.
        if locked.status == Status.ADVISED and rating not in range(1, 6):
            raise AdviceError(_("Rate the advice from 1 to 5 to close the request."))
        if rating in range(1, 6):
            locked.rating, locked.rating_comment = rating, rating_comment.strip()
    change = StatusChange.objects.create(
        request=locked, from_status=locked.status, to_status=to, by=by, note=note.strip()
    )
    locked.status = to
    locked.overdue_from = overdue_from(history_of(locked), status=to)
    locked.save(update_fields=["status", "rating", "rating_comment", "overdue_from", "updated_at"])
    request.status, request.rating = locked.status, locked.rating
    request.overdue_from = locked.overdue_from
    notices.status_changed(locked, change)
    return change


def _label(status: str) -> str:
    return str(Status(status).label) if status in Status.values else status


@transaction.atomic
def triage(*, request: AdviceRequest, by: User, advisor: User | None, note: str = "") -> None:
    """The first response: the request is accepted, and given to an advisor if one is chosen."""
    _require_advisor(by)
    if advisor is not None:
        assign(request=request, by=by, advisor=advisor)
    change_status(request=request, to=Status.TRIAGED, by=by, note=note)


def assign(*, request: AdviceRequest, by: User, advisor: User | None) -> None:
    _require_advisor(by)
    if advisor is not None and not user_is_advisor(advisor):
        raise AdviceError(_("Requests can only be given to an advisor."))
    request.assigned_to = advisor
    request.save(update_fields=["assigned_to", "updated_at"])
    if advisor is not None and advisor.pk != by.pk:
        notices.assigned(request, advisor)


@transaction.atomic
def post_message(
    *, request: AdviceRequest, by: User, body: str, upload: UploadedFile | None = None
) -> Message:
    """A message in the thread. The B/D answering while DPO waits for it hands the request
    back (awaiting the B/D → in progress)."""
    side = _side(by, request)
    body = body.strip()
    if not body:
        raise AdviceError(_("Write a message."))
    if request.status == Status.CLOSED:
        raise AdviceError(_("The request is closed: reopen it to write again."))
    message = Message.objects.create(request=request, author=by, body=body)
    if upload is not None:
        attach(request=request, by=by, upload=upload, message=message)
    if side == Side.REQUESTER and request.status == Status.AWAITING_BD:
        change_status(
            request=request, to=Status.IN_PROGRESS, by=by, note=_("The B/D supplied information.")
        )
    notices.new_message(message, side=side)
    return message


@transaction.atomic
def add_note(
    *, request: AdviceRequest, by: User, body: str, upload: UploadedFile | None = None
) -> Message:
    """An internal note: DPO's side writes and reads it; the B/D never sees it."""
    _require_advisor(by)
    body = body.strip()
    if not body:
        raise AdviceError(_("Write a note."))
    note = Message.objects.create(request=request, author=by, body=body, internal=True)
    if upload is not None:
        attach(request=request, by=by, upload=upload, message=note)
    return note


def attach(
    *, request: AdviceRequest, by: User, upload: UploadedFile, message: Message | None = None
) -> Attachment:
    """Check the file with the resource library's checks (type from the bytes, size, zip
    bombs) and keep it privately; nothing is stored on refusal."""
    name = (upload.name or "file")[:255]
    try:
        file_type = detect_type(
            upload, filename=name, max_bytes=settings.AIPLUS_ADVICE_ATTACHMENT_MAX_BYTES
        )
    except UnsafeFileError as error:
        raise AdviceError(str(error)) from error
    attachment = Attachment(
        request=request,
        message=message,
        original_name=name,
        file_type=file_type,
        size_bytes=upload.size or 0,
        uploaded_by=by,
    )
    attachment.file.save(name, upload, save=False)
    attachment.save()
    return attachment


def recommend(*, request: AdviceRequest, by: User, solution: Solution, note: str = "") -> None:
    _require_advisor(by)
    if not solution.live:
        raise AdviceError(_("Only published solutions can be recommended."))
    Recommendation.objects.update_or_create(
        request=request, solution=solution, defaults={"note": note.strip(), "by": by}
    )


def remove_recommendation(*, request: AdviceRequest, by: User, solution_pk: int) -> None:
    _require_advisor(by)
    Recommendation.objects.filter(request=request, solution_id=solution_pk).delete()


@transaction.atomic
def refresh_clocks(*, requests: QuerySet[AdviceRequest] | None = None) -> int:
    """Store `overdue_from` again from each request's history: for when a target or the
    holiday calendar has changed, or history was written by other means than the moves.
    Returns how many requests changed."""
    requests = AdviceRequest.objects.all() if requests is None else requests
    # Only a request whose clock may run, or which still has a day stored, can change.
    candidates = (
        requests.filter(Q(status__in=CLOCK_STATUSES) | Q(overdue_from__isnull=False))
        .select_for_update(of=("self",))
        .prefetch_related("status_changes")
    )
    changed = []
    for request in candidates:
        due = overdue_from(history_of(request), status=request.status)
        if due != request.overdue_from:
            request.overdue_from = due
            changed.append(request)
    AdviceRequest.objects.bulk_update(changed, ["overdue_from"], batch_size=500)
    return len(changed)


def remind_overdue(*, now: datetime | None = None) -> int:
    """Tell each overdue request's advisor (every advisor when nobody has it) once a day."""
    now = now or timezone.now()
    today = local_date(now)
    overdue = (
        AdviceRequest.objects.filter(status__in=OPEN_STATUSES, overdue_from__lte=today)
        .exclude(reminded_on=today)
        .select_related("assigned_to")
    )
    count = 0
    for request in overdue:
        notices.overdue(request)
        AdviceRequest.objects.filter(pk=request.pk).update(reminded_on=today)
        count += 1
    return count
