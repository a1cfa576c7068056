"""Importing a source again: what the new file does not say never erases what is stored, the
dry run lists every change field by field, and records gone from the file are reported and,
when asked, withdrawn (unpublished, never deleted). Provenance is shown wherever cases are."""

import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from aiplus.cases.importer.mapping import load_mapping
from aiplus.cases.importer.run import run_import
from aiplus.cases.models import Case, ImportRun

pytestmark = pytest.mark.django_db

US = "us-federal-ai-inventory-2024"
HEADER = "2_use_case_name,3_agency,3_abr,4_bureau,12_outputs,16_dev_stage,54_key_risks"
FIRST = (
    HEADER,
    "Letter drafting,Dept of Examples,DOE,Benefits,Draft letters,Initiated,Wrong tone",
    "Form reader,Dept of Examples,DOE,Benefits,Extracted fields,In production,Misreads",
)


def csv_file(*lines: str) -> io.BytesIO:
    return io.BytesIO("\n".join(lines).encode())


def imported(*lines: str, mapping=None, **options) -> object:
    return run_import(
        mapping=mapping or load_mapping(US), stream=csv_file(*lines), dry_run=False, **options
    )


def test_a_renamed_optional_column_does_not_blank_stored_values():
    imported(*FIRST)
    renamed = [line.replace("12_outputs", "12_output") for line in FIRST]
    renamed = [renamed[0].replace("54_key_risks", "54_risks"), *renamed[1:]]

    dry = run_import(mapping=load_mapping(US), stream=csv_file(*renamed), dry_run=True)
    assert (dry.updated, dry.unchanged, dry.changes) == (0, 2, [])
    assert any(n.startswith("Columns not in the file:") and "12_outputs" in n for n in dry.notes)
    assert any("keep the values already stored" in note and "outputs" in note for note in dry.notes)

    imported(*renamed)
    letter = Case.objects.get(title="Letter drafting")
    assert letter.outputs == "Draft letters"
    assert letter.extra == {"54_key_risks": "Wrong tone"}


def test_clearing_a_field_whose_column_is_gone_needs_the_mapping_to_say_so(tmp_path):
    text = (Path(settings.BASE_DIR) / f"aiplus/cases/mappings/{US}.toml").read_text()
    clearing = tmp_path / "clearing.toml"
    clearing.write_text(
        text.replace(
            'outputs = "12_outputs"',
            'outputs = { column = "12_outputs", clear_when_missing = true }',
        )
    )
    mapping = load_mapping(clearing)
    imported(*FIRST, mapping=mapping)
    without = [",".join(line.split(",")[:4] + line.split(",")[5:]) for line in FIRST]

    dry = run_import(mapping=mapping, stream=csv_file(*without), dry_run=True)
    assert dry.updated == 2
    assert dry.changes[0]["fields"] == [
        {"field": "outputs", "label": "outputs", "old": "Draft letters", "new": ""}
    ]
    imported(*without, mapping=mapping)
    assert set(Case.objects.values_list("outputs", flat=True)) == {""}


def test_the_dry_run_lists_each_change_old_and_new_in_the_admin_and_the_command(
    client, editor, django_capture_on_commit_callbacks, tmp_path, capsys
):
    imported(*FIRST)
    changed = [
        FIRST[0],
        FIRST[1].replace("Initiated", "In production"),
        FIRST[2].replace("Misreads", ""),
    ]
    dry = run_import(mapping=load_mapping(US), stream=csv_file(*changed), dry_run=True)
    assert dry.updated == 2
    by_key = {change["key"]: change["fields"] for change in dry.changes}
    assert by_key["DOE | Benefits | Letter drafting"] == [
        {"field": "stage", "label": "stage", "old": "planned", "new": "operation"}
    ]
    assert by_key["DOE | Benefits | Form reader"] == [
        {
            "field": "extra.54_key_risks",
            "label": "other reported fields: 54_key_risks",
            "old": "Misreads",
            "new": "",
        }
    ]
    assert Case.objects.get(title="Letter drafting").stage == "planned"  # nothing written

    client.force_login(editor)
    upload = SimpleUploadedFile("again.csv", "\n".join(changed).encode())
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/admin/cases/import/", {"mapping": US, "file": upload, "dry_run": "on"})
    page = client.get(f"/admin/cases/import/{ImportRun.objects.get().pk}/").content.decode()
    assert "Changes that would be made" in page
    assert "DOE | Benefits | Letter drafting" in page and "<td>planned</td>" in page

    path = tmp_path / "again.csv"
    path.write_text("\n".join(changed))
    call_command("import_cases", US, str(path), "--dry-run")
    out = capsys.readouterr().out
    assert "would change DOE | Benefits | Letter drafting:" in out
    assert "stage: 'planned' -> 'operation'" in out


def test_records_gone_from_the_file_are_reported_and_stay_published():
    imported(*FIRST)
    result = imported(FIRST[0], FIRST[1])
    assert result.missing_keys == ["DOE | Benefits | Form reader"]
    assert any("1 published records of this source are not in the file" in n for n in result.notes)
    assert Case.objects.get(title="Form reader").live


