"""Writes for the resource library."""

from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile

from aiplus.accounts.models import AnyUser, User
from aiplus.core.bounded import LimitExceeded, run_bounded
from aiplus.core.jobs.models import JobFailed
from aiplus.core.jobs.runner import enqueue_job, run_job_inline
from aiplus.resources.extraction.preview import pdf_first_page, text_card
from aiplus.resources.extraction.sniff import UnsafeFileError, detect_type
from aiplus.resources.extraction.text import Extracted, extract_text
from aiplus.resources.models import Download, ExtractionJob, Resource


def accept_upload(*, resource: Resource, upload: UploadedFile) -> None:
    """Check the upload and attach it, or raise UnsafeFileError. Nothing is stored on refusal."""
    name = upload.name or ""
    resource.file_type = detect_type(upload, filename=name)
    resource.original_name = name[:255]
    resource.size_bytes = upload.size or 0
    resource.extraction_status = Resource.Extraction.PENDING
    resource.extraction_error = ""


def record_download(*, resource: Resource, user: AnyUser) -> None:
    """Count a download for the adoption figures, under the reader's bureau or department."""
    organisation_id = user.organisation_id if isinstance(user, User) else None
    Download.objects.create(resource=resource, organisation_id=organisation_id)


def queue_extraction(*, resource: Resource, user: AnyUser | None = None) -> ExtractionJob:
    job = ExtractionJob.objects.create(
        resource=resource, started_by=user if isinstance(user, User) else None
    )
    enqueue_job(job)
    return job


def _read_document(data: bytes, file_type: str, title: str) -> tuple[Extracted, bytes]:
    extracted = extract_text(data, file_type)
    preview = (
        pdf_first_page(data)
        if file_type == "pdf"
        else text_card(title, extracted.text[:600], file_type)
    )
    return extracted, preview


def read_document_step(job: ExtractionJob) -> dict[str, Any]:
    """Read the file's text and draw its preview, in a child process with a memory and time
    ceiling (see extraction/bounded.py)."""
    resource = job.resource
    Resource.objects.filter(pk=resource.pk).update(extraction_status=Resource.Extraction.RUNNING)
    try:
        with resource.file.open("rb") as handle:
            file_type = detect_type(
                handle, filename=resource.original_name or resource.file.name or ""
            )
            data = handle.read()
        extracted, preview = run_bounded(
            _read_document, data, file_type, resource.title, passes=(UnsafeFileError,)
        )
    except (UnsafeFileError, LimitExceeded) as error:
        raise JobFailed(str(error)) from error
    resource.file_type = file_type
    resource.extracted_text = extracted.text
    resource.page_count = extracted.page_count
    resource.extraction_status = Resource.Extraction.DONE
    resource.extraction_error = ""
    resource.preview.save(f"resource-{resource.pk}.png", ContentFile(preview), save=False)
    resource.save()
    return {"file_type": file_type, "characters": len(extracted.text)}


def extract(*, resource_id: int) -> Resource:
    """Read a resource's file now, in this process, through the path a worker takes. Every
    run ends DONE or FAILED with a message for editors."""
    resource = Resource.objects.get(pk=resource_id)
    run_job_inline(ExtractionJob.objects.create(resource=resource))
    resource.refresh_from_db()
    return resource
