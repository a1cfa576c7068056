"""Read an upload safely in the format its mapping declares: bounded size, a declared encoding
(a byte-order mark wins: UTF-8 and UTF-16 files are recognised by it), and one record per CSV
or XLSX row, or per object in a JSON list.

Records are numbered the way people find them: CSV and XLSX by spreadsheet row (the header is
row 1, so the first record is row 2), JSON by position in its list (the first is record 1)."""

import codecs
import csv
import io
import json
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from typing import IO, Any

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from aiplus.cases.importer.errors import ImportFileError
from aiplus.cases.importer.mapping import Mapping
from aiplus.core.bounded import LimitExceeded, run_bounded

MAX_CELL_CHARS = 100_000
# XLSX is a zip of XML parts: refuse workbooks that would expand far beyond the upload limit.
MAX_XLSX_EXPANSION = 10
MAX_XLSX_PART_RATIO = 200
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary Excel (.xls) format
BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class Record:
    number: int  # the spreadsheet row, or the position in a JSON list
    values: dict[str, Any]
    signature: str = ""  # the whole record as text, to spot exact repeats


@dataclass(frozen=True)
class Table:
    columns: frozenset[str]  # column names, or every dotted path found in a JSON file
    records: list[Record]
    unit: str = "row"  # "row" (CSV, XLSX) or "record" (JSON)
    nested: bool = False  # look values up by dotted path (JSON)
    leaves: frozenset[str] = field(default_factory=frozenset)  # the paths that hold values

    def where(self, number: int | str) -> str:
        if self.unit == "record":
            return _("record %(number)s") % {"number": number}
        return _("row %(number)s") % {"number": number}

    def lookup(self, record: Record, column: str) -> list[Any]:
        """The items a column (or dotted path) holds for a record: [] when there are none."""
        if not self.nested:
            value = record.values.get(column)
            return [] if value is None else [value]
        items: list[Any] = [record.values]
        for part in column.split("."):
            found: list[Any] = []
            for item in items:
                if isinstance(item, dict) and part in item:
                    found.extend(_flatten(item[part]))
            items = found
        return items


def _flatten(value: Any) -> list[Any]:
    if isinstance(value, list):
        return [inner for item in value for inner in _flatten(item)]
    return [value]


def _read_bounded(stream: IO[bytes]) -> bytes:
    limit = settings.AIPLUS_IMPORT_MAX_BYTES
    raw = stream.read(limit + 1)
    if len(raw) > limit:
        raise ImportFileError(
            _("The file is larger than %(limit)s. Split it into smaller files.")
            % {"limit": filesizeformat(limit)}
        )
    if not raw.strip():
        raise ImportFileError(_("The file is empty."))
    return raw


def _wrong_kind(raw: bytes, mapping: Mapping) -> None:
    """Say clearly when the file is not in the format the mapping reads."""
    expected = mapping.format.upper()
    found = ""
    _refuse_old_excel(raw)
    if raw.startswith(ZIP_MAGIC):
        found = _("a spreadsheet (XLSX) or another zip file")
    elif mapping.format != "json" and _is_json(raw):
        found = _("a JSON file")
    if found and mapping.format != "xlsx":
        raise ImportFileError(
            _(
                "This is %(found)s, but the mapping “%(mapping)s” reads %(expected)s files. "
                "Choose the mapping for this file, or save the file as %(expected)s."
            )
            % {"found": found, "mapping": mapping.name, "expected": expected}
        )


def _is_json(raw: bytes) -> bool:
    if raw.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] not in (b"{", b"["):
        return False
    try:
        json.loads(raw.decode("utf-8-sig"))
    except ValueError:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        return False
    return True


def _refuse_old_excel(raw: bytes) -> None:
    if raw.startswith(OLE_MAGIC):
        raise ImportFileError(
            _(
                "This is an old Excel spreadsheet (.xls), which cannot be read. Save it as .xlsx "
                "or as “CSV UTF-8”, and use a mapping for that format."
            )
        )


