"""Who may do what with events. Editors and administrators organise (edit events, see
attendee lists, check people in, message registrants); officers register for events whose
audience includes them. DPO's side (advisors and administrators) composes and sends briefings."""

from aiplus.accounts.models import AnyUser, User
from aiplus.accounts.roles import CONTENT_ROLES, Role, grant, model_permissions
from aiplus.advice.permissions import user_is_advisor
from aiplus.events.models import Event


def register_grants() -> None:
    for model in ("event", "series"):
        grant(
            CONTENT_ROLES, *model_permissions("events", model, ("add", "change", "delete", "view"))
        )


def user_can_organise(user: AnyUser) -> bool:
    return bool(
        isinstance(user, User)
        and user.is_authenticated
        and (user.is_superuser or user.has_role(Role.EDITOR) or user.has_role(Role.ADMINISTRATOR))
    )


def user_in_audience(user: AnyUser, event: Event) -> bool:
    """Whether the event is open to this user (anyone signed in may read about it)."""
    if not isinstance(user, User) or not user.is_authenticated:
        return False
    if event.audience == Event.Audience.DIRECTORATE:
        return user.is_directorate
    if event.audience == Event.Audience.CHOSEN:
        return bool(
            user.organisation_id and event.organisations.filter(pk=user.organisation_id).exists()
        )
    return True


def user_can_brief(user: AnyUser) -> bool:
    """DPO's side composes briefings, sends them and sees every one of them."""
    return user_is_advisor(user)
