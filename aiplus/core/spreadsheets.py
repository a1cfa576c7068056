"""Formula-safe spreadsheet exports in the Wagtail admin.

Every admin listing that offers "Download CSV" or "Download XLSX" (the hub's own viewsets and
snippets, and Wagtail's reports, redirects and form submissions) writes its cells through
`SpreadsheetExportMixin.preprocess_field_value`. Wagtail writes the values verbatim, so text
such as a failed sign-in's username `=cmd|' /C calc'!A0` would run as a formula when the export
is opened in a spreadsheet. `install()` wraps that one hook, once, for every export view: cells
are neutralised with `safe_cell`, exactly as the hub's own exports are.

Wagtail's report and form views cannot be given a mixin through any hook, which is why the
hook is wrapped on the shared base class rather than on each viewset.
`aiplus/core/tests/test_spreadsheet_exports.py` walks every registered admin view to prove it.
"""

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from aiplus.core.exports import safe_cell


def neutralise(value: Any, export_format: str) -> Any:
    """A cell value as it may be written: CSV cells are text, so every value that a
    spreadsheet would read as a formula gets an apostrophe; XLSX keeps numbers and dates as
    they are and neutralises text."""
    if value is None:
        return None
    if export_format == SpreadsheetExportMixin.FORMAT_CSV or isinstance(value, str):
        return safe_cell(value)
    return value


def install() -> None:
    """Make every Wagtail spreadsheet export formula-safe. Idempotent; called from
    `CoreConfig.ready()`."""
    original = getattr(SpreadsheetExportMixin, "preprocess_field_value", None)
    if original is None:  # pragma: no cover - fail loudly if a Wagtail upgrade renames the hook
        raise ImproperlyConfigured(
            "SpreadsheetExportMixin.preprocess_field_value is gone: admin exports would write "
            "formulas verbatim. Update aiplus.core.spreadsheets."
        )
    if getattr(original, "formula_safe", False):
        return

    def preprocess_field_value(
        self: SpreadsheetExportMixin, field: str, value: Any, export_format: str
    ) -> Any:
        return neutralise(original(self, field, value, export_format), export_format)

    preprocess_field_value.formula_safe = True  # type: ignore[attr-defined]
    preprocess_field_value.__doc__ = original.__doc__
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