def decode(raw: bytes, *, encoding: str, what: str) -> str:
    for bom, name in BOMS:
        if raw.startswith(bom):
            encoding = name
            break
    try:
        text = raw.decode(encoding)
    except (UnicodeDecodeError, LookupError) as error:
        position = getattr(error, "start", 0)
        raise ImportFileError(
            _(
                "The file is not in the expected encoding (%(encoding)s): the text breaks at "
                "byte %(position)d. Save it as “%(what)s UTF-8”, or declare the file's "
                "encoding in the mapping (for example “big5”)."
            )
            % {"encoding": encoding, "position": position, "what": what}
        ) from error
    if "\x00" in text:
        if raw[1::2].count(0) > len(raw) // 4 or raw[0::2].count(0) > len(raw) // 4:
            raise ImportFileError(
                _(
                    "The file looks like UTF-16 text without a byte-order mark. Declare the "
                    "encoding “utf-16-le” (or “utf-16-be”) in the mapping, or save it as UTF-8."
                )
            )
        raise ImportFileError(
            _("The file contains binary data; it is not a %(what)s file.") % {"what": what}
        )
    return text


def _check_header(header: list[str]) -> None:
    duplicates = sorted({name for name in header if name and header.count(name) > 1})
    if duplicates:
        raise ImportFileError(
            _("These column names appear more than once: %(columns)s")
            % {"columns": ", ".join(duplicates)}
        )


def _signature(values: Any) -> str:
    return json.dumps(values, sort_keys=True, default=str, ensure_ascii=False)


def _csv_table(raw: bytes, *, encoding: str) -> Table:
    text = decode(raw, encoding=encoding, what="CSV")
    csv.field_size_limit(MAX_CELL_CHARS)
    reader = csv.reader(io.StringIO(text, newline=""))
    row = 1  # the row being read: one per record, however many lines its cells span
    try:
        header = [name.strip() for name in next(reader)]
        records = []
        row = 2
        for values in reader:
            if any(value.strip() for value in values):
                cells = dict(zip(header, values, strict=False))
                records.append(Record(row, cells, _signature(cells)))
            row += 1
    except csv.Error as error:
        raise ImportFileError(
            _("The CSV file is malformed at row %(row)d: %(error)s") % {"row": row, "error": error}
        ) from error
    _check_header(header)
    return Table(columns=frozenset(header), records=records, leaves=frozenset(header))


