"""Writes of the search app besides the index: the anonymous query log."""

from aiplus.search.models import QueryLog

LOGGED_CHARS = 200


def log_query(*, query: str, language: str, results: int) -> QueryLog | None:
    """Record a search (never who made it). Empty queries are not searches."""
    query = " ".join(query.lower().split())[:LOGGED_CHARS]
    if not query:
        return None
    return QueryLog.objects.create(query=query, language=language[:10], results=results)


def record_open(*, log_id: int, rank: int) -> None:
    """Remember the rank of the first result opened from that search."""
    QueryLog.objects.filter(pk=log_id, clicked_rank__isnull=True).update(clicked_rank=max(rank, 1))
