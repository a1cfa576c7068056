"""Minutes as files: Markdown as written, or a Word document or a PDF laid out as government
minutes (centred bold title, numbered item headings, the action table as a table). Both files
are drawn from the same reading of the Markdown (`blocks`)."""

import io
from collections.abc import Iterator
from dataclasses import dataclass, field

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from aiplus.core.pdf import bold, cjk_pdf
from aiplus.meetings.models import Minutes
from aiplus.meetings.rendering import BOLD, table_row

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_TYPE = "application/pdf"


@dataclass
class Block:
    """One piece of the minutes: "title", "heading" (numbered), "bullet", "table" or
    "paragraph" (its `parts` alternate plain and bold text)."""

    kind: str
    text: str = ""
    number: int = 0
    rows: list[list[str]] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)


def blocks(text: str) -> Iterator[Block]:
    lines = text.splitlines()
    index = 0
    item = 0
    while index < len(lines):
        line = lines[index].rstrip()
        index += 1
        if not line.strip():
            continue
        if line.startswith("# "):
            yield Block("title", line[2:].strip())
        elif line.startswith("#"):
            item += 1
            yield Block("heading", line.lstrip("#").strip(), number=item)
        elif line.lstrip().startswith("- "):
            yield Block("bullet", BOLD.sub(r"\1", line.lstrip()[2:]))
        elif line.lstrip().startswith("|"):
            block = [line]
            while index < len(lines) and lines[index].lstrip().startswith("|"):
                block.append(lines[index])
                index += 1
            rows = [row for row in map(table_row, block) if row is not None]
            if rows:
                width = max(len(row) for row in rows)
                yield Block("table", rows=[row + [""] * (width - len(row)) for row in rows])
        else:
            yield Block("paragraph", parts=BOLD.split(line.strip()))


def minutes_docx(minutes: Minutes) -> bytes:
    return docx_from_markdown(minutes.text)


def docx_from_markdown(text: str) -> bytes:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    for block in blocks(text):
        if block.kind == "title":
            title = document.add_paragraph()
            title.alignment = WD_ALIGN_PARAGRAPH.CENTER
            title.add_run(block.text.upper()).bold = True
        elif block.kind == "heading":
            heading = document.add_paragraph()
            heading.add_run(f"{block.number}.  {block.text}").bold = True
        elif block.kind == "bullet":
            document.add_paragraph(block.text, style="List Bullet")
        elif block.kind == "table":
            rows = block.rows
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
                    if r == 0:
                        for run in table.cell(r, c).paragraphs[0].runs:
                            run.bold = True
        else:
            paragraph = document.add_paragraph()
            for number, part in enumerate(block.parts):
                paragraph.add_run(part).bold = number % 2 == 1
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def minutes_pdf(minutes: Minutes) -> bytes:
    return pdf_from_markdown(minutes.text, title=minutes.meeting.title)


def pdf_from_markdown(text: str, *, title: str = "") -> bytes:
    """The minutes on A4 in the hub's CJK font (English and Chinese alike): the title centred
    in capitals, numbered item headings, bulleted points and the action table ruled."""
    from fpdf.fonts import FontFace

    pdf = cjk_pdf(size=12)
    pdf.set_title(title)
    pdf.set_margins(25, 20, 25)
    pdf.set_x(pdf.l_margin)
    width = pdf.epw
    line_height = 6.5

    def gap(size: float = 2.5) -> None:
        pdf.ln(size)

    for block in blocks(text):
        if block.kind == "title":
            with bold(pdf):
                pdf.multi_cell(
                    width, 8, block.text.upper(), align="C", new_x="LMARGIN", new_y="NEXT"
                )
            gap(4)
        elif block.kind == "heading":
            gap()
            with bold(pdf):
                pdf.multi_cell(
                    width,
                    line_height,
                    f"{block.number}.  {block.text}",
                    new_x="LMARGIN",
                    new_y="NEXT",
                )
            gap(1.5)
        elif block.kind == "bullet":
            pdf.set_x(pdf.l_margin + 4)
            pdf.multi_cell(
                width - 4, line_height, f"•  {block.text}", new_x="LMARGIN", new_y="NEXT"
            )
        elif block.kind == "table":
            gap(1)
            columns = len(block.rows[0])
            widths = (55, 25, 20) if columns == 3 else None
            with pdf.table(
                col_widths=widths,
                text_align="LEFT",
                line_height=line_height,
                headings_style=FontFace(fill_color=(225, 225, 225)),
                first_row_as_headings=True,
                padding=1.2,
            ) as table:
                for row in block.rows:
                    cells = table.row()
                    for value in row:
                        cells.cell(value)
            gap()
        else:
            gap(1)
            words = "".join(block.parts)
            if len(block.parts) == 3 and not block.parts[0] and not block.parts[2]:
                with bold(pdf):  # a line that is bold throughout ("The meeting agreed that:")
                    pdf.multi_cell(width, line_height, words, new_x="LMARGIN", new_y="NEXT")
            else:
                pdf.multi_cell(width, line_height, words, new_x="LMARGIN", new_y="NEXT")
            gap(1.5)
    return bytes(pdf.output())
