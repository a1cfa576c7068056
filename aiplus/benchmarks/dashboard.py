"""The manpower dashboard at scale: three years of activity for every B/D (88) with 5 million
raw activity records (downloads, event registrations and attendance, shortlists, advice
requests and their status changes, meetings with approved minutes, time-saved answers,
stories), rolled up day by day; then one day's roll-up timed, and the dashboard timed through
the whole Django stack for each filter beside the health check in the same run (baseline)."""

import random
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from functools import partial
from typing import Any

from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from aiplus.accounts.models import Organisation, User
from aiplus.accounts.roles import Role
from aiplus.accounts.services import set_roles
from aiplus.advice.models import AdviceRequest, StatusChange
from aiplus.benchmarks.timing import p50, p95, sample
from aiplus.cases.models import Case
from aiplus.catalogue.models import ShortlistItem, Solution
from aiplus.core.jobs.runner import run_job_inline
from aiplus.events.models import Event, Registration
from aiplus.insights.models import DailyFigure, ReportJob, TimeSavedAnswer
from aiplus.insights.rollup import days_between, roll_up_day, roll_up_days
from aiplus.meetings.models import Meeting, Minutes
from aiplus.resources.models import Download, Resource
from scripts.bench_report import write_section

BATCH = 20_000
VENDOR = "BENCH-V"


def _insert(model: Any, columns: list[str], rows: list[tuple]) -> None:
    """Many rows at once, below the ORM: COPY on PostgreSQL, else executemany in batches.
    Fields left out get their model default, as the ORM would give them (Django's defaults
    live in Python, not in the table), so a field added later does not break the loading."""
    defaulted = [
        field
        for field in model._meta.concrete_fields
        if field.column not in columns and not field.primary_key and field.has_default()
    ]
    if defaulted:
        columns = [*columns, *(field.column for field in defaulted)]

        def defaults() -> tuple:
            return tuple(
                field.get_db_prep_save(field.get_default(), connection) for field in defaulted
            )

        if any(callable(field.default) for field in defaulted):  # a fresh value per row
            rows = [row + defaults() for row in rows]
        else:
            extra = defaults()
            rows = [row + extra for row in rows]
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        for start in range(0, len(rows), BATCH):
            cursor.executemany(
                f"INSERT INTO {table} ({names}) VALUES ({marks})",  # noqa: S608 - our own names
                rows[start : start + BATCH],
            )


