"""Figures for an assistant's editors: questions per day, statuses, the share resolved without
a person, time to answer, feedback, the unanswered questions grouped by meaning (the gaps to
fill), and the staff time saved as an estimate from the assistant's own assumption."""

import statistics
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import numpy as np
from django.db.models import Count, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from aiplus.ai.exceptions import AIError
from aiplus.ai.providers import get_embedder
from aiplus.assistant.models import Assistant, Exchange, Status
from aiplus.search.vectors import normalised

RESOLVED = (Status.ANSWERED, Status.PARTLY)
SAME_GAP = 0.7  # cosine at which two unanswered questions count as one gap
MAX_GAP_QUESTIONS = 500


@dataclass(frozen=True)
class Gap:
    question: str  # the first asked
    count: int
    examples: list[str]


@dataclass(frozen=True)
class Figures:
    start: date
    end: date
    questions: int
    by_day: list[tuple[date, int]]
    by_status: list[tuple[str, int]]
    resolved_without_person: int
    resolved_share: float  # of the questions not blocked
    median_first_ms: int | None
    median_total_ms: int | None
    helpful: int
    not_helpful: int
    gaps: list[Gap]
    minutes_saved: Decimal  # an estimate


def exchanges_between(assistant: Assistant, start: date, end: date) -> QuerySet[Exchange]:
    first = timezone.make_aware(datetime.combine(start, time.min))
    last = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min))
    # Settled exchanges: an answer settled without the model may still wait for its action.
    return assistant.exchanges.filter(created_at__gte=first, created_at__lt=last).exclude(status="")


def figures(assistant: Assistant, *, days: int = 30, today: date | None = None) -> Figures:
    end = today or timezone.localdate()
    start = end - timedelta(days=days - 1)
    exchanges = exchanges_between(assistant, start, end)
    counted = dict(
        exchanges.annotate(day=TruncDate("created_at")).values_list("day").annotate(n=Count("id"))
    )
    by_day = [
        (start + timedelta(days=i), counted.get(start + timedelta(days=i), 0)) for i in range(days)
    ]
    statuses = dict(exchanges.values_list("status").annotate(n=Count("id")))
    by_status = [(str(label), statuses.get(value, 0)) for value, label in Status.choices]
    total = sum(statuses.values())
    resolved = exchanges.filter(status__in=RESOLVED, handed_over=False).count()
    asked = total - statuses.get(Status.BLOCKED, 0)
    timed = exchanges.filter(tier="model")
    firsts = [ms for ms in timed.values_list("first_sentence_ms", flat=True) if ms is not None]
    totals = [ms for ms in timed.values_list("total_ms", flat=True) if ms is not None]
    feedback = dict(
        exchanges.filter(feedback__isnull=False)
        .values_list("feedback__helpful")
        .annotate(n=Count("id"))
    )
    return Figures(
        start=start,
        end=end,
        questions=total,
        by_day=by_day,
        by_status=by_status,
        resolved_without_person=resolved,
        resolved_share=resolved / asked if asked else 0.0,
        median_first_ms=int(statistics.median(firsts)) if firsts else None,
        median_total_ms=int(statistics.median(totals)) if totals else None,
        helpful=feedback.get(True, 0),
        not_helpful=feedback.get(False, 0),
        gaps=gaps(exchanges),
        minutes_saved=assistant.minutes_saved_per_enquiry * resolved,
    )


def gaps(exchanges: QuerySet[Exchange], *, limit: int = 10) -> list[Gap]:
    """The questions left without an answer, grouped when they mean the same, biggest first."""
    questions = list(
        exchanges.filter(status__in=(Status.UNANSWERABLE, Status.OUT_OF_SCOPE))
        .order_by("-created_at")
        .values_list("question", flat=True)[:MAX_GAP_QUESTIONS]
    )
    if not questions:
        return []
    try:
        vectors = normalised(get_embedder().embed(questions))
    except AIError:
        vectors = None
    groups: list[list[int]] = []
    centres: list[np.ndarray] = []
    for index, question in enumerate(questions):
        home = None
        if vectors is not None and centres:
            similarities = np.asarray(centres) @ vectors[index]
            best = int(np.argmax(similarities))
            if similarities[best] >= SAME_GAP:
                home = best
        elif vectors is None:
            home = next(
                (
                    g
                    for g, members in enumerate(groups)
                    if questions[members[0]].strip().lower() == question.strip().lower()
                ),
                None,
            )
        if home is None:
            groups.append([index])
            if vectors is not None:
                centres.append(vectors[index])
        else:
            groups[home].append(index)
    groups.sort(key=len, reverse=True)
    return [
        Gap(questions[members[-1]], len(members), [questions[i] for i in members[:3]])
        for members in groups[:limit]
    ]
