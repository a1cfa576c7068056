"""JSON and XLSX sources, encodings (UTF-16 with a byte-order mark, Big5), and files in the
wrong format, each with a small real file built here."""

import io
import json
from datetime import date, datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from aiplus.cases.importer.errors import ImportFileError
from aiplus.cases.importer.mapping import load_mapping
from aiplus.cases.importer.run import run_import
from aiplus.cases.models import Case, ImportRun, Stage

pytestmark = pytest.mark.django_db

JSON_MAPPING = """
[source]
slug = "json-example"
name = "JSON example"
format = "json"
records = "data.items"
key = ["id"]

[fields]
title = "name"
source_organisation = { column = "agency.name", required = true }
source_unit = "agency.units.name"
topic = { column = "topics", list_joiner = ", " }
vendor_name = "vendors.name"
source_url = "links.page"
hours_saved_per_year = "figures.hours"
uses_personal_data = "pii"
started_on = { column = "started", formats = ["%d/%m/%Y"] }
impact_type = { column = "impacts", map = { "R" = "Rights-impacting", "S" = "Safety-impacting" } }

[fields.stage]
column = "stage"
default = "unknown"
map = { "In production" = "operation", "Pilot" = "pilot" }

[extra]
columns = ["notes.public"]
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def json_file(items: list) -> io.BytesIO:
    payload = {"meta": {"published": "2025-01-31"}, "data": {"items": items}}
    return io.BytesIO(json.dumps(payload, ensure_ascii=False).encode())


def test_json_records_at_a_path_with_nested_fields_and_lists(tmp_path):
    mapping = load_mapping(write(tmp_path, "json.toml", JSON_MAPPING))
    items = [
        {
            "id": "A-1",
            "name": "Benefits chat helper",
            "agency": {"name": "Dept of Examples", "units": [{"name": "Benefits"}]},
            "topics": ["Health", "Benefits"],
            "vendors": [{"name": "Acme"}, {"name": "Beta Ltd"}],
            "links": {"page": "https://example.org/use-cases/a-1"},
            "figures": {"hours": 1200},
            "pii": True,
            "started": "31/01/2024",
            "impacts": ["R", "S"],
            "stage": "In production",
            "notes": {"public": "Answers in English and Spanish."},
        },
        {"id": "A-2", "name": "No agency", "stage": "Pilot"},
    ]
    result = run_import(mapping=mapping, stream=json_file(items), dry_run=False)

    assert (result.created, result.rejected) == (1, 1)
    assert result.problems[0]["record"] == 2
    assert result.problems[0]["where"] == "record 2"
    case = Case.objects.get()
    assert case.title == "Benefits chat helper"
    assert case.source_organisation == "Dept of Examples"
    assert case.source_unit == "Benefits"
    assert case.topic == "Health, Benefits"
    assert case.vendor_name == "Acme; Beta Ltd"
    assert case.source_url == "https://example.org/use-cases/a-1"
    assert case.hours_saved_per_year == 1200
    assert case.uses_personal_data is True
    assert case.started_on == date(2024, 1, 31)
    assert case.impact_type == "Rights-impacting; Safety-impacting"
    assert case.stage == Stage.OPERATION
    assert case.extra == {"notes.public": "Answers in English and Spanish."}


def test_json_problems_are_named_clearly(tmp_path):
    mapping = load_mapping(write(tmp_path, "json.toml", JSON_MAPPING))
    with pytest.raises(ImportFileError, match="malformed at line 2, column 1"):
        run_import(mapping=mapping, stream=io.BytesIO(b'{"data":\n}'), dry_run=True)
    with pytest.raises(ImportFileError, match=r"nothing at “data\.items”"):
        run_import(mapping=mapping, stream=io.BytesIO(b'{"data": {}}'), dry_run=True)
    with pytest.raises(ImportFileError, match="not an object"):
        run_import(mapping=mapping, stream=io.BytesIO(b'{"data": {"items": [1]}}'), dry_run=True)
    several = json_file([{"id": "X", "name": "Two stages", "agency": {"name": "D"},
                          "stage": ["Pilot", "In production"]}])  # fmt: skip
    result = run_import(mapping=mapping, stream=several, dry_run=True)
    assert "stage has several values" in result.problems[0]["reason"]


def xlsx_bytes(sheets: dict[str, list[list]]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


XLSX_MAPPING = """
[source]
slug = "xlsx-example"
name = "XLSX example"
format = "xlsx"
sheet = "Use cases"
header_row = 3
key = ["Ref"]
licence = "Open Government Licence v3.0"
attribution = "Example Office, AI register"

