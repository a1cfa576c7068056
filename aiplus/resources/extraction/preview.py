"""A PNG preview of a document's first page: rendered for PDF; for Office files (which need an
office suite to render) a card with the document's opening text."""

import io
import textwrap

from PIL import Image, ImageDraw, ImageFont

PREVIEW_WIDTH = 480


def pdf_first_page(data: bytes) -> bytes:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        page = document[0]
        scale = PREVIEW_WIDTH / page.get_width()
        image = page.render(scale=scale).to_pil()
    finally:
        document.close()
    return _png(image)


def text_card(title: str, text: str, file_type: str) -> bytes:
    image = Image.new("RGB", (PREVIEW_WIDTH, int(PREVIEW_WIDTH * 0.75)), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=16)
    draw.rectangle([0, 0, PREVIEW_WIDTH, 36], fill="#0b4f6c")
    draw.text((12, 9), file_type.upper(), fill="white", font=font)
    y = 48
    for line in textwrap.wrap(f"{title}. {text}", width=52)[:14]:
        draw.text((12, y), line, fill="#1c2328", font=font)
        y += 22
    return _png(image)


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
