"""PDF documents drawn with the hub's CJK font (core.fonts), so that Chinese text in a report
or in minutes is drawn rather than left as empty boxes. The one font is registered as "hub";
`bold` draws it with its outline stroked as well, since the font has no bold face."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from aiplus.core.fonts import cjk_font_path

if TYPE_CHECKING:
    from fpdf import FPDF

FONT = "hub"


class NoCJKFont(RuntimeError):
    """No font with Chinese glyphs is installed (see core.fonts)."""


def cjk_pdf(*, size: float = 11) -> "FPDF":
    """A new A4 document with the hub font set at `size` points and its first page added."""
    from fpdf import FPDF

    font = cjk_font_path()
    if font is None:
        raise NoCJKFont("no font with Chinese characters is installed")
    pdf = FPDF(format="A4")
    pdf.add_font(FONT, "", str(font), collection_font_number=0)
    pdf.set_font(FONT, size=size)
    pdf.add_page()
    return pdf


@contextmanager
def bold(pdf: "FPDF") -> Iterator[None]:
    """Text drawn inside the block looks bold: filled and outlined."""
    from fpdf.enums import TextMode

    with pdf.local_context(text_mode=TextMode.FILL_STROKE, line_width=0.25):
        yield
