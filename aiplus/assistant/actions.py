"""The assistant as an agent on the hub, for signed-in officers: besides answering, it offers
to do what the question asks (show their B/D's advice requests, register them for an event,
start an advice request filled in from the conversation). It only ever offers: each action is a
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
MAX_EVENTS = 3


@dataclass
class Offer:
    kind: str  # "advice_status", "register" or "advice"
    requests: list[AdviceRequest] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    url: str = ""


def offer_for(exchange: Exchange, *, user: AnyUser) -> Offer | None:
    if not user_can_act(user):
        return None
    question = to_simplified(exchange.question)
    if ADVICE_STATUS.search(question):
        requests = list(visible_requests(user).order_by("-submitted_at")[:10])
        return Offer("advice_status", requests=requests)
    if REGISTER.search(question):
        return Offer("register", events=matching_events(exchange.question, user=user))
    if ADVICE.search(question) and user_can_request_advice(user):
        return Offer("advice", url=advice_url(exchange.conversation, question=exchange.question))
    return None


def matching_events(question: str, *, user: AnyUser) -> list[Event]:
    """Upcoming events open to the user, those sharing most words with the question first."""
    wanted = set(terms(question))
    scored = []
    for event in upcoming_events(user)[:200]:
        text = " ".join(
            str(localise(event, name, language=language))
            for name in ("title",)
            for language in ("en", "zh-hant")
        )
        shared = len(wanted & set(terms(text)))
        scored.append((shared, -event.starts_at.timestamp(), event))
    scored.sort(key=lambda row: (row[0], row[1]), reverse=True)
    return [event for shared, _when, event in scored if shared][:MAX_EVENTS] or [
        event for _shared, _when, event in sorted(scored, key=lambda r: -r[1])[:MAX_EVENTS]
    ]


def advice_url(conversation: Conversation, *, question: str = "") -> str:
    """The advice request form, filled in from the conversation."""
    asked = (
        [e.question for e in conversation.exchanges.order_by("created_at")]
        if conversation.pk
        else []
    )
    if question:
        asked.append(question)
    title = (asked[0] if asked else "")[:200]
    return (
        reverse("advice:request")
        + "?"
        + urlencode({"title": title, "workflow": "\n".join(asked)[:4000]})
    )
