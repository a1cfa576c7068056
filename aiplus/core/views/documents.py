"""Wagtail's document library is switched off (docs/decisions/0008-wagtail-documents.md): files
are shared through the resource library, which checks uploads and who may read them."""

from django.http import Http404, HttpRequest, HttpResponse


def document_library_switched_off(request: HttpRequest, *args: str, **kwargs: str) -> HttpResponse:
    """Answers every address of Wagtail's document library, public or admin, with a 404."""
    raise Http404
