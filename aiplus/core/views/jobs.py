"""The progress of any job (aiplus.core.jobs), as a partial that pages include and poll."""

from django.apps import apps
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from aiplus.core.jobs.models import Job


def job_progress(request: HttpRequest, label: str, pk: int) -> HttpResponse:
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError) as error:
        raise Http404 from error
    if not issubclass(model, Job):
        raise Http404
    job = get_object_or_404(model, pk=pk)
    if not job.user_can_view(request.user):
        raise Http404  # someone else's job does not exist, as far as this user can tell
    response = render(request, "core/jobs/_progress.html", {"job": job})
    if job.is_finished and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"  # the page around the partial shows the results
    return response