def test_withdrawing_missing_records_unpublishes_never_deletes_and_a_return_republishes():
    imported(*FIRST)
    dry = run_import(
        mapping=load_mapping(US), stream=csv_file(FIRST[0], FIRST[1]), dry_run=True,
        withdraw_missing=True,
    )  # fmt: skip
    assert dry.withdrawn == 1 and Case.objects.get(title="Form reader").live

    result = imported(FIRST[0], FIRST[1], withdraw_missing=True)
    assert (result.withdrawn, result.missing_keys) == (1, ["DOE | Benefits | Form reader"])
    gone = Case.objects.get(title="Form reader")
    assert not gone.live and gone.withdrawn_at is not None
    assert Case.objects.count() == 2

    # A record rejected this time is still in the file: it is not withdrawn.
    rejected = FIRST[1].replace("Dept of Examples", "")
    result = imported(FIRST[0], rejected, *FIRST[2:], withdraw_missing=True)
    assert (result.rejected, result.withdrawn, result.restored) == (1, 0, 1)
    assert Case.objects.get(title="Form reader").live
    assert Case.objects.get(title="Letter drafting").live


def test_withdrawing_from_the_admin_form_and_the_command(
    client, editor, django_capture_on_commit_callbacks, tmp_path, capsys
):
    imported(*FIRST)
    client.force_login(editor)
    upload = SimpleUploadedFile("smaller.csv", "\n".join(FIRST[:2]).encode())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/admin/cases/import/",
            {"mapping": US, "file": upload, "dry_run": "on", "withdraw_missing": "on"},
        )
    run = ImportRun.objects.get()
    assert (run.withdraw_missing, run.missing, run.withdrawn) == (True, 1, 1)
    page = client.get(f"/admin/cases/import/{run.pk}/").content.decode()
    assert "They would be withdrawn" in page and "DOE | Benefits | Form reader" in page
    assert (
        "withdraw records no longer in the file"
        in client.get("/admin/cases/import/").content.decode().lower()
    )

    path = tmp_path / "smaller.csv"
    path.write_text("\n".join(FIRST[:2]))
    call_command("import_cases", US, str(path), "--withdraw-missing")
    out = capsys.readouterr().out
    assert "not in the file (withdrawn): DOE | Benefits | Form reader" in out
    assert not Case.objects.get(title="Form reader").live


PROVENANCE_MAPPING = """
[source]
slug = "register"
name = "Register"
key = ["ref"]
url = "https://example.org/register"
licence = "Open Government Licence v3.0"
attribution = "Example Office, AI register 2025"

[fields]
title = "name"
source_organisation = "agency"
vendor_name = "supplier"
source_url = { column = "link", default = "https://example.org/register" }
"""


def test_licence_attribution_record_address_and_vendor_are_stored_and_shown(client, tmp_path):
    mapping_file = tmp_path / "register.toml"
    mapping_file.write_text(PROVENANCE_MAPPING)
    lines = (
        "ref,name,agency,supplier,link",
        "R1,Letter triage,Example Office,Acme Ltd,https://example.org/register/r1",
        "R2,Form reader,Example Office,,",
        "R3,Bad link,Example Office,,javascript:alert(1)",
    )
    result = imported(*lines, mapping=load_mapping(mapping_file))
    assert result.rejected == 1 and "not a valid url" in result.problems[0]["reason"]
    case = Case.objects.get(source_key="R1")
    assert case.source_licence == "Open Government Licence v3.0"
    assert case.source_attribution == "Example Office, AI register 2025"
    assert case.source_url == "https://example.org/register/r1"
    assert case.vendor_name == "Acme Ltd"
    assert Case.objects.get(source_key="R2").source_url == "https://example.org/register"

    page = client.get(case.get_absolute_url()).content.decode()
    assert "Example Office, AI register 2025" in page
    assert "Open Government Licence v3.0" in page
    assert 'href="https://example.org/register/r1"' in page
    assert "Acme Ltd" in page

    api = client.get(f"/api/v1/cases/{case.slug}").json()
    assert api["vendor"] == "Acme Ltd"
    assert api["source_url"] == "https://example.org/register/r1"
    assert api["source_licence"] == "Open Government Licence v3.0"
    assert api["source_attribution"] == "Example Office, AI register 2025"

    records = json.loads(client.get("/en/cases/?collection=inventory&format=json").content)
    exported = next(record for record in records if record["slug"] == case.slug)
    assert exported["vendor"] == "Acme Ltd"
    assert exported["source_licence"] == "Open Government Licence v3.0"
    assert exported["source_attribution"] == "Example Office, AI register 2025"
    assert exported["source_url"] == "https://example.org/register/r1"


def test_multi_line_cells_do_not_shift_row_numbers():
    lines = (
        HEADER,
        'Good,Dept,DOE,,"Line one\nline two\nline three",Initiated,',
        ",Dept,DOE,,,Initiated,",
    )
    result = run_import(mapping=load_mapping(US), stream=csv_file(*lines), dry_run=True)
    assert result.problems[0]["row"] == 3  # the third row of the sheet, on line 5 of the file
    assert result.problems[0]["where"] == "row 3"
