"""The audit log's admin export cannot smuggle a spreadsheet formula out of a sign-in form."""

import csv
import io

import pytest
from openpyxl import load_workbook

from aiplus.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

FORMULA = "=cmd|' /C calc'!A0"


def _csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_a_formula_typed_as_a_username_is_exported_as_text(client, administrator):
    # Anyone can do this: no account is needed to fail a sign-in.
    client.post("/en/accounts/login/", {"username": FORMULA, "password": "wrong"})
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.LOGIN_FAILED, actor_name=FORMULA
    ).exists()

    client.force_login(administrator)
    response = client.get("/admin/audit/?export=csv")
    assert response.status_code == 200
    header, *rows = _csv_rows(response)
    cells = [row[header.index("Username given")] for row in rows]
    assert "'" + FORMULA in cells
    assert FORMULA not in cells
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_the_xlsx_export_neutralises_the_formula_too(client, administrator):
    client.post("/en/accounts/login/", {"username": FORMULA, "password": "wrong"})
    client.force_login(administrator)
    response = client.get("/admin/audit/?export=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, *rows = list(sheet.iter_rows(values_only=True))
    cells = [row[header.index("Username given")] for row in rows]
    assert "'" + FORMULA in cells
    assert FORMULA not in cells
