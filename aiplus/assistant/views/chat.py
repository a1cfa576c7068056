"""The assistant's pages: the chat (with JavaScript the answer streams sentence by sentence;
without it the page waits for the whole answer), the queue, feedback, handing over to a person,
and the knowledge an assistant answers from. Thin: services decide, selectors refuse (404)."""

import json
from collections.abc import Iterator

from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.http import (
    HttpRequest,
    HttpResponse,
    JsonResponse,
    StreamingHttpResponse,
)
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from aiplus.accounts.models import AnyUser, User
from aiplus.assistant import actions, answering, presenting, selectors, services, waiting
from aiplus.assistant.models import Assistant, Conversation, Exchange, Feedback
from aiplus.core.i18n import current_language


def index(request: HttpRequest) -> HttpResponse:
    assistants = selectors.usable_assistants(request.user)
    return render(request, "assistant/index.html", {"assistants": assistants})


def chat(request: HttpRequest, slug: str) -> HttpResponse:
    assistant = selectors.assistant_for(request.user, slug)
    conversation = services.conversation_for(
        assistant=assistant, user=request.user, uid=request.GET.get("c")
    )
    return render(request, "assistant/chat.html", _chat_context(request, assistant, conversation))


def _chat_context(
    request: HttpRequest, assistant: Assistant, conversation: Conversation, **extra
) -> dict:
    reader = _anonymous() if conversation.channel == "widget" else request.user
    return {
        "assistant": assistant,
        "conversation": conversation,
        "exchanges": [_view(e, reader) for e in selectors.conversation_exchanges(conversation)],
        "enquiries": selectors.enquiries_of_conversation(conversation),
        "feedback_reasons": Feedback.Reason.choices,
        "signed_in": isinstance(request.user, User) and request.user.is_authenticated,
        **extra,
    }


def _view(exchange: Exchange, reader: AnyUser) -> dict:
    # An answer settled without the model is shown while its action is still being chosen
    # (or, if its page left the queue, without one).
    done = exchange.state == Exchange.State.DONE
    return {
        "exchange": exchange,
        "answer": presenting.answer_html(exchange) if exchange.status else "",
        "status_label": exchange.get_status_display() if exchange.status else "",
        "offer": actions.offer_for(exchange, user=reader) if done else None,
        "choosing": bool(exchange.status) and not done and waiting.is_live(exchange),
    }


def exchange_html(request: HttpRequest, exchange: Exchange) -> str:
    return render_to_string(
        "assistant/_exchange.html",
        {"item": _view(exchange, _reader(request)), "feedback_reasons": Feedback.Reason.choices},
        request=request,
    )


@require_POST
def ask(request: HttpRequest, slug: str, *, channel: str = "hub") -> HttpResponse:
    assistant = selectors.assistant_for(request.user, slug)
    user = request.user if channel == "hub" else _anonymous()
    conversation = services.conversation_for(
        assistant=assistant, user=user, uid=request.POST.get("conversation"), channel=channel
    )
    wants_json = request.headers.get("X-Requested-With") == "fetch"
    question = request.POST.get("question", "")
    try:
        exchange = services.ask(
            assistant=assistant,
            conversation=conversation,
            question=question,
            user=user,
            language=current_language(),
            client=services.client_key(address=request.META.get("REMOTE_ADDR", ""), user=user),
        )
    except services.AssistantError as error:
        if wants_json:
            return JsonResponse(
                {"error": str(error)},
                status=429 if isinstance(error, services.RateLimited) else 403,
            )
        messages.error(request, str(error))
        return redirect(_chat_url(request, assistant, conversation, channel))
    if wants_json:
        body = {
            "conversation": str(conversation.uid),
            "html": exchange_html(request, exchange),
            "queued": exchange.state != Exchange.State.DONE,
            "wait_url": _url("assistant:wait", exchange, channel),
            "stream_url": _url("assistant:stream", exchange, channel),
            "done_url": _url("assistant:done", exchange, channel),
        }
        return JsonResponse(body)
    if exchange.state != Exchange.State.DONE:
        answering.answer_in_turn(exchange)
    return redirect(_chat_url(request, assistant, conversation, channel) + f"#x-{exchange.uid}")


def _anonymous() -> AnonymousUser:
    """The widget never acts as the hub user whose cookie the browser may send."""
    return AnonymousUser()


