"""Keyword ranking: Okapi BM25 computed in SQL from the postings and term statistics the index
keeps, with the same statement on SQLite and PostgreSQL, so both rank alike. Fusion of several
rankings by reciprocal rank."""

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import Avg, Count

from aiplus.accounts.models import AnyUser, User
from aiplus.search.models import Access, Document, Grant, Passage, Posting, Term

K1 = 1.2
B = 0.75
RRF_K = 60  # reciprocal rank fusion's usual constant
STATS_KEY = "search:stats"
MAX_QUERY_TERMS = 64


@dataclass(frozen=True)
class Scope:
    """What a user may find in the index: every document up to `level`, and restricted ones
    carrying one of `tokens`."""

    level: int
    tokens: tuple[str, ...] = ()

    @classmethod
    def everything(cls) -> "Scope":
        return cls(Access.RESTRICTED)


def scope_for(user: AnyUser) -> Scope:
    if not user.is_authenticated or not isinstance(user, User):
        return Scope(Access.PUBLIC)
    if user.is_superuser:
        return Scope.everything()
    tokens = [
        f"user:{user.pk}",
        *(f"role:{name}" for name in user.groups.values_list("name", flat=True)),
    ]
    if user.organisation_id is not None:
        tokens.append(f"org:{user.organisation_id}")
    return Scope(Access.SIGNED_IN, tuple(tokens))


@dataclass(frozen=True)
class Statistics:
    passages: int
    average_length: float


def statistics() -> Statistics:
    cached = cache.get(STATS_KEY)
    if cached is None:
        row = Passage.objects.aggregate(n=Count("id"), avg=Avg("length"))
        cached = (row["n"] or 0, float(row["avg"] or 1.0))
        cache.set(STATS_KEY, cached, 300)
    return Statistics(*cached)


def forget_statistics() -> None:
    cache.delete(STATS_KEY)


def idf(passages: int, holding: int) -> float:
    """BM25's inverse document frequency, in the form that never goes negative."""
    return math.log(1 + (passages - holding + 0.5) / (holding + 0.5))


def term_weights(query_terms: Counter[str]) -> dict[str, float]:
    """Each query term's weight: its IDF times how often the query repeats it. Terms no
    passage holds are left out."""
    stats = statistics()
    holding = dict(
        Term.objects.filter(term__in=list(query_terms)[:MAX_QUERY_TERMS]).values_list(
            "term", "passages"
        )
    )
    return {
        term: idf(stats.passages, holding[term]) * count
        for term, count in query_terms.items()
        if term in holding
    }


def keyword_ranking(
    query_terms: Counter[str],
    *,
    scope: Scope,
    limit: int,
    source: str | None = None,
    kinds: Sequence[str] = (),
) -> list[tuple[int, float]]:
    """(passage id, BM25 score), best first, among the passages the scope opens (of one
    source's documents, of some types, if given)."""
    weights = term_weights(query_terms)
    if not weights:
        return []
    average = statistics().average_length
    posting = Posting._meta.db_table
    cases = " ".join("WHEN %s THEN %s" for _term in weights)
    terms = ", ".join("%s" for _term in weights)
    params: list[Any] = [value for pair in weights.items() for value in pair]
    params += [K1 + 1, K1, 1 - B, B, average, *weights, scope.level]
    access = "access <= %s"
    if scope.level < Access.RESTRICTED and scope.tokens:
        grant, passage = Grant._meta.db_table, Passage._meta.db_table
        tokens = ", ".join("%s" for _token in scope.tokens)
        # Only placeholders, table names and an integer are formatted in; values are parameters.
        access = (
            f"(access <= %s OR (access = {int(Access.RESTRICTED)} AND passage_id IN ("
            f"SELECT p.id FROM {passage} p JOIN {grant} g ON g.document_id = p.document_id "
            f"WHERE g.token IN ({tokens}))))"
        )
        params += scope.tokens
    within = ""
    if source is not None or kinds:
        document, passage = Document._meta.db_table, Passage._meta.db_table
        conditions, values = [], []
        if source is not None:
            conditions.append("d.source = %s")
            values.append(source)
        if kinds:
            conditions.append(f"d.kind IN ({', '.join('%s' for _kind in kinds)})")
            values += list(kinds)
        within = (
            f"AND passage_id IN (SELECT p.id FROM {passage} p JOIN {document} d "
            f"ON d.id = p.document_id WHERE {' AND '.join(conditions)})"
        )
        params += values
    sql = (
        f"SELECT passage_id, SUM((CASE term {cases} END) * frequency * %s "
        f"/ (frequency + %s * (%s + %s * length / %s))) AS score "
        f"FROM {posting} WHERE term IN ({terms}) AND {access} {within} "
        f"GROUP BY passage_id ORDER BY score DESC, passage_id LIMIT %s"
    )
    params.append(limit)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(int(pk), float(score)) for pk, score in cursor.fetchall()]


def reciprocal_rank_fusion(
    *rankings: Sequence[int], weights: Sequence[float] | None = None, k: int = RRF_K
) -> list[tuple[int, float]]:
    """Merge rankings of the same items: each contributes weight / (k + rank)."""
    scores: dict[int, float] = {}
    for ranking, weight in zip(rankings, weights or [1.0] * len(rankings), strict=True):
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
    return sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))
