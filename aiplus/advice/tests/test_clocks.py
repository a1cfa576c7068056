"""The overdue day stored on each request (what the queue filters, counts and sorts by) agrees
with the clocks computed from the history: through every move of the workflow, over a public
holiday and a weekend, in the queue's filter and counts, and in the daily reminders."""

import random
from datetime import date, datetime, timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from aiplus.advice import services
from aiplus.advice.models import AdviceRequest, StatusChange
from aiplus.advice.timing import ADVICE_COUNTING, RESPONSE_COUNTING, overdue_from, timing
from aiplus.advice.workdays import HONG_KONG, Change, local_date, working_days_counted
from aiplus.advice.workflow import Status


def at(year, month, day, hour=10):
    return datetime(year, month, day, hour, tzinfo=HONG_KONG)


def overdue_by_counting(history, status, moment):
    """The definition, day by day: a running clock with more working days than its target."""
    targets = (
        (RESPONSE_COUNTING, settings.AIPLUS_ADVICE_RESPONSE_DAYS),
        (ADVICE_COUNTING, settings.AIPLUS_ADVICE_ADVICE_DAYS),
    )
    return any(
        status in counting
        and working_days_counted(history, counting=counting, until=moment) > target
        for counting, target in targets
    )


@pytest.mark.django_db  # the days offices closed are read from the database
def test_the_overdue_day_is_the_first_day_the_counted_clocks_are_past_a_target():
    """Random histories through 2026 (Lunar New Year, Easter with Ching Ming, Labour Day,
    weekends), each checked on every day for 40 days after its last change."""
    rng = random.Random(13)
    statuses = list(Status.values)
    for _ in range(150):
        moment = at(2026, 1, 1) + timedelta(days=rng.randint(0, 140), hours=rng.randint(0, 12))
        history = [Change(at=moment, status=Status.SUBMITTED)]
        for _ in range(rng.randint(0, 5)):
            moment += timedelta(days=rng.randint(0, 9), hours=rng.randint(0, 23))
            history.append(Change(at=moment, status=rng.choice(statuses)))
        status = history[-1].status
        due = overdue_from(history, status=status)
        for offset in range(40):
            day = moment + timedelta(days=offset)
            expected = overdue_by_counting(history, status, day)
            assert expected == (due is not None and due <= local_date(day)), (history, day)


def test_no_history_is_never_overdue():
    assert overdue_from([], status=Status.SUBMITTED) is None


# --- stored through the services -----------------------------------------------------------


def stored(request):
    return AdviceRequest.objects.get(pk=request.pk).overdue_from


def assert_agrees(request, *, days=40):
    """The stored day says "overdue" on exactly the days `timing` does, from the last move on
    (the stored day holds while the status stays)."""
    request = AdviceRequest.objects.prefetch_related("status_changes").get(pk=request.pk)
    last = max(change.at for change in request.status_changes.all())
    for offset in range(days):
        moment = last + timedelta(days=offset, hours=offset % 3)
        computed = timing(request, now=moment).overdue
        assert computed == (
            request.overdue_from is not None and request.overdue_from <= local_date(moment)
        ), (request.status, moment, request.overdue_from)


def age(request, days):
    """Move the request's whole history `days` into the past, as if that time had passed, and
    store its clock again (as anything that rewrites history must)."""
    shift = timedelta(days=days)
    AdviceRequest.objects.filter(pk=request.pk).update(
        submitted_at=AdviceRequest.objects.get(pk=request.pk).submitted_at - shift
    )
    for change in StatusChange.objects.filter(request=request):
        change.at -= shift
        change.save(update_fields=["at"])
    services.refresh_clocks(requests=AdviceRequest.objects.filter(pk=request.pk))


@pytest.mark.django_db
def test_every_move_stores_the_day_the_clocks_give(advice_request, advisor, requester):
    assert stored(advice_request) is not None
    assert_agrees(advice_request)
    age(advice_request, 3)
    services.triage(request=advice_request, by=advisor, advisor=advisor)
    assert_agrees(advice_request)
    age(advice_request, 4)
    services.change_status(request=advice_request, to=Status.IN_PROGRESS, by=advisor)
    assert_agrees(advice_request)
    age(advice_request, 2)
    services.change_status(request=advice_request, to=Status.AWAITING_BD, by=advisor)
    assert stored(advice_request) is None  # paused
    assert_agrees(advice_request)
    age(advice_request, 20)  # a long wait for the B/D costs nothing
    services.post_message(request=advice_request, by=requester, body="Here are the volumes.")
    assert AdviceRequest.objects.get(pk=advice_request.pk).status == Status.IN_PROGRESS
    assert stored(advice_request) is not None
    assert_agrees(advice_request)
    age(advice_request, 5)
    services.change_status(request=advice_request, to=Status.ADVISED, by=advisor)
    assert stored(advice_request) is None
    assert_agrees(advice_request)
    age(advice_request, 3)
    services.change_status(request=advice_request, to=Status.CLOSED, by=requester, rating=4)
    assert stored(advice_request) is None
    assert_agrees(advice_request)
    age(advice_request, 30)
    services.change_status(request=advice_request, to=Status.IN_PROGRESS, by=requester)
    assert stored(advice_request) is not None  # reopened: the advice clock runs again
    assert_agrees(advice_request)


