"""Wagtail's document library is switched off (decision 0008): files are shared through the
hub's resource library, which checks uploads and who may read them. Nothing uploaded through
the admin can be served at a public address."""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

pytestmark = pytest.mark.django_db

SCRIPT = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def test_an_uploaded_html_file_is_neither_stored_nor_served(client, administrator, make_user):
    superuser = make_user(is_superuser=True, is_staff=True)
    collection = Collection.get_first_root_node()
    for user in (administrator, superuser):
        client.force_login(user)
        for url, field in (
            ("/admin/documents/add/", "file"),
            ("/admin/documents/multiple/add/", "files[]"),
        ):
            upload = SimpleUploadedFile("notes.txt", SCRIPT, content_type="text/html")
            response = client.post(
                url, {"title": "Notes", field: upload, "collection": collection.pk}
            )
            assert response.status_code == 404, url

    assert not get_document_model().objects.exists()


def test_a_document_stored_earlier_is_not_served(client, administrator):
    document = get_document_model().objects.create(
        title="Notes",
        file=SimpleUploadedFile("notes.txt", SCRIPT),
        collection=Collection.get_first_root_node(),
    )
    for user in (None, administrator):
        if user:
            client.force_login(user)
        for path in (
            document.url,
            f"/documents/{document.pk}/",
            f"/admin/documents/edit/{document.pk}/",
            "/admin/api/main/documents/",
        ):
            response = client.get(path)
            assert response.status_code == 404, path
            assert b"<script>" not in response.content


def test_the_admin_offers_no_document_library(client, editor, make_user):
    superuser = make_user(is_superuser=True, is_staff=True)
    for user in (editor, superuser):
        client.force_login(user)
        dashboard = client.get("/admin/")
        assert dashboard.status_code == 200
        assert "/admin/documents/" not in dashboard.content.decode()
        assert client.get("/admin/documents/").status_code == 404
        assert client.get("/admin/documents/chooser/").status_code == 404


def test_rich_text_has_no_document_links(client, administrator, home_page):
    client.force_login(administrator)
    editor_page = client.get(f"/admin/pages/{home_page.pk}/edit/")
    assert editor_page.status_code == 200
    options = html.unescape(editor_page.content.decode())  # the editor's settings, as JSON
    assert '"type": "LINK"' in options  # ordinary links are still offered
    assert '"type": "DOCUMENT"' not in options
    assert "/admin/documents/" not in options
