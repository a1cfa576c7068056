"""Listing pages with filters over 10,000 solutions and 10,000 cases, timed through the whole
Django stack (middleware, facet queries, templates). Baseline in the same run: the health check,
the cheapest request that still passes every middleware and touches the database."""

import random
import time
from functools import partial

from django.test import Client

from aiplus.accounts.models import Organisation
from aiplus.benchmarks.timing import p50, p95, sample
from aiplus.cases.models import Case, Collection, Stage
from aiplus.catalogue.demo import load_taxonomy
from aiplus.catalogue.models import Capability, Solution, Task
from aiplus.catalogue.models.choices import DEPLOYMENT_FLAGS, LANGUAGE_FLAGS, Maturity, PriceModel
from scripts.bench_report import write_section

WORDS = [
    "minutes",
    "chatbot",
    "hotline",
    "forms",
    "translation",
    "forecast",
    "inspection",
    "records",
    "summary",
    "speech",
    "licence",
    "enquiry",
    "roster",
    "claims",
    "archive",
    "cantonese",
    "bilingual",
    "vision",
    "analytics",
]


def generate(*, solutions: int, cases: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    load_taxonomy()
    tasks = list(Task.objects.filter(parent__isnull=False))
    capabilities = list(Capability.objects.all())
    departments = list(Organisation.objects.exclude(kind=Organisation.Kind.COMPANY))
    vendors = Organisation.objects.bulk_create(
        [
            Organisation(code=f"BENCH{i}", kind=Organisation.Kind.COMPANY, name=f"Vendor {i} Ltd")
            for i in range(200)
        ]
    )
    rows = []
    for i in range(solutions):
        words = rng.sample(WORDS, 3)
        values = {field: rng.random() < 0.5 for field, _label in LANGUAGE_FLAGS.values()}
        values |= {field: rng.random() < 0.4 for field, _label in DEPLOYMENT_FLAGS.values()}
        rows.append(
            Solution(
                slug=f"bench-{i}",
                name=f"{words[0].title()} {words[1].title()} {i}",
                name_zh_hant=f"方案{i}",
                summary=" ".join(rng.choices(WORDS, k=20)),
                vendor=rng.choice(vendors),
                max_classification=rng.randint(0, 3),
                maturity=rng.choice(Maturity.values),
                price_model=rng.choice(PriceModel.values),
                live=rng.random() < 0.95,
                **values,
            )
        )
    created = Solution.objects.bulk_create(rows, batch_size=1000)
    through = Solution.tasks.through
    through.objects.bulk_create(
        [through(solution_id=s.pk, task_id=t.pk) for s in created for t in rng.sample(tasks, 2)],
        batch_size=5000,
    )
    through = Solution.capabilities.through
    through.objects.bulk_create(
        [through(solution_id=s.pk, capability_id=rng.choice(capabilities).pk) for s in created],
        batch_size=5000,
    )
    through = Solution.organisations_using.through
    through.objects.bulk_create(
        [
            through(solution_id=s.pk, organisation_id=o.pk)
            for s in created
            for o in rng.sample(departments, rng.randint(0, 3))
        ],
        batch_size=5000,
    )
    Case.objects.bulk_create(
        [
            Case(
                slug=f"bench-case-{i}",
                title=f"{' '.join(rng.sample(WORDS, 4)).capitalize()} {i}",
                collection=Collection.STORY if i % 2 else Collection.INVENTORY,
                organisation=rng.choice(departments) if i % 2 else None,
                source_organisation="" if i % 2 else f"Agency {i % 40}",
                stage=rng.choice(Stage.values),
                topic=rng.choice(["Health", "Transport", "Services", "Mission-Enabling"]),
                hours_saved_per_year=rng.randint(100, 9000) if i % 2 else None,
                summary=" ".join(rng.choices(WORDS, k=25)),
                live=True,
            )
            for i in range(cases)
        ],
        batch_size=1000,
    )


PAGES = [
    ("Solutions, no filter", "/en/solutions/"),
    ("Solutions, task + language", "/en/solutions/?task=chatbot&language=english"),
    (
        "Solutions, three facets + sort by adoption, page 5",
        "/en/solutions/?deployment=on-premises&classification=1&maturity=production&sort=adoption&page=5",
    ),
    ("Solutions, text search", "/en/solutions/?q=hotline"),
    ("Solutions, text search in Simplified Chinese", "/zh-hans/solutions/?q=方案12"),
    ("Solutions API, task filter", "/api/v1/solutions?task=draft-minutes"),
    ("Cases, Hong Kong stories", "/en/cases/"),
    ("Cases, inventory + stage", "/en/cases/?collection=inventory&stage=operation"),
]


def run(*, solutions: int, cases: int, repeat: int, database: str) -> None:
    from aiplus.search.indexing import reindex_all

    generate(solutions=solutions, cases=cases)
    # The listings' text filter reads the search index (keywords; no embeddings needed).
    started = time.perf_counter()
    reindex_all(embed=False)
    indexed = time.perf_counter() - started
    client = Client()
    baseline = sample(lambda: client.get("/healthz"), repeat=repeat)
    lines = []
    for label, url in PAGES:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        times = sample(partial(client.get, url), repeat=repeat)
        lines.append(
            f"| {label} | `{url}` | {p50(times):.0f} | {p95(times):.0f} | "
            f"{p95(times) / p95(baseline):.0f}x |"
        )
    where = "a fresh SQLite file database (WAL)" if database == "sqlite" else "PostgreSQL 18"
    body = f"""## Catalogue and case listings with filters, {database}

{solutions:,} solutions and {cases:,} cases generated on {where}, then indexed for search
(keywords) in {indexed:.0f} s: a text query is ranked by the search index (BM25).
Server time through the whole Django stack (test client: middleware, facet counts, templates),
{repeat} requests each after a warm-up. Target: p95 at most 150 ms; with a broad text query at
most 100 ms.
Baseline: the health check, p50 {p50(baseline):.1f} ms, p95 {p95(baseline):.1f} ms.

| page | URL | p50 ms | p95 ms | p95 vs. baseline |
|---|---|---|---|---|
""" + "\n".join(lines)
    write_section(f"catalogue-listing-{database}", command="make bench", body=body)
    print(body)
