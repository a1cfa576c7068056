"""Solutions and success stories that match what an officer is typing into the request form,
through the one search service. An HTMX fragment; the form works without it."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from aiplus.advice.suggestions import suggested_reading


@login_required
def suggest(request: HttpRequest) -> HttpResponse:
    hits = suggested_reading(params=request.GET, user=request.user)
    return render(request, "advice/_suggestions.html", {"hits": hits})