[fields]
title = "Name"
source_organisation = "Organisation"
implemented_on = "Live since"
months_to_implement = "Months"
uses_personal_data = "Personal data"
vendor_name = "Supplier"
"""

XLSX_SHEETS = {
    "About": [["This workbook lists AI tools."]],
    "Use cases": [
        ["AI register", None, None],
        ["Published 2025", None, None],
        ["Ref", "Name", "Organisation", "Live since", "Months", "Personal data", "Supplier"],
        ["R1", "Letter triage", "Example Office", datetime(2024, 3, 1), 6, "Yes", "Acme"],
        [],
        ["R2", "Form reader", "Example Office", None, 4.0, "No", None],
        ["R3", None, "Example Office", None, None, None, None],
    ],
}


def test_xlsx_sheet_by_name_with_a_header_row_and_spreadsheet_row_numbers(tmp_path):
    mapping = load_mapping(write(tmp_path, "xlsx.toml", XLSX_MAPPING))
    stream = io.BytesIO(xlsx_bytes(XLSX_SHEETS))
    result = run_import(mapping=mapping, stream=stream, dry_run=False)

    assert (result.rows_total, result.created, result.rejected) == (3, 2, 1)
    # Row 5 is blank in the sheet: R3 is on row 7, as a spreadsheet shows it.
    assert result.problems[0]["row"] == 7
    assert "title is required but empty" in result.problems[0]["reason"]
    triage = Case.objects.get(source_key="R1")
    assert triage.implemented_on == date(2024, 3, 1)
    assert triage.months_to_implement == 6
    assert triage.uses_personal_data is True
    assert triage.vendor_name == "Acme"
    assert triage.source_licence == "Open Government Licence v3.0"
    assert triage.source_attribution == "Example Office, AI register"
    assert Case.objects.get(source_key="R2").months_to_implement == 4


def test_xlsx_problems_are_named_clearly(tmp_path):
    mapping = load_mapping(write(tmp_path, "xlsx.toml", XLSX_MAPPING))
    other = io.BytesIO(xlsx_bytes({"Sheet1": [["Ref", "Name"]]}))
    with pytest.raises(ImportFileError, match=r"no sheet called “Use cases”\. Its sheets: Sheet1"):
        run_import(mapping=mapping, stream=other, dry_run=True)
    with pytest.raises(ImportFileError, match="not an XLSX workbook"):
        run_import(mapping=mapping, stream=io.BytesIO(b"Ref,Name\nR1,x\n"), dry_run=True)
    with pytest.raises(ImportFileError, match=r"old Excel spreadsheet \(\.xls\)"):
        run_import(
            mapping=mapping, stream=io.BytesIO(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), dry_run=True
        )
    with pytest.raises(ImportFileError, match="not a valid XLSX workbook"):
        run_import(mapping=mapping, stream=io.BytesIO(b"PK\x03\x04broken"), dry_run=True)


def test_a_file_in_another_format_is_named_not_blamed_on_missing_columns():
    mapping = load_mapping("us-federal-ai-inventory-2024")
    workbook = io.BytesIO(xlsx_bytes({"Sheet1": [["2_use_case_name", "3_agency"]]}))
    with pytest.raises(ImportFileError, match=r"spreadsheet \(XLSX\).*reads CSV files"):
        run_import(mapping=mapping, stream=workbook, dry_run=True)
    records = io.BytesIO(b'[{"2_use_case_name": "x"}]')
    with pytest.raises(ImportFileError, match="This is a JSON file, but the mapping"):
        run_import(mapping=mapping, stream=records, dry_run=True)


def test_the_command_imports_an_xlsx_file_through_the_job(tmp_path, capsys):
    mapping_file = write(tmp_path, "xlsx.toml", XLSX_MAPPING)
    workbook = tmp_path / "register.xlsx"
    workbook.write_bytes(xlsx_bytes(XLSX_SHEETS))
    call_command("import_cases", str(mapping_file), str(workbook))
    assert "rejected row 7" in capsys.readouterr().out
    run = ImportRun.objects.get()
    assert run.upload.name.endswith(".xlsx") and run.created == 2


BIG5_MAPPING = """
[source]
slug = "hk-register"
name = "Hong Kong register"
encoding = "big5"
key = ["編號"]
licence = "資料一線通使用條款"

[fields]
title = "項目名稱"
title_zh_hant = "項目名稱"
source_organisation = "部門"
"""


def test_big5_files_are_read_with_the_declared_encoding(tmp_path):
    mapping = load_mapping(write(tmp_path, "big5.toml", BIG5_MAPPING))
    text = "編號,項目名稱,部門\r\nHK-1,會議記錄草擬系統,公務員事務局\r\n"
    result = run_import(mapping=mapping, stream=io.BytesIO(text.encode("big5")), dry_run=False)
    assert result.created == 1
    case = Case.objects.get()
    assert (case.title_zh_hant, case.source_organisation) == ("會議記錄草擬系統", "公務員事務局")
    assert case.source_licence == "資料一線通使用條款"


def test_utf16_files_with_a_byte_order_mark_are_recognised():
    mapping = load_mapping("us-federal-ai-inventory-2024")
    text = "2_use_case_name,3_agency,3_abr,4_bureau\n文件翻譯助手,香港數字政策辦公室,DPO,\n"
    for encoding in ("utf-16", "utf-16-be"):  # "utf-16" writes the machine's BOM
        raw = text.encode(encoding)
        if encoding == "utf-16-be":
            raw = b"\xfe\xff" + raw
        result = run_import(mapping=mapping, stream=io.BytesIO(raw), dry_run=True)
        assert (result.created, result.rejected) == (1, 0), encoding
    run_import(mapping=mapping, stream=io.BytesIO(text.encode("utf-16")), dry_run=False)
    assert Case.objects.get().title == "文件翻譯助手"


def test_utf16_without_a_byte_order_mark_gets_a_hint():
    mapping = load_mapping("us-federal-ai-inventory-2024")
    raw = "2_use_case_name,3_agency\nA,B\n".encode("utf-16-le")
    with pytest.raises(ImportFileError, match="UTF-16 text without a byte-order mark"):
        run_import(mapping=mapping, stream=io.BytesIO(raw), dry_run=True)