def put_history(request, moments):
    """Give the request's moves (in the order made) these times."""
    changes = list(StatusChange.objects.filter(request=request).order_by("pk"))
    for change, moment in zip(changes, moments, strict=True):
        change.at = moment
        change.save(update_fields=["at"])
    AdviceRequest.objects.filter(pk=request.pk).update(submitted_at=moments[0])
    services.refresh_clocks(requests=AdviceRequest.objects.filter(pk=request.pk))


@pytest.mark.django_db
def test_the_stored_day_skips_easter_ching_ming_labour_day_and_weekends(
    advice_request, advisor, requester
):
    # Wednesday 1 April 2026; Good Friday 3, Easter Monday 6 and Ching Ming (observed) 7 April,
    # then the weekend, are closed: the 5-day first response is due on Monday 13 April.
    moments = [at(2026, 4, 1)]
    put_history(advice_request, moments)
    assert stored(advice_request) == date(2026, 4, 14)
    assert_agrees(advice_request)

    services.triage(request=advice_request, by=advisor, advisor=advisor)
    moments.append(at(2026, 4, 2, 15))
    put_history(advice_request, moments)
    assert stored(advice_request) == date(2026, 4, 28)  # the 16th working day after 1 April
    assert_agrees(advice_request)

    services.change_status(request=advice_request, to=Status.AWAITING_BD, by=advisor)
    moments.append(at(2026, 4, 10, 11))  # 4 days counted: 2, 8, 9 and 10 April
    put_history(advice_request, moments)
    assert stored(advice_request) is None

    # The B/D answers on Saturday 18 April: 11 working days left, over Labour Day (Friday).
    services.post_message(request=advice_request, by=requester, body="The volumes.")
    moments.append(at(2026, 4, 18, 9))
    put_history(advice_request, moments)
    assert stored(advice_request) == date(2026, 5, 6)
    assert_agrees(advice_request)

    services.change_status(request=advice_request, to=Status.ADVISED, by=advisor)
    services.change_status(request=advice_request, to=Status.CLOSED, by=requester, rating=5)
    moments += [at(2026, 5, 5, 16), at(2026, 5, 6, 9)]
    put_history(advice_request, moments)
    assert stored(advice_request) is None

    # Reopened with 15 of 15 days used: overdue from the next working day.
    services.change_status(request=advice_request, to=Status.IN_PROGRESS, by=requester)
    moments.append(at(2026, 5, 8, 17))  # a Friday
    put_history(advice_request, moments)
    assert stored(advice_request) == date(2026, 5, 11)
    assert_agrees(advice_request)


@pytest.mark.django_db
def test_refreshing_follows_a_changed_target(advice_request):
    put_history(advice_request, [at(2026, 4, 1)])
    with override_settings(AIPLUS_ADVICE_RESPONSE_DAYS=1):
        out = StringIO()
        call_command("refresh_advice_clocks", stdout=out)
        assert out.getvalue().strip() == "requests changed: 1"
        assert stored(advice_request) == date(2026, 4, 8)  # the 2nd working day, after Easter
        assert services.refresh_clocks() == 0  # nothing else to change
    assert services.refresh_clocks() == 1
    assert stored(advice_request) == date(2026, 4, 14)


@pytest.mark.django_db
def test_recording_a_closure_day_moves_the_stored_overdue_day(
    advice_request, django_capture_on_commit_callbacks
):
    from aiplus.advice.models import ClosureDay

    put_history(advice_request, [at(2026, 4, 1)])
    services.refresh_clocks()
    before = stored(advice_request)
    with django_capture_on_commit_callbacks(execute=True):
        closure = ClosureDay.objects.create(day=date(2026, 4, 9), reason="Black rainstorm")
    assert stored(advice_request) == before + timedelta(days=1)  # a Thursday lost
    with django_capture_on_commit_callbacks(execute=True):
        closure.delete()
    assert stored(advice_request) == before


@pytest.mark.django_db
def test_the_daily_reminders_store_the_days_again_first(advice_request):
    from aiplus.advice.tasks import remind_overdue_task

    # Seven days hold two to five working days, whatever the holidays: late only for 1 day.
    age(advice_request, 7)
    assert services.remind_overdue() == 0
    with override_settings(AIPLUS_ADVICE_RESPONSE_DAYS=1):
        assert remind_overdue_task.enqueue().return_value == 1


@pytest.mark.django_db(transaction=True)
def test_the_migration_stores_the_day_of_requests_made_before_it(advice_request, advisor):
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    triaged = AdviceRequest.objects.get(pk=advice_request.pk)
    services.triage(request=triaged, by=advisor, advisor=advisor)
    put_history(triaged, [at(2026, 4, 1), at(2026, 4, 2, 15)])
    executor = MigrationExecutor(connection)
    executor.migrate([("advice", "0002_time_indexes")])
    try:
        executor = MigrationExecutor(connection)
        executor.migrate([("advice", "0003_overdue_from")])
        assert stored(triaged) == date(2026, 4, 28)
    finally:  # the later migrations back, for the tests that follow
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


