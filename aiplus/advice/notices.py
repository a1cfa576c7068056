"""What advice requests tell people, through the hub's one notification channel (inbox and
e-mail, each in the recipient's language). Called by the services inside their transactions,
so a refused or rolled-back change tells nobody.

Who hears what: the B/D's requester hears of status changes and DPO's messages; the assigned
advisor (every advisor while nobody has the request) hears of new requests, the B/D's messages
and requests past a target. Nobody is told of what they did themselves."""

from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from aiplus.accounts.models import User
from aiplus.accounts.roles import Role
from aiplus.advice.models import AdviceRequest, Message, StatusChange
from aiplus.advice.workflow import Side, Status
from aiplus.notifications.services import notify

SUBMITTED = "advice.submitted"
STATUS = "advice.status"
MESSAGE = "advice.message"
ASSIGNED = "advice.assigned"
OVERDUE = "advice.overdue"


def register_kinds() -> None:
    from aiplus.notifications import kinds

    kinds.register(SUBMITTED, label=_("New advice requests (advisors)"))
    kinds.register(STATUS, label=_("Changes of status of your advice requests"))
    kinds.register(MESSAGE, label=_("New messages on advice requests"))
    kinds.register(ASSIGNED, label=_("Advice requests given to you (advisors)"))
    kinds.register(OVERDUE, label=_("Overdue advice requests (advisors)"))


def advisors() -> QuerySet[User]:
    return User.objects.filter(groups__name=Role.ADVISOR, is_active=True).distinct()


def _dpo_side(request: AdviceRequest) -> Iterable[User]:
    return [request.assigned_to] if request.assigned_to else advisors()


def _assigned(request: AdviceRequest) -> list[User]:
    return [request.assigned_to] if request.assigned_to else []


def _requester(request: AdviceRequest) -> list[User]:
    requester = request.requester
    return [requester] if requester is not None and requester.is_active else []


def _except(users: Iterable[User], who: User | None) -> list[User]:
    return [user for user in users if who is None or user.pk != who.pk]


def _context(request: AdviceRequest) -> dict[str, object]:
    return {"reference": request.reference, "title": request.title}


def submitted(request: AdviceRequest) -> None:
    notify(
        recipients=advisors(),
        kind=SUBMITTED,
        subject=_("New advice request %(reference)s: %(title)s"),
        body=_("%(organisation)s asks for advice. Triage it within the response target."),
        context={
            **_context(request),
            "organisation": lambda: str(request.organisation or request.requester or ""),
        },
        url=request.get_absolute_url(),
    )


def status_changed(request: AdviceRequest, change: StatusChange) -> None:
    recipients = _except([*_requester(request), *_assigned(request)], change.by)
    notify(
        recipients=recipients,
        kind=STATUS,
        subject=_("Advice request %(reference)s is now “%(status)s”"),
        body=_("“%(title)s”: open the request to see what changed."),
        context={**_context(request), "status": lambda: str(Status(change.to_status).label)},
        url=request.get_absolute_url(),
    )


def new_message(message: Message, *, side: Side) -> None:
    request = message.request
    recipients = _requester(request) if side == Side.ADVISOR else _dpo_side(request)
    notify(
        recipients=_except(recipients, message.author),
        kind=MESSAGE,
        subject=_("New message on advice request %(reference)s"),
        body=_("%(title)s: open the request to read and reply."),
        context=_context(request),
        url=request.get_absolute_url(),
    )


def assigned(request: AdviceRequest, advisor: User) -> None:
    notify(
        recipients=[advisor],
        kind=ASSIGNED,
        subject=_("Advice request %(reference)s is yours: %(title)s"),
        context=_context(request),
        url=request.get_absolute_url(),
    )


def overdue(request: AdviceRequest) -> None:
    notify(
        recipients=_dpo_side(request),
        kind=OVERDUE,
        subject=_("Overdue advice request %(reference)s: %(title)s"),
        body=_(
            "The request is past its response-time target. Answer it, or tell the B/D when "
            "to expect advice."
        ),
        context=_context(request),
        url=request.get_absolute_url(),
    )
