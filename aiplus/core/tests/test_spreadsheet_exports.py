"""Every spreadsheet export the admin offers (the hub's viewsets and snippets, Wagtail's own
reports, redirects and form submissions) writes formula-like text as plain text. The views are
found by walking the URL configuration, so a new app's viewset is checked without being listed."""

import csv
from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from openpyxl import Workbook
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.contrib.forms.views import SubmissionsListView

from aiplus.core.exports import FORMULA_PREFIXES


def _views(patterns: list[Any]) -> Iterator[tuple[type, dict[str, Any]]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _views(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            callback = pattern.callback
            while not hasattr(callback, "view_class") and hasattr(callback, "__wrapped__"):
                callback = callback.__wrapped__
            if hasattr(callback, "view_class"):
                yield callback.view_class, getattr(callback, "view_initkwargs", {})


def _export_views() -> dict[str, tuple[type, dict[str, Any]]]:
    # Form submissions are exported from a view that each form page chooses, not a URL pattern.
    found: dict[str, tuple[type, dict[str, Any]]] = {
        "wagtail.contrib.forms.views.SubmissionsListView[-]": (SubmissionsListView, {})
    }
    for view_class, initkwargs in _views(get_resolver().url_patterns):
        if issubclass(view_class, SpreadsheetExportMixin):
            model = initkwargs.get("model") or getattr(view_class, "model", None)
            name = f"{view_class.__module__}.{view_class.__qualname__}"
            found[f"{name}[{model._meta.label if model else '-'}]"] = (view_class, initkwargs)
    return found


EXPORT_VIEWS = _export_views()


class _Echo:
    def write(self, value: str) -> str:
        return value


def test_the_walk_finds_the_hubs_exports_and_wagtails_reports():
    labels = " ".join(EXPORT_VIEWS)
    for expected in (
        "[audit.AuditEvent]",
        "[catalogue.Solution]",
        "[cases.Case]",
        "[accounts.Organisation]",
        "wagtail.admin.views.reports.audit_logging",
    ):
        assert expected in labels


@pytest.mark.parametrize("formula", [*(p + "1+1" for p in FORMULA_PREFIXES), "=cmd|' /C calc'!A0"])
@pytest.mark.parametrize("label", sorted(EXPORT_VIEWS))
def test_every_admin_export_writes_formulas_as_text(label, formula):
    view_class, initkwargs = EXPORT_VIEWS[label]
    view = view_class(**initkwargs)

    writer = csv.DictWriter(_Echo(), fieldnames=["probe"])
    line = view.write_csv_row(writer, {"probe": formula})
    assert next(csv.reader([line]))[0] == "'" + formula

    sheet = Workbook(write_only=True).create_sheet()
    (cell,) = view.generate_xlsx_row(sheet, {"probe": formula})
    assert cell.value == "'" + formula
    assert cell.data_type == "s"


@pytest.mark.parametrize("label", sorted(EXPORT_VIEWS))
def test_plain_values_are_exported_unchanged(label):
    view_class, initkwargs = EXPORT_VIEWS[label]
    view = view_class(**initkwargs)
    writer = csv.DictWriter(_Echo(), fieldnames=["text", "number", "empty"])
    line = view.write_csv_row(writer, {"text": "a=b", "number": 42, "empty": None})
    assert line == "a=b,42,\r\n"
    sheet = Workbook(write_only=True).create_sheet()
    cells = list(view.generate_xlsx_row(sheet, {"number": -3, "text": "普通"}))
    assert [cell.value for cell in cells] == [-3, "普通"]
