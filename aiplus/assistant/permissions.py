"""Who may use and manage assistants.

- A public assistant answers anyone, signed in or not (also in its widget on allowed sites);
  any other live assistant answers signed-in users only.
- A conversation belongs to whoever started it: a signed-in user's is theirs alone; an
  anonymous visitor's is reached only through its unguessable id, which only their page holds.
- Editors and administrators curate knowledge, read the analytics and answer enquiries."""

from aiplus.accounts.models import AnyUser, User
from aiplus.accounts.roles import Role, grant, model_permissions
from aiplus.assistant.models import Assistant, Conversation

MANAGED_MODELS = ("assistant", "knowledgeitem", "enquiry")


def register_grants() -> None:
    for model in MANAGED_MODELS:
        grant(
            (Role.EDITOR, Role.ADMINISTRATOR),
            *model_permissions("assistant", model, ("add", "change", "delete", "view")),
        )


def user_can_use(user: AnyUser, assistant: Assistant) -> bool:
    if not assistant.live:
        return False
    return assistant.is_public or bool(user.is_authenticated)


def user_can_manage(user: AnyUser) -> bool:
    return bool(
        isinstance(user, User)
        and user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.has_role(Role.EDITOR) or user.has_role(Role.ADMINISTRATOR))
    )


def user_owns(user: AnyUser, conversation: Conversation) -> bool:
    """Whether this user may continue or read the conversation (its id already given)."""
    if conversation.user_id is None:
        return True
    return bool(user.is_authenticated and conversation.user_id == user.pk)


def user_can_act(user: AnyUser) -> bool:
    """Actions on the hub (advice status, event registration) are for signed-in officers."""
    return isinstance(user, User) and user.is_authenticated and user.is_active
