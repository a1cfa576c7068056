"""Who may do what with cases, and the cases app's grants to the hub's roles."""

from aiplus.accounts.models import AnyUser, User
from aiplus.accounts.roles import CONTENT_ROLES, grant, model_permissions, review_in_workflow


def register_grants() -> None:
    grant(
        CONTENT_ROLES,
        *model_permissions("cases", "case", ("add", "change", "delete", "publish", "view")),
    )
    grant(CONTENT_ROLES, "cases.add_importrun", "cases.view_importrun")
    review_in_workflow("cases", "case")


def user_can_import(user: AnyUser) -> bool:
    return bool(isinstance(user, User) and user.has_perm("cases.add_importrun"))
