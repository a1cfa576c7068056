"""Read a CSV upload safely: bounded size, a declared encoding (a BOM is fine), a header row."""

import csv
import io
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from aiplus.cases.importer.errors import ImportFileError

MAX_CELL_CHARS = 100_000


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[dict[str, str]]  # each row knows its line in the file as "__line__"


def read_csv(stream: IO[bytes], *, encoding: str) -> Table:
    limit = settings.AIPLUS_IMPORT_MAX_BYTES
    raw = stream.read(limit + 1)
    if len(raw) > limit:
        raise ImportFileError(
            _("The file is larger than %(limit)s. Split it into smaller files.")
            % {"limit": filesizeformat(limit)}
        )
    if not raw.strip():
        raise ImportFileError(_("The file is empty."))
    if raw[:4] == b"PK\x03\x04" or raw[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ImportFileError(
            _("This is a spreadsheet, not a CSV file. Save it as “CSV UTF-8” and try again.")
        )
    try:
        text = raw.decode(encoding)
    except (UnicodeDecodeError, LookupError) as error:
        position = getattr(error, "start", 0)
        raise ImportFileError(
            _(
                "The file is not in the expected encoding (%(encoding)s): the text breaks at "
                "byte %(position)d. Save it as “CSV UTF-8” and try again."
            )
            % {"encoding": encoding, "position": position}
        ) from error
    if "\x00" in text:
        raise ImportFileError(_("The file contains binary data; it is not a CSV file."))

    csv.field_size_limit(MAX_CELL_CHARS)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [name.strip() for name in next(reader)]
        rows = []
        for values in reader:
            if not any(value.strip() for value in values):
                continue
            row = dict(zip(header, values, strict=False))
            row["__line__"] = str(reader.line_num)
            if len(values) > len(header):
                row["__extra_cells__"] = str(len(values) - len(header))
            rows.append(row)
    except csv.Error as error:
        raise ImportFileError(
            _("The CSV file is malformed near line %(line)d: %(error)s")
            % {"line": reader.line_num, "error": error}
        ) from error
    duplicates = sorted({name for name in header if header.count(name) > 1})
    if duplicates:
        raise ImportFileError(
            _("These column names appear more than once: %(columns)s")
            % {"columns": ", ".join(duplicates)}
        )
    return Table(header=header, rows=rows)
