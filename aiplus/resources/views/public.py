from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from aiplus.audit.models import AuditEvent
from aiplus.audit.services import record_event
from aiplus.core.exports import EXPORT_FORMATS, export_response
from aiplus.core.params import parse_page
from aiplus.resources.filters import ResourceFilters
from aiplus.resources.models import Resource
from aiplus.resources.selectors import resource_listing, visible_resources
from aiplus.resources.services import record_download

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def index(request: HttpRequest) -> HttpResponse:
    filters = ResourceFilters.from_querydict(request.GET)
    listing = resource_listing(filters=filters, user=request.user)
    export_format = request.GET.get("format", "")
    if export_format in EXPORT_FORMATS:
        return export_response(
            request=request,
            export_format=export_format,
            name="resources",
            columns=listing.columns,
            records=listing.records(),
        )
    context = {
        "filters": filters,
        "facets": listing.facets,
        "page": listing.page(parse_page(request.GET.get("page"))),
        "querystring": filters.querystring(),
    }
    return render(request, "resources/index.html", context)


def _visible(request: HttpRequest, pk: int) -> Resource:
    # A resource the user may not see is indistinguishable from one that does not exist.
    return get_object_or_404(visible_resources(request.user), pk=pk)


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    resource = _visible(request, pk)
    context = {
        "resource": resource,
        "solutions": resource.solutions.filter(live=True),
        "cases": resource.cases.filter(live=True),
    }
    return render(request, "resources/detail.html", context)


def download(request: HttpRequest, pk: int) -> FileResponse:
    resource = _visible(request, pk)
    if not resource.file:
        raise Http404
    if resource.is_restricted:
        record_event(
            action=AuditEvent.Action.RESTRICTED_DOWNLOAD,
            request=request,
            target=f"resource {resource.pk}: {resource.title}"[:255],
        )
    record_download(resource=resource, user=request.user)
    response = FileResponse(
        resource.file.open("rb"),
        as_attachment=True,
        filename=resource.original_name or f"resource-{resource.pk}.{resource.file_type}",
        content_type=CONTENT_TYPES.get(resource.file_type, "application/octet-stream"),
    )
    response["Cache-Control"] = "private, no-store"
    return response


def preview(request: HttpRequest, pk: int) -> FileResponse:
    resource = _visible(request, pk)
    if not resource.preview:
        raise Http404
    response = FileResponse(resource.preview.open("rb"), content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response
