"""Who may do what in the catalogue, and the catalogue's grants to the hub's roles."""

from aiplus.accounts.models import AnyUser, User
from aiplus.accounts.roles import CONTENT_ROLES, Role, grant, model_permissions, review_in_workflow


def register_grants() -> None:
    grant(
        CONTENT_ROLES,
        *model_permissions("catalogue", "solution", ("add", "change", "delete", "publish", "view")),
    )
    for model in ("task", "capability"):
        grant(
            CONTENT_ROLES,
            *model_permissions("catalogue", model, ("add", "change", "delete", "view")),
        )
    review_in_workflow("catalogue", "solution")


def user_can_submit_solutions(user: AnyUser) -> bool:
    """Vendors of a company (never of a government organisation) submit their own solutions."""
    return bool(
        isinstance(user, User)
        and user.is_authenticated
        and user.has_role(Role.VENDOR)
        and user.organisation is not None
        and not user.organisation.is_government
    )
