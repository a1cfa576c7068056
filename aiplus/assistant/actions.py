"""The assistant as an agent on the hub, for signed-in officers: besides answering, it offers
to do what the question asks (show their B/D's advice requests, register them for an event,
start an advice request filled in from the conversation). The model chooses the action
(`choosing`); these patterns choose when it cannot. It only ever offers: each action is a
button the officer clicks, handled by the app that owns it with that app's own permission
checks, so the assistant can never act on its own or beyond the officer's rights."""

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse

from aiplus.accounts.models import AnyUser
from aiplus.advice.models import AdviceRequest
from aiplus.advice.permissions import user_can_request_advice
from aiplus.advice.selectors import visible_requests
from aiplus.assistant.models import Conversation, Exchange
from aiplus.assistant.permissions import user_can_act
from aiplus.core.i18n import localise, to_simplified
from aiplus.events.models import Event
from aiplus.events.selectors import upcoming_events
from aiplus.search.tokens import terms

ADVICE_STATUS = re.compile(
    r"(status|progress|update|where).{0,40}(advice|request|enquir)|(advice|request)s?.{0,30}"
    r"(status|progress)|(咨询|谘询|諮詢|申请|申請|请求|請求).{0,12}(进度|進度|状态|狀態|情况|情況)",
    re.IGNORECASE,
)
REGISTER = re.compile(
    r"\b(register|sign (me )?up|enrol|enroll|book (a )?(place|seat))\b"
    r"|报名|報名|登记|登記|参加|參加|出席",
    re.IGNORECASE,
)
ADVICE = re.compile(
    r"\b(need|want|get|ask for|request|seek)\b.{0,30}\b(advice|advisor|adviser|help from dpo|"
    r"consultation)\b|(申请|申請|需要|想).{0,10}(意见|意見|咨询|諮詢|谘询|建议|建議)",
    re.IGNORECASE,
)
MAX_EVENTS = 3  # offered when no one event was chosen


@dataclass
class Offer:
    kind: str  # "advice_status", "register" or "advice"
    requests: list[AdviceRequest] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    url: str = ""


def offer_for(exchange: Exchange, *, user: AnyUser) -> Offer | None:
    """The offer for the action chosen for this exchange, as the reader may use it: their own
    B/D's requests, events open to them, the request form if they may ask for advice."""
    kind = exchange.action.get("kind")
    if not kind or not user_can_act(user):
        return None
    if kind == "advice_status":
        requests = list(visible_requests(user).order_by("-submitted_at")[:10])
        return Offer("advice_status", requests=requests)
    if kind == "register":
        chosen = upcoming_events(user).filter(pk=exchange.action.get("event") or 0)
        events = list(chosen) or matching_events(exchange.question, user=user)
        return Offer("register", events=events)
    if kind == "advice" and user_can_request_advice(user):
        title = exchange.action.get("title") or exchange.question
        return Offer("advice", url=advice_url(exchange.conversation, title=title))
    return None


def choice_by_patterns(exchange: Exchange, *, user: AnyUser) -> dict:
    """The action the question's wording asks for, when the model cannot choose."""
    if not user_can_act(user):
        return {}
    question = to_simplified(exchange.question)
    if ADVICE_STATUS.search(question):
        return {"kind": "advice_status", "by": "patterns"}
    if REGISTER.search(question):
        return {"kind": "register", "by": "patterns"}
    if ADVICE.search(question) and user_can_request_advice(user):
        return {"kind": "advice", "by": "patterns"}
    return {}


def matching_events(question: str, *, user: AnyUser, limit: int = MAX_EVENTS) -> list[Event]:
    """Upcoming events open to the user, those sharing most words with the question first,
    then the soonest."""
    wanted = set(terms(question))
    scored = []
    for event in upcoming_events(user)[:200]:
        text = " ".join(
            str(localise(event, "title", language=language)) for language in ("en", "zh-hant")
        )
        shared = len(wanted & set(terms(text)))
        scored.append((-shared, event.starts_at, event))
    scored.sort(key=lambda row: (row[0], row[1]))
    return [event for _shared, _when, event in scored[:limit]]


def advice_url(conversation: Conversation, *, title: str = "", question: str = "") -> str:
    """The advice request form, filled in from the conversation (and a question not yet in
    it); titled by the first question unless a title is given."""
    asked = (
        [e.question for e in conversation.exchanges.order_by("created_at")]
        if conversation.pk
        else []
    )
    if question:
        asked.append(question)
    title = title or (asked[0] if asked else "")
    return (
        reverse("advice:request")
        + "?"
        + urlencode({"title": title[:200], "workflow": "\n".join(asked)[:4000]})
    )
