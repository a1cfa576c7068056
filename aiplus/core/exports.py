"""CSV and JSON downloads of listings. CSV cells that a spreadsheet would run as a formula
(`=cmd|...`, `+`, `-`, `@`, tab, carriage return) are prefixed with an apostrophe, so an export
opened in Excel shows text and runs nothing. Every export is recorded in the audit log."""

import csv
import json
from collections.abc import Iterable, Iterator
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse

from aiplus.core.signals import data_exported

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
EXPORT_FORMATS = ("csv", "json")


def safe_cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_lines(header: list[str], rows: Iterable[list[Any]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so that Excel reads the file as UTF-8 (Chinese text intact)
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow([safe_cell(value) for value in row])


def export_response(
    *,
    request: HttpRequest,
    export_format: str,
    name: str,
    columns: list[str],
    records: Iterable[dict[str, Any]],
) -> HttpResponse:
    """Stream `records` (dicts keyed by `columns`) as CSV or JSON and audit the export."""
    data_exported.send(sender=None, request=request, name=name, export_format=export_format)
    if export_format == "json":
        payload = json.dumps(list(records), cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
        response = HttpResponse(payload, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.json"'
        return response
    streaming = StreamingHttpResponse(
        _csv_lines(columns, ([record.get(c) for c in columns] for record in records)),
        content_type="text/csv; charset=utf-8",
    )
    streaming["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return streaming  # type: ignore[return-value]
