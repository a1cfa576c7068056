import io
from pathlib import Path

import pytest
from django.conf import settings

from aiplus.cases.demo import US_INVENTORY
from aiplus.cases.importer.errors import ImportFileError
from aiplus.cases.importer.mapping import load_mapping
from aiplus.cases.importer.run import run_import
from aiplus.cases.models import Case, Collection, Stage

pytestmark = pytest.mark.django_db

HEADER = "2_use_case_name,3_agency,3_abr,4_bureau,16_dev_stage,18_date_initiated,29_contains_pii"


@pytest.fixture
def mapping():
    return load_mapping("us-federal-ai-inventory-2024")


def csv_bytes(*rows: str, header: str = HEADER, encoding: str = "utf-8") -> io.BytesIO:
    return io.BytesIO("\n".join([header, *rows]).encode(encoding))


def test_the_whole_us_inventory_imports_and_reimports_without_duplicates(mapping):
    with US_INVENTORY.open("rb") as stream:
        first = run_import(mapping=mapping, stream=stream, dry_run=False)
    assert first.rows_total == 1757
    assert first.created == 1754
    # Three rows repeat an earlier row exactly; each is reported with its reason.
    assert first.rejected == 3
    assert all("Exact duplicate of row" in p["reason"] for p in first.problems)
    assert Case.objects.filter(collection=Collection.INVENTORY).count() == 1754

    with US_INVENTORY.open("rb") as stream:
        again = run_import(mapping=mapping, stream=stream, dry_run=False)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1754)
    assert Case.objects.count() == 1754

    babel = Case.objects.get(title="Babel")
    assert babel.source_organisation == "Department of Homeland Security"
    assert babel.source_unit == "CBP"
    assert babel.live


def test_same_key_with_different_content_is_numbered_not_merged(mapping):
    rows = (
        "Chat helper,Dept of Examples,DOE,Unit,Initiated,1/2/2024,No",
        "Chat helper,Dept of Examples,DOE,Unit,Retired,1/2/2020,Yes",
    )
    result = run_import(mapping=mapping, stream=csv_bytes(*rows), dry_run=False)
    assert result.created == 2
    keys = sorted(Case.objects.values_list("source_key", flat=True))
    assert keys == ["DOE | Unit | Chat helper", "DOE | Unit | Chat helper #2"]


def test_values_are_cleaned_and_mapped(mapping):
    row = '"  Triage   assistant ",Dept of Examples,DOE,,Operation and Maintenance,7/1/2023,Yes'
    run_import(mapping=mapping, stream=csv_bytes(row), dry_run=False)
    case = Case.objects.get()
    assert case.title == "Triage assistant"
    assert case.stage == Stage.OPERATION
    assert case.started_on.isoformat() == "2023-07-01"
    assert case.uses_personal_data is True


def test_unreadable_optional_values_are_left_blank_and_counted(mapping):
    row = "Date oddity,Dept of Examples,DOE,,Initiated,24-Nov,maybe"
    result = run_import(mapping=mapping, stream=csv_bytes(row), dry_run=False)
    assert result.created == 1
    assert any("started_on" in note for note in result.notes)
    assert Case.objects.get().started_on is None


def test_dry_run_reports_every_rejected_row_and_writes_nothing(mapping):
    rows = (
        "Good one,Dept of Examples,DOE,,Initiated,,",
        ",Dept of Examples,DOE,,Initiated,,",  # no name: no key
        "No agency,,DOE,,Initiated,,",  # required agency missing
        "x" * 600 + ",Dept of Examples,DOE,,Initiated,,",  # title too long
    )
    result = run_import(mapping=mapping, stream=csv_bytes(*rows), dry_run=True)
    assert result.created == 1 and result.rejected == 3
    assert [p["row"] for p in result.problems] == [3, 4, 5]
    assert "source_organisation is required" in result.problems[1]["reason"]
    assert "longer than 500" in result.problems[2]["reason"]
    assert not Case.objects.exists()


