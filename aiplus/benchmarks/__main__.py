"""Run the catalogue, import, event-listing, advice-listing and manpower-dashboard benchmarks on a fresh database: a SQLite file in WAL mode (as
`make demo` and small deployments run), or the PostgreSQL server named by DATABASE_URL.

    python -m aiplus.benchmarks [--postgres] [--solutions 10000] [--cases 10000]
        [--events 10000] [--records 5000000] [--repeat 30]
        [--only import|catalogue|events|advice|dashboard] [--sqlite-file PATH]

The dashboard's records take minutes to make: with `--sqlite-file` (or, on PostgreSQL, a
server kept between runs) a database that already holds them is reused as it is.
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", action="store_true", help="use DATABASE_URL (PostgreSQL)")
    parser.add_argument("--solutions", type=int, default=10_000)
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument(
        "--records", type=int, default=5_000_000, help="raw activity records for the dashboard"
    )
    parser.add_argument(
        "--only",
        choices=["import", "catalogue", "events", "advice", "dashboard"],
        help="run one benchmark only",
    )
    parser.add_argument(
        "--sqlite-file", type=Path, help="the SQLite database to use and keep (reused if it exists)"
    )
    args = parser.parse_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="aiplus-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    os.environ["AIPLUS_DATA_DIR"] = str(folder)
    if not args.postgres:
        path = args.sqlite_file.resolve() if args.sqlite_file else folder / "bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    import django

    django.setup()
    from django.conf import settings

    database = "postgres" if args.postgres else "sqlite"
    if not args.postgres:
        # A file database in WAL mode, as `make demo` and small deployments run it.
        settings.DATABASES["default"]["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        }
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from aiplus.benchmarks import (
        advice_listing,
        catalogue_listing,
        dashboard,
        events_listing,
        inventory_import,
    )

    if args.only in (None, "import"):
        inventory_import.run(database=database)
    if args.only in (None, "catalogue"):
        catalogue_listing.run(
            solutions=args.solutions, cases=args.cases, repeat=args.repeat, database=database
        )
    if args.only in (None, "events"):
        events_listing.run(events=args.events, repeat=args.repeat, database=database)
    if args.only in (None, "advice"):
        advice_listing.run(requests=args.events, repeat=args.repeat, database=database)
    if args.only in (None, "dashboard"):
        dashboard.run(records=args.records, repeat=args.repeat, database=database)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
