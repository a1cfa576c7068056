"""A PNG preview of a document's first page: rendered for PDF; for Office files (which need an
office suite to render) a card with the document's opening text."""

import io
import re
from typing import Any

from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

from aiplus.core.fonts import cjk_font_path
from aiplus.resources.extraction.sniff import UnsafeFileError

PREVIEW_WIDTH = 480
MAX_PREVIEW_HEIGHT = 4 * PREVIEW_WIDTH  # a 1 x 14,400 pt page must not ask for a huge bitmap


def pdf_first_page(data: bytes) -> bytes:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        if len(document) == 0:
            raise UnsafeFileError(_("The PDF has no pages."))
        page = document[0]
        width, height = page.get_size()
        if width <= 0 or height <= 0:
            raise UnsafeFileError(_("The PDF's first page has no size."))
        scale = min(PREVIEW_WIDTH / width, MAX_PREVIEW_HEIGHT / height)
        image = page.render(scale=scale).to_pil()
    finally:
        document.close()
    return _png(image)


def text_card(title: str, text: str, file_type: str) -> bytes:
    image = Image.new("RGB", (PREVIEW_WIDTH, int(PREVIEW_WIDTH * 0.75)), "white")
    draw = ImageDraw.Draw(image)
    font = _font(16)
    draw.rectangle([0, 0, PREVIEW_WIDTH, 36], fill="#0b4f6c")
    draw.text((12, 9), file_type.upper(), fill="white", font=font)
    y = 48
    for line in wrap_to_width(f"{title}. {text}", font, PREVIEW_WIDTH - 24)[:14]:
        draw.text((12, y), line, fill="#1c2328", font=font)
        y += 22
    return _png(image)


def wrap_to_width(text: str, font: Any, width: float) -> list[str]:
    """Lines that fit `width` pixels: English breaks between words, Chinese (no spaces)
    between characters."""
    lines: list[str] = []
    line = ""
    for token in re.findall(r"\s+|[A-Za-z0-9'’.,;:!?()\-]+|.", " ".join(text.split())):
        candidate = line + token
        if line and font.getlength(candidate) > width:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line = candidate
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = cjk_font_path()
    return ImageFont.truetype(str(path), size) if path else ImageFont.load_default(size=size)


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
