"""Import of the 1,757-row US federal inventory: first import, then a re-import (all unchanged).
Baseline in the same run: reading and parsing the CSV alone."""

import time
from collections.abc import Callable
from typing import TypeVar

from aiplus.cases.demo import US_INVENTORY
from aiplus.cases.importer.mapping import load_mapping
from aiplus.cases.importer.reader import read_csv
from aiplus.cases.importer.run import run_import
from scripts.bench_report import write_section

T = TypeVar("T")

DATA = US_INVENTORY


def _timed(action: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def run(*, database: str) -> None:
    mapping = load_mapping("us-federal-ai-inventory-2024")
    parse_s, _ = _timed(lambda: read_csv(DATA.open("rb"), encoding=mapping.encoding))
    first_s, first = _timed(
        lambda: run_import(mapping=mapping, stream=DATA.open("rb"), dry_run=False)
    )
    again_s, again = _timed(
        lambda: run_import(mapping=mapping, stream=DATA.open("rb"), dry_run=False)
    )
    title = "SQLite (WAL file)" if database == "sqlite" else "PostgreSQL 18"
    body = f"""## Import of the US federal AI use case inventory (1,757 rows), {title}

Target: at most 30 s.

| step | seconds | vs. parsing the CSV alone |
|---|---|---|
| parse the CSV (baseline) | {parse_s:.2f} | 1.0x |
| first import ({first.created} created, {first.rejected} rejected) | {first_s:.2f} | {first_s / parse_s:.1f}x |
| re-import ({again.unchanged} unchanged, {again.created} created) | {again_s:.2f} | {again_s / parse_s:.1f}x |
"""
    write_section(f"inventory-import-{database}", command="make bench", body=body)
    print(body)
