"""The hub's roles. Each role is a Django group whose permissions are declared here and kept in
step by `services.sync_roles()` after every migration, so the code is the source of truth."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OFFICER = "Officer", _("Officer")
    EDITOR = "Editor", _("Editor")
    ADVISOR = "Advisor", _("Advisor")
    VENDOR = "Vendor", _("Vendor")
    ADMINISTRATOR = "Administrator", _("Administrator")


ROLE_DESCRIPTIONS = {
    Role.OFFICER: _(
        "Any officer of a bureau or department: searches, reads, downloads, registers, asks."
    ),
    Role.EDITOR: _("Curates the catalogue and publishes stories, resources and events."),
    Role.ADVISOR: _("Takes technical-advice requests, replies and recommends solutions."),
    Role.VENDOR: _("Submits and updates its own company's solutions for review."),
    Role.ADMINISTRATOR: _("Manages users, roles, organisations, settings and the audit log."),
}

# Model permissions, as "app_label.codename". Accounts declares its own and Wagtail's here;
# every other app grants its models' permissions from its AppConfig.ready() with `grant()`, so
# a new app never edits this file.
ROLE_PERMISSIONS: dict[Role, list[str]] = {
    Role.OFFICER: [],
    Role.VENDOR: [],
    Role.ADVISOR: [],
    Role.EDITOR: ["wagtailadmin.access_admin", "accounts.view_organisation"],
    Role.ADMINISTRATOR: [
        "wagtailadmin.access_admin",
        "accounts.view_organisation",
        "accounts.add_user",
        "accounts.change_user",
        "accounts.delete_user",
        "accounts.add_organisation",
        "accounts.change_organisation",
        "auth.view_group",
        "wagtailcore.change_site",
        "wagtailcore.add_workflow",
        "wagtailcore.change_workflow",
        "wagtailredirects.add_redirect",
        "wagtailredirects.change_redirect",
        "wagtailredirects.delete_redirect",
    ],
}
CONTENT_ROLES = (Role.EDITOR, Role.ADMINISTRATOR)

# Models reviewed in Wagtail's default workflow besides pages, as (app_label, model).
REVIEWED_MODELS: list[tuple[str, str]] = []


def grant(roles: Role | tuple[Role, ...], *permissions: str) -> None:
    """Give roles model permissions ("app_label.codename"); called from AppConfig.ready()."""
    for role in (roles,) if isinstance(roles, Role) else roles:
        granted = ROLE_PERMISSIONS[role]
        granted += [permission for permission in permissions if permission not in granted]


def model_permissions(app_label: str, model: str, actions: tuple[str, ...]) -> list[str]:
    return [f"{app_label}.{action}_{model}" for action in actions]


def review_in_workflow(app_label: str, model: str) -> None:
    """Send the model's drafts through the default review workflow (it needs DraftStateMixin
    and WorkflowMixin)."""
    if (app_label, model) not in REVIEWED_MODELS:
        REVIEWED_MODELS.append((app_label, model))


# Wagtail page permissions on the whole tree.
_EDIT_PAGES = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
ROLE_PAGE_PERMISSIONS: dict[Role, list[str]] = {
    Role.EDITOR: _EDIT_PAGES,
    Role.ADMINISTRATOR: [*_EDIT_PAGES, "bulk_delete_page"],
}

# Wagtail collection permissions (images) on the root collection. Documents are shared through
# the resource library, not Wagtail's document library (decision 0008).
_MEDIA = [
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
]
ROLE_COLLECTION_PERMISSIONS: dict[Role, list[str]] = {
    Role.EDITOR: _MEDIA,
    Role.ADMINISTRATOR: [*_MEDIA, "wagtailimages.delete_image"],
}

# Who reviews pages (and REVIEWED_MODELS) in Wagtail's default workflow.
REVIEWER_ROLES = [Role.EDITOR, Role.ADMINISTRATOR]
