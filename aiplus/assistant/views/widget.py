"""The embeddable widget: one script tag on a department's page opens the assistant in a frame
served by the hub. No sign-in, nothing loaded from anywhere but the hub, and only sites on the
assistant's list of origins may frame it (Content-Security-Policy frame-ancestors) or post to
it (the Origin header)."""

from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from aiplus.assistant import selectors, services
from aiplus.assistant.models import Assistant, Feedback
from aiplus.assistant.views import chat as chat_views
from aiplus.core.i18n import HTML_LANG

LANGUAGE_LABELS = {"en": "English", "zh-hant": "繁體中文", "zh-hans": "简体中文"}


def _public(request: HttpRequest, slug: str) -> Assistant:
    from django.contrib.auth.models import AnonymousUser

    return selectors.assistant_for(AnonymousUser(), slug)


def _frame_policy(assistant: Assistant) -> str:
    ancestors = " ".join(["'self'", *assistant.origins])
    from aiplus.core.middleware import PUBLIC_POLICY

    policy = PUBLIC_POLICY | {"frame-ancestors": ancestors}
    return "; ".join(f"{name} {value}" for name, value in policy.items())


def origin_allowed(request: HttpRequest, assistant: Assistant) -> bool:
    """A post from the hub's own pages (the frame) or from a listed site; browsers always send
    Origin on a post, so one without it comes from a program, which the rate limits govern."""
    origin = request.headers.get("Origin", "").rstrip("/")
    if not origin:
        return True
    own = f"{request.scheme}://{request.get_host()}"
    return origin == own or origin in assistant.origins


@require_GET
@xframe_options_exempt
def embed(request: HttpRequest, slug: str) -> HttpResponse:
    assistant = _public(request, slug)
    from django.contrib.auth.models import AnonymousUser

    conversation = services.conversation_for(
        assistant=assistant, user=AnonymousUser(), uid=request.GET.get("c"), channel="widget"
    )
    current = translation.get_language()
    others = []
    for code in HTML_LANG:
        if code != current:
            with translation.override(code):
                others.append(
                    (code, LANGUAGE_LABELS[code], reverse("assistant:embed", args=[slug]))
                )
    context = chat_views._chat_context(
        request, assistant, conversation, other_languages=others, signed_in=False
    )
    context["feedback_reasons"] = Feedback.Reason.choices
    response = render(request, "assistant/embed.html", context)
    response["Content-Security-Policy"] = _frame_policy(assistant)
    return response


@csrf_exempt  # no session acts here: the frame's visitor is always anonymous
@require_POST
@xframe_options_exempt
def embed_ask(request: HttpRequest, slug: str) -> HttpResponse:
    assistant = _public(request, slug)
    if not origin_allowed(request, assistant):
        return HttpResponseForbidden()
    return chat_views.ask(request, slug, channel="widget")


@csrf_exempt
@require_POST
@xframe_options_exempt
def embed_hand_over(request: HttpRequest, slug: str) -> HttpResponse:
    assistant = _public(request, slug)
    if not origin_allowed(request, assistant):
        return HttpResponseForbidden()
    return chat_views.hand_over(request, slug, channel="widget")


@require_GET
def script(request: HttpRequest, slug: str) -> HttpResponse:
    """The script a department page includes: a button that opens the assistant's frame."""
    assistant = _public(request, slug)
    response = render(
        request,
        "assistant/widget.js",
        {
            "assistant": assistant,
            "frame_url": request.build_absolute_uri(reverse("assistant:embed", args=[slug])),
        },
        content_type="text/javascript; charset=utf-8",
    )
    response["Cache-Control"] = "public, max-age=300"
    response["Access-Control-Allow-Origin"] = "*"
    return response
