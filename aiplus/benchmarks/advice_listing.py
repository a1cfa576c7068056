"""Advice pages over 10,000 requests from all bureaux and departments, timed through the whole
Django stack for a B/D's officer and for DPO's advisor, beside the health check in the same run
(the baseline)."""

import gc
import random
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from functools import partial

from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from aiplus.accounts.models import Organisation, User
from aiplus.accounts.roles import Role
from aiplus.advice import services
from aiplus.advice.models import AdviceRequest, StatusChange
from aiplus.advice.workdays import local_date
from aiplus.advice.workflow import OPEN_STATUSES, Status
from aiplus.benchmarks.timing import p50, p95, sample
from scripts.bench_report import write_section


def generate(*, requests: int, seed: int = 11) -> Organisation:
    rng = random.Random(seed)
    now = timezone.now()
    departments = list(Organisation.objects.exclude(kind=Organisation.Kind.COMPANY))
    users = User.objects.bulk_create(
        User(username=f"bench-requester{i}", organisation=rng.choice(departments))
        for i in range(300)
    )
    open_statuses = [s for s in Status.values if s != Status.CLOSED]
    moves = random.Random(seed + 1)  # apart, so the requests are the same as without history
    rows = []
    for number in range(requests):
        requester = rng.choice(users)
        age = rng.randint(0, 900)
        # As a service runs: requests of the last two months still open, older ones closed.
        status = rng.choice(open_statuses) if age <= 60 else Status.CLOSED
        rows.append(
            AdviceRequest(
                title=f"Bench request {number} on {rng.choice(['hotlines', 'minutes', 'forms'])}",
                workflow="Officers answer the same questions by hand.",
                requester=requester,
                organisation_id=requester.organisation_id,
                status=status,
                submitted_at=now - timedelta(days=age, hours=rng.randint(0, 8)),
            )
        )
    created = AdviceRequest.objects.bulk_create(rows, batch_size=2000)
    StatusChange.objects.bulk_create(
        (change for r in created for change in _history(r, now=now, rng=moves)),
        batch_size=5000,
    )
    services.refresh_clocks()  # written in bulk, not through the moves
    organisation = users[0].organisation
    assert organisation is not None
    return organisation


# The moves that lead to each status, as the workflow allows them.
PATHS = {
    Status.SUBMITTED: [],
    Status.TRIAGED: [Status.TRIAGED],
    Status.IN_PROGRESS: [Status.TRIAGED, Status.IN_PROGRESS],
    Status.AWAITING_BD: [Status.TRIAGED, Status.AWAITING_BD],
    Status.ADVISED: [Status.TRIAGED, Status.IN_PROGRESS, Status.ADVISED],
    Status.CLOSED: [Status.TRIAGED, Status.IN_PROGRESS, Status.ADVISED, Status.CLOSED],
}


def _history(
    request: AdviceRequest, *, now: datetime, rng: random.Random
) -> Iterator[StatusChange]:
    """The submission, then the moves to the request's status a few days apart (never later
    than now)."""
    previous, moment = "", request.submitted_at
    for status in [Status.SUBMITTED, *PATHS[Status(request.status)]]:
        yield StatusChange(
            request=request, from_status=previous, to_status=status, by=request.requester, at=moment
        )
        previous, moment = status, min(moment + timedelta(days=rng.randint(0, 6), hours=2), now)


def run(*, requests: int, repeat: int, database: str) -> None:
    organisation = generate(requests=requests)
    officer = User.objects.create(username="bench-officer", organisation=organisation)
    advisor = User.objects.create(username="bench-advisor")
    advisor.groups.add(Group.objects.get(name=Role.ADVISOR))
    one = AdviceRequest.objects.filter(organisation=organisation).first()
    assert one is not None
    pages = [
        (officer, "/en/advice/"),
        (officer, f"/en/advice/{one.pk}/"),
        (officer, "/api/v1/advice/requests"),
        (advisor, "/en/advice/queue/"),
        (advisor, "/zh-hant/advice/queue/?overdue=1"),
        (advisor, "/en/advice/queue/?status=all&page=100"),  # old, closed requests' clocks
        (advisor, "/en/advice/?page=20"),
    ]
    # The data just made leaves garbage behind; collecting it now keeps its collection out of
    # the first page's times (it showed as a p95 far above the p50 on the first page timed).
    gc.collect()
    open_now = AdviceRequest.objects.filter(status__in=OPEN_STATUSES).count()
    late_now = AdviceRequest.objects.filter(overdue_from__lte=local_date(timezone.now())).count()
    client = Client()
    baseline = sample(partial(client.get, "/healthz"), repeat=repeat)
    lines = []
    for user, url in pages:
        client.force_login(user)
        assert client.get(url).status_code == 200, url
        times = sample(partial(client.get, url), repeat=repeat)
        who = "advisor" if user == advisor else "B/D officer"
        lines.append(
            f"| {who} | `{url}` | {p50(times):.0f} | {p95(times):.0f} | "
            f"{p95(times) / p95(baseline):.0f}x |"
        )
    write_section(
        f"advice-listing-{database}",
        command=" ".join(["python -m aiplus.benchmarks", *sys.argv[1:]]),
        body=(
            f"## Advice pages, {database}\n\n{requests:,} requests over two and a half years "
            f"(those of the last 60 days open: {open_now:,}, {late_now:,} of them overdue; each "
            f"one's moves to its status recorded) from "
            f"{Organisation.objects.exclude(kind=Organisation.Kind.COMPANY).count()} B/Ds, "
            f"{repeat} requests each after a warm-up; baseline (health check) p95 "
            f"{p95(baseline):.1f} ms. Target: p95 <= 150 ms.\n\n"
            "| who | URL | p50 ms | p95 ms | p95 vs. baseline |\n|---|---|---|---|---|\n"
            + "\n".join(lines)
        ),
    )
