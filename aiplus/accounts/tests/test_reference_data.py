import json

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, GroupPagePermission

from aiplus.accounts import services
from aiplus.accounts.models import Organisation
from aiplus.accounts.roles import ROLE_PERMISSIONS, Role

pytestmark = pytest.mark.django_db


def test_every_role_is_a_group_with_exactly_its_declared_permissions():
    for role in Role:
        group = Group.objects.get(name=role.value)
        granted = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        assert granted == set(ROLE_PERMISSIONS[role])


def test_sync_roles_restores_permissions_removed_by_hand_and_is_idempotent():
    editor_group = Group.objects.get(name=Role.EDITOR.value)
    editor_group.permissions.clear()
    services.sync_roles()
    services.sync_roles()
    assert editor_group.permissions.filter(codename="access_admin").exists()
    assert Group.objects.filter(name__in=[r.value for r in Role]).count() == len(Role)
    assert GroupPagePermission.objects.filter(group=editor_group).count() == 5


def test_wagtail_default_groups_are_replaced_and_editors_review_pages():
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    task = GroupApprovalTask.objects.get()
    assert set(task.groups.values_list("name", flat=True)) == {"Editor", "Administrator"}


def test_shipped_organisations_cover_the_bureaux_and_departments():
    dpo = Organisation.objects.get(code="DPO")
    assert dpo.name == "Digital Policy Office"
    assert dpo.name_zh_hant == "數字政策辦公室"
    assert dpo.parent is not None and dpo.parent.code == "ITIB"
    assert Organisation.objects.get(code="CSB").kind == Organisation.Kind.BUREAU
    assert Organisation.objects.filter(kind=Organisation.Kind.BUREAU).count() == 15
    assert Organisation.objects.count() >= 80
    assert not Organisation.objects.filter(name_zh_hant="").exists()


def test_shipped_organisation_file_is_consistent():
    rows = json.loads(services.ORGANISATIONS_FILE.read_text(encoding="utf-8"))
    codes = [row["code"] for row in rows]
    assert len(codes) == len(set(codes))
    assert all(row["parent"] in codes for row in rows if row["parent"])


def test_sync_organisations_updates_in_place_without_duplicates(tmp_path):
    before = Organisation.objects.count()
    rows = json.loads(services.ORGANISATIONS_FILE.read_text(encoding="utf-8"))
    for row in rows:
        if row["code"] == "DPO":
            row["name_en"] = "Digital Policy Office (renamed)"
    changed = tmp_path / "organisations.json"
    changed.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")

    services.sync_organisations(source=changed)
    services.sync_organisations(source=changed)

    assert Organisation.objects.count() == before
    assert Organisation.objects.get(code="DPO").name == "Digital Policy Office (renamed)"
