"""Who may use which admin screens: nobody sees what is not theirs."""

import pytest

from aiplus.accounts.models import Organisation, User
from aiplus.accounts.roles import Role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [Role.OFFICER, Role.VENDOR, Role.ADVISOR])
def test_roles_without_admin_access_are_kept_out_of_the_admin(client, make_user, role):
    client.force_login(make_user(role))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_editor_reaches_the_admin_but_not_users_organisation_edits_or_the_audit_log(client, editor):
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/users/").status_code in (302, 403)
    assert client.get("/admin/audit/").status_code in (302, 403)
    dpo = Organisation.objects.get(code="DPO")
    assert client.get(f"/admin/organisations/edit/{dpo.pk}/").status_code in (302, 403)


def test_administrator_creates_a_user_with_an_organisation_and_role(client, administrator):
    from django.contrib.auth.models import Group

    client.force_login(administrator)
    dpo = Organisation.objects.get(code="DPO")
    vendor_group = Group.objects.get(name=Role.VENDOR.value)
    response = client.post(
        "/admin/users/new/",
        {
            "username": "newvendor",
            "email": "newvendor@example.invalid",
            "first_name": "New",
            "last_name": "Vendor",
            "organisation": dpo.pk,
            "password1": "Sampan-Harbour-77",
            "password2": "Sampan-Harbour-77",
            "groups": [vendor_group.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    created = User.objects.get(username="newvendor")
    assert created.organisation == dpo
    assert created.roles == [Role.VENDOR]


def test_administrator_sees_the_audit_log(client, administrator):
    client.force_login(administrator)
    assert client.get("/admin/audit/").status_code == 200
