"""The event's questions and polls page: ask, upvote, answer polls; organisers moderate and run
polls. Works without JavaScript."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from aiplus.accounts.current import signed_in
from aiplus.events import exchanges, selectors
from aiplus.events.permissions import user_can_organise


@login_required
def page(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    event = selectors.event_for(user, pk)
    context = {
        "event": event,
        "questions": exchanges.questions_for(user, event).select_related("asked_by"),
        "voted": set(event.questions.filter(voters=user).values_list("pk", flat=True)),
        "polls": [exchanges.results(poll) for poll in event.polls.order_by("-created_at")],
        "answered_polls": set(event.polls.filter(answers__user=user).values_list("pk", flat=True)),
        "live": exchanges.is_live(event),
        "can_take_part": exchanges.may_take_part(user, event),
        "can_organise": user_can_organise(user),
    }
    return render(request, "events/exchange.html", context)


@login_required
@require_POST
def act(request: HttpRequest, pk: int) -> HttpResponse:
    """One form target for every exchange action, named by the button pressed."""
    user = signed_in(request)
    event = selectors.event_for(user, pk)
    action = request.POST.get("action", "")
    try:
        if action == "ask":
            exchanges.ask(event=event, user=user, text=request.POST.get("text", ""))
        elif action in ("upvote", "answered", "hide", "show"):
            question = get_object_or_404(event.questions, pk=request.POST.get("question"))
            if action == "upvote":
                exchanges.upvote(question=question, user=user)
            else:
                exchanges.moderate(
                    question=question,
                    user=user,
                    answered=True if action == "answered" else None,
                    hidden={"hide": True, "show": False}.get(action),
                )
        elif action == "poll":
            exchanges.open_poll(
                event=event,
                user=user,
                question=request.POST.get("poll_question", ""),
                options=request.POST.get("options", "").splitlines(),
            )
        elif action in ("vote", "close"):
            poll = get_object_or_404(event.polls, pk=request.POST.get("poll"))
            if action == "close":
                exchanges.close_poll(poll=poll, user=user)
            else:
                try:
                    option = int(request.POST.get("option", "-1"))
                except ValueError:
                    option = -1
                exchanges.answer_poll(poll=poll, user=user, option=option)
    except exchanges.ExchangeError as error:
        messages.error(request, str(error))
    return redirect("events:exchange", pk=event.pk)
