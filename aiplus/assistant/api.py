"""JSON API: ask an assistant a question and get the whole answer with its status and the
citations' addresses. The same checks and limits as the pages apply (input checks, rate limits,
the queue in front of the model). A call from another site's page is anonymous and accepted
only from the assistant's allowed origins; a call from the hub's own pages or a program with a
signed-in session acts as that user."""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from aiplus.assistant import answering, presenting, selectors, services
from aiplus.assistant.models import Exchange
from aiplus.assistant.views.widget import origin_allowed
from aiplus.core.i18n import current_language

router = Router(tags=["assistant"])


class AskIn(Schema):
    question: str
    conversation: str | None = None
    language: str | None = None  # en, zh-hant or zh-hans: the answer's language when the
    # question has no script of its own (otherwise the question's)


class CitationOut(Schema):
    n: int
    title: str
    url: str


class AnswerOut(Schema):
    conversation: str
    answer: str
    status: str
    tier: str
    language: str
    citations: list[CitationOut]


@router.post(
    "/assistants/{slug}/ask",
    response=AnswerOut,
    summary="Ask an assistant",
    description=(
        "Statuses: answered, partly (some sentences were not supported and left out), "
        "unanswerable (not in the sources), out_of_scope, blocked (refused by the input "
        "checks), error. The answer may take up to "
        f"{answering.WAIT_IN_REQUEST_SECONDS} s when others are waiting for the model. 429 "
        "when the rate limit is reached."
    ),
)
def ask(request: HttpRequest, slug: str, payload: AskIn) -> AnswerOut:
    origin = request.headers.get("Origin", "").rstrip("/")
    own = not origin or origin == f"{request.scheme}://{request.get_host()}"
    user = request.user if own else AnonymousUser()
    assistant = selectors.assistant_for(user, slug)
    if not own and not origin_allowed(request, assistant):
        raise HttpError(403, "This site may not use the assistant.")
    conversation = services.conversation_for(
        assistant=assistant, user=user, uid=payload.conversation, channel="api"
    )
    language = payload.language if payload.language in ("en", "zh-hant", "zh-hans") else None
    try:
        exchange = services.ask(
            assistant=assistant,
            conversation=conversation,
            question=payload.question,
            user=user,
            language=language or current_language(),
            client=services.client_key(address=request.META.get("REMOTE_ADDR", ""), user=user),
        )
    except services.RateLimited as error:
        raise HttpError(429, str(error)) from error
    except services.AssistantError as error:
        raise HttpError(403, str(error)) from error
    if exchange.state != Exchange.State.DONE:
        answering.answer_in_turn(exchange)
        exchange.refresh_from_db()
    return AnswerOut(
        conversation=str(conversation.uid),
        answer=presenting.plain_answer(exchange),
        status=exchange.status or "error",
        tier=exchange.tier,
        language=exchange.language,
        citations=[CitationOut(**c) for c in presenting.cited_sources(exchange)],
    )
