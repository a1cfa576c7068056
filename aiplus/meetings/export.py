"""Minutes as files: Markdown as written, or a Word document laid out as government minutes
(centred bold title, numbered item headings, the action table as a table)."""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from aiplus.meetings.models import Minutes
from aiplus.meetings.rendering import BOLD, table_row

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def minutes_docx(minutes: Minutes) -> bytes:
    return docx_from_markdown(minutes.text)


def docx_from_markdown(text: str) -> bytes:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    lines = text.splitlines()
    index = 0
    item = 0
    while index < len(lines):
        line = lines[index].rstrip()
        index += 1
        if not line.strip():
            continue
        if line.startswith("# "):
            title = document.add_paragraph()
            title.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = title.add_run(line[2:].strip().upper())
            run.bold = True
        elif line.startswith("#"):
            item += 1
            heading = document.add_paragraph()
            heading.add_run(f"{item}.  {line.lstrip('#').strip()}").bold = True
        elif line.lstrip().startswith("- "):
            document.add_paragraph(BOLD.sub(r"\1", line.lstrip()[2:]), style="List Bullet")
        elif line.lstrip().startswith("|"):
            block = [line]
            while index < len(lines) and lines[index].lstrip().startswith("|"):
                block.append(lines[index])
                index += 1
            rows = [row for row in map(table_row, block) if row is not None]
            if not rows:
                continue
            table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
                    if r == 0:
                        for run in table.cell(r, c).paragraphs[0].runs:
                            run.bold = True
        else:
            paragraph = document.add_paragraph()
            for number, part in enumerate(BOLD.split(line.strip())):
                paragraph.add_run(part).bold = number % 2 == 1
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
