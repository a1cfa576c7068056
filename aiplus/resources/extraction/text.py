"""Text and page counts from PDF, DOCX, PPTX and XLSX, bounded so that no document can make the
worker read without end."""

import io
from dataclasses import dataclass

from django.utils.translation import gettext as _

from aiplus.resources.extraction.sniff import UnsafeFileError

MAX_PAGES = 2000
PAGE_BREAK = "\f"
MAX_TEXT_CHARS = 2_000_000
MAX_SHEET_ROWS = 20_000


@dataclass(frozen=True)
class Extracted:
    text: str
    page_count: int | None


class _Collector:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0

    def add(self, text: str) -> bool:
        """Keep text until the limit; False once full."""
        text = text.strip()
        if text:
            self.parts.append(text[: MAX_TEXT_CHARS - self.size])
            self.size += len(self.parts[-1])
        return self.size < MAX_TEXT_CHARS

    def end_page(self) -> None:
        """A form feed between pages, so search can tell which page a passage is on."""
        self.parts.append(PAGE_BREAK)
        self.size += 1

    def text(self) -> str:
        return "\n".join(self.parts)


def _pdf(data: bytes) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise UnsafeFileError(_("The PDF is password-protected; upload an unprotected copy."))
        pages = len(reader.pages)
        if pages == 0:
            raise UnsafeFileError(_("The PDF has no pages."))
        if pages > MAX_PAGES:
            raise UnsafeFileError(
                _("The PDF has %(pages)d pages; the limit is %(limit)d.")
                % {"pages": pages, "limit": MAX_PAGES}
            )
        collector = _Collector()
        for page in reader.pages:
            if not collector.add(page.extract_text() or ""):
                break
            collector.end_page()
    except PdfReadError as error:
        raise UnsafeFileError(_("The PDF is damaged and cannot be read.")) from error
    return Extracted(collector.text(), pages)


def _docx(data: bytes) -> Extracted:
    import docx

    document = docx.Document(io.BytesIO(data))
    collector = _Collector()
    for paragraph in document.paragraphs:
        if not collector.add(paragraph.text):
            break
    for table in document.tables:
        for row in table.rows:
            collector.add(" | ".join(cell.text for cell in row.cells))
    return Extracted(collector.text(), None)


def _pptx(data: bytes) -> Extracted:
    from pptx import Presentation

    presentation = Presentation(io.BytesIO(data))
    collector = _Collector()
    slides = list(presentation.slides)
    if len(slides) > MAX_PAGES:
        raise UnsafeFileError(_("The presentation has too many slides."))
    for slide in slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                collector.add(shape.text_frame.text)
        collector.end_page()
    return Extracted(collector.text(), len(slides))


def _xlsx(data: bytes) -> Extracted:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    collector = _Collector()
    for sheet in workbook.worksheets:
        collector.add(sheet.title)
        for count, row in enumerate(sheet.iter_rows(values_only=True)):
            if count >= MAX_SHEET_ROWS:
                break
            cells = [str(value) for value in row if value is not None]
            if cells and not collector.add(" | ".join(cells)):
                break
    workbook.close()
    return Extracted(collector.text(), len(workbook.sheetnames))


EXTRACTORS = {"pdf": _pdf, "docx": _docx, "pptx": _pptx, "xlsx": _xlsx}


def extract_text(data: bytes, file_type: str) -> Extracted:
    try:
        return EXTRACTORS[file_type](data)
    except UnsafeFileError:
        raise
    except Exception as error:  # a parser choking on a hostile file must not crash the worker
        raise UnsafeFileError(
            _("The %(type)s file could not be read: it may be damaged.")
            % {"type": file_type.upper()}
        ) from error
