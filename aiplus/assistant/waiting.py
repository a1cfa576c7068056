"""The queue in front of the language model. The model answers one question at a time (more
would only share the same two cores), so the questions beyond that wait, each told its place.
The queue is the exchanges table itself, so every web process sees the same one: an exchange
waits while earlier live ones are waiting or being answered. A waiting page that stops asking
for its place, or an answer whose stream stopped, falls out of the queue on its own."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from aiplus.assistant.models import Exchange

WAITING_GONE = timedelta(seconds=20)  # a waiting page asks about every 2 s
ANSWERING_GONE = timedelta(seconds=90)  # an answer's stream reports at least each sentence


def capacity() -> int:
    return max(1, int(getattr(settings, "AIPLUS_ASSISTANT_CONCURRENT_ANSWERS", 1)))


def _live(now: datetime) -> Q:
    return Q(state=Exchange.State.QUEUED, seen_at__gte=now - WAITING_GONE) | Q(
        state=Exchange.State.ANSWERING, seen_at__gte=now - ANSWERING_GONE
    )


def is_live(exchange: Exchange) -> bool:
    """Whether the exchange is still in the queue (its page asks, or its answer streams)."""
    return Exchange.objects.filter(_live(timezone.now()), pk=exchange.pk).exists()


def ahead(exchange: Exchange) -> int:
    """How many questions will be answered before this one can start."""
    now = timezone.now()
    answering = (
        Exchange.objects.filter(_live(now), state=Exchange.State.ANSWERING)
        .exclude(pk=exchange.pk)
        .count()
    )
    waiting = Exchange.objects.filter(
        _live(now), state=Exchange.State.QUEUED, created_at__lt=exchange.created_at
    ).count()
    return max(0, answering + waiting - capacity() + 1)


def touch(exchange: Exchange) -> None:
    now = timezone.now()
    Exchange.objects.filter(pk=exchange.pk).update(seen_at=now)
    exchange.seen_at = now


def try_start(exchange: Exchange) -> bool:
    """Move the exchange from waiting to answering if its turn has come."""
    touch(exchange)
    if ahead(exchange) > 0:
        return False
    started = Exchange.objects.filter(pk=exchange.pk, state=Exchange.State.QUEUED).update(
        state=Exchange.State.ANSWERING, seen_at=timezone.now()
    )
    if started:
        exchange.state = Exchange.State.ANSWERING
    return bool(started) or exchange.state == Exchange.State.ANSWERING
