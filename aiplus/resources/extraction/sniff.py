"""Decide what a file really is from its bytes, never from its name, and refuse files that are
too big, lie about their type, or would expand into far more data than they hold (zip bombs)."""

import zipfile
from typing import IO

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# The main part that each Office Open XML type must contain.
OOXML_MAIN_PART = {
    "docx": "word/document.xml",
    "pptx": "ppt/presentation.xml",
    "xlsx": "xl/workbook.xml",
}
ALLOWED_TYPES = ["pdf", *OOXML_MAIN_PART]
MAX_UNCOMPRESSED_BYTES = 300 * 1024 * 1024
# Parsed parts (XML) are held in memory as trees several times their size: cap each one.
MAX_XML_PART_BYTES = 32 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
RATIO_CHECKED_FROM_BYTES = 1024 * 1024  # small parts of repeated markup compress very well
MAX_ZIP_ENTRIES = 20_000


class UnsafeFileError(ValueError):
    """The file is refused; the message tells the uploader why."""


def _check_zip(stream: IO[bytes]) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(stream)
    except zipfile.BadZipFile as error:
        raise UnsafeFileError(
            _("The file is damaged: it is not a valid Office document.")
        ) from error
    entries = archive.infolist()
    if len(entries) > MAX_ZIP_ENTRIES:
        raise UnsafeFileError(_("The document has too many parts to be opened safely."))
    total = sum(entry.file_size for entry in entries)
    packed = sum(entry.compress_size for entry in entries) or 1
    if total > MAX_UNCOMPRESSED_BYTES or total / packed > MAX_COMPRESSION_RATIO:
        raise UnsafeFileError(
            _("The document would expand to %(size)s when opened, which is not safe.")
            % {"size": filesizeformat(total)}
        )
    for entry in entries:  # one part can hide behind a small total ratio
        _check_zip_entry(entry)
    return archive


def _check_zip_entry(entry: zipfile.ZipInfo) -> None:
    size = entry.file_size
    explosive = (
        size >= RATIO_CHECKED_FROM_BYTES
        and size / max(entry.compress_size, 1) > MAX_COMPRESSION_RATIO
    )
    parsed = entry.filename.lower().endswith((".xml", ".rels"))
    if explosive or (parsed and size > MAX_XML_PART_BYTES):
        raise UnsafeFileError(
            _(
                "A part of the document (%(part)s) would expand to %(size)s when opened, "
                "which is not safe."
            )
            % {"part": entry.filename[:80], "size": filesizeformat(size)}
        )


def detect_type(stream: IO[bytes], *, filename: str, max_bytes: int | None = None) -> str:
    """Return "pdf", "docx", "pptx" or "xlsx", or raise UnsafeFileError. `max_bytes` sets a
    size limit other than the library's own (advice attachments use it)."""
    stream.seek(0, 2)
    size = stream.tell()
    stream.seek(0)
    limit = settings.AIPLUS_RESOURCE_MAX_BYTES if max_bytes is None else max_bytes
    if size == 0:
        raise UnsafeFileError(_("The file is empty."))
    if size > limit:
        raise UnsafeFileError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
        )
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in ALLOWED_TYPES:
        raise UnsafeFileError(
            _("Only PDF, Word (.docx), PowerPoint (.pptx) and Excel (.xlsx) files are accepted.")
        )
    head = stream.read(8)
    stream.seek(0)
    if head.startswith(b"%PDF-"):
        actual = "pdf"
    elif head.startswith(b"PK\x03\x04"):
        names = set(_check_zip(stream).namelist())
        stream.seek(0)
        matches = [kind for kind, part in OOXML_MAIN_PART.items() if part in names]
        if "[Content_Types].xml" not in names or not matches:
            raise UnsafeFileError(_("The file is a zip archive, not an Office document."))
        actual = matches[0]
    else:
        raise UnsafeFileError(
            _("The file's contents are not a PDF or Office document, whatever its name says.")
        )
    if actual != extension:
        raise UnsafeFileError(
            _("The file is named .%(extension)s but is really a %(actual)s file.")
            % {"extension": extension, "actual": actual.upper()}
        )
    return actual