def test_a_bom_is_fine_but_the_wrong_encoding_is_refused_clearly(mapping):
    row = "Café helper,Dept of Examples,DOE,,Initiated,,"
    with_bom = io.BytesIO(b"\xef\xbb\xbf" + csv_bytes(row).getvalue())
    assert run_import(mapping=mapping, stream=with_bom, dry_run=True).created == 1

    with pytest.raises(ImportFileError, match="not in the expected encoding"):
        run_import(mapping=mapping, stream=csv_bytes(row, encoding="cp1252"), dry_run=True)
    with pytest.raises(ImportFileError, match="not in the expected encoding"):
        run_import(
            mapping=mapping,
            stream=csv_bytes("中文,機構,ABC,,Initiated,,", encoding="big5"),
            dry_run=True,
        )


def test_missing_required_columns_are_named_and_extra_columns_noted(mapping):
    with pytest.raises(ImportFileError, match="3_agency"):
        run_import(
            mapping=mapping,
            stream=csv_bytes("A,B,C", header="2_use_case_name,3_abr,4_bureau"),
            dry_run=True,
        )
    extra = csv_bytes("A,Dept,DOE,,Initiated,,,surprise", header=HEADER + ",99_unexpected")
    result = run_import(mapping=mapping, stream=extra, dry_run=True)
    assert any("not used by the mapping" in note for note in result.notes)


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (b"", "empty"),
        (b"PK\x03\x04rest-of-a-zip", "spreadsheet"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old-excel", "spreadsheet"),
        (b"name,agency\x00\x00\x01", "binary"),
        (b'2_use_case_name,3_agency\n"' + b"x" * 200_000 + b'"', "malformed"),
        (b"a,a,b\n1,2,3", "more than once"),
    ],
)
def test_files_that_are_not_csv_are_refused(mapping, payload, message):
    with pytest.raises(ImportFileError, match=message):
        run_import(mapping=mapping, stream=io.BytesIO(payload), dry_run=True)


def test_files_over_the_size_limit_are_refused_without_reading_them_whole(mapping, settings):
    settings.AIPLUS_IMPORT_MAX_BYTES = 1024
    big = csv_bytes(*["Row,Dept,DOE,,Initiated,," for _ in range(200)])
    with pytest.raises(ImportFileError, match="larger than"):
        run_import(mapping=mapping, stream=big, dry_run=True)


def test_duplicate_keys_are_rejected_when_the_mapping_says_so(tmp_path):
    source = Path(settings.BASE_DIR) / "aiplus/cases/mappings/us-federal-ai-inventory-2024.toml"
    strict = tmp_path / "strict.toml"
    strict.write_text(
        source.read_text().replace('on_duplicate_key = "number"', 'on_duplicate_key = "reject"')
    )
    rows = ("Same,Dept,DOE,,Initiated,,No", "Same,Dept,DOE,,Retired,,Yes")
    result = run_import(mapping=load_mapping(strict), stream=csv_bytes(*rows), dry_run=True)
    assert result.created == 1
    assert result.problems[0]["reason"] == "Duplicate key: also in row 2."


def test_a_failure_while_writing_leaves_no_half_written_records(mapping):
    # A story already owns the slug that the second row would get: the database refuses the
    # insert, and the whole import is rolled back.
    from aiplus.cases.importer.run import _slug

    Case.objects.create(title="Existing", slug=_slug(mapping, "DOE |  | Second", "Second"))
    rows = ("First,Dept,DOE,,Initiated,,", "Second,Dept,DOE,,Initiated,,")
    with pytest.raises(Exception):  # noqa: B017 - the database's own integrity error
        run_import(mapping=mapping, stream=csv_bytes(*rows), dry_run=False)
    assert list(Case.objects.values_list("title", flat=True)) == ["Existing"]


def test_mappings_may_not_set_fields_outside_the_allowed_list(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[source]\nslug="x"\nname="x"\nkey=["a"]\n[fields]\nlive = "a"\n', encoding="utf-8"
    )
    with pytest.raises(ImportFileError, match="imports may not set"):
        load_mapping(bad)
