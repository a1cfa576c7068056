"""Reads for editors: which searches found nothing or led nowhere, and the index's state."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Max, Q
from django.utils import timezone

from aiplus.search.models import Document, Passage, QueryLog, Term

LOW_CLICK_RATE = 0.2  # searches opened at most this often count as "not followed"
MIN_SEARCHES = 2  # a query must be asked this often in the month to be listed as low-click


@dataclass(frozen=True)
class QueryGap:
    query: str
    searches: int
    opened: int

    @property
    def open_rate(self) -> float:
        return self.opened / self.searches if self.searches else 0.0


def month_bounds(month: date) -> tuple[datetime, datetime]:
    start = month.replace(day=1)
    end = (
        start.replace(year=start.year + 1, month=1)
        if start.month == 12
        else start.replace(month=start.month + 1)
    )
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(start, datetime.min.time(), tzinfo=zone),
        datetime.combine(end, datetime.min.time(), tzinfo=zone),
    )


def _grouped(month: date) -> list[tuple[QueryGap, bool]]:
    """Each query asked in the month, and whether any of its searches found something."""
    start, end = month_bounds(month)
    rows = (
        QueryLog.objects.filter(created_at__gte=start, created_at__lt=end)
        .values("query")
        .annotate(
            searches=Count("id"),
            opened=Count("id", filter=Q(clicked_rank__isnull=False)),
            most_results=Max("results"),
        )
    )
    return [
        (QueryGap(row["query"], row["searches"], row["opened"]), row["most_results"] > 0)
        for row in rows
    ]


def zero_result_queries(month: date, *, limit: int = 50) -> list[QueryGap]:
    """The month's queries that never found anything, most asked first."""
    gaps = [gap for gap, found in _grouped(month) if not found]
    return sorted(gaps, key=lambda gap: (-gap.searches, gap.query))[:limit]


def low_click_queries(month: date, *, limit: int = 50) -> list[QueryGap]:
    """The month's queries that found results which people seldom opened."""
    gaps = [
        gap
        for gap, found in _grouped(month)
        if found and gap.searches >= MIN_SEARCHES and gap.open_rate <= LOW_CLICK_RATE
    ]
    return sorted(gaps, key=lambda gap: (-gap.searches, gap.query))[:limit]


@dataclass(frozen=True)
class IndexStatus:
    documents: int
    passages: int
    embedded: int
    terms: int
    last_indexed: datetime | None
    by_source: dict[str, int]


def index_status() -> IndexStatus:
    return IndexStatus(
        documents=Document.objects.count(),
        passages=Passage.objects.count(),
        embedded=Passage.objects.filter(embedding__isnull=False).count(),
        terms=Term.objects.count(),
        last_indexed=Document.objects.aggregate(last=Max("indexed_at"))["last"],
        by_source=dict(
            Document.objects.values("source").annotate(n=Count("id")).values_list("source", "n")
        ),
    )