def _check_zip(raw: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except zipfile.BadZipFile as error:
        raise ImportFileError(_("The file is damaged: it is not a valid XLSX workbook.")) from error
    entries = archive.infolist()
    total = sum(entry.file_size for entry in entries)
    limit = MAX_XLSX_EXPANSION * settings.AIPLUS_IMPORT_MAX_BYTES
    explosive = any(
        entry.file_size > 1024 * 1024
        and entry.file_size / max(entry.compress_size, 1) > MAX_XLSX_PART_RATIO
        for entry in entries
    )
    if total > limit or explosive:
        raise ImportFileError(
            _("The workbook would expand to %(size)s when opened, which is not safe.")
            % {"size": filesizeformat(total)}
        )
    if "xl/workbook.xml" not in archive.namelist():
        raise ImportFileError(_("The file is damaged: it is not a valid XLSX workbook."))


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        return value
    if isinstance(value, (datetime, date, bool, int, float)) or value is None:
        return value
    return str(value)


def _xlsx_table(raw: bytes, *, sheet: str, header_row: int) -> Table:
    from openpyxl import load_workbook

    _refuse_old_excel(raw)
    if not raw.startswith(ZIP_MAGIC):
        raise ImportFileError(
            _(
                "This is not an XLSX workbook, but the mapping reads XLSX files. Choose the "
                "mapping for this file, or save it as .xlsx."
            )
        )
    _check_zip(raw)
    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise ImportFileError(_("The file is damaged: it is not a valid XLSX workbook.")) from error
    try:
        if sheet and sheet not in workbook.sheetnames:
            raise ImportFileError(
                _("The workbook has no sheet called “%(sheet)s”. Its sheets: %(sheets)s")
                % {"sheet": sheet, "sheets": ", ".join(workbook.sheetnames)}
            )
        worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
        worksheet.reset_dimensions()  # some writers store a wrong size; read every row
        rows = worksheet.iter_rows(min_row=header_row, values_only=True)
        first = next(rows, None)
        if first is None:
            raise ImportFileError(
                _("The sheet has no header in row %(row)d.") % {"row": header_row}
            )
        header = [as_header(value) for value in first]
        _check_header(header)
        records = []
        for number, values in enumerate(rows, start=header_row + 1):
            cells = {
                name: _cell(value)
                for name, value in zip(header, values, strict=False)
                if name and value is not None and value != ""
            }
            if not any(str(value).strip() for value in cells.values()):
                continue
            records.append(Record(number, cells, _signature(cells)))
    finally:
        workbook.close()
    named = frozenset(name for name in header if name)
    return Table(columns=named, records=records, leaves=named)


def as_header(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _paths(value: Any, prefix: str, found: set[str], leaves: set[str]) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            found.add(path)
            _paths(inner, path, found, leaves)
    elif isinstance(value, list):
        for item in value:
            _paths(item, prefix, found, leaves)
    elif prefix:
        leaves.add(prefix)


def _json_table(raw: bytes, *, encoding: str, records: str) -> Table:
    text = decode(raw, encoding=encoding, what="JSON")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFileError(
            _("The JSON file is malformed at line %(line)d, column %(column)d: %(error)s")
            % {"line": error.lineno, "column": error.colno, "error": error.msg}
        ) from error
    found: Any = data
    for part in records.split(".") if records else []:
        if not isinstance(found, dict) or part not in found:
            raise ImportFileError(
                _("The JSON file has nothing at “%(path)s”, where the mapping's records are.")
                % {"path": records}
            )
        found = found[part]
    if not isinstance(found, list):
        raise ImportFileError(
            _(
                "The JSON file has no list of records at “%(path)s”: set the mapping's "
                "“records” to the dotted path of the list."
            )
            % {"path": records or _("the top level")}
        )
    table_records = []
    paths: set[str] = set()
    leaves: set[str] = set()
    for number, item in enumerate(found, start=1):
        if not isinstance(item, dict):
            raise ImportFileError(
                _("Record %(number)d in the JSON file is not an object (a {…} with named values).")
                % {"number": number}
            )
        if not item:
            continue
        _paths(item, "", paths, leaves)
        table_records.append(Record(number, item, _signature(item)))
    return Table(
        columns=frozenset(paths),
        records=table_records,
        unit="record",
        nested=True,
        leaves=frozenset(leaves),
    )


def read_table(stream: IO[bytes], mapping: Mapping) -> Table:
    raw = _read_bounded(stream)
    if mapping.format == "xlsx":
        return _xlsx_bounded(raw, sheet=mapping.sheet, header_row=mapping.header_row)
    _wrong_kind(raw, mapping)
    if mapping.format == "json":
        return _json_table(raw, encoding=mapping.encoding, records=mapping.records)
    if mapping.format == "csv":
        return _csv_table(raw, encoding=mapping.encoding)
    raise ImportFileError(
        _("The mapping's format “%(format)s” is not supported; use csv, json or xlsx.")
        % {"format": mapping.format}
    )


def _xlsx_bounded(raw: bytes, *, sheet: str, header_row: int) -> Table:
    # A spreadsheet is a zip of XML: parse it under the same ceilings as documents.
    try:
        read = partial(_xlsx_table, sheet=sheet, header_row=header_row)
        table: Table = run_bounded(read, raw, passes=(ImportFileError,))
        return table
    except LimitExceeded as error:
        raise ImportFileError(str(error)) from error


def read_spreadsheet(stream: IO[bytes]) -> Table:
    """The first sheet of an XLSX workbook, or a UTF-8 CSV file, under the import checks (size,
    zip bombs, damaged files); for other apps' small tables such as FAQ lists."""
    raw = _read_bounded(stream)
    if raw.startswith(ZIP_MAGIC) or raw.startswith(OLE_MAGIC):
        return _xlsx_bounded(raw, sheet="", header_row=1)
    return _csv_table(raw, encoding="utf-8")


def read_csv(stream: IO[bytes], *, encoding: str) -> Table:
    """A CSV file alone, whatever the mapping (the import benchmark's baseline)."""
    return _csv_table(_read_bounded(stream), encoding=encoding)
