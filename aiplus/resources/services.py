"""Writes for the resource library."""

import logging

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from aiplus.resources.extraction.bounded import run_bounded
from aiplus.resources.extraction.preview import pdf_first_page, text_card
from aiplus.resources.extraction.sniff import UnsafeFileError, detect_type
from aiplus.resources.extraction.text import Extracted, extract_text
from aiplus.resources.models import Resource

logger = logging.getLogger(__name__)


def accept_upload(*, resource: Resource, upload: UploadedFile) -> None:
    """Check the upload and attach it, or raise UnsafeFileError. Nothing is stored on refusal."""
    name = upload.name or ""
    resource.file_type = detect_type(upload, filename=name)
    resource.original_name = name[:255]
    resource.size_bytes = upload.size or 0
    resource.extraction_status = Resource.Extraction.PENDING
    resource.extraction_error = ""


def queue_extraction(*, resource: Resource) -> None:
    from aiplus.resources.tasks import extract_resource

    transaction.on_commit(lambda: extract_resource.enqueue(resource.pk))


def _read_document(data: bytes, file_type: str, title: str) -> tuple[Extracted, bytes]:
    extracted = extract_text(data, file_type)
    preview = (
        pdf_first_page(data)
        if file_type == "pdf"
        else text_card(title, extracted.text[:600], file_type)
    )
    return extracted, preview


def extract(*, resource_id: int) -> Resource:
    """Read the file's text and draw its preview, in a child process with a memory and time
    ceiling. Every run ends DONE or FAILED with a message for editors; the worker carries on."""
    resource = Resource.objects.get(pk=resource_id)
    Resource.objects.filter(pk=resource_id).update(extraction_status=Resource.Extraction.RUNNING)
    try:
        with resource.file.open("rb") as handle:
            file_type = detect_type(
                handle, filename=resource.original_name or resource.file.name or ""
            )
            data = handle.read()
        extracted, preview = run_bounded(_read_document, data, file_type, resource.title)
    except Exception as error:
        if not isinstance(error, UnsafeFileError):
            logger.exception("text extraction failed for resource %s", resource_id)
        message = str(error) if isinstance(error, UnsafeFileError) else ""
        resource.extraction_status = Resource.Extraction.FAILED
        resource.extraction_error = message or _("The file could not be read.")
        resource.save(update_fields=["extraction_status", "extraction_error"])
        return resource
    resource.file_type = file_type
    resource.extracted_text = extracted.text
    resource.page_count = extracted.page_count
    resource.extraction_status = Resource.Extraction.DONE
    resource.extraction_error = ""
    resource.preview.save(f"resource-{resource.pk}.png", ContentFile(preview), save=False)
    resource.save()
    return resource
