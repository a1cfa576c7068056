import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from aiplus.accounts.models import Organisation
from aiplus.accounts.roles import Role
from aiplus.cases.models import Case, Collection, ImportRun

pytestmark = pytest.mark.django_db

CSV = (
    b"2_use_case_name,3_agency,3_abr,4_bureau,16_dev_stage\n"
    b"Benefit letters,Dept of Examples,DOE,,Initiated\n"
    b",Dept of Examples,DOE,,Initiated\n"
)


@pytest.fixture
def stories():
    csb = Organisation.objects.get(code="CSB")
    return [
        Case.objects.create(
            title="Faster minutes",
            title_zh_hant="更快的會議記錄",
            slug="faster-minutes",
            organisation=csb,
            hours_saved_per_year=2900,
            summary="Drafts checked, not written.",
            problem="Write-ups took hours.",
            outcome="A third of the time.",
            live=True,
        ),
        Case.objects.create(
            title="Imported one",
            slug="imported-one",
            collection=Collection.INVENTORY,
            source="us",
            source_key="k",
            source_organisation="Dept of Examples",
            live=True,
        ),
        Case.objects.create(title="Unpublished story", slug="unpublished", live=False),
    ]


def test_stories_and_inventory_use_cases_are_separate_collections(client, stories):
    html = client.get("/en/cases/").content.decode()
    assert "Faster minutes" in html and "Imported one" not in html
    assert "2,900" in html  # headline figure
    assert 'role="img"' in html  # the chart of hours saved
    assert "Unpublished story" not in html

    inventory = client.get("/en/cases/?collection=inventory").content.decode()
    assert "Imported one" in inventory and "Faster minutes" not in inventory
    assert "not Hong Kong projects" in inventory


def test_case_page_has_a_summary_tier_then_the_detail(client, stories):
    html = client.get("/en/cases/faster-minutes/").content.decode()
    brief, challenge = html.index('id="in-brief"'), html.index("The challenge")
    results, record = html.index("Results"), html.index("Full record")
    assert brief < challenge < results < record
    assert "更快的會議記錄" in client.get("/zh-hant/cases/faster-minutes/").content.decode()
    assert client.get("/en/cases/unpublished/").status_code == 404


def test_case_exports_follow_the_collection(client, stories):
    records = json.loads(client.get("/en/cases/?collection=inventory&format=json").content)
    assert [r["title"] for r in records] == ["Imported one"]


def test_cases_api(client, stories):
    data = client.get("/api/v1/cases").json()
    assert [r["slug"] for r in data["results"]] == ["faster-minutes"]
    assert data["results"][0]["hours_saved_per_year"] == 2900
    assert client.get("/api/v1/cases/unpublished").status_code == 404


def test_editor_imports_through_the_admin_with_a_dry_run_first(
    client, editor, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    upload = SimpleUploadedFile("inventory.csv", CSV, content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/cases/import/",
            {"mapping": "us-federal-ai-inventory-2024", "file": upload, "dry_run": "on"},
        )
    run = ImportRun.objects.get()
    assert response["Location"] == f"/admin/cases/import/{run.pk}/"
    assert (run.status, run.created, run.rejected) == ("done", 1, 1)
    assert not Case.objects.exists()
    page = client.get(f"/admin/cases/import/{run.pk}/").content.decode()
    assert "title is required but empty" in page

    upload = SimpleUploadedFile("inventory.csv", CSV, content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/admin/cases/import/", {"mapping": "us-federal-ai-inventory-2024", "file": upload}
        )
    assert Case.objects.get().title == "Benefit letters"


def test_a_broken_file_fails_the_run_with_a_clear_message(
    client, editor, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    upload = SimpleUploadedFile("inventory.csv", "名稱\n".encode("big5"), content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/admin/cases/import/", {"mapping": "us-federal-ai-inventory-2024", "file": upload}
        )
    run = ImportRun.objects.get()
    assert run.status == "failed"
    assert "expected encoding" in run.error


@pytest.mark.parametrize("role", [Role.OFFICER, Role.VENDOR, Role.ADVISOR])
def test_only_editors_and_administrators_import(client, make_user, role):
    client.force_login(make_user(role))
    upload = SimpleUploadedFile("x.csv", io.BytesIO(CSV).read())
    response = client.post("/admin/cases/import/", {"mapping": "x", "file": upload})
    assert response.status_code in (302, 403)
    assert not ImportRun.objects.exists()


def test_management_command_imports_and_reports(tmp_path, capsys):
    from django.core.management import call_command

    path = tmp_path / "inventory.csv"
    path.write_bytes(CSV)
    call_command("import_cases", "us-federal-ai-inventory-2024", str(path), "--dry-run")
    out = capsys.readouterr().out
    assert "rejected row 3" in out and "1 would be created" in out


def test_imported_records_show_labels_not_raw_keys(client):
    Case.objects.create(
        title="Benefits chatbot",
        slug="benefits-chatbot",
        collection=Collection.INVENTORY,
        source="us-federal-2024",
        source_key="x",
        source_organisation="Dept of Examples",
        extra={"10_commercial_ai": "Yes", "99_unlabelled_thing": "Maybe"},
        live=True,
    )
    html = client.get("/en/cases/benefits-chatbot/").content.decode()
    assert "US Federal AI Use Case Inventory 2024" in html and ">us-federal-2024<" not in html
    assert "Commercial AI product or service" in html and "10_commercial_ai" not in html
    assert "Unlabelled thing" in html  # a column the mapping does not label reads as words


def test_stories_and_use_cases_from_the_factories_are_listed_apart(client):
    from aiplus.cases.tests.factories import StoryFactory, UseCaseFactory

    StoryFactory(title="Factory story")
    UseCaseFactory(title="Factory use case")
    stories = client.get("/en/cases/").content.decode()
    inventory = client.get("/en/cases/?collection=inventory").content.decode()
    assert "Factory story" in stories and "Factory use case" not in stories
    assert "Factory use case" in inventory and "Factory story" not in inventory
