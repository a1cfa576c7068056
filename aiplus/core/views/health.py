from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static


def health(request: HttpRequest) -> JsonResponse:
    """For load balancers and `make demo`: is the process up and the database reachable?"""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says; send them to the hub's icon."""
    return HttpResponsePermanentRedirect(static("aiplus/img/favicon.svg"))
