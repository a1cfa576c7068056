"""Styled, bilingual error pages. Each page states the problem in the reader's language first
and in the other official language second, since the language may be the thing that failed.
Under /api/ the same errors are answered in JSON, as the API's own errors are."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from aiplus.core.i18n import ENGLISH, TRADITIONAL, current_language, html_lang

ERROR_TEXTS = {
    400: (
        lambda: _("Bad request"),
        lambda: _("The request could not be understood. It may be too large or malformed."),
    ),
    403: (
        lambda: _("Access denied"),
        lambda: _("You do not have permission to see this page."),
    ),
    404: (
        lambda: _("Page not found"),
        lambda: _("The address may be mistyped, or the page may have moved."),
    ),
    500: (
        lambda: _("Something went wrong"),
        lambda: _("The error has been logged. Please try again in a few minutes."),
    ),
    "csrf": (
        lambda: _("Form expired"),
        lambda: _(
            "For your security the form could not be accepted. Go back, reload the page "
            "and submit it again. Nothing has been saved."
        ),
    ),
}


API_PREFIX = "/api/"
# The API's error bodies are machine-readable and stable, in English like the rest of the API.
API_ERROR_DETAILS = {
    400: "Bad Request",
    403: "Forbidden",
    404: "Not Found",
    500: "Internal Server Error",
}


def api_error(status: int) -> JsonResponse:
    """The API's answer to an error: `{"detail": ...}` with the status, never an HTML page."""
    response = JsonResponse({"detail": API_ERROR_DETAILS[status]}, status=status)
    response["Cache-Control"] = "no-store"
    return response


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def _messages(key: int | str) -> list[dict[str, str]]:
    primary = current_language()
    secondary = ENGLISH if primary != ENGLISH else TRADITIONAL
    title, body = ERROR_TEXTS[key]
    messages = []
    for language in (primary, secondary):
        with translation.override(language):
            messages.append(
                {
                    "lang": html_lang(language),
                    "language": language,
                    "title": title(),
                    "body": body(),
                    "home": _("Go to the home page"),
                    "home_url": reverse("wagtail_serve", args=[""]),
                }
            )
    return messages


def _render(request: HttpRequest, key: int | str, status: int) -> HttpResponse:
    if _is_api(request):
        return api_error(status)
    context = {"status": status, "messages_by_language": _messages(key)}
    return render(request, "errors/error.html", context, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(request, 400, 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(request, 403, 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(request, 404, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Keep this one free of database access: the database may be what failed.
    if _is_api(request):
        return api_error(500)
    context = {"status": 500, "messages_by_language": _messages(500), "minimal_shell": True}
    return render(request, "errors/error.html", context, status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _render(request, "csrf", 403)
