"""Restricted items are invisible to everyone they are not meant for: not listed, not found,
not downloadable, not searchable."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

from aiplus.accounts.models import Organisation
from aiplus.accounts.roles import Role
from aiplus.audit.models import AuditEvent
from aiplus.resources import samples
from aiplus.resources.models import Resource

pytestmark = pytest.mark.django_db


def make_resource(title, visibility, text="", **relations):
    resource = Resource(title=title, visibility=visibility, file_type="pdf", extracted_text=text)
    resource.file.save("doc.pdf", ContentFile(samples.make_pdf([[title]])), save=False)
    resource.save()
    for name, values in relations.items():
        getattr(resource, name).set(values)
    return resource


@pytest.fixture
def library(django_capture_on_commit_callbacks):
    # Saving queues a search index refresh, run once the data is committed.
    with django_capture_on_commit_callbacks(execute=True):
        dpo = Organisation.objects.get(code="DPO")
        return {
            "public": make_resource("Public guide", "public", text="hotline playbook"),
            "members": make_resource("Members guide", "signed_in"),
            "dpo_only": make_resource(
                "DPO budget",
                "restricted",
                text="hotline budget figures",
                allowed_organisations=[dpo],
            ),
            "editors_only": make_resource(
                "Editors memo",
                "restricted",
                allowed_roles=[Group.objects.get(name=Role.EDITOR.value)],
            ),
        }


def listing(client, query=""):
    return client.get(f"/en/resources/?q={query}").content.decode()


def test_anonymous_visitors_see_public_items_only(client, library):
    html = listing(client)
    assert "Public guide" in html
    assert not any(t in html for t in ["Members guide", "DPO budget", "Editors memo"])
    assert client.get(f"/en/resources/{library['members'].pk}/").status_code == 404


def test_a_restricted_item_is_invisible_everywhere_to_others(client, officer, library):
    client.force_login(officer)
    secret = library["dpo_only"]
    assert "DPO budget" not in listing(client)
    assert "DPO budget" not in listing(client, "budget")
    assert client.get(f"/en/resources/{secret.pk}/").status_code == 404
    assert client.get(f"/en/resources/{secret.pk}/download/").status_code == 404
    assert client.get(f"/en/resources/{secret.pk}/preview.png").status_code == 404
    assert "DPO budget" not in client.get("/en/resources/?format=csv").getvalue().decode()
    assert "Members guide" in listing(client)


def test_members_of_the_chosen_organisation_see_it_and_downloads_are_audited(
    client, make_user, library
):
    member = make_user(Role.OFFICER, organisation=Organisation.objects.get(code="DPO"))
    client.force_login(member)
    assert "DPO budget" in listing(client, "budget")
    response = client.get(f"/en/resources/{library['dpo_only'].pk}/download/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    event = AuditEvent.objects.get(action=AuditEvent.Action.RESTRICTED_DOWNLOAD)
    assert event.actor == member and "DPO budget" in event.target


def test_holders_of_the_chosen_role_see_it(client, editor, make_user, library):
    client.force_login(make_user(Role.ADVISOR))
    assert "Editors memo" not in listing(client)
    client.force_login(editor)
    assert "Editors memo" in listing(client)


def test_public_downloads_are_not_audited_as_restricted(client, library):
    assert client.get(f"/en/resources/{library['public'].pk}/download/").status_code == 200
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.RESTRICTED_DOWNLOAD).exists()


def test_search_looks_inside_documents(client, library):
    html = listing(client, "playbook")
    assert "Public guide" in html


def test_related_resources_on_solution_pages_follow_the_same_rule(client, officer, library):
    from aiplus.catalogue.tests.factories import SolutionFactory

    solution = SolutionFactory()
    for resource in library.values():
        resource.solutions.add(solution)
    url = f"/en/solutions/{solution.slug}/"
    anonymous = client.get(url).content.decode()
    assert "Public guide" in anonymous and "Members guide" not in anonymous
    client.force_login(officer)
    signed_in = client.get(url).content.decode()
    assert "Members guide" in signed_in
    assert "DPO budget" not in signed_in and "Editors memo" not in signed_in


@pytest.mark.parametrize("extra_roles", [[], [Role.ADVISOR]])
def test_a_user_with_no_organisation_sees_no_restricted_item(
    client, make_user, library, extra_roles
):
    """Every SSO user whose organisation claim is unset has no organisation: restricted items
    with no organisation chosen must not match them."""
    no_roles_chosen = make_resource("Unassigned memo", "restricted", text="unassigned budget")
    user = make_user(Role.OFFICER, organisation=None)
    user.groups.add(*Group.objects.filter(name__in=[r.value for r in extra_roles]))
    client.force_login(user)
    html = listing(client) + listing(client, "budget")
    assert not any(t in html for t in ["Unassigned memo", "DPO budget", "Editors memo"])
    for secret in (no_roles_chosen, library["dpo_only"], library["editors_only"]):
        assert client.get(f"/en/resources/{secret.pk}/").status_code == 404
        assert client.get(f"/en/resources/{secret.pk}/download/").status_code == 404
        assert client.get(f"/en/resources/{secret.pk}/preview.png").status_code == 404
    for export_format in ("csv", "json"):
        body = b"".join(
            client.get(f"/en/resources/?format={export_format}").streaming_content
            if export_format == "csv"
            else [client.get(f"/en/resources/?format={export_format}").content]
        ).decode()
        assert "Members guide" in body
        assert not any(t in body for t in ["Unassigned memo", "DPO budget", "Editors memo"])


def test_a_file_that_could_not_be_read_is_withheld_from_readers_and_flagged_to_editors(
    client, officer, editor
):
    broken = make_resource("Broken slides", "public")
    Resource.objects.filter(pk=broken.pk).update(
        extraction_status=Resource.Extraction.FAILED, extraction_error="The PDF is damaged."
    )
    for reader in (None, officer):
        if reader:
            client.force_login(reader)
        assert "Broken slides" not in listing(client)
        assert client.get(f"/en/resources/{broken.pk}/download/").status_code == 404
    client.force_login(editor)
    page = client.get(f"/en/resources/{broken.pk}/").content.decode()
    assert "could not be read" in page and "The PDF is damaged." in page


def test_a_factory_resource_is_listed_and_downloadable(client):
    from aiplus.resources.tests.factories import ResourceFactory

    resource = ResourceFactory(title="Factory guide")
    assert "Factory guide" in listing(client)
    response = client.get(f"/en/resources/{resource.pk}/download/")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