@contextmanager
def _bulk_loading() -> Iterator[None]:
    """On SQLite, a larger page cache (256 MB) while the records are made, for the index pages
    of millions of rows; the usual size is put back before anything is timed."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        previous = int(cursor.fetchone()[0])
        cursor.execute("PRAGMA cache_size = -262144")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {previous}")


class Clock:
    """Random moments in the three years up to yesterday, as the database stores them."""

    def __init__(self, rng: random.Random, first: date, days: int) -> None:
        self.rng, self.days = rng, days
        self.start = timezone.make_aware(datetime.combine(first, datetime.min.time()))

    def moment(self) -> datetime:
        return self.start + timedelta(
            days=self.rng.randrange(self.days), seconds=self.rng.randrange(8 * 3600, 19 * 3600)
        )

    @staticmethod
    def db(moment: datetime | None) -> Any:
        return connection.ops.adapt_datetimefield_value(moment) if moment else None


def generate(*, records: int, years: int = 3, seed: int = 13) -> dict[str, int]:
    rng = random.Random(seed)
    scale = records / 5_000_000  # the mix below is for 5 million; smaller runs shrink it

    def share(number: int) -> int:
        return max(int(number * scale), 10)

    today = timezone.localdate()
    first = today - timedelta(days=365 * years)
    clock = Clock(rng, first, (today - first).days)
    db = Clock.db
    organisations = list(
        Organisation.objects.exclude(kind=Organisation.Kind.COMPANY).values_list("pk", flat=True)
    )
    vendor = Organisation.objects.create(code=VENDOR, kind="company", name="Bench vendor")
    users = User.objects.bulk_create(
        User(username=f"bench-{o}-{n}", organisation_id=o) for o in organisations for n in range(20)
    )
    user_org = {user.pk: user.organisation_id for user in users}
    user_ids = list(user_org)
    solutions = Solution.objects.bulk_create(
        Solution(
            name=f"Bench solution {n}", slug=f"bench-{n}", vendor=vendor, summary="-", live=True
        )
        for n in range(60)
    )
    through = Solution.organisations_using.through
    through.objects.bulk_create(
        through(solution_id=s.pk, organisation_id=o)
        for o in organisations
        for s in rng.sample(solutions, rng.randint(0, 5))
    )
    counts: dict[str, int] = {}

    stories = []
    for n in range(share(2000)):
        published = clock.moment()
        stories.append(
            Case(
                title=f"Bench story {n}",
                slug=f"bench-story-{n}",
                organisation_id=rng.choice(organisations),
                hours_saved_per_year=rng.randint(100, 20000),
                live=True,
                first_published_at=published,
            )
        )
    created = Case.objects.bulk_create(stories, batch_size=2000)
    story_links = Case.solutions.through
    story_links.objects.bulk_create(
        story_links(case_id=c.pk, solution_id=rng.choice(solutions).pk) for c in created
    )
    counts["stories"] = len(created)

    meetings = Meeting.objects.bulk_create(
        (
            Meeting(
                owner_id=rng.choice(user_ids),
                title="Bench meeting",
                held_on=today,
                source="transcript",
            )
            for _ in range(share(100_000))
        ),
        batch_size=5000,
    )
    _insert(
        Minutes,
        [
            "meeting_id",
            "template",
            "language",
            "text",
            "status",
            "approved_at",
            "processing_seconds",
            "estimated_minutes_saved",
            "reported_minutes_saved",
            "created_at",
            "updated_at",
        ],
        [
            (
                m.pk,
                "formal",
                "en",
                "",
                "approved",
                db(moment := clock.moment()),
                rng.uniform(20, 600),
                rng.randint(30, 240),
                rng.choice([None, 15, 45, 90]),
                db(moment),
                db(moment),
            )
            for m in meetings
        ],
    )
    counts["meetings and minutes"] = 2 * len(meetings)

    advice = AdviceRequest.objects.bulk_create(
        (
            AdviceRequest(
                title="Bench request",
                workflow="-",
                organisation_id=rng.choice(organisations),
                submitted_at=clock.moment(),
                solution_id=rng.choice(solutions).pk if rng.random() < 0.3 else None,
                status="advised",
            )
            for _ in range(share(100_000))
        ),
        batch_size=5000,
    )
    changes = []
    for request in advice:
        at = request.submitted_at
        for status in ("submitted", "triaged", "advised"):
            changes.append((request.pk, "", status, db(at), ""))
            at = at + timedelta(days=rng.randint(1, 6))
    _insert(StatusChange, ["request_id", "from_status", "to_status", "at", "note"], changes)
    counts["advice requests and status changes"] = len(advice) + len(changes)

    pairs = {
        (rng.randrange(len(user_ids)), rng.randrange(len(solutions))) for _ in range(share(100_000))
    }
    _insert(
        ShortlistItem,
        ["user_id", "solution_id", "added_at"],
        [(user_ids[u], solutions[s].pk, db(clock.moment())) for u, s in pairs],
    )
    counts["shortlists"] = len(pairs)

    _insert(
        TimeSavedAnswer,
        ["user_id", "organisation_id", "subject", "object_id", "minutes", "answered_at"],
        [
            (u, user_org[u], "advice", a.pk, rng.choice([0, 15, 45, 90]), db(clock.moment()))
            for u, a in zip(
                rng.choices(user_ids, k=len(advice[: share(50_000)])),
                advice[: share(50_000)],
                strict=True,
            )
        ],
    )
    counts["time-saved answers"] = len(advice[: share(50_000)])

    events = Event.objects.bulk_create(
        (
            Event(
                kind="seminar",
                title="Bench event",
                starts_at=(s := clock.moment()),
                ends_at=s + timedelta(hours=2),
                live=True,
            )
            for _ in range(share(3000))
        ),
        batch_size=3000,
    )
    wanted = share(600_000)
    seen: set[tuple[int, int]] = set()
    registrations: list[tuple] = []
    while len(registrations) < wanted:
        event = rng.choice(events)
        user = rng.choice(user_ids)
        if (event.pk, user) in seen:
            continue
        seen.add((event.pk, user))
        joined = event.starts_at - timedelta(days=rng.randint(1, 30))
        attended = event.starts_at if rng.random() < 0.6 else None
        registrations.append(
            (event.pk, user, "confirmed", db(joined), db(attended), uuid.uuid4().hex)
        )
    _insert(
        Registration,
        ["event_id", "user_id", "status", "joined_at", "attended_at", "token"],
        registrations,
    )
    counts["event registrations"] = len(registrations)

    resources = Resource.objects.bulk_create(
        Resource(title=f"Bench resource {n}", file=f"bench/{n}.pdf") for n in range(50)
    )
    done = sum(counts.values())
    left = max(records - done, 0)
    resource_ids = [r.pk for r in resources]
    for start in range(0, left, 500_000):
        chunk = min(500_000, left - start)
        _insert(
            Download,
            ["resource_id", "organisation_id", "at"],
            [
                (rng.choice(resource_ids), rng.choice(organisations), db(clock.moment()))
                for _ in range(chunk)
            ],
        )
    counts["downloads"] = left
    return counts


def _period_urls(code: str, department: str) -> list[tuple[str, str]]:
    today = timezone.localdate()
    year, month = today.year, today.month
    quarter = (month - 1) // 3 + 1
    past = year - 1
    return [
        ("overall, this year", f"/en/insights/?period=year&year={year}"),
        ("overall, last year", f"/en/insights/?period=year&year={past}"),
        ("overall, a quarter", f"/en/insights/?period=quarter&year={year}&quarter={quarter}"),
        ("overall, a month", f"/en/insights/?period=month&year={past}&month=6"),
        (
            "overall, custom 3 years",
            f"/en/insights/?period=custom&from={year - 3}-01-01&to={today}",
        ),
        (
            "overall, custom 20 years",
            f"/en/insights/?period=custom&from={year - 20}-01-01&to={today}",
        ),
        (
            "overall, custom mid-month edges",
            f"/en/insights/?period=custom&from={past}-02-17&to={year}-01-09",
        ),
        ("a bureau, last year", f"/en/insights/bd/{code}/?period=year&year={past}"),
        (
            "a department, a month",
            f"/zh-hant/insights/bd/{department}/?period=month&year={past}&month=3",
        ),
        (
            "one figure by B/D, last year",
            f"/en/insights/figures/downloads/?period=year&year={past}",
        ),
        ("CSV of the B/D table", f"/en/insights/?period=year&year={past}&table=by-bd&format=csv"),
        ("empty period (future)", f"/en/insights/?period=year&year={year + 5}"),
    ]


def _made(records: int) -> str:
    """Make the records and roll them up, or find them made by an earlier run (the vendor
    `generate` creates marks them); say which."""
    today = timezone.localdate()
    days = days_between(today - timedelta(days=3 * 365), today - timedelta(days=1))
    if Organisation.objects.filter(code=VENDOR).exists():
        return (
            f"The records made and rolled up by an earlier run, reused as they were "
            f"({DailyFigure.objects.count():,} daily rows)."
        )
    started = time.perf_counter()
    with _bulk_loading(), transaction.atomic():
        counts = generate(records=records)
    generated = time.perf_counter() - started
    started = time.perf_counter()
    rows = roll_up_days(days)
    backfill = time.perf_counter() - started
    made = "\n".join(f"- {name}: {number:,}" for name, number in counts.items())
    return (
        f"{sum(counts.values()):,} raw activity records over 3 years for all 88 B/Ds, made in "
        f"{generated:.0f} s:\n\n{made}\n\n"
        f"Rolled up day by day into {rows:,} daily rows in {backfill:.0f} s "
        f"({backfill / len(days) * 1000:.0f} ms a day)."
    )


def run(*, records: int, repeat: int, database: str) -> None:
    made = _made(records)
    today = timezone.localdate()
    one_day = [roll_up_day(today - timedelta(days=n)).seconds for n in (10, 100, 400)]
    advisor, _created = User.objects.get_or_create(username="bench-advisor")
    set_roles(user=advisor, roles=[Role.ADVISOR])
    client = Client()
    client.force_login(advisor)
    bureau = Organisation.objects.filter(kind="bureau", units__isnull=False).distinct().first()
    department = Organisation.objects.filter(kind="department").first()
    assert bureau is not None and department is not None
    baseline = sample(partial(client.get, "/healthz"), repeat=repeat)
    # The process's own first page (templates compiled, translations loaded) is not any
    # filter's: a page of a future year, which reads no figures, in both languages.
    for language in ("en", "zh-hant"):
        client.get(f"/{language}/insights/?period=year&year={today.year + 6}")
    lines = []
    worst = 0.0
    for label, url in _period_urls(bureau.code, department.code):
        cache.clear()  # the first request of each filter reads the roll-up tables
        started = time.perf_counter()
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        first = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, url
        times = sample(partial(_get, client, url), repeat=repeat)
        worst = max(worst, p95(times), first)
        lines.append(
            f"| {label} | `{url}` | {first:.0f} | {p50(times):.0f} | {p95(times):.0f} | "
            f"{p95(times) / p95(baseline):.0f}x |"
        )
    # Not a dashboard view: the records behind a figure are read from the raw tables.
    records_url = f"/en/insights/figures/downloads/records/?period=year&year={today.year - 1}"
    raw_reads = sample(partial(_get, client, records_url), repeat=max(repeat // 3, 2), warmup=1)
    reports = [_time_report(advisor, today, language) for language in ("en", "zh-hant")]
    write_section(
        f"insights-dashboard-{database}",
        command="make bench (or python -m aiplus.benchmarks --only dashboard [--postgres])",
        body=(
            f"## Manpower dashboard, {database}\n\n"
            f"{made} One day's roll-up again "
            f"(target <= 5 s): {', '.join(f'{s:.2f} s' for s in one_day)}.\n\n"
            f"Dashboard as DPO's advisor, after one page of a future year in each language "
            f"(the process's first page): the first request for each filter (cold: the cache "
            f"emptied first, so the sums are read from the roll-up tables; only the database's "
            f"own pages may be in memory), then {repeat} requests after a warm-up of two (the "
            f"sums cached until the next roll-up); baseline (health check) p95 "
            f"{p95(baseline):.1f} ms. Target: p95 <= 200 ms for any filter; worst here (first "
            f"request or p95) {worst:.0f} ms.\n\n"
            "| filter | URL | first ms | p50 ms | p95 ms | p95 vs. baseline |\n"
            "|---|---|---|---|---|---|\n"
            + "\n".join(lines)
            + f"\n\nThe records behind a figure (its own page, read from the raw records, not "
            f"the roll-up; not a dashboard view), a year's downloads by resource, "
            f"`{records_url}`: p50 {p50(raw_reads):.0f} ms, p95 {p95(raw_reads):.0f} ms "
            f"({len(raw_reads)} requests)."
            + "\n\nA one-year overall report (the 365 days up to yesterday; figures, DOCX and PDF, "
            "through its job; target <= 60 s): "
            + ", ".join(f"{seconds:.1f} s in {language}" for language, seconds in reports)
            + "."
        ),
    )


def _time_report(user: User, today: date, language: str) -> tuple[str, float]:
    """A one-year overall report, run through its job as a worker would: seconds taken."""
    job = ReportJob.objects.create(
        organisation=None,
        start=today - timedelta(days=365),
        end=today - timedelta(days=1),
        language=language,
        started_by=user,
    )
    started = time.perf_counter()
    finished = run_job_inline(job)
    seconds = time.perf_counter() - started
    assert finished.status == ReportJob.Status.DONE, finished.error
    return language, seconds


def _get(client: Client, url: str) -> None:
    response = client.get(url)
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)
