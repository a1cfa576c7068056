"""Briefings: DPO curates published solutions, success stories, resources and events, writes an
introduction and sends it once to every active officer of the chosen bureaux and departments,
each in their own language. DPO's side sees every briefing; an officer sees only the sent
briefings addressed to their own B/D (anyone else gets a 404)."""

from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aiplus.accounts.models import AnyUser, Organisation, User
from aiplus.cases.models import Collection
from aiplus.cases.selectors import live_cases
from aiplus.catalogue.selectors import live_solutions
from aiplus.core.i18n import localise
from aiplus.events.models import Briefing, Event
from aiplus.events.permissions import user_can_brief
from aiplus.events.selectors import visible_events
from aiplus.notifications.services import notify
from aiplus.resources.models import Resource
from aiplus.resources.selectors import visible_resources


class BriefingError(ValueError):
    """A refusal with a message for the person (translated)."""


def offered_items() -> dict[str, QuerySet[Any]]:
    """What a briefing may point to: what every officer can open."""
    return {
        "solutions": live_solutions().order_by("name"),
        "cases": live_cases().filter(collection=Collection.STORY).order_by("title"),
        "resources": Resource.objects.filter(
            is_published=True,
            visibility__in=[Resource.Visibility.PUBLIC, Resource.Visibility.SIGNED_IN],
        )
        .exclude(extraction_status=Resource.Extraction.FAILED)
        .order_by("title"),
        "events": Event.objects.filter(
            live=True, cancelled=False, audience=Event.Audience.ALL, ends_at__gte=timezone.now()
        ).order_by("starts_at"),
    }


def offered_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.exclude(kind=Organisation.Kind.COMPANY).order_by("name")


def briefings_for(user: AnyUser) -> QuerySet[Briefing]:
    if user_can_brief(user):
        return Briefing.objects.all()
    organisation = getattr(user, "organisation_id", None) if user.is_authenticated else None
    if not organisation:
        return Briefing.objects.none()
    return Briefing.objects.filter(sent_at__isnull=False, organisations=organisation).distinct()


def briefing_for(user: AnyUser, pk: int) -> Briefing:
    found = briefings_for(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def items_for(user: AnyUser, briefing: Briefing) -> dict[str, list[Any]]:
    """The briefing's items that `user` may open now (an item unpublished or restricted since
    the briefing was sent drops out)."""
    return {
        "solutions": list(live_solutions().filter(pk__in=briefing.solutions.all())),
        "cases": list(live_cases().filter(pk__in=briefing.cases.all())),
        "resources": list(
            visible_resources(user).filter(is_published=True, pk__in=briefing.resources.all())
        ),
        "events": list(
            visible_events(user)
            .filter(live=True, pk__in=briefing.events.all())
            .order_by("starts_at")
        ),
    }


def _items_open_to_all(briefing: Briefing) -> dict[str, list[Any]]:
    """The briefing's items every officer may open (all of them, unless one was unpublished
    or restricted after the briefing was composed)."""
    return {
        name: list(offered.filter(pk__in=getattr(briefing, name).all()))
        for name, offered in offered_items().items()
    }


def _check_items(items: dict[str, list[Any]]) -> None:
    offered = offered_items()
    for name, chosen in items.items():
        pks = {item.pk for item in chosen}
        if pks - set(offered[name].filter(pk__in=pks).values_list("pk", flat=True)):
            raise BriefingError(_("A briefing can only point to published items open to all."))


@transaction.atomic
def create_briefing(
    *,
    author: User,
    texts: dict[str, str],
    organisations: list[Organisation] | QuerySet[Organisation],
    solutions: Any = (),
    cases: Any = (),
    resources: Any = (),
    events: Any = (),
) -> Briefing:
    """A draft briefing; `texts` holds the title and introduction fields (in each language)."""
    if not user_can_brief(author):
        raise BriefingError(_("Only DPO can compose briefings."))
    items = {
        "solutions": list(solutions),
        "cases": list(cases),
        "resources": list(resources),
        "events": list(events),
    }
    _check_items(items)
    if not any(items.values()):
        raise BriefingError(_("Choose at least one item for the briefing."))
    allowed = {"title", "title_zh_hant", "title_zh_hans"}
    allowed |= {"introduction", "introduction_zh_hant", "introduction_zh_hans"}
    briefing = Briefing.objects.create(
        created_by=author,
        **{name: value.strip() for name, value in texts.items() if name in allowed},
    )
    briefing.organisations.set(organisations)
    for name, chosen in items.items():
        getattr(briefing, name).set(chosen)
    return briefing


def recipients_of(briefing: Briefing) -> QuerySet[User]:
    return User.objects.filter(
        is_active=True, organisation__in=briefing.organisations.all()
    ).distinct()


@transaction.atomic
def send_briefing(*, briefing: Briefing, sender: User) -> int:
    """Send the briefing to every active officer of its B/Ds; a briefing is sent once. Returns
    the number of recipients."""
    if not user_can_brief(sender):
        raise BriefingError(_("Only DPO can send briefings."))
    claimed = Briefing.objects.filter(pk=briefing.pk, sent_at__isnull=True).update(
        sent_at=timezone.now()
    )
    if not claimed:
        raise BriefingError(_("This briefing has already been sent."))
    briefing.refresh_from_db(fields=["sent_at"])
    recipients = list(recipients_of(briefing))
    if not recipients:
        raise BriefingError(_("The chosen bureaux and departments have no active officers."))
    notify(
        recipients=recipients,
        kind="events.briefing",
        subject=gettext_lazy("Briefing from DPO: %(title)s"),
        template="events/notifications/briefing.txt",
        html_template="events/notifications/briefing.html",
        context={
            "title": lambda: localise(briefing, "title").value,
            "introduction": lambda: localise(briefing, "introduction").value,
            "items": _items_open_to_all(briefing),
            "site": settings.WAGTAILADMIN_BASE_URL.rstrip("/"),
        },
        url=briefing.get_absolute_url(),
    )
    return len(recipients)
