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

_CONTENT_ADMIN = [
    "wagtailadmin.access_admin",
    "accounts.view_organisation",
    *[
        f"{app}.{action}_{model}"
        for app, model in (("catalogue", "solution"), ("cases", "case"))
        for action in ("add", "change", "delete", "publish", "view")
    ],
    *[
        f"catalogue.{action}_{model}"
        for model in ("task", "capability")
        for action in ("add", "change", "delete", "view")
    ],
    *[f"resources.{action}_resource" for action in ("add", "change", "delete", "view")],
    "cases.add_importrun",
    "cases.view_importrun",
]

# Model permissions, as "app_label.codename".
ROLE_PERMISSIONS: dict[Role, list[str]] = {
    Role.OFFICER: [],
    Role.VENDOR: [],
    Role.ADVISOR: [],
    Role.EDITOR: _CONTENT_ADMIN,
    Role.ADMINISTRATOR: [
        *_CONTENT_ADMIN,
        "accounts.add_user",
        "accounts.change_user",
        "accounts.delete_user",
        "accounts.add_organisation",
        "accounts.change_organisation",
        "auth.view_group",
        "audit.view_auditevent",
        "wagtailcore.change_site",
        "wagtailcore.add_workflow",
        "wagtailcore.change_workflow",
        "wagtailredirects.add_redirect",
        "wagtailredirects.change_redirect",
        "wagtailredirects.delete_redirect",
    ],
}

# Wagtail page permissions on the whole tree.
_EDIT_PAGES = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
ROLE_PAGE_PERMISSIONS: dict[Role, list[str]] = {
    Role.EDITOR: _EDIT_PAGES,
    Role.ADMINISTRATOR: [*_EDIT_PAGES, "bulk_delete_page"],
}

# Wagtail collection permissions (images and documents) on the root collection.
_MEDIA = [
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
]
ROLE_COLLECTION_PERMISSIONS: dict[Role, list[str]] = {
    Role.EDITOR: _MEDIA,
    Role.ADMINISTRATOR: [*_MEDIA, "wagtailimages.delete_image", "wagtaildocs.delete_document"],
}

# Who reviews pages (and the models below) in Wagtail's default workflow.
REVIEWER_ROLES = [Role.EDITOR, Role.ADMINISTRATOR]
REVIEWED_MODELS = [("catalogue", "solution"), ("cases", "case")]
