"""Who may see the search app's admin pages (index status, query report)."""

from aiplus.accounts.models import AnyUser, User
from aiplus.accounts.roles import Role


def user_can_view_search_report(user: AnyUser) -> bool:
    return bool(
        isinstance(user, User)
        and user.is_authenticated
        and (user.has_role(Role.EDITOR) or user.has_role(Role.ADMINISTRATOR))
    )
