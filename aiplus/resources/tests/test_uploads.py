"""Uploads: real files are read in the background; lying, damaged, oversized or explosive files
are refused with a clear message and nothing is stored."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from aiplus.resources import samples
from aiplus.resources.extraction.sniff import UnsafeFileError, detect_type
from aiplus.resources.models import Resource

pytestmark = pytest.mark.django_db


def upload(client, name, data, **extra):
    fields = {
        "title": "Seminar slides",
        "kind": "slides",
        "file": SimpleUploadedFile(name, data),
        "visibility": "public",
        "is_published": "on",
    }
    return client.post("/admin/resource_library/new/", fields | extra)


@pytest.mark.parametrize(
    ("name", "data", "text", "pages"),
    [
        (
            "guide.pdf",
            samples.make_pdf([["Cantonese speech guide"], ["Page two"]]),
            "Cantonese speech guide",
            2,
        ),
        (
            "notes.docx",
            samples.make_docx("Minutes pilot", ["Three secretaries took part."]),
            "Three secretaries",
            None,
        ),
        (
            "deck.pptx",
            samples.make_pptx("Forum", [("Chatbots", "Grounded answers")]),
            "Grounded answers",
            2,
        ),
        (
            "figures.xlsx",
            samples.make_xlsx("Hours", [["Task", "Hours"], ["Minutes", 120]]),
            "Minutes | 120",
            1,
        ),
    ],
)
def test_each_document_type_is_accepted_read_and_previewed(
    client, editor, django_capture_on_commit_callbacks, name, data, text, pages
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, name, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    resource = Resource.objects.get()
    assert resource.extraction_status == Resource.Extraction.DONE
    assert text in resource.extracted_text
    assert resource.page_count == pages
    assert resource.preview.name.endswith(".png")
    assert resource.file_type == name.rsplit(".", 1)[1]
    assert resource.size_bytes == len(data)


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"0" * (400 * 1024 * 1024))
    return buffer.getvalue()


def renamed_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.pdf", b"", "file is empty"),
        ("report.pdf", samples.make_docx("x", ["y"]), "named .pdf but is really a DOCX"),
        ("slides.pptx", samples.make_pdf([["x"]]), "named .pptx but is really a PDF"),
        ("archive.docx", renamed_zip(), "zip archive, not an Office document"),
        ("bomb.docx", zip_bomb(), "would expand to"),
        ("script.exe", b"MZ\x90\x00", "Only PDF, Word"),
        ("page.pdf", b"<html><script>alert(1)</script></html>", "are not a PDF or Office"),
        ("broken.docx", b"PK\x03\x04garbage", "damaged"),
    ],
)
def test_unsafe_uploads_are_refused_and_nothing_is_stored(client, editor, name, data, message):
    client.force_login(editor)
    response = upload(client, name, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Resource.objects.exists()


def test_oversized_uploads_are_refused(client, editor, settings):
    settings.AIPLUS_RESOURCE_MAX_BYTES = 1000
    client.force_login(editor)
    response = upload(client, "big.pdf", samples.make_pdf([["x" * 60]] * 30))
    assert "the limit is" in response.content.decode()
    assert not Resource.objects.exists()


def test_a_damaged_pdf_fails_extraction_with_a_message_and_keeps_the_worker_alive(
    client, editor, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, "damaged.pdf", b"%PDF-1.4\n" + b"\x00garbage" * 50)
    resource = Resource.objects.get()
    assert resource.extraction_status == Resource.Extraction.FAILED
    assert (
        "damaged" in resource.extraction_error or "could not be read" in resource.extraction_error
    )


def test_type_detection_ignores_the_name():
    with pytest.raises(UnsafeFileError):
        detect_type(io.BytesIO(samples.make_pdf([["x"]])), filename="x.docx")
    assert detect_type(io.BytesIO(samples.make_pdf([["x"]])), filename="X.PDF") == "pdf"


def test_officers_cannot_upload(client, officer):
    client.force_login(officer)
    response = upload(client, "guide.pdf", samples.make_pdf([["x"]]))
    assert response.status_code in (302, 403)
    assert not Resource.objects.exists()
