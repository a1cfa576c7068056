"""Exchanges at events: attendees ask and upvote questions, organisers moderate them and run
simple polls. Asking and voting are open to people with a confirmed place, from an hour before
the event until a day after it; everything stays with the event."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from aiplus.accounts.models import AnyUser, User
from aiplus.core.charts import bar_chart
from aiplus.events.models import Event, Poll, PollAnswer, Question, Registration
from aiplus.events.permissions import user_can_organise


class ExchangeError(ValueError):
    """A refusal with a message for the person (translated)."""


def is_live(event: Event) -> bool:
    now = timezone.now()
    return event.starts_at - timedelta(hours=1) <= now <= event.ends_at + timedelta(days=1)


def may_take_part(user: AnyUser, event: Event) -> bool:
    if not user.is_authenticated:
        return False
    return (
        user_can_organise(user)
        or event.registrations.filter(
            user_id=user.pk, status=Registration.Status.CONFIRMED
        ).exists()
    )


def _check(user: AnyUser, event: Event) -> None:
    if not is_live(event):
        raise ExchangeError(_("Questions and polls are open during the event."))
    if not may_take_part(user, event):
        raise ExchangeError(_("Only people with a place can take part."))


def questions_for(user: AnyUser, event: Event) -> QuerySet[Question]:
    """Most voted first; hidden ones only for organisers."""
    questions = event.questions.annotate(votes=Count("voters")).order_by(
        "answered", "-votes", "created_at"
    )
    return questions if user_can_organise(user) else questions.filter(hidden=False)


def ask(*, event: Event, user: User, text: str) -> Question:
    _check(user, event)
    text = " ".join(text.split())[:500]
    if not text:
        raise ExchangeError(_("Type a question."))
    return Question.objects.create(event=event, asked_by=user, text=text)


def upvote(*, question: Question, user: User) -> None:
    _check(user, question.event)
    if question.asked_by_id != user.pk:
        question.voters.add(user)  # a second vote by the same person changes nothing


def moderate(
    *, question: Question, user: AnyUser, answered: bool | None = None, hidden: bool | None = None
) -> None:
    if not user_can_organise(user):
        raise ExchangeError(_("Only organisers moderate questions."))
    if answered is not None:
        question.answered = answered
    if hidden is not None:
        question.hidden = hidden
    question.save(update_fields=["answered", "hidden"])


def open_poll(*, event: Event, user: AnyUser, question: str, options: list[str]) -> Poll:
    if not user_can_organise(user):
        raise ExchangeError(_("Only organisers run polls."))
    options = [" ".join(o.split())[:100] for o in options if o.strip()][:8]
    if not question.strip() or len(options) < 2:
        raise ExchangeError(_("A poll needs a question and at least two options."))
    return Poll.objects.create(event=event, question=question.strip()[:300], options=options)


def answer_poll(*, poll: Poll, user: User, option: int) -> None:
    _check(user, poll.event)
    if not poll.is_open:
        raise ExchangeError(_("This poll is closed."))
    if not 0 <= option < len(poll.options):
        raise ExchangeError(_("Choose one of the options."))
    try:
        with transaction.atomic():
            PollAnswer.objects.create(poll=poll, user=user, option=option)
    except IntegrityError:
        raise ExchangeError(_("You have answered this poll already.")) from None


def results(poll: Poll) -> dict:
    counts = dict(poll.answers.values_list("option").annotate(n=Count("pk")))
    items = [(label, counts.get(index, 0)) for index, label in enumerate(poll.options)]
    return {
        "poll": poll,
        "chart": bar_chart(items),
        "chart_id": f"poll-{poll.pk}",
        "total": sum(n for _l, n in items),
    }


def close_poll(*, poll: Poll, user: AnyUser) -> None:
    if not user_can_organise(user):
        raise ExchangeError(_("Only organisers run polls."))
    poll.is_open = False
    poll.save(update_fields=["is_open"])
