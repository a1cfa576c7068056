"""The hub's read-only JSON API, with its OpenAPI description at /api/v1/openapi.json.

Every answer is JSON, errors included: django-ninja answers validation errors (422) and missing
objects (404) itself; the handlers below cover refused requests and unexpected failures, and
`aiplus.core.views.errors` covers what happens outside the API's views (unknown paths under
/api/, failures in middleware)."""

import logging

from django.core import signals
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from aiplus.advice.api import router as advice_router
from aiplus.assistant.api import router as assistant_router
from aiplus.cases.api import router as cases_router
from aiplus.catalogue.api import router as catalogue_router
from aiplus.core.views.errors import api_error
from aiplus.events.api import router as events_router
from aiplus.search.api import router as search_router

request_logger = logging.getLogger("django.request")

api = NinjaAPI(
    title="AI+ Hub API",
    version="1",
    description=(
        "Published solutions of the AI+ Tool and Solution Catalogue, cases, one search "
        "over everything the caller may open, the advice requests the caller may see, and "
        "questions to the Digital Assistant."
    ),
    urls_namespace="api",
)
api.add_router("", catalogue_router)
api.add_router("", cases_router)
api.add_router("", search_router)
api.add_router("", events_router)
api.add_router("", advice_router)
api.add_router("", assistant_router)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api_error(403)


@api.exception_handler(BadRequest)
@api.exception_handler(SuspiciousOperation)
def bad_request(request: HttpRequest, exc: Exception) -> HttpResponse:
    logging.getLogger(f"django.security.{exc.__class__.__name__}").error(str(exc))
    return api_error(400)


@api.exception_handler(Exception)
def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    """Log the failure as Django would (so error reporting still sees it) and answer JSON
    without any detail of the failure."""
    signals.got_request_exception.send(sender=None, request=request)
    request_logger.error(
        "Internal Server Error: %s",
        request.path,
        exc_info=exc,
        extra={"status_code": 500, "request": request},
    )
    return api_error(500)