# --- the queue and the reminders -----------------------------------------------------------


@pytest.fixture
def many(ask, requester, outsider, advisor):
    """Requests of every state, of several ages: some late by one clock or the other whatever
    today's date, some never, the rest as the calendar falls."""
    made = []
    for number, (days, moves) in enumerate(
        [
            (0, []),
            (3, []),
            (9, []),
            (40, []),  # past the first response target
            (9, ["triaged"]),
            (50, ["triaged", "in_progress"]),  # past the advice target
            (50, ["triaged", "awaiting_bd"]),  # paused since: never late
            (50, ["triaged", "advised"]),
            (50, ["closed"]),
            (18, ["triaged"]),
        ]
    ):
        request = ask(requester if number % 2 else outsider, title=f"Request {number}")
        for move in moves:
            if move == "triaged":
                services.triage(request=request, by=advisor, advisor=advisor)
            else:
                services.change_status(request=request, to=move, by=advisor)
        age(request, days)
        made.append(AdviceRequest.objects.get(pk=request.pk))
    return made


def computed_overdue(requests):
    return {
        r.pk
        for r in AdviceRequest.objects.filter(pk__in=[r.pk for r in requests]).prefetch_related(
            "status_changes"
        )
        if timing(r).overdue
    }


def every_row(client, query=""):
    """The queue's first page, and its rows over all its pages."""
    url = reverse("advice:queue")
    first = client.get(f"{url}?{query}").context["queue"]
    rows = []
    for number in range(1, first.page.paginator.num_pages + 1):
        params = "&".join(filter(None, [query, f"page={number}"]))
        rows += client.get(f"{url}?{params}").context["queue"].rows
    return first, rows


@pytest.mark.django_db
@override_settings(AIPLUS_PAGE_SIZE=3)
def test_the_overdue_filter_counts_and_order_match_the_clocks(many, advisor):
    late = computed_overdue(many)
    assert {many[3].pk, many[5].pk} <= late
    assert not late & {many[0].pk, many[1].pk, many[6].pk, many[7].pk, many[8].pk}
    client = Client()
    client.force_login(advisor)

    queue, rows = every_row(client)
    open_ones = {r.pk for r in many if r.status != Status.CLOSED}
    assert {row.request.pk for row in rows} == open_ones
    assert queue.page.paginator.count == len(open_ones) == len(rows)
    assert queue.lateness[1].count == len(late)
    # Late ones first (oldest first within), and each row's highlight is the computed clock.
    flags = [row.timing.overdue for row in rows]
    assert flags == sorted(flags, reverse=True)
    assert {row.request.pk for row in rows if row.timing.overdue} == late
    submitted = [row.request.submitted_at for row in rows if row.timing.overdue]
    assert submitted == sorted(submitted)

    overdue_queue, overdue_rows = every_row(client, "overdue=1")
    assert {row.request.pk for row in overdue_rows} == late
    assert overdue_queue.page.paginator.count == len(late)
    counts = {option.value: option.count for option in overdue_queue.statuses}
    for status in Status.values:
        assert counts[status] == sum(1 for r in many if r.pk in late and r.status == status)
    assert counts[""] == len(late)

    mine = {row.request.pk for row in every_row(client, "overdue=1&assigned=me")[1]}
    assert mine == {r.pk for r in many if r.pk in late and r.assigned_to_id == advisor.pk}
    assert overdue_queue.assignment[1].count == len(mine)

    page = client.get(reverse("advice:queue") + "?overdue=1").content.decode()
    assert f"{len(late)} requests" in page


@pytest.mark.django_db
def test_reminders_go_to_the_requests_the_clocks_say_are_late(many):
    from aiplus.notifications.models import Notification

    late = computed_overdue(many)
    assert services.remind_overdue() == len(late)
    reminded = AdviceRequest.objects.filter(reminded_on=timezone.localdate())
    assert set(reminded.values_list("pk", flat=True)) == late
    assert Notification.objects.filter(kind="advice.overdue").count() >= len(late)
    assert services.remind_overdue() == 0


@pytest.mark.django_db
def test_administrators_record_closure_days_in_the_admin_and_advisors_cannot(
    client, make_user, advisor
):
    from aiplus.accounts.roles import Role
    from aiplus.advice.models import ClosureDay

    url = "/admin/snippets/advice/closureday/"
    client.force_login(advisor)
    assert client.get(url).status_code in (302, 403)
    client.force_login(make_user(Role.ADMINISTRATOR))
    assert client.get(url).status_code == 200
    response = client.post(url + "add/", {"day": "2026-09-15", "reason": "Typhoon Signal No. 8"})
    assert response.status_code == 302
    assert ClosureDay.objects.get().reason == "Typhoon Signal No. 8"
