"""Digests: what is new for one officer since their last digest (new solutions, success
stories and resources, and events still to come), matched to their chosen kinds, tasks and
topics, and sent weekly or monthly by a daily scheduled job.

What a digest holds is read through each app's own visibility rule (`live_solutions`,
`live_cases`, `visible_resources`, `visible_events` with the event's audience), so a digest
never names something its reader may not open."""

import re
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from functools import reduce
from operator import or_
from typing import Any, TypeVar

from django.conf import settings
from django.db import transaction
from django.db.models import Model, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aiplus.accounts.models import User
from aiplus.cases.models import Case, Collection
from aiplus.cases.selectors import live_cases
from aiplus.catalogue.models import Solution, Task
from aiplus.catalogue.selectors import live_solutions
from aiplus.core.i18n import to_traditional
from aiplus.events.models import DigestSubscription, Event
from aiplus.events.permissions import user_in_audience
from aiplus.events.selectors import visible_events
from aiplus.notifications.services import notify
from aiplus.resources.models import Resource
from aiplus.resources.selectors import visible_resources

Frequency = DigestSubscription.Frequency
Kind = DigestSubscription.Kind

# A digest is a summary: at most this many items of each kind (the newest).
PER_KIND = 10
MAX_TOPICS = 10

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class Digest:
    solutions: list[Solution] = field(default_factory=list)
    stories: list[Case] = field(default_factory=list)
    resources: list[Resource] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.solutions) + len(self.stories) + len(self.resources) + len(self.events)

    @property
    def is_empty(self) -> bool:
        return self.count == 0


def subscription_of(user: User) -> DigestSubscription:
    """The user's subscription, or an unsaved one with every kind chosen and no digest."""
    found = DigestSubscription.objects.filter(user=user).first()
    return found or DigestSubscription(user=user, kinds=list(Kind.values))


def topic_keywords(topics: str) -> list[str]:
    """The keywords an officer typed, separated by commas (English or Chinese) or semicolons."""
    words = [word.strip() for word in re.split(r"[,;，、；]", topics)]
    return [word[:60] for word in words if word][:MAX_TOPICS]


def _text_match(keywords: list[str], fields: tuple[str, ...]) -> Q | None:
    terms: set[str] = set()
    for keyword in keywords:
        terms.update({keyword, to_traditional(keyword)})
    conditions = [
        Q(**{f"{name}{suffix}__icontains": term})
        for term in sorted(terms)
        for name in fields
        for suffix in ("", "_zh_hant", "_zh_hans")
    ]
    return reduce(or_, conditions) if conditions else None


def _matching(
    items: QuerySet[M],
    *,
    task_paths: tuple[str, ...],
    text_fields: tuple[str, ...],
    tasks: list[int],
    words: list[str],
) -> QuerySet[M]:
    """Narrow to items about any chosen task or mentioning any keyword; no choice narrows
    nothing."""
    conditions: list[Q] = []
    if tasks:
        conditions += [Q(**{f"{path}__in": tasks}) for path in task_paths]
    if words:
        text = _text_match(words, text_fields)
        if text is not None:
            conditions.append(text)
    if not conditions:
        return items
    # Matching through many-to-many joins repeats rows: keep each item once.
    return items.filter(pk__in=items.filter(reduce(or_, conditions)).values("pk"))


def digest_for(*, user: User, since: datetime, until: datetime) -> Digest:
    """What is new between `since` and `until` that `user` may see and asked for: solutions and
    success stories, resources and events first published then (a draft published later is new
    when it is published), the events still to come and open to them."""
    subscription = subscription_of(user)
    chosen = set(subscription.kinds)
    tasks = list(subscription.tasks.values_list("pk", flat=True)) if subscription.pk else []
    words = topic_keywords(subscription.topics)
    match: dict[str, Any] = {"tasks": tasks, "words": words}

    solutions: list[Solution] = []
    if Kind.SOLUTIONS in chosen:
        found = live_solutions().filter(first_published_at__gte=since, first_published_at__lt=until)
        found = _matching(found, task_paths=("tasks",), text_fields=("name", "summary"), **match)
        solutions = list(found.order_by("-first_published_at")[:PER_KIND])
    stories: list[Case] = []
    if Kind.STORIES in chosen:
        found_cases = live_cases().filter(
            collection=Collection.STORY, first_published_at__gte=since, first_published_at__lt=until
        )
        found_cases = _matching(
            found_cases,
            task_paths=("solutions__tasks",),
            text_fields=("title", "summary"),
            **match,
        )
        stories = list(found_cases.order_by("-first_published_at")[:PER_KIND])
    resources: list[Resource] = []
    if Kind.RESOURCES in chosen:
        # Editors see drafts and unreadable files in the library; a digest names neither.
        found_resources = (
            visible_resources(user)
            .filter(is_published=True, published_at__gte=since, published_at__lt=until)
            .exclude(extraction_status=Resource.Extraction.FAILED)
        )
        found_resources = _matching(
            found_resources,
            task_paths=("solutions__tasks", "cases__solutions__tasks"),
            text_fields=("title", "description"),
            **match,
        )
        resources = list(found_resources.order_by("-published_at")[:PER_KIND])
    events: list[Event] = []
    if Kind.EVENTS in chosen:
        found_events = visible_events(user).filter(
            live=True,
            cancelled=False,
            starts_at__gte=until,
            published_at__gte=since,
            published_at__lt=until,
        )
        found_events = _matching(
            found_events,
            task_paths=("materials__solutions__tasks",),
            text_fields=("title", "summary", "themes"),
            **match,
        )
        upcoming = found_events.order_by("starts_at").prefetch_related("organisations")
        events = [event for event in upcoming if user_in_audience(user, event)][:PER_KIND]
    return Digest(solutions=solutions, stories=stories, resources=resources, events=events)


