"""Semantic ranking inside PostgreSQL: each passage's embedding is also kept in a pgvector
column, searched through an HNSW index, so the web processes hold no matrix of vectors in
memory (decision 0011).

The column has no fixed size (an embedder with other dimensions may be configured later); the
HNSW index is on the column cast to the embedder's size, and only over rows of that size, so
vectors of an earlier embedder neither break writes nor reach results."""

from collections.abc import Sequence

import numpy as np
from django.db import connection, transaction

# Candidates HNSW examines per query (pgvector's default is 40). At 100,000 passages 800 found
# 87% of the exact top 100 in a third of the exact scan's time; 200 only 66%
# (make bench-vectors, docs/benchmarks.md).
EF_SEARCH = 800


def in_use() -> bool:
    return connection.vendor == "postgresql"


def _literal(vector: np.ndarray) -> str:
    return "[" + ",".join(f"{value:.7g}" for value in vector.tolist()) + "]"


def _index_name(dimensions: int) -> str:
    return f"search_passage_hnsw_{int(dimensions)}"


def ensure_index(dimensions: int) -> None:
    """The HNSW index for vectors of this size (built once; kept up to date by PostgreSQL)."""
    dimensions = int(dimensions)
    name = _index_name(dimensions)
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [name])
        if cursor.fetchone():
            return
        # PostgreSQL refuses CREATE INDEX while deferred foreign-key checks are pending in
        # this transaction: run them now (they would run at commit anyway).
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON search_passage "
            f"USING hnsw ((vector::vector({dimensions})) vector_cosine_ops) "
            f"WHERE vector_dims(vector) = {dimensions}"
        )
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # Django's default again


def store(pairs: Sequence[tuple[int, np.ndarray]], *, index: bool = True) -> None:
    """Write (passage id, normalised vector) pairs into the pgvector column (and make sure
    their size has its index, unless `index` is False: a bulk load builds it afterwards)."""
    if not pairs:
        return
    if index:
        ensure_index(pairs[0][1].size)
    with connection.cursor() as cursor:
        cursor.executemany(
            "UPDATE search_passage SET vector = %s::vector WHERE id = %s",
            [(_literal(vector), pk) for pk, vector in pairs],
        )


def nearest(
    vector: np.ndarray,
    *,
    level: int,
    tokens: Sequence[str],
    limit: int,
    minimum: float,
    ef_search: int = EF_SEARCH,
) -> list[tuple[int, float]]:
    """(passage id, cosine similarity), best first, among the passages the scope opens."""
    dimensions = int(vector.size)
    cast = f"vector::vector({dimensions})"
    query = _literal(vector)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL hnsw.ef_search = {int(ef_search)}")
        # Keep walking the graph while the access filter drops candidates (pgvector 0.8).
        cursor.execute("SET LOCAL hnsw.iterative_scan = relaxed_order")
        cursor.execute(
            f"SELECT id, 1 - ({cast} <=> %s::vector({dimensions})) FROM search_passage "  # noqa: S608 - an int
            f"WHERE vector_dims(vector) = {dimensions} AND (access <= %s OR document_id IN "
            "(SELECT document_id FROM search_grant WHERE token = ANY(%s))) "
            f"ORDER BY {cast} <=> %s::vector({dimensions}) LIMIT %s",
            [query, level, list(tokens), query, limit],
        )
        rows = cursor.fetchall()
    found = [(int(pk), float(score)) for pk, score in rows if score >= minimum]
    return sorted(found, key=lambda pair: (-pair[1], pair[0]))
