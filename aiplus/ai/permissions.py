"""Who may see the AI layer's status and settings pages."""

from aiplus.accounts.models import AnyUser, User
from aiplus.accounts.roles import Role


def user_can_view_ai_status(user: AnyUser) -> bool:
    return bool(
        isinstance(user, User) and user.is_authenticated and user.has_role(Role.ADMINISTRATOR)
    )
