"""The audit log's grants to the hub's roles."""

from aiplus.accounts.roles import Role, grant


def register_grants() -> None:
    grant(Role.ADMINISTRATOR, "audit.view_auditevent")
