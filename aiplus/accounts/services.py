"""Writes for accounts: reference data (roles, organisations) and user management."""

import json
from pathlib import Path

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from aiplus.accounts.models import Organisation, User
from aiplus.accounts.roles import (
    REVIEWED_MODELS,
    REVIEWER_ROLES,
    ROLE_COLLECTION_PERMISSIONS,
    ROLE_PAGE_PERMISSIONS,
    ROLE_PERMISSIONS,
    Role,
)

ORGANISATIONS_FILE = Path(__file__).parent / "data" / "organisations.json"

# Wagtail seeds these two groups; the hub's roles replace them.
_WAGTAIL_DEFAULT_GROUPS = ["Editors", "Moderators"]


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".", 1)
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def sync_roles() -> None:
    """Create the role groups and give each exactly the permissions `roles.py` declares.
    Idempotent: runs after every `migrate`."""
    from wagtail.models import (
        Collection,
        GroupApprovalTask,
        GroupCollectionPermission,
        GroupPagePermission,
        Page,
    )

    groups = {role: Group.objects.get_or_create(name=role.value)[0] for role in Role}
    for role, group in groups.items():
        group.permissions.set([_permission(p) for p in ROLE_PERMISSIONS[role]])

    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    for role, group in groups.items():
        GroupPagePermission.objects.filter(group=group).delete()
        GroupCollectionPermission.objects.filter(group=group).delete()
        if root_page is not None:
            for codename in ROLE_PAGE_PERMISSIONS.get(role, []):
                GroupPagePermission.objects.create(
                    group=group,
                    page=root_page,
                    permission=_permission(f"wagtailcore.{codename}"),
                )
        if root_collection is not None:
            for dotted in ROLE_COLLECTION_PERMISSIONS.get(role, []):
                GroupCollectionPermission.objects.create(
                    group=group, collection=root_collection, permission=_permission(dotted)
                )

    reviewers = [groups[role] for role in REVIEWER_ROLES]
    for task in GroupApprovalTask.objects.all():
        task.groups.set(reviewers)
    _assign_review_workflow()
    Group.objects.filter(name__in=_WAGTAIL_DEFAULT_GROUPS, user__isnull=True).delete()


def _assign_review_workflow() -> None:
    """Snippets that need review (solutions, cases) use the same workflow as pages."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Workflow, WorkflowContentType

    workflow = Workflow.objects.filter(active=True).order_by("pk").first()
    if workflow is None:
        return
    for app_label, model in REVIEWED_MODELS:
        content_type = ContentType.objects.get_by_natural_key(app_label, model)
        WorkflowContentType.objects.get_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )


@transaction.atomic
def sync_organisations(*, source: Path = ORGANISATIONS_FILE) -> int:
    """Load the shipped list of bureaux and departments; update names that changed. Codes are
    stable keys, so this never duplicates. Returns how many organisations it wrote."""
    rows = json.loads(source.read_text(encoding="utf-8"))
    by_code: dict[str, Organisation] = {}
    for row in rows:
        organisation, _created = Organisation.objects.update_or_create(
            code=row["code"],
            defaults={
                "kind": row["kind"],
                "name": row["name_en"],
                "name_zh_hant": row["name_zh_hant"],
            },
        )
        by_code[row["code"]] = organisation
    for row in rows:
        parent = by_code[row["parent"]] if row.get("parent") else None
        organisation = by_code[row["code"]]
        if organisation.parent_id != (parent.pk if parent else None):
            organisation.parent = parent
            organisation.save(update_fields=["parent"])
    return len(rows)


@transaction.atomic
def set_roles(*, user: User, roles: list[Role]) -> None:
    """Replace the user's roles. The audit log records the change (see aiplus.audit)."""
    role_groups = Group.objects.filter(name__in=[role.value for role in Role])
    keep = user.groups.exclude(pk__in=role_groups)
    user.groups.set([*keep, *role_groups.filter(name__in=[r.value for r in roles])])


@transaction.atomic
def create_user(
    *,
    username: str,
    email: str,
    password: str | None,
    roles: list[Role],
    organisation: Organisation | None,
    first_name: str = "",
    last_name: str = "",
) -> User:
    user = User(
        username=username,
        email=email,
        first_name=first_name,
        last_name=last_name,
        organisation=organisation,
        is_superuser=False,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    set_roles(user=user, roles=roles)
    return user
