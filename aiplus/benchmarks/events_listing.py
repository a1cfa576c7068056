"""Event pages over 10,000 events with 50,000 registrations, timed through the whole Django
stack, beside the health check in the same run (the baseline)."""

import random
from datetime import timedelta
from functools import partial

from django.test import Client
from django.utils import timezone

from aiplus.accounts.models import Organisation, User
from aiplus.benchmarks.timing import p50, p95, sample
from aiplus.events.models import Event, Registration
from scripts.bench_report import write_section


def generate(*, events: int, registrations: int, seed: int = 5) -> Organisation:
    rng = random.Random(seed)
    now = timezone.now()
    kinds = list(Event.Kind.values)
    departments = list(Organisation.objects.exclude(kind=Organisation.Kind.COMPANY))
    rows = []
    for number in range(events):
        start = now + timedelta(days=rng.randint(-900, 300), hours=rng.randint(0, 10))
        audience = rng.choices(list(Event.Audience.values), weights=[8, 1, 1])[0]
        rows.append(
            Event(
                kind=rng.choice(kinds),
                title=f"Bench event {number} on {rng.choice(['minutes', 'chatbots', 'forms'])}",
                title_zh_hant=f"測試活動 {number}",
                starts_at=start,
                ends_at=start + timedelta(hours=2),
                capacity=rng.choice([None, 30, 100, 300]),
                audience=audience,
                live=rng.random() < 0.95,
            )
        )
    created = Event.objects.bulk_create(rows, batch_size=2000)
    chosen = [e for e in created if e.audience == Event.Audience.CHOSEN]
    through = Event.organisations.through
    through.objects.bulk_create(
        [through(event_id=e.pk, organisation_id=rng.choice(departments).pk) for e in chosen],
        batch_size=2000,
    )
    users = User.objects.bulk_create(User(username=f"bench{i}") for i in range(200))
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < registrations:
        pairs.add((rng.choice(created).pk, rng.choice(users).pk))
    Registration.objects.bulk_create(
        [
            Registration(event_id=e, user_id=u, status=rng.choice(["confirmed", "waitlisted"]))
            for e, u in pairs
        ],
        batch_size=5000,
    )
    return departments[0]


def run(*, events: int, repeat: int, database: str) -> None:
    organisation = generate(events=events, registrations=events * 5)
    officer = User.objects.create(username="bench-officer", organisation=organisation)
    client = Client()
    client.force_login(officer)
    one = Event.objects.filter(live=True, audience=Event.Audience.ALL).first()
    assert one is not None
    urls = [
        "/en/events/",
        "/en/events/?kind=forum&page=3",
        "/zh-hant/events/past/?page=10",
        f"/en/events/{one.pk}/",
        "/api/v1/events",
    ]
    baseline = sample(partial(client.get, "/healthz"), repeat=repeat)
    lines = []
    for url in urls:
        assert client.get(url).status_code == 200, url
        times = sample(partial(client.get, url), repeat=repeat)
        lines.append(
            f"| `{url}` | {p50(times):.0f} | {p95(times):.0f} | {p95(times) / p95(baseline):.0f}x |"
        )
    write_section(
        f"events-listing-{database}",
        command="make bench",
        body=(
            f"## Event pages, {database}\n\n{events:,} events, {events * 5:,} registrations, "
            f"a signed-in officer, {repeat} requests each after a warm-up; baseline (health "
            f"check) p95 {p95(baseline):.1f} ms. Target: p95 <= 150 ms.\n\n"
            "| URL | p50 ms | p95 ms | p95 vs. baseline |\n|---|---|---|---|\n" + "\n".join(lines)
        ),
    )