# --- When digests are due -------------------------------------------------------------------


def period_start(frequency: str, now: datetime) -> datetime:
    """The start (midnight, Hong Kong time) of the week or month `now` is in."""
    today = timezone.localtime(now).date()
    if frequency == Frequency.MONTHLY:
        first = today.replace(day=1)
    else:
        first = today - timedelta(days=today.weekday())
    return timezone.make_aware(datetime.combine(first, time.min))


def previous_period_start(frequency: str, start: datetime) -> datetime:
    if frequency == Frequency.MONTHLY:
        day_before = timezone.localtime(start).date() - timedelta(days=1)
        return timezone.make_aware(datetime.combine(day_before.replace(day=1), time.min))
    return timezone.make_aware(
        datetime.combine(timezone.localtime(start).date() - timedelta(days=7), time.min)
    )


def is_due(subscription: DigestSubscription, now: datetime) -> bool:
    """A digest is due once a new week (Monday) or month (the 1st) has begun since the last one
    (or since subscribing): a job that runs twice, or late, sends each period's digest once."""
    if subscription.frequency == Frequency.OFF:
        return False
    last = subscription.last_sent_at or subscription.created_at
    return last < period_start(subscription.frequency, now)


def next_digest_window(
    subscription: DigestSubscription, now: datetime
) -> tuple[datetime, datetime]:
    """What the next digest would cover if it were sent now: from the last digest (or the
    previous period's start, for a first digest) until now."""
    frequency = subscription.frequency
    if frequency == Frequency.OFF:
        frequency = Frequency.WEEKLY
    since = subscription.last_sent_at or previous_period_start(
        frequency, period_start(frequency, now)
    )
    return since, now


def send_due_digests(*, now: datetime | None = None) -> int:
    """Send every digest that is due; returns how many were sent. Scheduled daily."""
    now = now or timezone.now()
    sent = 0
    subscriptions = (
        DigestSubscription.objects.exclude(frequency=Frequency.OFF)
        .filter(user__is_active=True)
        .select_related("user")
    )
    for subscription in subscriptions.iterator():
        if is_due(subscription, now) and _send_digest(subscription, now=now):
            sent += 1
    return sent


SUBJECTS = {
    Frequency.WEEKLY: _("Your weekly AI+ Hub digest"),
    Frequency.MONTHLY: _("Your monthly AI+ Hub digest"),
}


@transaction.atomic
def _send_digest(subscription: DigestSubscription, *, now: datetime) -> bool:
    """Claim this period's digest (a conditional update, so two runs cannot both send it), then
    send it unless it is empty. Returns whether it was sent."""
    previous = subscription.last_sent_at
    unchanged = Q(last_sent_at=previous) if previous else Q(last_sent_at__isnull=True)
    claimed = DigestSubscription.objects.filter(unchanged, pk=subscription.pk).update(
        last_sent_at=now
    )
    if not claimed:
        return False
    since, until = next_digest_window(subscription, now)
    digest = digest_for(user=subscription.user, since=since, until=until)
    if digest.is_empty:
        return False
    notify(
        recipients=[subscription.user],
        kind="events.digest",
        subject=SUBJECTS[Frequency(subscription.frequency)],
        template="events/notifications/digest.txt",
        html_template="events/notifications/digest.html",
        context={"digest": digest, "site": settings.WAGTAILADMIN_BASE_URL.rstrip("/")},
        url=reverse("events:digest"),
    )
    return True


@transaction.atomic
def save_subscription(
    *, user: User, frequency: str, kinds: list[str], tasks: list[Task], topics: str
) -> DigestSubscription:
    """Save the officer's choices. A new subscription's first digest comes when the next week
    or month begins."""
    if frequency not in Frequency.values:
        raise ValueError(f"Unknown frequency {frequency!r}")
    unknown = set(kinds) - set(Kind.values)
    if unknown:
        raise ValueError(f"Unknown kinds of content: {sorted(unknown)}")
    subscription, _created = DigestSubscription.objects.get_or_create(user=user)
    subscription.frequency = frequency
    subscription.kinds = [kind for kind in Kind.values if kind in kinds]
    subscription.topics = ", ".join(topic_keywords(topics))
    subscription.save()
    subscription.tasks.set(tasks)
    return subscription


def task_choices() -> QuerySet[Task]:
    """The tasks an officer can follow (goals group them)."""
    return (
        Task.objects.filter(parent__isnull=False)
        .select_related("parent")
        .order_by("parent__sort_order", "parent__name", "sort_order", "name")
    )