def _url(name: str, exchange: Exchange, channel: str) -> str:
    # The widget's frame reads its exchanges as an anonymous visitor (`?w=1`).
    return reverse(name, args=[exchange.uid]) + ("?w=1" if channel == "widget" else "")


def _chat_url(
    request: HttpRequest, assistant: Assistant, conversation: Conversation, channel: str
) -> str:
    name = "assistant:embed" if channel == "widget" else "assistant:chat"
    url = reverse(name, args=[assistant.slug])
    return f"{url}?c={conversation.uid}" if conversation.pk else url


@require_GET
def wait(request: HttpRequest, uid: str) -> JsonResponse:
    """The exchange's place in the queue; starting it when its turn has come."""
    exchange = selectors.exchange_for(_reader(request), uid)
    if exchange.state == Exchange.State.DONE:
        return JsonResponse({"ahead": 0, "ready": True})
    ready = waiting.try_start(exchange)
    return JsonResponse({"ahead": 0 if ready else waiting.ahead(exchange), "ready": ready})


@require_GET
def stream(request: HttpRequest, uid: str) -> HttpResponseBase:
    """Server-sent events: each checked sentence as it is written, then the end of the answer."""
    exchange = selectors.exchange_for(_reader(request), uid)
    if exchange.state == Exchange.State.QUEUED and not waiting.try_start(exchange):
        return JsonResponse({"ahead": waiting.ahead(exchange)}, status=409)

    def events() -> Iterator[str]:
        if exchange.state == Exchange.State.ANSWERING:
            for shown in answering.stream(exchange):
                yield _event(
                    "sentence", presenting.sentence_html(shown.text, shown.cited, exchange.sources)
                )
        yield _event("done", _done_html(request, exchange))

    response = StreamingHttpResponse(events(), content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"
    return response


@require_GET
def done(request: HttpRequest, uid: str) -> HttpResponse:
    exchange = selectors.exchange_for(_reader(request), uid)
    return HttpResponse(exchange_html(request, exchange))


def _done_html(request: HttpRequest, exchange: Exchange) -> str:
    exchange.refresh_from_db()
    return exchange_html(request, exchange)


def _event(name: str, html: str) -> str:
    return f"event: {name}\ndata: {json.dumps(html)}\n\n"


def _reader(request: HttpRequest) -> AnyUser:
    """Widget pages read their exchanges as an anonymous visitor, whatever cookie is sent."""
    return _anonymous() if request.GET.get("w") == "1" else request.user


@csrf_exempt  # the exchange's unguessable id is the capability; the widget's frame has no cookie
@require_POST
def feedback(request: HttpRequest, uid: str) -> HttpResponse:
    exchange = selectors.exchange_for(_reader(request), uid)
    services.give_feedback(
        exchange=exchange,
        helpful=request.POST.get("helpful") == "yes",
        reason=request.POST.get("reason", ""),
        comment=request.POST.get("comment", ""),
    )
    if request.headers.get("X-Requested-With") == "fetch":
        return JsonResponse({"message": _("Thank you for your feedback.")})
    messages.success(request, _("Thank you for your feedback."))
    channel = "widget" if request.GET.get("w") == "1" else "hub"
    return redirect(_chat_url(request, exchange.assistant, exchange.conversation, channel))


@require_POST
def hand_over(request: HttpRequest, slug: str, *, channel: str = "hub") -> HttpResponse:
    assistant = selectors.assistant_for(request.user, slug)
    user = request.user if channel == "hub" else _anonymous()
    conversation = services.conversation_for(
        assistant=assistant, user=user, uid=request.POST.get("conversation"), channel=channel
    )
    if channel == "hub" and isinstance(user, User) and user.is_authenticated:
        return redirect(actions.advice_url(conversation, question=request.POST.get("question", "")))
    try:
        services.hand_over(
            conversation=conversation,
            user=user,
            question=request.POST.get("question", ""),
            contact=request.POST.get("contact", ""),
            language=current_language(),
        )
    except services.AssistantError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Your question has been passed to a person. Their reply will appear here.")
        )
    return redirect(_chat_url(request, assistant, conversation, channel))


def sources(request: HttpRequest, slug: str) -> HttpResponse:
    assistant = selectors.assistant_for(request.user, slug)
    return render(
        request,
        "assistant/sources.html",
        {"assistant": assistant, "items": selectors.knowledge_of(assistant)},
    )
