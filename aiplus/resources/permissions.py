"""Who may do what in the resource library, and its grants to the hub's roles. Who may *see*
a resource is a query (`selectors.visible_resources`), built on `user_can_manage_resources`."""

from aiplus.accounts.models import AnyUser, User
from aiplus.accounts.roles import CONTENT_ROLES, Role, grant, model_permissions


def register_grants() -> None:
    grant(
        CONTENT_ROLES,
        *model_permissions("resources", "resource", ("add", "change", "delete", "view")),
    )


def user_can_manage_resources(user: AnyUser) -> bool:
    """Editors and administrators see every resource, unpublished and restricted ones too."""
    return bool(
        isinstance(user, User)
        and user.is_authenticated
        and (user.is_superuser or user.has_role(Role.EDITOR) or user.has_role(Role.ADMINISTRATOR))
    )
