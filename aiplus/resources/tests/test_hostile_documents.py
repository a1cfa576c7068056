"""Hostile documents: each part of an archive is checked, parsing runs under a memory and time
ceiling, and every extraction ends DONE or FAILED with a message editors can read."""

import io
import os
import re
import time
import zipfile

import pytest
from django.core.files.base import ContentFile

from aiplus.core.bounded import LimitExceeded, run_bounded
from aiplus.resources import samples, services
from aiplus.resources.extraction.sniff import UnsafeFileError, detect_type
from aiplus.resources.models import Resource

pytestmark = pytest.mark.django_db


def docx_with_one_huge_part(size: int) -> bytes:
    """A DOCX whose document.xml is mostly zeros with random data mixed in, so that the
    archive's overall compression ratio looks harmless."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("docProps/padding.bin", os.urandom(size // 150), zipfile.ZIP_STORED)
        archive.writestr("word/document.xml", b"<w:document>" + b"0" * size)
    return buffer.getvalue()


def test_one_explosive_part_is_refused_even_when_the_whole_archive_looks_harmless():
    data = docx_with_one_huge_part(60 * 1024 * 1024)
    archive = zipfile.ZipFile(io.BytesIO(data))
    total = sum(e.file_size for e in archive.infolist())
    packed = sum(e.compress_size for e in archive.infolist())
    assert total / packed < 200  # the old whole-archive check let this through
    with pytest.raises(UnsafeFileError, match=re.escape("word/document.xml")):
        detect_type(io.BytesIO(data), filename="padded.docx")


def test_a_large_xml_part_that_compresses_poorly_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", os.urandom(33 * 1024 * 1024))
    with pytest.raises(UnsafeFileError, match="would expand to"):
        detect_type(io.BytesIO(buffer.getvalue()), filename="random.docx")


def _allocate(megabytes: int) -> int:
    return len(bytearray(megabytes * 1024 * 1024))


def _sleep(seconds: float) -> None:
    time.sleep(seconds)


def test_the_parser_runs_under_a_memory_ceiling():
    assert run_bounded(_allocate, 10, memory_bytes=200 * 1024 * 1024) == 10 * 1024 * 1024
    with pytest.raises(LimitExceeded, match="more than 200 MB of memory"):
        run_bounded(_allocate, 600, memory_bytes=200 * 1024 * 1024)


def test_the_parser_runs_under_a_time_ceiling():
    started = time.monotonic()
    with pytest.raises(LimitExceeded, match="longer than 1 seconds"):
        run_bounded(_sleep, 30, seconds=1)
    assert time.monotonic() - started < 10


def stored_resource(data: bytes, name: str) -> Resource:
    resource = Resource(title="Hostile", file_type=name.rsplit(".", 1)[1], original_name=name)
    resource.file.save(name, ContentFile(data), save=False)
    resource.save()
    return resource


def test_a_pdf_with_no_pages_fails_with_a_message_instead_of_waiting_forever():
    resource = services.extract(resource_id=stored_resource(samples.make_pdf([]), "none.pdf").pk)
    resource.refresh_from_db()
    assert resource.extraction_status == Resource.Extraction.FAILED
    assert "no pages" in resource.extraction_error


def test_a_pdf_with_a_giant_page_gets_a_small_preview():
    data = samples.make_pdf([["A very tall page"]], page_size=(1, 14_400))
    resource = services.extract(resource_id=stored_resource(data, "tall.pdf").pk)
    assert resource.extraction_status == Resource.Extraction.DONE
    from PIL import Image

    with resource.preview.open("rb") as handle:
        width, height = Image.open(handle).size
    assert height <= 4 * 480 and width >= 1


def test_an_unexpected_failure_ends_the_job_as_failed():
    """Whatever goes wrong (here the stored file has vanished), the resource never stays
    "being prepared"."""
    resource = stored_resource(samples.make_pdf([["x"]]), "fine.pdf")
    resource.file.storage.delete(resource.file.name)
    services.extract(resource_id=resource.pk)
    resource.refresh_from_db()
    assert resource.extraction_status == Resource.Extraction.FAILED
    assert resource.extraction_error


def test_text_previews_draw_chinese_glyphs_and_fit_the_card():
    """A preview of Chinese text is drawn with a CJK font (not empty boxes) and wraps inside
    the card."""
    from aiplus.core.fonts import cjk_font_path
    from aiplus.resources.extraction.preview import PREVIEW_WIDTH, _font, wrap_to_width

    path = cjk_font_path()
    assert path is not None, "make setup installs a CJK font"
    font = _font(16)
    # A font without the glyph draws every character as the same "missing" box.
    widths = {font.getbbox(char) for char in "會議記錄節省人手"}
    assert len(widths) > 1
    text = "以人工智能節省人手：搜尋即用的解決方案，並向數字政策辦公室尋求技術意見。" * 3
    lines = wrap_to_width(text, font, PREVIEW_WIDTH - 24)
    assert len(lines) > 2 and "".join(lines) == text
    assert all(font.getlength(line) <= PREVIEW_WIDTH - 24 for line in lines)
    english = wrap_to_width("Smart minutes save hours of typing every week", font, 150)
    assert all(not line.startswith(" ") for line in english) and " ".join(english).count("  ") == 0
