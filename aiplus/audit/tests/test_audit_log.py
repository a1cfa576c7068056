import pytest
from django.contrib.auth.models import Group

from aiplus.accounts import services
from aiplus.accounts.roles import Role
from aiplus.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_role_changes_through_the_service_are_recorded(officer):
    services.set_roles(user=officer, roles=[Role.EDITOR])
    event = AuditEvent.objects.filter(action=AuditEvent.Action.ROLE_CHANGED).latest("pk")
    assert event.target == officer.username
    assert event.details["now"] == ["Editor"]


def test_role_changes_in_the_admin_record_who_made_them(client, administrator, officer):
    client.force_login(administrator)
    editor_group = Group.objects.get(name=Role.EDITOR.value)
    response = client.post(
        f"/admin/users/edit/{officer.pk}/",
        {
            "username": officer.username,
            "email": officer.email,
            "first_name": officer.first_name,
            "last_name": officer.last_name,
            "organisation": officer.organisation_id,
            "is_active": "on",
            "groups": [editor_group.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.filter(action=AuditEvent.Action.ROLE_CHANGED).latest("pk")
    assert event.actor == administrator
    assert event.target == officer.username
    assert event.details["now"] == ["Editor"]


def test_unrelated_group_changes_are_not_recorded_as_role_changes(officer):
    other = Group.objects.create(name="Newsletter readers")
    before = AuditEvent.objects.count()
    officer.groups.add(other)
    assert AuditEvent.objects.count() == before


def test_exporting_the_audit_log_is_itself_audited(client, administrator):
    client.force_login(administrator)
    response = client.get("/admin/audit/?export=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.EXPORT, actor=administrator, target="audit-log"
    ).exists()


def test_audit_events_cannot_be_edited_or_deleted_even_by_a_superuser(client, make_user):
    superuser = make_user(Role.ADMINISTRATOR, is_superuser=True)
    client.force_login(superuser)
    event = AuditEvent.objects.create(action=AuditEvent.Action.LOGIN, actor_name="someone")
    assert client.get(f"/admin/audit/edit/{event.pk}/").status_code in (302, 403, 404)
    assert client.post(f"/admin/audit/delete/{event.pk}/").status_code in (302, 403, 404)
    assert AuditEvent.objects.filter(pk=event.pk).exists()
    assert client.get(f"/admin/audit/inspect/{event.pk}/").status_code == 200
