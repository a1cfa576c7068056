"""Who may do what with advice requests. Who may *see* a request is a query
(`selectors.visible_requests`) built on these checks:

- DPO's side (advisors and administrators) sees and works on every request;
- a B/D's side is the requester and their colleagues in the same organisation, who see the
  B/D's requests (never another B/D's), reply, supply information, close and reopen;
- a user with no organisation sees only their own requests;
- internal notes are for DPO's side alone."""

from aiplus.accounts.models import AnyUser, Organisation, User
from aiplus.accounts.roles import Role, grant, model_permissions
from aiplus.advice.models import AdviceRequest
from aiplus.advice.workflow import Side

ADVICE_MODELS = ("advicerequest", "statuschange", "message", "attachment", "recommendation")


def register_grants() -> None:
    for model in ADVICE_MODELS:
        grant((Role.ADVISOR, Role.ADMINISTRATOR), *model_permissions("advice", model, ("view",)))
    grant(
        Role.ADMINISTRATOR,
        *model_permissions("advice", "closureday", ("add", "change", "delete", "view")),
    )


def user_is_advisor(user: AnyUser) -> bool:
    """DPO's side: takes, answers and advances requests, and reads internal notes."""
    return bool(
        isinstance(user, User)
        and user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.has_role(Role.ADVISOR) or user.has_role(Role.ADMINISTRATOR))
    )


def user_can_request_advice(user: AnyUser) -> bool:
    """Anyone signed in who is not a vendor's staff: advice is for the Government's own units."""
    if not isinstance(user, User) or not user.is_authenticated:
        return False
    organisation = user.organisation
    return organisation is None or organisation.kind != Organisation.Kind.COMPANY


def user_can_read_internal_notes(user: AnyUser) -> bool:
    return user_is_advisor(user)


def side_of(user: AnyUser, request: AdviceRequest) -> Side | None:
    """The side `user` acts for on `request`, or None if neither. An advisor who asked for
    advice themselves acts as DPO."""
    if user_is_advisor(user):
        return Side.ADVISOR
    if not isinstance(user, User) or not user.is_authenticated:
        return None
    if request.requester_id == user.pk:
        return Side.REQUESTER
    same_bd = user.organisation_id is not None and request.organisation_id == user.organisation_id
    return Side.REQUESTER if same_bd else None
