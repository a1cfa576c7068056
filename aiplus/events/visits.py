"""Departmental visits and briefings on request: a B/D asks, DPO (the organisers) propose a
slot, the B/D confirms and the visit becomes an event open to that B/D alone; or the B/D asks
for another slot, or withdraws. Each step tells the other side."""

from datetime import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aiplus.accounts.models import AnyUser, User
from aiplus.accounts.roles import Role
from aiplus.core.i18n import localise
from aiplus.events.models import Event, VisitRequest
from aiplus.events.permissions import user_can_organise
from aiplus.notifications.services import notify

Status = VisitRequest.Status


class VisitError(ValueError):
    """A refusal with a message for the person (translated)."""


def requests_for(user: AnyUser) -> QuerySet[VisitRequest]:
    """Organisers see every request; officers their own B/D's."""
    if user_can_organise(user):
        return VisitRequest.objects.all()
    organisation = getattr(user, "organisation_id", None) if user.is_authenticated else None
    if not organisation:
        return VisitRequest.objects.none()
    return VisitRequest.objects.filter(organisation_id=organisation)


def request_for(user: AnyUser, pk: int) -> VisitRequest:
    found = (
        requests_for(user)
        .select_related("organisation", "requested_by", "event")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


def _organisers() -> list[User]:
    return list(
        User.objects.filter(
            is_active=True, groups__name__in=[Role.EDITOR, Role.ADMINISTRATOR]
        ).distinct()
    )


def ask(
    *, user: User, kind: str, topics: str, preferred_dates: str, audience_size: int
) -> VisitRequest:
    organisation = user.organisation
    if organisation is None or not organisation.is_government:
        raise VisitError(_("Only officers of a bureau or department can ask for a visit."))
    request = VisitRequest.objects.create(
        kind=kind,
        organisation=organisation,
        requested_by=user,
        topics=topics.strip(),
        preferred_dates=preferred_dates.strip(),
        audience_size=audience_size,
    )
    notify(
        recipients=_organisers(),
        kind="events.visit",
        subject=gettext_lazy("%(organisation)s asks for a visit or briefing"),
        body=gettext_lazy("Propose a slot on the request's page."),
        context={"organisation": request.organisation.code},
        url=request.get_absolute_url(),
    )
    return request


def propose(
    *, request: VisitRequest, start: datetime, end: datetime, venue: str, note: str = ""
) -> None:
    if request.status not in (Status.REQUESTED, Status.PROPOSED):
        raise VisitError(_("This request is no longer open."))
    if end <= start:
        raise VisitError(_("The end must be after the start."))
    request.proposed_start, request.proposed_end = start, end
    request.proposed_venue, request.note = venue.strip(), note.strip()
    request.status = Status.PROPOSED
    request.save()
    notify(
        recipients=[request.requested_by],
        kind="events.visit",
        subject=gettext_lazy("DPO proposes a date for your visit or briefing"),
        body=gettext_lazy("Confirm it, or ask for another date, on the request's page."),
        url=request.get_absolute_url(),
    )


@transaction.atomic
def confirm(*, request: VisitRequest, user: User) -> Event:
    """The B/D accepts the proposed slot: the visit becomes an event for that B/D."""
    if request.status != Status.PROPOSED or request.proposed_start is None:
        raise VisitError(_("There is no proposed date to confirm."))
    assert request.proposed_end is not None
    titles = {}
    for language in ("en", "zh-hant"):
        with translation.override(language):
            name = localise(request.organisation, "name", language=language).value
            titles[language] = f"{request.get_kind_display()}: {name}"
    event = Event.objects.create(
        kind=request.kind,
        title=titles["en"],
        title_zh_hant=titles["zh-hant"].replace(": ", "："),
        summary=request.topics,
        starts_at=request.proposed_start,
        ends_at=request.proposed_end,
        venue=request.proposed_venue,
        capacity=max(request.audience_size, 1),
        audience=Event.Audience.CHOSEN,
        live=True,
    )
    event.organisations.set([request.organisation])
    request.status, request.event = Status.CONFIRMED, event
    request.save(update_fields=["status", "event"])
    notify(
        recipients=_organisers(),
        kind="events.visit",
        subject=gettext_lazy("%(organisation)s confirmed the visit or briefing"),
        body=gettext_lazy("It is now an event open to that bureau or department."),
        context={"organisation": request.organisation.code},
        url=event.get_absolute_url(),
    )
    return event


def ask_again(*, request: VisitRequest) -> None:
    """The proposed date does not suit the B/D: back to DPO."""
    if request.status != Status.PROPOSED:
        raise VisitError(_("There is no proposed date to decline."))
    request.status = Status.REQUESTED
    request.save(update_fields=["status"])
    notify(
        recipients=_organisers(),
        kind="events.visit",
        subject=gettext_lazy("%(organisation)s asks for another date"),
        body=gettext_lazy("Propose another slot on the request's page."),
        context={"organisation": request.organisation.code},
        url=request.get_absolute_url(),
    )


def withdraw(*, request: VisitRequest) -> None:
    if request.status == Status.CONFIRMED:
        raise VisitError(_("A confirmed visit is cancelled from its event page by DPO."))
    request.status = Status.WITHDRAWN
    request.save(update_fields=["status"])
