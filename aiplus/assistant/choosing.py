"""The model chooses what the assistant offers to do for a signed-in officer: show their B/D's
advice requests, register them for one of the upcoming events open to them, start an advice
request (with a title it writes), or nothing. It chooses in its own turn, right after the
answer, as a reply in a JSON schema that lists only the actions and events this officer may
use, so it cannot name anything else. When the model fails or its reply is not a choice, the
patterns in `actions` choose instead.

Only questions that speak of events, advice or requests are put to it (`wants_choice`): a
choice costs a second model call, and a question about anything else has nothing to act on.
The choice is stored on the exchange and only ever shown as an offer (`actions.offer_for`)."""

import json
import re

from django.utils import formats

from aiplus.accounts.models import AnyUser
from aiplus.advice.permissions import user_can_request_advice
from aiplus.ai.exceptions import AIError
from aiplus.ai.providers import get_chat_model
from aiplus.ai.values import ChatMessage
from aiplus.assistant import actions
from aiplus.assistant.models import Exchange
from aiplus.assistant.permissions import user_can_act
from aiplus.core.i18n import localise, to_simplified
from aiplus.events.models import Event

# Words of events, advice, requests and their status (folded to Simplified Chinese first).
ACTION_HINT = re.compile(
    r"\b(register|registration|sign (me )?up|enrol|enroll|book|join|attend|seat|place|"
    r"event|seminar|forum|workshop|webinar|briefing|talk|session|advice|advise|adviser|advisor|"
    r"consult|request|enquiry|enquiries|status|progress)|报名|登记|参加|出席|活动|研讨|讲座|论坛|"
    r"工作坊|简介会|咨询|谘询|意见|建议|申请|请求|进度|状态",
    re.IGNORECASE,
)
LISTED_EVENTS = 6  # for the model to choose from: the ones sharing most words first
MAX_TITLE_CHARS = 120
CHOICE_TOKENS = 60

DESCRIPTIONS = {
    "advice_status": "they ask about the status or progress of advice requests already made",
    "register": "they ask to be registered for one of the upcoming events below",
    "advice": "they ask for advice from the Digital Policy Office on a matter of their own",
}
EXAMPLES = {
    "advice_status": '"Where is our request for advice up to?" -> {"action": "advice_status"}',
    "register": '"Book me on the seminar about chatbots" -> {"action": "register", "event": '
    "(the number of that seminar)}",
    "advice": '"We want DPO\'s view on an AI tool for our counters" -> {"action": "advice", '
    '"title": "AI tool for our counters"}',
}
INSTRUCTION = """The hub can also do one thing for the officer, who confirms it with a click. \
Choose the one their question asks for:
{actions}
- "none": anything else, such as a question about how something works, or cancelling
Examples:
{examples}
"How do I cancel a registration?" -> {{"action": "none"}}
{events}
Question: {question}
Reply in JSON only."""


def wants_choice(exchange: Exchange, user: AnyUser) -> bool:
    """Whether the officer's question is put to the model for an action."""
    return (
        exchange.conversation.channel == "hub"
        and user_can_act(user)
        and bool(ACTION_HINT.search(to_simplified(exchange.question)))
    )


def choose(exchange: Exchange, *, user: AnyUser, context: list[ChatMessage], answered: str) -> dict:
    """The action to offer ({} for none). The choice continues the answer's conversation
    (`context`, then what the model wrote as `answered`), which the model has just read, so
    it reads only the new part."""
    kinds = allowed_kinds(user)
    events = actions.matching_events(exchange.question, user=user, limit=LISTED_EVENTS)
    if "register" in kinds and not events:
        kinds.remove("register")
    try:
        result = get_chat_model().chat(
            choice_messages(
                context, question=exchange.question, answered=answered, kinds=kinds, events=events
            ),
            max_tokens=CHOICE_TOKENS,
            temperature=0.0,
            json_schema=schema(kinds, events),
        )
        return read_choice(result.text, kinds=kinds, events=events)
    except (AIError, ValueError):
        return actions.choice_by_patterns(exchange, user=user)


def allowed_kinds(user: AnyUser) -> list[str]:
    if not user_can_act(user):
        return []
    kinds = ["advice_status", "register"]
    if user_can_request_advice(user):
        kinds.append("advice")
    return kinds


def schema(kinds: list[str], events: list[Event]) -> dict:
    properties: dict = {"action": {"type": "string", "enum": [*kinds, "none"]}}
    if "register" in kinds:
        properties["event"] = {"type": "integer", "enum": list(range(1, len(events) + 1))}
    if "advice" in kinds:
        properties["title"] = {"type": "string", "maxLength": MAX_TITLE_CHARS}
    return {"type": "object", "properties": properties, "required": ["action"]}


def choice_messages(
    context: list[ChatMessage],
    *,
    question: str,
    answered: str,
    kinds: list[str],
    events: list[Event],
) -> list[ChatMessage]:
    listed = "\n".join(f'- "{kind}": {DESCRIPTIONS[kind]}' for kind in kinds)
    events_text = (
        "Upcoming events:\n" + "\n".join(_event_line(n, e) for n, e in enumerate(events, 1))
        if "register" in kinds
        else ""
    )
    instruction = INSTRUCTION.format(
        actions=listed,
        events=events_text,
        examples="\n".join(EXAMPLES[kind] for kind in kinds),
        question=question,
    )
    return [
        *context,
        ChatMessage("assistant", answered or "NO_ANSWER"),
        ChatMessage("user", instruction),
    ]


def _event_line(number: int, event: Event) -> str:
    when = formats.date_format(event.starts_at, "j M Y")
    titles = " / ".join(
        dict.fromkeys(str(localise(event, "title", language=code)) for code in ("en", "zh-hant"))
    )
    return f"{number}. {titles} ({event.kind}, {when})"


def read_choice(text: str, *, kinds: list[str], events: list[Event]) -> dict:
    """The choice in a model's reply, checked against what was allowed (ValueError if none)."""
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    kind = data.get("action")
    if kind == "none":
        return {}
    if kind not in kinds:
        raise ValueError(f"not an allowed action: {kind!r}")
    choice: dict = {"kind": kind, "by": "model"}
    if kind == "register":
        number = data.get("event")
        if isinstance(number, int) and 1 <= number <= len(events):
            choice["event"] = events[number - 1].pk
    if kind == "advice" and isinstance(data.get("title"), str):
        choice["title"] = " ".join(data["title"].split())[:MAX_TITLE_CHARS]
    return choice
