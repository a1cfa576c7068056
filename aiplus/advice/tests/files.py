"""Files to attach, good and bad, and reading a download."""

from django.core.files.uploadedfile import SimpleUploadedFile


def pdf_upload(name="notes.pdf", size=None):
    content = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    if size:
        content = content + b"0" * (size - len(content))
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def text_upload(name="notes.pdf"):
    return SimpleUploadedFile(name, b"just some text, not a PDF", content_type="application/pdf")


def bytes_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content
